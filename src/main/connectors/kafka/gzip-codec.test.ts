import { randomBytes } from 'node:crypto'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { batchChunkSize, inflateBatch, SYNC_INFLATE_MAX_BYTES } from './gzip-codec'

/** JSON-like text that gzip shrinks about as much as Debezium's envelopes. */
function envelopes(n: number): Buffer {
  return Buffer.from(
    Array.from(
      { length: n },
      (_, i) => `{"before":null,"after":{"CustomerId":${i},"Email":"c${i}@example.com"},"op":"c"}`,
    ).join(''),
  )
}

describe('inflateBatch (the gzip codec Sightline registers with kafkajs)', () => {
  it('inflates an ordinary batch, here, to the very bytes', async () => {
    const raw = envelopes(2000)
    const gz = zlib.gzipSync(raw)
    expect(gz.length).toBeLessThanOrEqual(SYNC_INFLATE_MAX_BYTES)
    expect((await inflateBatch(gz)).equals(raw)).toBe(true)
  })

  it("sizes zlib's output to the batch from the gzip trailer, so nothing larger stays allocated", async () => {
    const raw = envelopes(2000)
    const gz = zlib.gzipSync(raw)
    expect(batchChunkSize(gz)).toBe(raw.length + 64)
    const out = await inflateBatch(gz)
    expect(out.buffer.byteLength).toBeLessThanOrEqual(raw.length + 64)
    // Two members (no producer writes this, but gzip allows it): the trailer speaks for the
    // last only, zlib takes more chunks, and the bytes are still all there.
    const first = envelopes(3000)
    const second = envelopes(10)
    const twice = Buffer.concat([zlib.gzipSync(first), zlib.gzipSync(second)])
    expect(batchChunkSize(twice)).toBe(second.length + 64)
    expect((await inflateBatch(twice)).equals(Buffer.concat([first, second]))).toBe(true)
    // Not gzip at all: a size from the compressed length, and zlib's own error.
    expect(batchChunkSize(Buffer.from('not gzip, not even close to it'))).toBeGreaterThan(0)
  })

  it('inflates a batch too big for the event loop on the thread pool, to the very bytes', async () => {
    // Random bytes do not compress: the batch is over the synchronous bound.
    const raw = Buffer.concat([randomBytes(SYNC_INFLATE_MAX_BYTES + 1024), envelopes(5000)])
    const gz = zlib.gzipSync(raw)
    expect(gz.length).toBeGreaterThan(SYNC_INFLATE_MAX_BYTES)
    expect((await inflateBatch(gz)).equals(raw)).toBe(true)
  })

  it("rejects a corrupt batch with zlib's error rather than throwing synchronously", async () => {
    const gz = zlib.gzipSync(envelopes(100))
    gz[gz.length - 6] = gz[gz.length - 6]! ^ 0xff // the CRC
    const inflating = inflateBatch(gz)
    expect(inflating).toBeInstanceOf(Promise)
    await expect(inflating).rejects.toThrow()
  })
})

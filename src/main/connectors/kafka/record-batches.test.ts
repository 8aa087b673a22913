import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { FetchedBatches, KEEP_MS } from './fetched-batches'
import { installGzipCodec } from './gzip-codec'
import type { RawRecord } from './kafka-client'
import { decodeFetchV11 } from './lazy-fetch'
import { readVarint, splitRecordSet } from './record-batches'

/**
 * Batches are written by kafkajs' own RecordBatch encoder (what a producer sends and a broker
 * stores) and read back both by kafkajs' decoder and lazily; the records asked must be the same.
 * Against a real broker: the lookup's integration tests (lookup-kafka.test.ts and the executor's).
 */
const require = createRequire(import.meta.url)
type Encoded = { buffer: Buffer }
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (args: Record<string, unknown>) => Promise<Encoded>
}
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (
  args: Record<string, unknown>,
) => unknown
const Decoder = require('kafkajs/src/protocol/decoder.js') as new (b: Buffer) => unknown
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder.js') as (
  d: unknown,
) => Promise<{ records: RawRecord[] }>
const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => {
  writeInt16(n: number): unknown
  writeInt32(n: number): unknown
  writeInt64(n: number | string): unknown
  writeString(s: string): unknown
  writeArray(items: unknown[]): unknown
  writeBytes(b: Buffer): unknown
  writeEncoder(e: unknown): unknown
  buffer: Buffer
}

installGzipCodec()

const GZIP = 1
const BASE_TS = 1_700_000_000_000

/** A batch at `base` holding the records at the given offset deltas (gaps: compacted out). */
async function batch(base: number, deltas: number[], compression = 0): Promise<Buffer> {
  const records = deltas.map((d) =>
    Record({
      offsetDelta: d,
      timestampDelta: d * 7,
      key: d % 5 === 0 ? null : Buffer.from(JSON.stringify({ id: base + d })),
      value:
        d % 11 === 10
          ? null
          : Buffer.from(JSON.stringify({ after: { id: base + d, email: `p${d}@example.com` } })),
      headers:
        d === 3 ? { trace: Buffer.from('a'), hop: [Buffer.from('x'), Buffer.from('y')] } : {},
    }),
  )
  const encoded = await RecordBatch({
    compression,
    firstOffset: String(base),
    firstTimestamp: BASE_TS,
    maxTimestamp: BASE_TS + 1000,
    lastOffsetDelta: Math.max(...deltas),
    records,
  })
  return encoded.buffer
}

/** kafkajs' reading of every record of a record set (the reference). */
async function kafkajsRecords(set: Buffer): Promise<Map<string, RawRecord>> {
  const decoder = new Decoder(set) as { canReadBytes(n: number): boolean }
  const out = new Map<string, RawRecord>()
  while (decoder.canReadBytes(61))
    for (const r of (await decodeBatch(decoder)).records) out.set(r.offset, r)
  return out
}

const pick = (r: RawRecord) => ({
  offset: r.offset,
  key: r.key?.toString() ?? null,
  value: r.value?.toString() ?? null,
  timestamp: r.timestamp,
  headers: JSON.stringify(r.headers ?? {}),
})

describe('lazy record batches', () => {
  const deltas = Array.from({ length: 60 }, (_, i) => i).filter((d) => d % 9 !== 4)

  it('splits a record set into batches and builds exactly the asked records, as kafkajs reads them', async () => {
    const set = Buffer.concat([await batch(100, deltas, GZIP), await batch(200, [0, 1, 2, 3])])
    const batches = splitRecordSet(set)!
    expect(batches.map((b) => [b.baseOffset, b.lastOffset])).toEqual([
      [100n, 159n],
      [200n, 203n],
    ])
    const reference = await kafkajsRecords(set)
    const asked = [100n, 103n, 110n, 121n, 159n]
    const got = await batches[0]!.recordsAt(new Set(asked))
    expect(got.map(pick)).toEqual(asked.map((o) => pick(reference.get(String(o))!)))
    expect(got.map((r) => r.offset)).toEqual(['100', '103', '110', '121', '159'])
    const plain = await batches[1]!.recordsAt(new Set([202n]))
    expect(plain.map(pick)).toEqual([pick(reference.get('202')!)])
  })

  it('returns nothing for an offset compacted out of its batch', async () => {
    const [b] = splitRecordSet(await batch(100, deltas, GZIP))!
    expect(await b!.recordsAt(new Set([104n, 113n]))).toEqual([])
  })

  it('inflates a batch only when asked, and counts its bytes once', async () => {
    const [b] = splitRecordSet(await batch(100, deltas, GZIP))!
    expect(b!.takeDecodedBytes()).toBe(0)
    const storedOnly = b!.heldBytes
    await b!.recordsAt(new Set([100n]))
    const decoded = b!.takeDecodedBytes()
    expect(decoded).toBeGreaterThan(storedOnly)
    expect(b!.takeDecodedBytes()).toBe(0)
    await b!.recordsAt(new Set([101n]))
    expect(b!.takeDecodedBytes()).toBe(0)
    expect(b!.heldBytes).toBe(storedOnly + decoded)
  })

  it('a kept batch counts what it is inflated to in the budget, a dropped one no more', async () => {
    let now = 0
    const kept = new FetchedBatches(() => now, KEEP_MS, 10_000_000)
    const [a] = splitRecordSet(await batch(100, deltas, GZIP))!
    const [b] = splitRecordSet(await batch(200, deltas, GZIP))!
    kept.keep('t', 0, [a!])
    expect(kept.keptBytes).toBe(a!.heldBytes)
    await a!.recordsAt(new Set([100n]))
    expect(kept.keptBytes).toBe(a!.heldBytes)
    expect(a!.heldBytes).toBeGreaterThan(a!.takeDecodedBytes())
    now += 1
    kept.keep('t', 0, [b!])
    now += KEEP_MS
    kept.keep('t', 1, [])
    const [c] = splitRecordSet(await batch(300, [0], GZIP))!
    kept.keep('t', 2, [c!])
    // a and b are past KEEP_MS and forgotten; inflating b now adds nothing.
    await b!.recordsAt(new Set([200n]))
    expect(kept.keptBytes).toBe(c!.heldBytes)
  })

  it('leaves out a batch cut off at the end of the answer, as kafkajs does', async () => {
    const whole = await batch(100, [0, 1, 2])
    const cut = (await batch(103, [0, 1, 2])).subarray(0, 70)
    expect(splitRecordSet(Buffer.concat([whole, cut]))!.map((b) => b.baseOffset)).toEqual([100n])
    expect(splitRecordSet(Buffer.alloc(0))).toEqual([])
  })

  it('hands an old message format back to kafkajs, and refuses codecs it cannot inflate', async () => {
    const old = Buffer.from(await batch(100, [0, 1]))
    old.writeInt8(1, 16)
    expect(splitRecordSet(old)).toBeUndefined()
    const snappy = Buffer.from(await batch(100, [0, 1]))
    snappy.writeInt16BE(2, 21)
    const [b] = splitRecordSet(snappy)!
    await expect(b!.recordsAt(new Set([100n]))).rejects.toMatchObject({
      code: 'unsupported',
      details: { reason: 'unsupported-compression', codec: 'snappy' },
    })
  })

  it('marks the records of a control batch', async () => {
    const control = Buffer.from(await batch(300, [0]))
    control.writeInt16BE(0x20, 21)
    const [b] = splitRecordSet(control)!
    expect(b!.control).toBe(true)
    expect((await b!.recordsAt(new Set([300n])))[0]?.isControlRecord).toBe(true)
  })

  it('reads zig-zag varints, negative and past 32 bits', () => {
    const cursor = { at: 0 }
    // Kafka writes -1 as 0x01, 1 as 0x02, 2^32 - 1 as fe ff ff ff 1f and 2^32 as 80 80 80 80 20
    const bytes = Buffer.from([
      0x01, 0x02, 0xfe, 0xff, 0xff, 0xff, 0x1f, 0x80, 0x80, 0x80, 0x80, 0x20,
    ])
    expect([readVarint(bytes, cursor), readVarint(bytes, cursor)]).toEqual([-1, 1])
    expect(readVarint(bytes, cursor)).toBe(2 ** 32 - 1)
    expect(readVarint(bytes, cursor)).toBe(2 ** 32)
    expect(() => readVarint(Buffer.from([0x80]), { at: 0 })).toThrow(/truncated/)
  })
})

describe('decodeFetchV11', () => {
  it("reads a Fetch v11 answer's partitions, leaving their record sets as batches", async () => {
    const records = Buffer.concat([await batch(40, [0, 1, 2], GZIP), await batch(43, [0, 1])])
    const partition = (p: number, error: number, set: Buffer | null) => {
      const e = new Encoder()
      e.writeInt32(p)
      e.writeInt16(error)
      e.writeInt64('45')
      e.writeInt64('45')
      e.writeInt64('0')
      e.writeArray([])
      e.writeInt32(-1)
      if (set) e.writeBytes(set)
      else e.writeInt32(-1)
      return e
    }
    const topic = new Encoder()
    topic.writeString('crm.dbo.Customer')
    topic.writeArray([partition(3, 0, records), partition(4, 1, null)])
    const answer = new Encoder()
    answer.writeInt32(0)
    answer.writeInt16(0)
    answer.writeInt32(0)
    answer.writeArray([topic])
    const decoded = decodeFetchV11(answer.buffer)
    expect(decoded.errorCode).toBe(0)
    const [t] = decoded.topics
    expect(t?.topic).toBe('crm.dbo.Customer')
    expect(t?.partitions.map((p) => [p.partition, p.errorCode, p.highWatermark])).toEqual([
      [3, 0, 45n],
      [4, 1, 45n],
    ])
    expect(t?.partitions[0]?.batches?.map((b) => [b.baseOffset, b.lastOffset])).toEqual([
      [40n, 42n],
      [43n, 44n],
    ])
    expect(t?.partitions[1]?.batches).toEqual([])
    const [r] = await t!.partitions[0]!.batches![1]!.recordsAt(new Set([44n]))
    expect(JSON.parse(r!.value!.toString())).toEqual({
      after: { id: 44, email: 'p1@example.com' },
    })
  })
})

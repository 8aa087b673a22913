import { promisify } from 'node:util'
import zlib from 'node:zlib'
import kafkajs from 'kafkajs'

/**
 * Sightline's gzip codec for kafkajs (registered through kafkajs' documented CompressionCodecs,
 * as one does for snappy or lz4). kafkajs' own inflates a batch with `zlib.unzip` at its default
 * 16 KiB output chunk: one hop to libuv's thread pool, one callback and one buffer copy per
 * 16 KiB of output, so a batch of Debezium's JSON envelopes (~30-230 KB inflated at bench scale)
 * took up to ~15 hops (issue 7; history/lookup-speed-lazy-batches-stop11.md, part 1).
 *
 * Here the output chunk is sized to the batch, and a batch of ordinary size is inflated on the
 * calling thread: for a 16-25 KB batch that is ~0.25 ms of CPU, where a thread-pool hop costs
 * about twice the CPU (the copy, the callbacks, waking a thread) and, on 2 cores shared with the
 * servers, milliseconds of latency waiting for that thread and then for the main thread again
 * (history/lookup-speed-sync-inflate-stop12.md: kafkajs' one-Fetch read of 64 KiB, p50 12 ms ->
 * 4-5 ms). Only a batch too big to inflate without holding the event loop goes to the pool.
 */

const unzip = promisify(zlib.unzip)
const gzip = promisify(zlib.gzip)

const MIN_CHUNK = 64 * 1024
const MAX_CHUNK = 8 * 1024 * 1024
/** Inflated bytes per compressed byte the first chunk allows for (more than JSON inflates to). */
const EXPECTED_RATIO = 64
/**
 * Compressed batches up to this size inflate synchronously: JSON inflates ~10x, so at most
 * ~1.3 MB of output, ~1-2 ms. Kafka Connect's producers batch 16 KiB by default.
 */
export const SYNC_INFLATE_MAX_BYTES = 128 * 1024

/** The output chunk to inflate `compressedBytes` with: one chunk for most batches. */
export function inflateChunkSize(compressedBytes: number): number {
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, compressedBytes * EXPECTED_RATIO))
}

const codec = {
  async compress(encoder: { buffer: Buffer }): Promise<Buffer> {
    return gzip(encoder.buffer)
  },
  async decompress(buffer: Buffer): Promise<Buffer> {
    return inflateBatch(buffer)
  },
}

/**
 * The output chunk for one batch: its inflated size as the gzip trailer gives it (ISIZE, exact
 * for the one-member streams Kafka producers write), plus zlib's 64-byte minimum so that zlib
 * sees the end of the stream without asking for a second chunk. The inflated buffer is then the
 * chunk itself: a larger chunk would stay allocated behind the slice zlib returns for as long as
 * the batch is kept (fetched-batches.ts). Without a plausible trailer, a size from the
 * compressed length (several chunks if short; still correct, as for a multi-member stream).
 */
export function batchChunkSize(compressed: Buffer): number {
  const n = compressed.length
  if (n >= 18 && compressed[0] === 0x1f && compressed[1] === 0x8b) {
    const inflated = compressed.readUInt32LE(n - 4)
    if (inflated > 0 && inflated <= MAX_CHUNK) return inflated + 64
  }
  return inflateChunkSize(n)
}

/** Inflates a gzip batch's records: here if it is of ordinary size, else on the thread pool. */
export async function inflateBatch(compressed: Buffer): Promise<Buffer> {
  const chunkSize = batchChunkSize(compressed)
  if (compressed.length <= SYNC_INFLATE_MAX_BYTES) return zlib.unzipSync(compressed, { chunkSize })
  return unzip(compressed, { chunkSize })
}

/** Registers the codec with kafkajs (process-wide; idempotent). */
export function installGzipCodec(): void {
  kafkajs.CompressionCodecs[kafkajs.CompressionTypes.GZIP] = () => codec
}

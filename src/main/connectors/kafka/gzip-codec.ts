import { promisify } from 'node:util'
import zlib from 'node:zlib'
import kafkajs from 'kafkajs'

/**
 * kafkajs' own gzip codec inflates a batch with `zlib.unzip` at its default 16 KiB chunk: one
 * hop to libuv's thread pool, one callback and one buffer copy per 16 KiB of output, so a batch
 * of Debezium's JSON envelopes (~30-230 KB inflated at bench scale) took up to ~15 hops (issue
 * 7, speed; bench/results/history/lookup-speed-lazy-batches-stop11.md, part 1). This codec asks
 * for an output chunk sized to the batch (a generous multiple of its compressed size, within
 * bounds), so a batch inflates in one or two hops, still off the main thread. kafkajs documents
 * replacing a codec this way (CompressionCodecs, as for snappy or lz4).
 */

const unzip = promisify(zlib.unzip)
const gzip = promisify(zlib.gzip)

const MIN_CHUNK = 64 * 1024
const MAX_CHUNK = 8 * 1024 * 1024
/** Inflated bytes per compressed byte the first chunk allows for (more than JSON inflates to). */
const EXPECTED_RATIO = 64

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

/** Inflates a gzip batch's records off the main thread, in one or two output chunks. */
export function inflateBatch(compressed: Buffer): Promise<Buffer> {
  return unzip(compressed, { chunkSize: inflateChunkSize(compressed.length) })
}

/** Registers the codec with kafkajs (process-wide; idempotent). */
export function installGzipCodec(): void {
  kafkajs.CompressionCodecs[kafkajs.CompressionTypes.GZIP] = () => codec
}

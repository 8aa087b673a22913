import { ApiError } from '../../../shared/api'
import { inflateBatch } from './gzip-codec'
import type { RawRecord } from './kafka-client'

/**
 * Kafka record batches (message format v2) read lazily, for the lookup's reads of single offsets
 * (issue 7, speed). A Fetch answers with whole batches: at bench scale a 64 KiB answer holds
 * several 16 KiB gzip batches of Debezium envelopes (each ~30-230 KB inflated, ~0.9 MB in all).
 * kafkajs inflates every batch of the answer and builds every record (Long offsets, Buffer slices,
 * headers) for the one record a lookup wants. Here an answer is split into batch headers only; a
 * batch is inflated when an offset inside it is asked for, and only the asked records are built
 * (the others are stepped over by their length).
 *
 * Layout (https://kafka.apache.org/documentation/#recordbatch): baseOffset int64, batchLength
 * int32, partitionLeaderEpoch int32, magic int8, crc uint32, attributes int16, lastOffsetDelta
 * int32, baseTimestamp int64, maxTimestamp int64, producerId int64, producerEpoch int16,
 * baseSequence int32, records count int32, then the records (compressed as attributes say).
 */

const HEADER_BYTES = 61
/** Bytes before `batchLength` counts: baseOffset and batchLength themselves. */
const LOG_OVERHEAD = 12
const MAGIC_AT = 16
const ATTRIBUTES_AT = 21
const LAST_OFFSET_DELTA_AT = 23
const BASE_TIMESTAMP_AT = 27
const MAX_TIMESTAMP_AT = 35
const COMPRESSION_MASK = 0x07
const LOG_APPEND_TIME_FLAG = 0x08
const CONTROL_FLAG = 0x20

const CODEC_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd']

/** Records of one partition between two offsets, as a Fetch answered them. */
export interface OffsetBatch {
  readonly baseOffset: bigint
  readonly lastOffset: bigint
  /** The records at `offsets` the batch still holds, control records marked. */
  recordsAt(offsets: ReadonlySet<bigint>): Promise<RawRecord[]>
  /** Record bytes decoded and not taken yet: each decoded byte is counted once, by one read. */
  takeDecodedBytes(): number
  /** Bytes the batch keeps in memory. */
  readonly heldBytes: number
  /** Told of bytes the batch comes to hold later (when it is inflated), once. */
  onGrowth(listener: (bytes: number) => void): void
}

/** Key + value bytes of records as the broker returned them (whole batches, before filtering). */
export function recordBytes(records: readonly RawRecord[]): number {
  let n = 0
  for (const r of records) n += (r.key?.length ?? 0) + (r.value?.length ?? 0)
  return n
}

/**
 * Records kafkajs has decoded already (its own fetch: old brokers and test stand-ins). Their bytes
 * are counted by the fetch that brought them, so none are left to take.
 */
export class DecodedBatch implements OffsetBatch {
  readonly baseOffset: bigint
  readonly lastOffset: bigint
  readonly heldBytes: number

  constructor(private readonly records: readonly RawRecord[]) {
    let first = records.length > 0 ? BigInt(records[0]!.offset) : 0n
    let last = first
    for (const r of records) {
      const o = BigInt(r.offset)
      if (o < first) first = o
      if (o > last) last = o
    }
    this.baseOffset = first
    this.lastOffset = last
    this.heldBytes = recordBytes(records)
  }

  async recordsAt(offsets: ReadonlySet<bigint>): Promise<RawRecord[]> {
    return this.records.filter((r) => offsets.has(BigInt(r.offset)))
  }

  takeDecodedBytes(): number {
    return 0
  }

  onGrowth(): void {
    // Decoded when fetched: it never grows.
  }
}

/** One batch of an answer, its records not decoded until asked. */
export class LazyBatch implements OffsetBatch {
  private inflated?: Promise<Buffer>
  private decodedBytes = 0
  private takenBytes = 0
  private readonly growthListeners: Array<(bytes: number) => void> = []

  constructor(
    readonly baseOffset: bigint,
    readonly lastOffset: bigint,
    readonly control: boolean,
    private readonly attributes: number,
    private readonly baseTimestamp: bigint,
    private readonly maxTimestamp: bigint,
    /** The records as stored (compressed when attributes say so). */
    private readonly stored: Buffer,
  ) {}

  get compression(): number {
    return this.attributes & COMPRESSION_MASK
  }

  takeDecodedBytes(): number {
    const n = this.decodedBytes - this.takenBytes
    this.takenBytes = this.decodedBytes
    return n
  }

  /** The batch as stored, plus what it was inflated to once an offset in it was asked. */
  get heldBytes(): number {
    return this.stored.length + this.inflatedBytes()
  }

  onGrowth(listener: (bytes: number) => void): void {
    this.growthListeners.push(listener)
  }

  private inflatedBytes(): number {
    return this.compression === 0 ? 0 : this.decodedBytes
  }

  /**
   * The records at `offsets` that the batch still holds (compaction may have removed some), in
   * offset order. Control records are returned marked, as kafkajs marks them.
   */
  async recordsAt(offsets: ReadonlySet<bigint>): Promise<RawRecord[]> {
    const records = await this.records()
    const out: RawRecord[] = []
    const cursor = { at: 0 }
    while (cursor.at < records.length) {
      const length = readVarint(records, cursor)
      const end = cursor.at + length
      if (length < 0 || end > records.length)
        throw new ApiError('unreachable', 'Kafka returned a malformed record batch.', {
          reason: 'malformed-batch',
        })
      // attributes (int8, unused), timestampDelta (varlong), offsetDelta (varint)
      cursor.at += 1
      const timestampDelta = readVarint(records, cursor)
      const offset = this.baseOffset + BigInt(readVarint(records, cursor))
      if (offsets.has(offset)) out.push(this.recordAt(records, cursor, offset, timestampDelta))
      cursor.at = end
    }
    return out
  }

  private records(): Promise<Buffer> {
    this.inflated ??= this.inflate().then((b) => {
      this.decodedBytes = b.length
      const grown = this.inflatedBytes()
      if (grown > 0) for (const listener of this.growthListeners.splice(0)) listener(grown)
      return b
    })
    return this.inflated
  }

  private async inflate(): Promise<Buffer> {
    const codec = this.compression
    if (codec === 0) return this.stored
    if (codec === 1) return inflateBatch(this.stored)
    throw new ApiError(
      'unsupported',
      `A Kafka record batch is compressed with ${CODEC_NAMES[codec] ?? `codec ${codec}`}, which Sightline cannot read yet (gzip and uncompressed batches only).`,
      { reason: 'unsupported-compression', codec: CODEC_NAMES[codec] ?? String(codec) },
    )
  }

  /** Builds the record whose key follows `cursor` (its offset and timestamp already read). */
  private recordAt(
    records: Buffer,
    cursor: { at: number },
    offset: bigint,
    timestampDelta: number,
  ): RawRecord {
    const key = readBytes(records, cursor)
    const value = readBytes(records, cursor)
    const headerCount = readVarint(records, cursor)
    const headers: Record<string, Buffer | Buffer[]> = {}
    for (let i = 0; i < headerCount; i++) {
      const name = readBytes(records, cursor)?.toString('utf8') ?? ''
      const v = readBytes(records, cursor) ?? Buffer.alloc(0)
      const had = headers[name]
      headers[name] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]
    }
    const logAppendTime = (this.attributes & LOG_APPEND_TIME_FLAG) !== 0
    const timestamp = logAppendTime
      ? this.maxTimestamp
      : this.baseTimestamp + BigInt(timestampDelta)
    return {
      offset: offset.toString(),
      key,
      value,
      timestamp: timestamp.toString(),
      headers,
      ...(this.control ? { isControlRecord: true } : {}),
    }
  }
}

/**
 * The batches of one partition's record set, headers only. A batch cut off at the end of the
 * answer (the broker fills maxBytes with whole batches but may end with a partial one) is left
 * out, as kafkajs leaves it out. Undefined for a record set in the old message formats (magic 0
 * or 1), which the caller reads through kafkajs instead.
 */
export function splitRecordSet(recordSet: Buffer): LazyBatch[] | undefined {
  const batches: LazyBatch[] = []
  let at = 0
  while (recordSet.length - at >= HEADER_BYTES) {
    const length = recordSet.readInt32BE(at + 8)
    const end = at + LOG_OVERHEAD + length
    if (end > recordSet.length) break
    if (recordSet.readInt8(at + MAGIC_AT) !== 2) return undefined
    const baseOffset = recordSet.readBigInt64BE(at)
    const attributes = recordSet.readInt16BE(at + ATTRIBUTES_AT)
    batches.push(
      new LazyBatch(
        baseOffset,
        baseOffset + BigInt(recordSet.readInt32BE(at + LAST_OFFSET_DELTA_AT)),
        (attributes & CONTROL_FLAG) !== 0,
        attributes,
        recordSet.readBigInt64BE(at + BASE_TIMESTAMP_AT),
        recordSet.readBigInt64BE(at + MAX_TIMESTAMP_AT),
        recordSet.subarray(at + HEADER_BYTES, end),
      ),
    )
    at = end
  }
  return batches
}

/** A zig-zag varint (Kafka's varint and varlong; deltas within a batch fit a double exactly). */
export function readVarint(buffer: Buffer, cursor: { at: number }): number {
  let value = 0
  let scale = 1
  for (;;) {
    if (cursor.at >= buffer.length)
      throw new ApiError('unreachable', 'Kafka returned a truncated record.', {
        reason: 'malformed-batch',
      })
    const byte = buffer[cursor.at++]!
    value += (byte & 0x7f) * scale
    if ((byte & 0x80) === 0) break
    scale *= 128
  }
  // zig-zag: even -> value / 2, odd -> -(value + 1) / 2
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2
}

/** A varint-length byte string; null for length -1. */
function readBytes(buffer: Buffer, cursor: { at: number }): Buffer | null {
  const length = readVarint(buffer, cursor)
  if (length < 0) return null
  const bytes = buffer.subarray(cursor.at, cursor.at + length)
  cursor.at += length
  return bytes
}

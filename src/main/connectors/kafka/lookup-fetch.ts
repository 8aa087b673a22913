import { ApiError } from '../../../shared/api'
import type { RawBroker, RawCluster, RawMetadata, RawRecord } from './kafka-client'
import { canFetchLazily, lazyFetch } from './lazy-fetch'
import { DecodedBatch, recordBytes, type OffsetBatch } from './record-batches'
import type { Abortable } from './abortable'
import type { PartitionOffsets } from './sample-messages'
import type { FetchedBatches } from './fetched-batches'

/**
 * Bounded reads for the customer lookup and its index (issue 7 item 4), with raw Fetch requests
 * like the crawl's sampler: no consumer group, nothing committed, so looking someone up leaves
 * no trace on the cluster. Every read has an end: a partition's high watermark as it was when the
 * read began, or an explicit list of offsets.
 */

export { abortableBy, type Abortable } from './abortable'

/** Leaders and low/high watermarks of every partition of `topics` (one metadata request). */
export async function topicPartitions(
  cluster: RawCluster,
  topics: readonly string[],
  abortable: Abortable,
): Promise<PartitionOffsets[]> {
  const { partitions, missing } = await knownTopicPartitions(cluster, topics, abortable)
  if (missing.length > 0)
    throw new ApiError(
      'not-found',
      `Kafka has no topic ${missing.map((t) => `"${t}"`).join(', ')}.`,
      { reason: 'no-topic', topics: missing },
    )
  return partitions
}

/** As topicPartitions, but topics Kafka does not have are returned apart instead of failing. */
export async function knownTopicPartitions(
  cluster: RawCluster,
  topics: readonly string[],
  abortable: Abortable,
): Promise<{ partitions: PartitionOffsets[]; missing: string[] }> {
  const metadata = await abortable(cluster.metadata({ topics: [...topics] }))
  const { known, missing } = knownTopics(metadata, topics)
  const partitions = known.length > 0 ? await watermarks(cluster, known, abortable) : []
  return { partitions, missing }
}

/** The topics of a metadata answer that Kafka has (with partitions), and those it has not. */
export function knownTopics(
  metadata: RawMetadata,
  topics: readonly string[],
): { known: RawMetadata['topicMetadata']; missing: string[] } {
  const known = metadata.topicMetadata.filter(
    (t) => topics.includes(t.topic) && !t.topicErrorCode && t.partitionMetadata.length > 0,
  )
  return { known, missing: topics.filter((t) => !known.some((k) => k.topic === t)) }
}

/** kafkajs' ListOffsets timestamps: the earliest and the latest offset. */
const EARLIEST = -2
const LATEST = -1

/**
 * Low and high watermarks of the partitions in `metadata`, one ListOffsets per leader and end.
 * The leaders come from THIS request's metadata, never from kafkajs' cached metadata: the
 * cluster keeps one cache per client and replaces it with the topics of each metadata request,
 * so with lookups running at once on one connector (issue 7 item 3) `fetchTopicsOffset` planned
 * one topic's ListOffsets from another topic's metadata and silently asked for no partition of
 * it ("Topic X has no partition 1"). Only brokers (by node id, a cache kafkajs never shrinks on
 * refresh) are taken from the client.
 */
export async function watermarks(
  cluster: RawCluster,
  metadata: RawMetadata['topicMetadata'],
  abortable: Abortable,
): Promise<PartitionOffsets[]> {
  const byLeader = new Map<number, Map<string, number[]>>()
  for (const t of metadata)
    for (const p of t.partitionMetadata) {
      const topics = byLeader.get(p.leader) ?? new Map<string, number[]>()
      topics.set(t.topic, [...(topics.get(t.topic) ?? []), p.partitionId])
      byLeader.set(p.leader, topics)
    }
  const key = (t: string, p: number) => `${t}\u0000${p}`
  const low = new Map<string, bigint>()
  const high = new Map<string, bigint>()
  const ask = async (leader: number, topics: Map<string, number[]>, timestamp: number) => {
    const broker = await abortable(cluster.findBroker({ nodeId: String(leader) }))
    if (!broker.listOffsets)
      throw new Error('kafkajs internals changed: Broker.listOffsets is missing')
    const answer = await abortable(
      broker.listOffsets({
        replicaId: -1,
        isolationLevel: 0,
        topics: [...topics].map(([topic, partitions]) => ({
          topic,
          partitions: partitions.map((partition) => ({ partition, timestamp })),
        })),
      }),
    )
    for (const t of answer.responses)
      for (const p of t.partitions) {
        if (p.errorCode !== 0)
          throw new ApiError(
            'unreachable',
            `Kafka could not list the offsets of a partition of "${t.topic}" (error code ${p.errorCode}).`,
            { reason: 'list-offsets-error', errorCode: p.errorCode },
          )
        ;(timestamp === EARLIEST ? low : high).set(key(t.topic, p.partition), BigInt(p.offset))
      }
  }
  await Promise.all(
    [...byLeader].flatMap(([leader, topics]) => [
      ask(leader, topics, EARLIEST),
      ask(leader, topics, LATEST),
    ]),
  )
  const out: PartitionOffsets[] = []
  for (const t of metadata)
    for (const p of [...t.partitionMetadata].sort((a, b) => a.partitionId - b.partitionId)) {
      const k = key(t.topic, p.partitionId)
      out.push({
        topic: t.topic,
        partition: p.partitionId,
        leader: p.leader,
        low: low.get(k) ?? 0n,
        high: high.get(k) ?? 0n,
      })
    }
  return out
}

/** Consecutive compacted offsets stepped over one Fetch each before a range read gives up. */
const MAX_EMPTY_STEPS = 1_000

export interface RangeChunk {
  /** Data records of [from, to) in this response (control records dropped). */
  records: RawRecord[]
  /** Bytes the response carried (see recordBytes). */
  bytes: number
  /** Every offset before this one has been read. */
  next: bigint
}

export interface RangeOptions {
  abortable: Abortable
  /** Answers kept across a pooled connector's reads (fetched-batches.ts; fetchOffsets only). */
  batches?: FetchedBatches
  /** Bytes asked per Fetch (the broker still returns a first batch that is larger). */
  maxBytes?: number
  /** Told once per Fetch sent. */
  onRequest?: () => void
  /** Bound on one Fetch's answer (the connector's timeout). */
  requestTimeoutMs?: number
}

/**
 * Reads one partition's offsets [from, to) in order, one Fetch at a time. Offsets compacted out
 * of the end of a batch are stepped over one Fetch each (kafkajs hides the batch header that
 * would say where the batch ends). Ends early (with `next < to`) only when the broker has
 * nothing more to give, or after MAX_EMPTY_STEPS such steps in a row.
 */
export async function* readPartitionRange(
  cluster: RawCluster,
  range: { topic: string; partition: number; leader: number; from: bigint; to: bigint },
  opts: RangeOptions,
): AsyncGenerator<RangeChunk> {
  let next = range.from
  let stuck = 0
  const maxBytes = opts.maxBytes ?? 1024 * 1024
  while (next < range.to) {
    const got = await fetchOnce(cluster, range, next, maxBytes, opts)
    if (got.errorCode === 1) {
      // OFFSET_OUT_OF_RANGE: retention deleted the start meanwhile; the caller re-plans.
      throw new ApiError('conflict', 'Kafka deleted the records being read (retention).', {
        reason: 'offset-out-of-range',
      })
    }
    if (got.errorCode !== 0)
      throw new ApiError('unreachable', `Kafka fetch failed with error code ${got.errorCode}.`, {
        reason: 'fetch-error',
        errorCode: got.errorCode,
      })
    const records: RawRecord[] = []
    const before = next
    for (const r of got.messages) {
      const offset = BigInt(r.offset)
      // A fetch returns whole batches: records before `next` and past `to` are not ours.
      if (offset < next || offset >= range.to) continue
      next = offset + 1n
      if (!r.isControlRecord) records.push(r)
    }
    if (next === before) {
      // Nothing at or after `next` in an answer that starts with the batch holding `next`:
      // offset `next` was compacted out of its batch, so stepping over it skips no record.
      // An empty answer means nothing more to give (a broker always returns one whole batch).
      if (got.messages.length === 0 || ++stuck > MAX_EMPTY_STEPS) {
        yield { records, bytes: recordBytes(got.messages), next }
        return
      }
      next = before + 1n
    } else stuck = 0
    yield { records, bytes: recordBytes(got.messages), next }
  }
}

/**
 * Exactly the records at `offsets` of one partition (from the lookup index). Offsets that no
 * longer exist (compacted or deleted by retention) are left out; the rest cost one Fetch per
 * run of nearby offsets, not one per offset. Of an answer's batches only those holding a wanted
 * offset are decoded (record-batches.ts); `bytes` counts the record bytes decoded.
 */
export async function fetchOffsets(
  cluster: RawCluster,
  where: { topic: string; partition: number; leader: number; low: bigint; high: bigint },
  offsets: readonly bigint[],
  opts: RangeOptions,
): Promise<{ records: RawRecord[]; bytes: number; missing: bigint[] }> {
  const pending = [...new Set(offsets)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const missing = pending.filter((o) => o < where.low || o >= where.high)
  const wanted = pending.filter((o) => o >= where.low && o < where.high)
  const records: RawRecord[] = []
  let bytes = 0
  const kept = opts.batches
  /**
   * A kept answer spanning `offset`, after any fetch of this partition on the wire settles (it
   * may bring the offset); else a fetch, started in the same step as the last look so that two
   * reads of one batch never both fetch it.
   */
  const answerFor = async (offset: bigint): Promise<BatchAnswer> => {
    for (;;) {
      const hit = kept?.covering(where.topic, where.partition, offset)
      if (hit) return { errorCode: 0, batches: hit, bytes: 0 }
      const wire = kept?.onTheWireFor(where.topic, where.partition)
      if (!wire) break
      await opts.abortable(wire)
    }
    // Kept before the wire is clear, so a read that waited for it finds the answer.
    const fetching = fetchBatchesOnce(cluster, where, offset, opts).then((got) => {
      if (got.errorCode === 0) kept?.keep(where.topic, where.partition, got.batches)
      return got
    })
    kept?.track(where.topic, where.partition, fetching)
    return fetching
  }
  while (wanted.length > 0) {
    const first = wanted[0]!
    const answer = await answerFor(first)
    bytes += answer.bytes
    if (answer.errorCode === 1) {
      missing.push(wanted.shift()!)
      continue
    }
    if (answer.errorCode !== 0)
      throw new ApiError('unreachable', `Kafka fetch failed with error code ${answer.errorCode}.`, {
        reason: 'fetch-error',
        errorCode: answer.errorCode,
      })
    let last = first
    for (const b of answer.batches) if (b.lastOffset > last) last = b.lastOffset
    // Everything up to the last offset answered was in this answer or is gone.
    const taken: bigint[] = []
    while (wanted.length > 0 && wanted[0]! <= last) taken.push(wanted.shift()!)
    const found = new Map<bigint, RawRecord>()
    for (const b of answer.batches) {
      const inBatch = new Set(taken.filter((o) => b.baseOffset <= o && o <= b.lastOffset))
      if (inBatch.size === 0) continue
      for (const r of await opts.abortable(b.recordsAt(inBatch))) found.set(BigInt(r.offset), r)
      bytes += b.takeDecodedBytes()
    }
    for (const o of taken) {
      const r = found.get(o)
      if (r && !r.isControlRecord) records.push(r)
      else missing.push(o)
    }
    if (answer.batches.length === 0 && wanted[0] === first) missing.push(wanted.shift()!)
  }
  return { records, bytes, missing }
}

/**
 * What an offset read asks of a broker that speaks Fetch v11: one byte, which since KIP-74
 * (Kafka 0.10.1) returns exactly the first batch, whole, however large. A customer's records
 * lie far apart in a partition (a snapshot row, then its changes months later), so the batches
 * after the one holding the offset were almost never wanted: with 64 KiB asked, the broker read
 * and sent ~4 batches and kafkajs concatenated them, for one. Side by side at bench scale (6
 * alternating pairs of 200 lookups): lookup p50 lower in all 6 (by 1-8 ms), p95 in 5, process
 * CPU in all 6 (bench/results/history/lookup-speed-one-batch-stop13.md).
 */
export const ONE_BATCH_BYTES = 1
/** kafkajs' own fetch (older brokers): a few batches, as before KIP-74 one byte returned none. */
const OLD_FETCH_BYTES = 64 * 1024

/** One partition's answer as batches; `bytes`: record bytes kafkajs decoded for it (its fetch). */
interface BatchAnswer {
  errorCode: number
  batches: OffsetBatch[]
  bytes: number
}

/**
 * One Fetch whose batches are decoded only where asked (lazy-fetch.ts), or kafkajs' own fetch
 * when the broker cannot be asked so (the answer then decoded whole, as one batch).
 */
async function fetchBatchesOnce(
  cluster: RawCluster,
  where: { topic: string; partition: number; leader: number },
  offset: bigint,
  opts: RangeOptions,
): Promise<BatchAnswer> {
  const lazy = await sendFetch(cluster, where, opts, async (broker) =>
    canFetchLazily(broker)
      ? lazyFetch(
          broker,
          { ...where, offset, maxBytes: opts.maxBytes ?? ONE_BATCH_BYTES },
          opts.requestTimeoutMs ?? 30_000,
        )
      : undefined,
  )
  if (lazy?.batches)
    return {
      errorCode: lazy.errorCode,
      batches: lazy.errorCode === 0 ? lazy.batches : [],
      bytes: 0,
    }
  const got = await fetchOnce(cluster, where, offset, opts.maxBytes ?? OLD_FETCH_BYTES, opts)
  return {
    errorCode: got.errorCode,
    batches: got.messages.length > 0 ? [new DecodedBatch(got.messages)] : [],
    bytes: recordBytes(got.messages),
  }
}

/** Per kafkajs broker: settles once its first Fetch has (its Fetch connection is open). */
const fetchConnected = new WeakMap<object, Promise<void>>()

/** One partition's part of a Fetch answer. */
interface FetchAnswer {
  errorCode: number
  messages: RawRecord[]
  highWatermark: string
}

async function fetchOnce(
  cluster: RawCluster,
  where: { topic: string; partition: number; leader: number },
  offset: bigint,
  maxBytes: number,
  opts: RangeOptions,
): Promise<FetchAnswer> {
  const response = await sendFetch(cluster, where, opts, (broker) =>
    broker.fetch({
      replicaId: -1,
      isolationLevel: 0,
      maxWaitTime: 0,
      minBytes: 0,
      maxBytes,
      topics: [
        {
          topic: where.topic,
          partitions: [{ partition: where.partition, fetchOffset: offset.toString(), maxBytes }],
        },
      ],
    }),
  )
  const p = response.responses
    .find((t) => t.topicName === where.topic)
    ?.partitions.find((x) => x.partition === where.partition)
  return p ?? { errorCode: 0, messages: [], highWatermark: '-1' }
}

/** Sends one Fetch to the partition's leader through `send`, its first on a broker alone. */
async function sendFetch<T>(
  cluster: RawCluster,
  where: { topic: string; partition: number; leader: number },
  opts: RangeOptions,
  send: (broker: RawBroker) => Promise<T>,
): Promise<T> {
  if (where.leader < 0)
    throw new ApiError(
      'unreachable',
      `Partition ${where.partition} of "${where.topic}" has no leader.`,
      {
        reason: 'no-leader',
      },
    )
  const broker = await opts.abortable(cluster.findBroker({ nodeId: String(where.leader) }))
  opts.onRequest?.()
  // kafkajs opens a broker's Fetch connection on first use, and two first fetches at once each
  // open a socket: the orphan outlives close() and keeps the process alive (`sightline lookup`
  // never exits). The first fetch on a broker goes alone; the others wait for it.
  const first = fetchConnected.get(broker)
  if (first) await opts.abortable(first)
  const fetching = send(broker)
  if (!first)
    fetchConnected.set(
      broker,
      fetching.then(
        () => undefined,
        () => undefined,
      ),
    )
  return opts.abortable(fetching)
}

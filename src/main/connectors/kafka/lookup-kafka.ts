import { ApiError } from '../../../shared/api'
import type { JsonValue } from '../../../shared/model/catalog'
import type { LookupHit, LookupOutcome, LookupQuery, ResolvedSource } from '../connector'
import type { ResolvedSourceRef } from '../crawl-model'
import { mapLimit } from '../shared/concurrency'
import { RegistrySchemas } from './avro-decoder'
import { openKafkaClients, type KafkaClients, type RawRecord } from './kafka-client'
import { flattenRecord, matchesAny, valuesAt } from './lookup-decode'
import { abortableBy, fetchOffsets, readPartitionRange } from './lookup-fetch'
import { keptBehind, LookupPartitions } from './lookup-partitions'
import { FetchedBatches } from './fetched-batches'
import { parseKafkaSource } from './parse-url'
import { translateKafkaError } from './translate-error'

/**
 * The Kafka connector's `lookup` (issue 7 item 4). Two bounded modes, never a topic scan:
 * - keyed: the topic is keyed by the identifier; the planner computed the partition with the
 *   default partitioner over the key's exact serialized bytes (`partition`, `keyBytesHex`). Only
 *   that partition is read, earliest to the high watermark as it was when the read began, and
 *   records are matched by key BYTES.
 * - offsets: exactly the messages the lookup index named.
 * Both in one query (offsets + keyed with `fromOffset` = the index's position) read the index's
 * hits and only the tail of the key's partition that the index does not cover yet.
 * Clients are opened on first use and kept until `close()`, so one lookup's steps share them.
 */
export class KafkaLookup {
  private clients: KafkaClients | undefined
  /** Leaders and watermarks kept across this connector's reads (lookup-partitions.ts). */
  private partitions: LookupPartitions | undefined
  /** Fetch answers kept a few seconds: one lookup's steps read the same batches. */
  private batches = new FetchedBatches()
  /** Schema caches by registry (name and URL): a query may name the registry itself. */
  private registries = new Map<string, RegistrySchemas>()

  constructor(
    private readonly source: ResolvedSource,
    private readonly schemaRegistry?: ResolvedSourceRef,
  ) {}

  async lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    const topic = q.assetPath[q.assetPath.length - 1]
    if (!topic)
      throw new ApiError('bad-input', 'A Kafka lookup needs a topic.', { reason: 'no-topic' })
    const keyed = q.partition !== undefined && (q.keyBytesHex?.length ?? 0) > 0
    const byOffsets = (q.offsets?.length ?? 0) > 0
    if (!keyed && !byOffsets)
      throw new ApiError(
        'unsupported',
        'A Kafka lookup reads one keyed partition or the offsets the lookup index gives; scanning a whole topic is refused.',
        { reason: 'unbounded-scan' },
      )
    const signal = opts.signal
    if (signal?.aborted) throw cancelled()
    const clients = this.open(q.timeoutMs)
    const registry = this.registryFor(q.schemaRegistry ?? this.schemaRegistry, q.timeoutMs)
    const abortable = abortableBy(signal, cancelled)
    let statements = 0
    const onRequest = () => void statements++
    try {
      await abortable(clients.cluster.connect())
      this.partitions ??= new LookupPartitions(clients.cluster)
      const count = (n: number) => (statements += n)
      let partitions = await this.partitions.get(topic, abortable, count)
      if (keptBehind(partitions, q)) {
        this.partitions.forget(topic)
        partitions = await this.partitions.get(topic, abortable, count)
      }
      const deadline = Date.now() + q.timeoutMs
      const hits: LookupHit[] = []
      let bytesFetched = 0
      let capped = false
      let incomplete: string | undefined
      const wantedKeys = keyed ? q.keyBytesHex!.map((h) => Buffer.from(h, 'hex')) : []
      const keep = async (r: RawRecord, partition: number): Promise<boolean> => {
        // The index's offsets of a keyed read: the record must still carry one of the keys.
        if (keyed && !(r.key && wantedKeys.some((w) => w.equals(r.key!)))) return true
        const flat = await flattenRecord(r, registry)
        if (byOffsets && !keyed && q.values.length > 0 && q.fieldPath) {
          // The index matched by HMAC; the record must still hold the value (defence in depth).
          if (!valuesAt(flat, q.fieldPath).some((v) => matchesAny(v, q.values, q.match)))
            return true
        }
        if (hits.length >= q.rowCap) {
          capped = true
          return false
        }
        hits.push(toHit(topic, partition, r, flat, q.fields))
        return true
      }

      // The index's offsets, every partition at once (each a Fetch or a few), while the keyed
      // read of the partition's tail goes on: a step's partitions were read one after another.
      const byPartition = new Map<number, bigint[]>()
      for (const o of byOffsets ? q.offsets! : []) {
        const list = byPartition.get(o.partition) ?? []
        list.push(BigInt(o.offset))
        byPartition.set(o.partition, list)
      }
      const offsetReads = mapLimit(
        [...byPartition].sort((a, b) => a[0] - b[0]),
        PARTITIONS_AT_ONCE,
        async ([partition, offsets]) => {
          const p = partitions.find((x) => x.partition === partition)
          if (!p) return undefined
          const got = await fetchOffsets(clients.cluster, p, offsets, {
            abortable,
            onRequest,
            batches: this.batches,
            requestTimeoutMs: q.timeoutMs,
          })
          return { partition, ...got }
        },
      )
      // Settled here so that a failed tail read does not leave it rejecting unobserved.
      const offsetsRead = offsetReads.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      )

      if (keyed) {
        const p = partitions.find((x) => x.partition === q.partition)
        if (!p)
          throw new ApiError('bad-input', `Topic "${topic}" has no partition ${q.partition}.`, {
            reason: 'no-partition',
            partitions: partitions.length,
          })
        const from = startOf(q.fromOffset, p.low)
        const tail = tailStart(q.tailMessages, p.high)
        if (tail !== undefined && tail > from)
          incomplete = `read only the newest ${q.tailMessages} of the ${p.high - from} messages of ${topic} partition ${p.partition} that the lookup index does not cover`
        read: for await (const chunk of readPartitionRange(
          clients.cluster,
          { ...p, from: tail !== undefined && tail > from ? tail : from, to: p.high },
          { abortable, onRequest },
        )) {
          bytesFetched += chunk.bytes
          for (const r of chunk.records) {
            if (!r.key || !wantedKeys.some((w) => w.equals(r.key!))) continue
            if (!(await keep(r, p.partition))) break read
          }
          if (Date.now() > deadline) throw timedOut(q.timeoutMs)
        }
      }
      const read = await offsetsRead
      if ('error' in read) throw read.error
      const seen = new Set(
        hits.map((h) => `${String(h.recordKey.partition)}:${String(h.recordKey.offset)}`),
      )
      for (const got of read.value) {
        if (!got) continue
        bytesFetched += got.bytes
        if (capped) continue
        for (const r of got.records) {
          if (seen.has(`${got.partition}:${r.offset}`)) continue
          if (!(await keep(r, got.partition))) break
        }
      }
      if (Date.now() > deadline) throw timedOut(q.timeoutMs)
      return { hits, capped, bytesFetched, statements, ...(incomplete ? { incomplete } : {}) }
    } catch (err) {
      // A failed read may be a moved leader or a deleted topic: the next read asks Kafka again.
      this.partitions?.forget(topic)
      if (signal?.aborted) throw cancelled()
      if (err instanceof ApiError) throw err
      const target = parseKafkaSource(this.source)
      const shape = translateKafkaError(err, {
        kind: 'kafka',
        endpoint: target.brokers[0],
        tlsRequested: target.tls,
        secrets: [this.source.password ?? ''],
      })
      throw new ApiError(shape.code, shape.message, shape.details)
    }
  }

  async close(): Promise<void> {
    const c = this.clients
    this.clients = undefined
    this.partitions = undefined
    this.batches = new FetchedBatches()
    this.registries.clear()
    if (c) await Promise.race([c.close(), new Promise((r) => setTimeout(r, 500).unref())])
  }

  private open(timeoutMs: number): KafkaClients {
    this.clients ??= openKafkaClients(parseKafkaSource(this.source), Math.max(1_000, timeoutMs))
    return this.clients
  }

  private registryFor(ref: ResolvedSourceRef | undefined, timeoutMs: number): RegistrySchemas {
    const key = ref ? `${ref.name}\u0000${ref.url}` : ''
    let registry = this.registries.get(key)
    if (!registry) {
      // No signal: the schema cache outlives one lookup (a cancelled lookup must not poison it);
      // each registry request is bounded by its timeout instead.
      registry = new RegistrySchemas(ref, undefined, Math.min(timeoutMs, 10_000))
      this.registries.set(key, registry)
    }
    return registry
  }
}

/**
 * Partitions of one step read at once. Each is a Fetch of at most 64 KiB on the broker's one
 * Fetch connection, so this bounds what one step puts in that queue ahead of other steps.
 */
const PARTITIONS_AT_ONCE = 6

/** The keyed read's first offset: `fromOffset` when given, never before the low watermark. */
function startOf(fromOffset: string | undefined, low: bigint): bigint {
  if (fromOffset === undefined) return low
  if (!/^\d{1,19}$/.test(fromOffset))
    throw new ApiError('bad-input', 'fromOffset must be a non-negative integer.', {
      reason: 'bad-offset',
    })
  const from = BigInt(fromOffset)
  return from > low ? from : low
}

/**
 * Where a keyed read bounded to the newest `tailMessages` starts; undefined when unbounded. The
 * read starts at the later of this and `fromOffset` (the index's position).
 */
function tailStart(tailMessages: number | undefined, high: bigint): bigint | undefined {
  if (tailMessages === undefined) return undefined
  if (!Number.isSafeInteger(tailMessages) || tailMessages < 1)
    throw new ApiError('bad-input', 'tailMessages must be a positive integer.', {
      reason: 'bad-tail',
    })
  const start = high - BigInt(tailMessages)
  return start > 0n ? start : 0n
}

function toHit(
  topic: string,
  partition: number,
  r: RawRecord,
  flat: Record<string, unknown>,
  fields: readonly string[] | undefined,
): LookupHit {
  const values = fields
    ? Object.fromEntries(fields.filter((f) => f in flat).map((f) => [f, flat[f]]))
    : flat
  const recordKey: Record<string, JsonValue> = { topic, partition, offset: r.offset }
  const ms = Number(r.timestamp)
  return {
    recordKey,
    values,
    ...(Number.isFinite(ms) && ms > 0 ? { timestamp: new Date(ms).toISOString() } : {}),
  }
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'Kafka lookup cancelled.', { reason: 'cancelled' })
}

function timedOut(ms: number): ApiError {
  return new ApiError('timeout', `The Kafka lookup did not finish within ${ms} ms.`, {
    reason: 'timeout',
  })
}

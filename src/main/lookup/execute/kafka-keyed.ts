import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupOutcome, LookupQuery } from '../../connectors/connector'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import { parseUrn } from '../../../shared/urn'
import type { LookupIndexProbe } from './index-step'
import type { ConnectValue } from '../kafka/connect-json-key'
import { keyPartition } from '../kafka/key-partition'
import { fieldAccess } from '../plan/field-access'
import { RECORD_KEY_PATH } from '../kafka-index/index-fields'

/**
 * Keyed Kafka reads (issue 7 item 4, docs/lookup-design.md §2): a `partition` step's values
 * become the exact serialized key bytes the producer hashed, grouped by the partition each one
 * lands in, so the connector reads one partition per group and compares keys by bytes. The
 * plan cannot carry this for a pivot (its values are found at run time), so it is computed
 * here from the catalogue's key format, the same one the planner read (plan/field-access.ts).
 */

/**
 * The queries that answer `query` for a keyed step: one per partition its values land in.
 * Undefined when the step is not a keyed read the catalogue can rebuild (the query goes as is,
 * and the connector refuses what would be a scan).
 */
export function keyedQueries(
  step: LookupPlanStep,
  query: LookupQuery,
  snapshot: LineageSnapshot,
): LookupQuery[] | undefined {
  if (step.platform !== 'kafka' || step.access !== 'partition') return undefined
  const asset = snapshot.assets.get(step.assetUrn)
  const field = asset?.fields.find((f) => f.urn === step.fieldUrn)
  if (!asset || !field) return undefined
  const key = fieldAccess(asset, field, { snapshot }).key
  if (!key) return undefined
  const byPartition = new Map<number, Set<string>>()
  for (const value of query.values) {
    // A digit string may be an integer key and a number a string key: try what the type takes.
    for (const v of [value, typeof value === 'string' ? Number(value) : String(value)]) {
      if (typeof v === 'number' && !Number.isSafeInteger(v)) continue
      const keyValue: ConnectValue =
        key.format.kind === 'connect-json'
          ? { [key.format.schema.fields?.[0]?.field ?? '']: v }
          : String(v)
      try {
        const { partition, keyBytes } = keyPartition(key.format, keyValue, key.partitions)
        const hex = byPartition.get(partition) ?? new Set<string>()
        hex.add(keyBytes.toString('hex'))
        byPartition.set(partition, hex)
      } catch {
        // A value the key type cannot hold (text for an int key): no record is keyed by it.
      }
    }
  }
  return [...byPartition.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partition, hex]) => ({ ...query, partition, keyBytesHex: [...hex] }))
}

/**
 * Keyed reads without the lookup index (docs/lookup-design.md §2). A topic whose partitions hold
 * at most UNINDEXED_TAIL_MESSAGES each (the catalogue's count; the small estate's hold ~1,600 at
 * most) is read whole: complete. A larger one (the bench's crm.dbo.Customer ~167,000 a partition,
 * ~213 MB, seconds) only in its newest UNINDEXED_RECENT_MESSAGES: recent changes, said as
 * incomplete (LookupOutcome.incomplete), since a window of any affordable size would find an
 * older record by chance only (2,000 found 2 of 200 customers' CDC records at bench scale).
 */
export const UNINDEXED_TAIL_MESSAGES = 2_000
export const UNINDEXED_RECENT_MESSAGES = 200

/** The newest messages a keyed read of `asset` takes where the index does not cover it. */
export function unindexedTail(asset: CatalogAsset | undefined): number {
  const messages = asset?.counts?.messages
  const partitions = asset?.counts?.partitions
  if (messages === undefined || !partitions) return UNINDEXED_TAIL_MESSAGES
  return messages / partitions <= UNINDEXED_TAIL_MESSAGES
    ? UNINDEXED_TAIL_MESSAGES
    : UNINDEXED_RECENT_MESSAGES
}

/** Keyed queries bounded by the lookup index, and whether the index had more hits than the cap. */
export interface BoundedKeyed {
  queries: LookupQuery[]
  capped: boolean
  /** True when the index covers the topic's record keys: reads start at its positions. */
  indexed: boolean
}

/**
 * Bounds each partition read of a keyed step (docs/lookup-design.md §2): with the lookup index
 * holding the topic's record keys (index-fields.ts, RECORD_KEY_PATH), the read takes the offsets
 * the index names for the keys' exact bytes plus the partition's tail from the index's position
 * (what is not indexed yet), usually a few records; without it (no index, the topic not indexed,
 * the partition not reached yet) the whole partition when it is small, else only its newest
 * messages (unindexedTail), said as incomplete by the connector. The tail after the index's
 * position is held to the same bound (an index still building is far behind).
 */
export async function boundKeyed(
  step: LookupPlanStep,
  queries: readonly LookupQuery[],
  index: LookupIndexProbe | undefined,
  snapshot?: LineageSnapshot,
): Promise<BoundedKeyed> {
  const tail = unindexedTail(snapshot?.assets.get(step.assetUrn))
  const unbounded = (q: LookupQuery): LookupQuery => ({ ...q, tailMessages: tail })
  const first = queries[0]
  if (!first || !index) return { queries: queries.map(unbounded), capped: false, indexed: false }
  const answer = await index.probe({
    source: step.source,
    topic: parseUrn(step.assetUrn).path.at(-1) ?? '',
    fieldPath: RECORD_KEY_PATH,
    values: [...new Set(queries.flatMap((q) => q.keyBytesHex ?? []))],
    limit: first.rowCap,
  })
  if (!answer.covered || !answer.positions)
    return { queries: queries.map(unbounded), capped: false, indexed: false }
  const positions = new Map(answer.positions.map((p) => [p.partition, p.offset]))
  return {
    queries: queries.map((q) => {
      const from = positions.get(q.partition ?? -1)
      if (from === undefined) return unbounded(q)
      const offsets = answer.offsets.filter((o) => o.partition === q.partition)
      // An index far behind (still building) leaves a long tail: bounded the same way.
      return { ...unbounded(q), fromOffset: from, ...(offsets.length > 0 ? { offsets } : {}) }
    }),
    capped: answer.capped,
    indexed: true,
  }
}

/** Partition reads of one step in flight at once (a step's values spread over partitions). */
const KEYED_CONCURRENCY = 4

/**
 * Runs the per-partition queries (at most KEYED_CONCURRENCY at once) and adds their answers up,
 * in partition order, within the row cap: each query may fill the cap, the sum is cut to it.
 */
export async function runKeyed(
  queries: readonly LookupQuery[],
  lookup: (q: LookupQuery) => Promise<LookupOutcome>,
): Promise<LookupOutcome> {
  const answers: LookupOutcome[] = new Array(queries.length)
  let next = 0
  const worker = async () => {
    while (next < queries.length) {
      const i = next++
      answers[i] = await lookup(queries[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(KEYED_CONCURRENCY, queries.length) }, worker))
  const out: LookupOutcome = { hits: [], capped: false, bytesFetched: 0, statements: 0 }
  const cap = queries[0]?.rowCap ?? 0
  for (const got of answers) {
    out.hits.push(...got.hits)
    out.capped ||= got.capped
    out.bytesFetched = (out.bytesFetched ?? 0) + (got.bytesFetched ?? 0)
    out.statements = (out.statements ?? 0) + (got.statements ?? 0)
    if (got.incomplete)
      out.incomplete = out.incomplete ? `${out.incomplete}; ${got.incomplete}` : got.incomplete
  }
  if (out.hits.length > cap) {
    out.hits.length = cap
    out.capped = true
  }
  return out
}

/**
 * Bounds a source's Kafka queries in flight (default 4): they share the connector's clients,
 * which is safe since lookup-fetch.ts stopped planning reads from kafkajs' shared metadata cache
 * (it answered one topic with another's partitions: "no partition 1"); the bound keeps one
 * lookup from queueing dozens of partition reads on the brokers at once.
 */
export class KafkaQueue {
  private readonly running = new Map<string, number>()
  private readonly waiting = new Map<string, Array<() => void>>()

  constructor(private readonly limit = 4) {}

  async run<T>(source: string, task: () => Promise<T>): Promise<T> {
    if ((this.running.get(source) ?? 0) < this.limit)
      this.running.set(source, (this.running.get(source) ?? 0) + 1)
    else {
      // The slot is handed over on release (running stays the same), so none is taken twice.
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(source) ?? []
        queue.push(resolve)
        this.waiting.set(source, queue)
      })
    }
    try {
      return await task()
    } finally {
      const handOver = this.waiting.get(source)?.shift()
      if (handOver) handOver()
      else this.running.set(source, this.running.get(source)! - 1)
    }
  }
}

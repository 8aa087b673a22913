import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupOutcome, LookupQuery } from '../../connectors/connector'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import type { ConnectValue } from '../kafka/connect-json-key'
import { keyPartition } from '../kafka/key-partition'
import { fieldAccess } from '../plan/field-access'

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

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

/** Runs the per-partition queries one after another and adds their answers up. */
export async function runKeyed(
  queries: readonly LookupQuery[],
  lookup: (q: LookupQuery) => Promise<LookupOutcome>,
): Promise<LookupOutcome> {
  const out: LookupOutcome = { hits: [], capped: false, bytesFetched: 0, statements: 0 }
  for (const q of queries) {
    const left = q.rowCap - out.hits.length
    if (left <= 0) {
      out.capped = true
      break
    }
    const got = await lookup({ ...q, rowCap: left })
    out.hits.push(...got.hits)
    out.capped ||= got.capped
    out.bytesFetched = (out.bytesFetched ?? 0) + (got.bytesFetched ?? 0)
    out.statements = (out.statements ?? 0) + (got.statements ?? 0)
  }
  return out
}

/**
 * Runs a source's Kafka queries one at a time. The connector's clients are shared by a lookup's
 * steps, and concurrent metadata requests on one kafkajs cluster were seen to answer a topic with
 * another topic's partitions ("no partition 1"): one at a time until lookup-fetch.ts guards it.
 */
export class KafkaQueue {
  private tails = new Map<string, Promise<unknown>>()

  run<T>(source: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(source) ?? Promise.resolve()
    const mine = before.catch(() => undefined).then(task)
    this.tails.set(
      source,
      mine.catch(() => undefined),
    )
    return mine
  }
}

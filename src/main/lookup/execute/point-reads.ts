import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupQuery } from '../../connectors/connector'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import { pushesDownOnlyId } from '../plan/field-access'

/**
 * FerretDB 1.x on SQLite evaluates only a filter that is exactly `{ _id: <scalar> }` in SQLite;
 * `{ _id: { $in: [...] } }` is read whole and filtered in Go (a full scan of the collection: at
 * bench scale tens of seconds). On such a server (the crawl's `server: FerretDB x` on the
 * database, as the planner's pushdown reads it) an `_id` step with several values is asked as one
 * point read per value (lookup-filter.ts writes a single value as `{ _id: v }`), run a few at a
 * time by the caller (runKeyed). Undefined when the query goes as it is; empty when no value
 * can match.
 */
export function pointReads(
  step: LookupPlanStep,
  query: LookupQuery,
  snapshot: LineageSnapshot,
): LookupQuery[] | undefined {
  if (step.platform !== 'mongodb' || query.fieldPath !== '_id' || query.match !== 'equals')
    return undefined
  const asset = snapshot.assets.get(step.assetUrn)
  if (!asset || !pushesDownOnlyId(asset, snapshot)) return undefined
  // Only `{ _id: <string> }` is pushed down: a number is a scan, and cannot equal an `_id` the
  // crawl saw only as text (`C00000042`), so it is not asked there.
  const field = asset.fields.find((f) => f.urn === step.fieldUrn)
  const seen = field?.types?.map((t) => t.type) ?? []
  const textOnly = seen.length > 0 && seen.every((t) => t === 'string')
  const values = textOnly ? query.values.filter((v) => typeof v === 'string') : query.values
  if (values.length < 2 && values.length === query.values.length) return undefined
  return values.map((v) => ({ ...query, values: [v] }))
}

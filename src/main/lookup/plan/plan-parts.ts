import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LookupPlan, LookupPlanStep } from '../../../shared/model/lookup'
import type { CategoryId } from '../../../shared/model/personal-data'
import { keyPartition } from '../kafka/key-partition'
import type { PlanInput } from '../lookup-inputs'
import type { FieldAccess } from './field-access'
import { kindOfCategory } from './identifier-fields'
import type { EdgeIndex } from './lineage-walk'
import { isBeforeImage, type FieldRef } from './pivots'

/** The planner's small judgements (plan-lookup.ts), each on its own. */

/** A field's value as the identifier: the canonical form, a number for integer keys. */
export function planValueOf(ref: FieldRef, canonical: string): string | number | undefined {
  const t = ref.field.declaredType ?? ''
  if (/^int(8|16|32|64)$/.test(t))
    return /^\d{1,15}$/.test(canonical) ? Number(canonical) : undefined
  return t === 'string' || t === '' ? canonical : undefined
}

/**
 * For compound kinds: where the other part can be checked — the asset itself, or an asset its
 * foreign keys reference (crm Address's postcode, the name on the Customer row it belongs to).
 * Undefined when nowhere; `''` when the kind has no other part.
 */
export function companionHolder(
  asset: CatalogAsset,
  categories: PlanInput['categories'],
  companion: string | undefined,
  assets: ReadonlyMap<string, CatalogAsset>,
): string | undefined {
  if (companion === undefined) return ''
  const holds = (a: CatalogAsset | undefined) =>
    a !== undefined && a.fields.some((f) => categories.get(f.urn) === companion)
  if (holds(asset)) return asset.urn
  return (asset.foreignKeys ?? []).map((fk) => fk.references).find((urn) => holds(assets.get(urn)))
}

/** True when lineage (any number of hops upstream) feeds `fieldUrn` from one of `fields`. */
export function fedBy(fieldUrn: string, fields: ReadonlySet<string>, edges: EdgeIndex): boolean {
  const seen = new Set([fieldUrn])
  for (let frontier = [fieldUrn]; frontier.length > 0;) {
    const next: string[] = []
    for (const urn of frontier)
      for (const e of edges.to.get(urn) ?? []) {
        if (fields.has(e.from)) return true
        if (!seen.has(e.from)) next.push(e.from)
        seen.add(e.from)
      }
    frontier = next
  }
  return false
}

export function partitionAt(fa: FieldAccess, value: string | number): number | undefined {
  if (!fa.key) return undefined
  try {
    const v =
      fa.key.format.kind === 'connect-json'
        ? { [fa.key.format.schema.fields?.[0]?.field ?? '']: value }
        : value
    return keyPartition(fa.key.format, v, fa.key.partitions).partition
  } catch {
    // A value the key type cannot hold (a string for an int key): found at run time instead.
    return undefined
  }
}

/** An asset holding personal data, as unreachableAssets needs it: the same for every lookup. */
export interface PersonalAsset {
  urn: string
  /** The categories its fields hold. */
  held: CategoryId[]
  /** Whether a field of it (not a before image) holds an identifier kind. */
  identifying: boolean
}

/** The assets holding personal data, in the order given: once per plan basis (plan-basis.ts). */
export function personalAssetsOf(
  assets: readonly CatalogAsset[],
  categories: PlanInput['categories'],
): PersonalAsset[] {
  const out: PersonalAsset[] = []
  for (const asset of assets) {
    const held = [
      ...new Set(asset.fields.map((f) => categories.get(f.urn)).filter((c) => c !== undefined)),
    ]
    if (held.length === 0) continue
    const identifying = asset.fields.some(
      (f) => !isBeforeImage(f) && kindOfCategory(categories.get(f.urn)) !== undefined,
    )
    out.push({ urn: asset.urn, held, identifying })
  }
  return out
}

/**
 * Assets holding personal data that no step asks, with the reason. Only the steps and what was
 * skipped change from one lookup to the next; walking every field of the catalogue for the rest
 * was ~1 ms of each lookup at bench scale.
 */
export function unreachableAssets(
  personal: readonly PersonalAsset[],
  steps: readonly LookupPlanStep[],
  skipped: ReadonlyMap<string, string>,
  depth: number,
): LookupPlan['unreachable'] {
  const asked = new Set(steps.map((s) => s.assetUrn))
  const out: LookupPlan['unreachable'] = []
  for (const asset of personal) {
    if (asked.has(asset.urn)) continue
    const reason =
      skipped.get(asset.urn) ??
      (asset.identifying
        ? `no key, lineage or identifier field of this lookup leads here within depth ${depth}`
        : `no identifier field: it holds only ${asset.held.join(', ')}`)
    out.push({ assetUrn: asset.urn, reason })
  }
  return out
}

import type { CatalogAsset, CatalogField, CatalogForeignKey } from '../../../shared/model/catalog'
import type { TransformSpec } from '../../../shared/model/lineage'
import { describeTransform } from '../../../shared/lineage/transforms'
import type { LookupPlanStep, StepMatch } from '../../../shared/model/lookup'
import type { CategoryId } from '../../../shared/model/personal-data'
import type { IdentifierKind } from '../identifiers/identifier-kinds'
import { assetLabel } from './field-access'
import { KIND_FIELDS, holdsCanonicalForm, kindOfCategory, strengthOf } from './identifier-fields'
import { inverseMatch, walkLineage, type EdgeIndex } from './lineage-walk'
import type { Numberings } from './numbering'

/**
 * The pivots out of one step's records (issue 7 item 2): inside a database along primary and
 * foreign keys, across stores along lineage, and for strong identifiers to every field of their
 * category (a customer number wherever the catalogue classified one). Joins are derived from the
 * catalogue; none is written by hand.
 */

export interface FieldRef {
  asset: CatalogAsset
  field: CatalogField
}

/** A step the planner may add: where, with what, and why. */
export interface PivotCandidate {
  target: FieldRef
  input: Extract<LookupPlanStep['input'], { kind: 'pivot' }>
  match: StepMatch
  strength: 'strong' | 'weak'
  reason: string
  /**
   * The same row elsewhere: a primary key copied as is into the key of a topic (the row's CDC
   * events). Reading it is not a pivot to other records, so it does not count towards the depth.
   */
  copy?: boolean
  /**
   * Other holders of a found value in the field it was found in (crm Customer.Email asked again
   * with the email a customer row holds): a duplicate customer or a household sharing the email.
   * They may be other people, so their records are followed as a route of their own; the hop
   * does not count towards the depth (it reaches rows like the one found, not further records).
   */
  reopens?: boolean
}

export interface PivotContext {
  fields: ReadonlyMap<string, FieldRef>
  /** Asset URN -> the foreign keys referencing it, with their assets. */
  referencing: ReadonlyMap<string, ReadonlyArray<{ asset: CatalogAsset; fk: CatalogForeignKey }>>
  edges: EdgeIndex
  categories: ReadonlyMap<string, CategoryId>
  /** Fields by the identifier kind their category holds. */
  byKind: ReadonlyMap<IdentifierKind, readonly FieldRef[]>
  /** Which numbering a customer-number field belongs to (numbering.ts). */
  numberings: Numberings
}

const label = (r: FieldRef) => `${assetLabel(r.asset)}.${r.field.path}`

/** The foreign keys of the catalogue by the asset they reference. */
export function foreignKeysByReferenced(
  assets: readonly CatalogAsset[],
): PivotContext['referencing'] {
  const out = new Map<string, Array<{ asset: CatalogAsset; fk: CatalogForeignKey }>>()
  for (const asset of assets)
    for (const fk of asset.foreignKeys ?? [])
      (out.get(fk.references) ?? out.set(fk.references, []).get(fk.references)!).push({ asset, fk })
  return out
}

/** Debezium before images live in the same records as the after images: never a separate step. */
export const isBeforeImage = (field: CatalogField) => /^before(\.|$)/.test(field.path)

/** A field lineage copies from another (a CDC topic's `after.X`): reached along lineage instead. */
function isCopy(ctx: PivotContext, ref: FieldRef): boolean {
  return (ctx.edges.to.get(ref.field.urn) ?? []).some(
    (e) => !e.transform || e.transform.type === 'identity' || e.transform.type === 'rename',
  )
}

/** What a found value of this field can be followed as: its category's kind, or a plain key. */
function pivotKindOf(ctx: PivotContext, ref: FieldRef): IdentifierKind | 'key' | undefined {
  const kind = kindOfCategory(ctx.categories.get(ref.field.urn))
  if (kind) return kind
  const { asset, field } = ref
  const isKey =
    field.primaryKey ||
    field.references !== undefined ||
    (asset.foreignKeys ?? []).some((fk) => fk.columns.includes(field.path))
  return isKey ? 'key' : undefined
}

/** Foreign keys into and out of `ref` (single columns of composite keys included). */
function foreignKeyPivots(ctx: PivotContext, from: FieldRef, stepId: string): PivotCandidate[] {
  const out: PivotCandidate[] = []
  const add = (target: FieldRef | undefined, why: string) => {
    if (!target || target.asset.urn === from.asset.urn) return
    out.push({
      target,
      input: { kind: 'pivot', fromStep: stepId, fromField: from.field.urn, inverted: false },
      match: 'equals',
      strength: 'strong',
      reason: why,
    })
  }
  for (const { asset, fk } of ctx.referencing.get(from.asset.urn) ?? []) {
    const i = fk.referencedColumns.indexOf(from.field.path)
    if (i < 0) continue
    const target = ctx.fields.get(`${asset.urn}#${fk.columns[i]}`)
    if (target) add(target, `${label(target)} references ${label(from)} (foreign key ${fk.name})`)
  }
  for (const fk of from.asset.foreignKeys ?? []) {
    const i = fk.columns.indexOf(from.field.path)
    if (i < 0) continue
    const target = ctx.fields.get(`${fk.references}#${fk.referencedColumns[i]}`)
    if (target) add(target, `${label(from)} references ${label(target)} (foreign key ${fk.name})`)
  }
  return out
}

/** A row's primary key copied as is into its topic's key: that topic holds the row's events. */
function isRowCopy(
  from: FieldRef,
  target: FieldRef,
  transform: TransformSpec | undefined,
): boolean {
  const pk = from.field.primaryKey === true || from.asset.primaryKey?.columns[0] === from.field.path
  return (
    pk &&
    transform === undefined &&
    target.asset.platform === 'kafka' &&
    target.field.primaryKey === true &&
    /^key(\.|$)/.test(target.field.path)
  )
}

/** Lineage both ways from the found field, transforms composed. */
function lineagePivots(
  ctx: PivotContext,
  from: FieldRef,
  stepId: string,
  strength: 'strong' | 'weak',
): PivotCandidate[] {
  const out: PivotCandidate[] = []
  const reaches = [
    ...walkLineage(from.field.urn, ctx.edges, 'down'),
    ...walkLineage(from.field.urn, ctx.edges, 'up'),
  ]
  for (const r of reaches) {
    const target = ctx.fields.get(r.fieldUrn)
    if (!target || target.asset.urn === from.asset.urn) continue
    const via = [...new Set(r.edges.map((e) => e.via.name))].join(', ')
    const how = r.transform
      ? `${r.inverted ? 'inverting' : 'applying'} ${describeTransform(r.transform)}`
      : 'copied as is'
    out.push({
      target,
      input: {
        kind: 'pivot',
        fromStep: stepId,
        fromField: from.field.urn,
        ...(r.transform ? { transform: r.transform } : {}),
        inverted: r.inverted,
      },
      match: r.inverted ? inverseMatch(r.transform) : 'equals',
      strength,
      reason: `${label(from)} ${r.inverted ? '<-' : '->'} ${label(target)} by lineage (${via}): ${how}`,
      ...(isRowCopy(from, target, r.transform) ? { copy: true } : {}),
    })
  }
  return out
}

const sameTransform = (a: TransformSpec | undefined, b: TransformSpec | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Fields that lineage says hold the same values as the found one although no single walk joins
 * them: both are carried by the same transform into one downstream field (crm `CustomerId` and
 * orders `customer_id` are each padded into singleview `_id` by the builder). The value is asked
 * as found, one hop away, instead of down to the shared field and back up (two hops).
 */
function siblingPivots(
  ctx: PivotContext,
  from: FieldRef,
  stepId: string,
  strength: 'strong' | 'weak',
): PivotCandidate[] {
  const out: PivotCandidate[] = []
  const seen = new Set<string>()
  for (const down of walkLineage(from.field.urn, ctx.edges, 'down')) {
    for (const up of walkLineage(down.fieldUrn, ctx.edges, 'up')) {
      if (up.fieldUrn === from.field.urn || seen.has(up.fieldUrn)) continue
      if (!sameTransform(down.transform, up.transform)) continue
      const target = ctx.fields.get(up.fieldUrn)
      if (!target || target.asset.urn === from.asset.urn || isBeforeImage(target.field)) continue
      seen.add(up.fieldUrn)
      const shared = ctx.fields.get(down.fieldUrn)
      const via = [...new Set([...down.edges, ...up.edges].map((e) => e.via.name))].join(', ')
      out.push({
        target,
        input: { kind: 'pivot', fromStep: stepId, fromField: from.field.urn, inverted: false },
        match: 'equals',
        strength,
        reason: `${label(from)} and ${label(target)} both become ${shared ? label(shared) : down.fieldUrn} by the same transform (lineage: ${via}): one numbering, asked as found`,
      })
    }
  }
  return out
}

/** The field a value was found in, asked again with it: its other holders (`reopens`). */
function otherHolders(
  from: FieldRef,
  stepId: string,
  kind: IdentifierKind,
  strength: 'strong' | 'weak',
  target: FieldRef = from,
): PivotCandidate {
  const where =
    target === from
      ? `${label(from)} asked again with the ${kind} found`
      : `${label(target)} asked with the ${kind} ${label(from)} holds (its table numbers its customers itself)`
  return {
    target,
    input: {
      kind: 'pivot',
      fromStep: stepId,
      fromField: from.field.urn,
      inverted: false,
      as: kind,
    },
    match: KIND_FIELDS[kind].match,
    strength,
    reopens: true,
    reason: `${where}: no system issues it, so another customer row (a duplicate, a household) may hold it too; what they hold is followed on its own and never merged by this ${kind} alone`,
  }
}

/** Numbers a system issues (one holder each by construction): never shared between customers. */
const ISSUED = new Set<IdentifierKind>(['customer-number', 'loyalty-number'])

/**
 * Weak kinds whose other holders are asked (as linked people, never merged): a phone is one
 * line, held by the person's own duplicate rows (a second sign-up under an older email) or their
 * household. A postcode, a device or an IP names a street's or a café's worth of strangers.
 */
const REOPENED_WEAK = new Set<IdentifierKind>(['phone'])

/**
 * True when a strong value found in `ref` may be held by other rows of the same asset that are
 * other customers: the value is not a number a system issues (an email), and each row of the
 * asset is a customer (its primary key is classified as a customer number, of the numbering
 * lineage confirms). Asked where the
 * store filters it itself (not FerretDB's in-process scans of whole collections).
 */
function holdersMayShare(ctx: PivotContext, kind: IdentifierKind, ref: FieldRef): boolean {
  if (ISSUED.has(kind) || ref.asset.platform === 'kafka' || ref.asset.platform === 'mongodb')
    return false
  const pk = ref.asset.primaryKey?.columns
  if (pk?.length !== 1) return false
  const pkUrn = `${ref.asset.urn}#${pk[0]}`
  if (kindOfCategory(ctx.categories.get(pkUrn)) !== 'customer-number') return false
  // A table numbering its own customers (legacy tblCust) is asked by email from every route
  // already (its rows are tied by email alone): asking it again adds nothing.
  return !ctx.numberings.isForeignIssuer(pkUrn, true)
}

/** A relational table whose rows are customers it numbers itself (legacy tblCust). */
function ownNumbering(ctx: PivotContext, ref: FieldRef): boolean {
  const pk = ref.asset.primaryKey?.columns
  if (pk?.length !== 1 || (ref.asset.platform !== 'postgres' && ref.asset.platform !== 'sqlserver'))
    return false
  const pkUrn = `${ref.asset.urn}#${pk[0]}`
  return (
    kindOfCategory(ctx.categories.get(pkUrn)) === 'customer-number' &&
    ctx.numberings.isForeignIssuer(pkUrn, true)
  )
}

/** A primary key numbering its own table, outside the numbering lineage confirms. */
export function foreignIssuer(ctx: PivotContext, ref: FieldRef): boolean {
  const pk = ref.field.primaryKey === true || ref.asset.primaryKey?.columns[0] === ref.field.path
  return ctx.numberings.isForeignIssuer(ref.field.urn, pk)
}

/**
 * Every pivot out of the records `stepId` finds in `asset`. Weak values (phone, postcode,
 * device...) are followed along lineage only, never fanned out to every field of their category:
 * that would turn one shared phone into a household's worth of strangers.
 */
export function pivotsFrom(
  ctx: PivotContext,
  asset: CatalogAsset,
  stepId: string,
): PivotCandidate[] {
  const out: PivotCandidate[] = []
  for (const field of asset.fields) {
    if (isBeforeImage(field)) continue
    const from = { asset, field }
    const kind = pivotKindOf(ctx, from)
    if (!kind) continue
    const strength = kind === 'key' ? 'strong' : strengthOf(kind)
    out.push(...foreignKeyPivots(ctx, from, stepId))
    out.push(...lineagePivots(ctx, from, stepId, strength))
    if (strength === 'strong') out.push(...siblingPivots(ctx, from, stepId, strength))
    if (kind === 'key') continue
    // Who else holds it, in the very field it was found in: another customer row (a duplicate,
    // a household) with the email or the phone found. Their records are a route of their own
    // (plan-routes.ts): linked people, merged only where a strong identifier ties them.
    const reopened = strength === 'strong' || REOPENED_WEAK.has(kind)
    if (reopened && holdersMayShare(ctx, kind, from)) {
      out.push(otherHolders(from, stepId, kind, strength))
      // A table numbering its own customers (legacy tblCust) is tied to the rest by email
      // alone; a row of it without one is reached by the phone it shares, as a linked person.
      if (strength === 'weak')
        for (const target of ctx.byKind.get(kind) ?? [])
          if (target.asset.urn !== asset.urn && ownNumbering(ctx, target))
            out.push(otherHolders(from, stepId, kind, strength, target))
    }
    if (strength !== 'strong') continue
    // A table numbering its own customers (legacy tblCust) shares its numbers with no one.
    if (kind === 'customer-number' && foreignIssuer(ctx, from)) continue
    for (const target of ctx.byKind.get(kind) ?? []) {
      if (target.asset.urn === asset.urn || isCopy(ctx, target)) continue
      if (kind === 'customer-number' && foreignIssuer(ctx, target)) continue
      const canonical = holdsCanonicalForm(target.field.urn, [
        ...(ctx.edges.to.get(target.field.urn) ?? []),
      ])
      out.push({
        target,
        input: { kind: 'pivot', fromStep: stepId, fromField: field.urn, inverted: false, as: kind },
        match: canonical ? 'equals' : KIND_FIELDS[kind].match,
        strength,
        reason: `${label(target)} is classified ${ctx.categories.get(target.field.urn)} like ${label(from)}: the ${kind} found is asked in every form the catalogue knows (no lineage or key says the two share a numbering: confirm it with a lineage declaration)`,
      })
    }
  }
  return out
}

import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LineageEdge } from '../../../shared/model/lineage'
import type { CategoryId } from '../../../shared/model/personal-data'
import type { IdentifierKind } from '../identifiers/identifier-kinds'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import { KIND_FIELDS, hashEdgeOf, kindOfCategory } from './identifier-fields'
import { indexEdges } from './lineage-walk'
import { numberingsFrom } from './numbering'
import { personalAssetsOf, type PersonalAsset } from './plan-parts'
import {
  foreignKeysByReferenced,
  isBeforeImage,
  pivotsFrom,
  type FieldRef,
  type PivotCandidate,
  type PivotContext,
} from './pivots'

const DATA_KINDS = new Set(['table', 'view', 'topic', 'collection'])

/** What the planner derives from the catalogue alone: the same for every lookup of one state. */
export interface PlanBasis {
  /** Data assets (tables, views, topics, collections) by URN order. */
  assets: readonly CatalogAsset[]
  /** Those of them holding personal data, for the plan's list of what it cannot reach. */
  personal: readonly PersonalAsset[]
  ctx: PivotContext
  /** startFields' answers, by identifier kind. */
  starts: Map<IdentifierKind, readonly StartField[]>
  /** pivotsOutOf's answers by asset URN, with no step id filled in. */
  pivots: Map<string, readonly PivotCandidate[]>
}

/** A field a lookup of one identifier kind starts from: classified as the kind, or its hash. */
export interface StartField {
  ref: FieldRef
  /** Its category, when it is one the kind is held in. */
  category?: CategoryId
  /** The lineage edge saying it holds a SHA-256 of such a field (when not classified so). */
  hash?: LineageEdge
}

/**
 * The fields a lookup of `kind` starts from, in the catalogue's order: found once per basis and
 * kind rather than by walking every field of the catalogue on every lookup.
 */
export function startFields(basis: PlanBasis, kind: IdentifierKind): readonly StartField[] {
  const known = basis.starts.get(kind)
  if (known) return known
  const { fields, categories, edges } = basis.ctx
  const wanted = KIND_FIELDS[kind].categories
  const found: StartField[] = []
  for (const ref of fields.values()) {
    const category = categories.get(ref.field.urn)
    if (category && wanted.includes(category)) {
      found.push({ ref, category })
      continue
    }
    const hash = hashEdgeOf(ref.field.urn, edges.to.get(ref.field.urn) ?? [], categories, wanted)
    if (hash) found.push({ ref, hash })
  }
  basis.starts.set(kind, found)
  return found
}

/**
 * Every pivot out of the records a step finds in `asset` (pivots.ts `pivotsFrom`), worked out
 * once per basis and asset: they depend on the catalogue alone, except the step they come from.
 * A lookup plans a few dozen steps and each walked every field of its asset and its lineage.
 * Each answer is a fresh list with fresh `input` objects, so a plan may change its own.
 */
export function pivotsOutOf(
  basis: PlanBasis,
  asset: CatalogAsset,
  stepId: string,
): PivotCandidate[] {
  let known = basis.pivots.get(asset.urn)
  if (!known) {
    known = pivotsFrom(basis.ctx, asset, '')
    basis.pivots.set(asset.urn, known)
  }
  return known.map((c) => ({ ...c, input: { ...c.input, fromStep: stepId } }))
}

const kept = new WeakMap<
  LineageSnapshot,
  { edges: readonly LineageEdge[]; categories: ReadonlyMap<string, CategoryId>; basis: PlanBasis }
>()

/**
 * The plan's basis for this snapshot, edges and categories, built once and kept while they are
 * the same objects (the lookup context is built once per lineage state). At bench scale (5,500
 * assets, 68,400 fields) building it was part of every lookup.
 */
export function planBasis(
  snapshot: LineageSnapshot,
  categories: ReadonlyMap<string, CategoryId>,
  edges: readonly LineageEdge[],
): PlanBasis {
  const hit = kept.get(snapshot)
  if (hit && hit.edges === edges && hit.categories === categories) return hit.basis
  const basis = buildBasis(snapshot, categories, edges)
  kept.set(snapshot, { edges, categories, basis })
  return basis
}

function buildBasis(
  snapshot: LineageSnapshot,
  categories: ReadonlyMap<string, CategoryId>,
  edges: readonly LineageEdge[],
): PlanBasis {
  const assets = [...snapshot.assets.values()]
    .filter((a) => DATA_KINDS.has(a.kind))
    .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))
  const fields = new Map<string, FieldRef>()
  const byKind = new Map<IdentifierKind, FieldRef[]>()
  for (const asset of assets)
    for (const field of asset.fields) {
      const ref = { asset, field }
      fields.set(field.urn, ref)
      const kind = kindOfCategory(categories.get(field.urn))
      if (kind && !isBeforeImage(field))
        (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(ref)
    }
  return {
    assets,
    personal: personalAssetsOf(assets, categories),
    ctx: {
      fields,
      referencing: foreignKeysByReferenced(assets),
      edges: indexEdges(edges),
      categories,
      byKind,
      numberings: numberingsFrom(edges),
    },
    starts: new Map(),
    pivots: new Map(),
  }
}

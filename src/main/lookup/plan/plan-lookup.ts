import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LookupPlan, LookupPlanStep, StepMatch } from '../../../shared/model/lookup'
import { maskValue } from '../../crawl/mask-value'
import type { IdentifierKind } from '../identifiers/identifier-kinds'
import type { PlanInput } from '../lookup-inputs'
import { assetLabel, fieldAccess, type FieldAccess } from './field-access'
import { KIND_FIELDS, hashEdgeOf, holdsCanonicalForm, kindOfCategory } from './identifier-fields'
import { indexEdges } from './lineage-walk'
import {
  foreignKeysByReferenced,
  isBeforeImage,
  pivotsFrom,
  type FieldRef,
  type PivotContext,
} from './pivots'
import { companionHolder, fedBy, partitionAt, planValueOf, unreachableAssets } from './plan-parts'

/**
 * The lookup planner (issue 7 item 2), pure: from one recognised identifier, the catalogue, its
 * personal-data categories and its lineage, which stores are asked, by which field and index,
 * and which cannot be asked and why. No join is written by hand: start fields come from the
 * classification, pivots from keys, lineage and categories (pivots.ts). The plan holds no value
 * (it is shown and exported): steps say where their values come from, the executor computes them.
 *
 * Scans are decided last: an asset a pivot reaches by key (singleview.customers by `_id` after
 * crm gave the CustomerId) is read that way instead of scanned; what is left is scanned with a
 * warning, or skipped and listed as unreachable, as the user chose. Cheaper scans go first
 * (a relational table filters on the server), so their pivots can spare the dearer ones.
 */

export const DEFAULT_PLAN_DEPTH = 2

const DATA_KINDS = new Set(['table', 'view', 'topic', 'collection'])
/** Relational scans filter on the server; a topic is read whole; FerretDB decodes every document. */
const SCAN_COST: Record<string, number> = { postgres: 0, sqlserver: 0, kafka: 1, mongodb: 2 }

interface Pending extends Omit<LookupPlanStep, 'id' | 'access' | 'index' | 'partition'> {
  ref: FieldRef
  depth: number
  /** The value a keyed topic is asked with when it is known now (the typed identifier). */
  planValue?: string | number
}

/**
 * Plans one lookup. Step ids are stable within the plan but steps are not in run order (a
 * confirmed route may replace an assumed one found earlier): run each pivot after its
 * `fromStep` (plan-shape.ts `runOrder`), with values from execute/step-query.ts.
 */
export function planLookup(input: PlanInput): LookupPlan {
  const { identifier, snapshot, categories } = input
  const depth = Number.isInteger(input.depth) && input.depth >= 0 ? input.depth : DEFAULT_PLAN_DEPTH
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
  const edges = indexEdges(input.edges)
  const ctx: PivotContext = {
    fields,
    referencing: foreignKeysByReferenced(assets),
    edges,
    categories,
    byKind,
  }
  const allowed = input.sources ? new Set(input.sources) : undefined

  const steps: LookupPlanStep[] = []
  const stepByField = new Map<string, LookupPlanStep>()
  const isCategory = (p: Pending) => p.input.kind === 'pivot' && p.input.as !== undefined
  // Rerouting a step through one of its own descendants would make a cycle.
  const stepById = new Map<string, LookupPlanStep>()
  const descendsFrom = (p: Pending, ancestor: string): boolean => {
    for (let at = p.input.kind === 'pivot' ? stepById.get(p.input.fromStep) : undefined; at;) {
      if (at.id === ancestor) return true
      at = at.input.kind === 'pivot' ? stepById.get(at.input.fromStep) : undefined
    }
    return false
  }
  const covering = new Map<string, LookupPlanStep>()
  const askedAssets = new Set<string>()
  const standsFor = new Map<string, Set<string>>()
  const skipped = new Map<string, string>()
  const deferred: Array<Pending & { fa: FieldAccess }> = []
  const queue: Array<{ step: LookupPlanStep; asset: CatalogAsset; depth: number }> = []
  const warnings: string[] = []

  const addStep = (p: Pending, fa: FieldAccess): void => {
    const { ref, depth: d, planValue, ...rest } = p
    const step: LookupPlanStep = {
      ...rest,
      id: `s${steps.length + 1}`,
      access: fa.access,
      ...(fa.index ? { index: fa.index } : {}),
      reason: `${p.reason}; ${fa.reason}`,
    }
    if (fa.key) {
      const at = planValue === undefined ? undefined : partitionAt(fa, planValue)
      if (at !== undefined) step.partition = at
      else step.reason += '; the partition is computed at run time from the value found'
    }
    if (fa.access === 'scan') {
      step.warning = `Slow: ${fa.reason}.`
      if (input.scans === 'warn')
        warnings.push(`${assetLabel(ref.asset)}.${ref.field.path}: ${step.warning}`)
      // A category pivot only assumes the two fields share a numbering: it spares no scan.
    } else if (!isCategory(p)) covering.set(ref.asset.urn, step)
    steps.push(step)
    stepByField.set(ref.field.urn, step)
    stepById.set(step.id, step)
    askedAssets.add(ref.asset.urn)
    if (d < depth) queue.push({ step, asset: ref.asset, depth: d })
  }

  const consider = (p: Pending): void => {
    const { asset, field } = p.ref
    if (allowed && !allowed.has(asset.source)) {
      skipped.set(asset.urn, `source ${asset.source} was not selected for this lookup`)
      return
    }
    const existing = stepByField.get(field.urn)
    if (
      existing &&
      existing.input.kind === 'pivot' &&
      existing.input.as &&
      !isCategory(p) &&
      !descendsFrom(p, existing.id)
    ) {
      // A confirmed route (key, lineage) replaces an assumed one to the same field.
      const fa = fieldAccess(asset, field, { snapshot, indexedTopics: input.indexedTopics })
      Object.assign(existing, { input: p.input, match: p.match, strength: p.strength })
      existing.reason = `${p.reason}; ${fa.reason}`
      if (fa.access !== 'scan') covering.set(asset.urn, existing)
      return
    }
    if (existing || covering.has(asset.urn) || isBeforeImage(field)) return
    // One way into each asset: a pivot back into an asset already asked finds the same records.
    if (p.input.kind === 'pivot' && askedAssets.has(asset.urn)) return
    const fa = fieldAccess(asset, field, { snapshot, indexedTopics: input.indexedTopics })
    if (fa.access === 'scan') deferred.push({ ...p, fa })
    else addStep(p, fa)
  }

  // Level by level, so depth stays the shortest route; in each level keys and lineage first: a
  // category pivot only assumes a shared numbering, so it waits for the confirmed routes.
  const drain = (): void => {
    for (let level = queue.splice(0); level.length > 0; level = queue.splice(0)) {
      const byCategory: Pending[] = []
      for (const next of level)
        for (const c of pivotsFrom(ctx, next.asset, next.step.id)) {
          const p: Pending = {
            ref: c.target,
            source: c.target.asset.source,
            platform: c.target.asset.platform,
            assetUrn: c.target.asset.urn,
            fieldUrn: c.target.field.urn,
            match: c.match,
            input: c.input,
            strength: c.strength,
            reason: c.reason,
            depth: next.depth + 1,
          }
          if (c.input.as) byCategory.push(p)
          else consider(p)
        }
      for (const p of byCategory) consider(p)
    }
  }

  // Start steps: every field classified as holding this kind, and fields holding its hash.
  const { kind } = identifier
  const wanted = KIND_FIELDS[kind].categories
  const companionMissing = new Set<string>()
  for (const ref of fields.values()) {
    const category = categories.get(ref.field.urn)
    const base = {
      ref,
      source: ref.asset.source,
      platform: ref.asset.platform,
      assetUrn: ref.asset.urn,
      fieldUrn: ref.field.urn,
      input: { kind: 'identifier' as const, identifierKind: kind },
      strength: identifier.strength,
      depth: 0,
    }
    const label = `${assetLabel(ref.asset)}.${ref.field.path}`
    if (category && wanted.includes(category)) {
      const companion = KIND_FIELDS[kind].companion
      const holder = companionHolder(ref.asset, categories, companion, snapshot.assets)
      if (holder === undefined) {
        companionMissing.add(ref.asset.urn)
        continue
      }
      const checked =
        holder === '' || holder === ref.asset.urn
          ? ''
          : ` (the ${companion} part is checked on ${holder}, which it references)`
      const canonical = holdsCanonicalForm(ref.field.urn, edges.to.get(ref.field.urn) ?? [])
      const match: StepMatch = canonical ? 'equals' : KIND_FIELDS[kind].match
      const planValue = planValueOf(ref, identifier.canonical)
      consider({
        ...base,
        match,
        ...(planValue !== undefined ? { planValue } : {}),
        reason: `${label} is classified ${category}: the ${kind} is asked ${canonical ? 'in its canonical form (lineage normalises this field)' : `compared ${match}`}${checked}`,
      })
      continue
    }
    const hash = hashEdgeOf(ref.field.urn, edges.to.get(ref.field.urn) ?? [], categories, wanted)
    if (hash)
      consider({
        ...base,
        match: 'sha256-of',
        reason: `${label} holds a SHA-256 of ${hash.from.split('#')[1]} (lineage: ${hash.via.name}): the ${kind}'s hashed forms are asked`,
      })
  }
  drain()

  const startFields = new Set(
    steps.filter((s) => s.input.kind === 'identifier').map((s) => s.fieldUrn),
  )
  for (const p of deferred) if (p.input.kind === 'identifier') startFields.add(p.fieldUrn)

  // Scans last, cheapest first: each one's pivots may spare the next.
  const byDepthAndCost = (a: Pending, b: Pending) =>
    a.depth - b.depth || SCAN_COST[a.platform]! - SCAN_COST[b.platform]!
  deferred.sort(byDepthAndCost)
  for (let i = 0; i < deferred.length; i++) {
    const p = deferred[i]!
    const { asset, field } = p.ref
    if (stepByField.has(field.urn)) continue
    const cover = covering.get(asset.urn)
    // A typed identifier's own field is spared only when lineage says it holds a copy of a
    // field already asked (singleview contact.email of crm Email): another field of the asset
    // may hold the identifier on somebody else's records (a delivery to a neighbour's phone).
    if (cover && (p.input.kind === 'pivot' || fedBy(field.urn, startFields, edges))) {
      const noted = standsFor.get(cover.id) ?? standsFor.set(cover.id, new Set()).get(cover.id)!
      if (!noted.has(field.path)) cover.reason += `; it also stands for ${field.path}, a scan`
      noted.add(field.path)
      continue
    }
    if (input.scans === 'skip') {
      if (!skipped.has(asset.urn))
        skipped.set(
          asset.urn,
          `${p.fa.reason}; scans were refused (plan with scans "warn" or "allow" to ask it)`,
        )
      continue
    }
    skipped.delete(asset.urn)
    addStep(p, p.fa)
    drain()
    // Scans the drain found join the rest, in order (sort is stable).
    deferred.splice(i + 1, Infinity, ...deferred.slice(i + 1).sort(byDepthAndCost))
  }

  for (const urn of companionMissing)
    if (!skipped.has(urn))
      skipped.set(
        urn,
        `no ${KIND_FIELDS[kind].companion} field beside the ${kind}'s: the other part cannot be checked`,
      )
  if (steps.length === 0)
    warnings.push(
      `No catalogued field can be asked for a ${kind}: classify the fields holding one (${wanted.join(', ')}) or allow scans.`,
    )
  return {
    identifier: {
      kind,
      strength: identifier.strength,
      masked: maskValue(identifier.canonical),
      reason: identifier.reason,
    },
    steps,
    unreachable: unreachableAssets(assets, categories, steps, skipped, depth),
    warnings,
    depth,
    scans: input.scans,
  }
}

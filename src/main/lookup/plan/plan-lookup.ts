import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LookupPlan, LookupPlanStep, StepMatch } from '../../../shared/model/lookup'
import { maskValue } from '../../crawl/mask-value'
import type { PlanInput } from '../lookup-inputs'
import { assetLabel, fieldAccess, pushesDownOnlyId, type FieldAccess } from './field-access'
import { KIND_FIELDS, holdsCanonicalForm } from './identifier-fields'
import { planBasis, pivotsOutOf, startFields as startFieldsOf } from './plan-basis'
import { foreignIssuer, isBeforeImage, type FieldRef } from './pivots'
import { companionHolder, fedBy, partitionAt, planValueOf, unreachableAssets } from './plan-parts'
import { PlanRoutes } from './plan-routes'

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

/**
 * The largest table scanned to ask who else holds a found email or phone (pivots.ts `reopens`):
 * the small estate's crm (2,000 rows) is, the bench estate's (1,000,000) is not.
 */
export const REOPEN_SCAN_ROWS = 100_000

/** Relational scans filter on the server; a topic is read whole; FerretDB decodes every document. */
const SCAN_COST: Record<string, number> = { postgres: 0, sqlserver: 0, kafka: 1, mongodb: 2 }

interface Pending extends Omit<LookupPlanStep, 'id' | 'access' | 'index' | 'partition'> {
  ref: FieldRef
  depth: number
  /** The value a keyed topic is asked with when it is known now (the typed identifier). */
  planValue?: string | number
  /** A copy of the found rows (their CDC events by key): see PlanRoutes.redundant. */
  copy?: boolean
  /** Other holders of a found value in its own field (pivots.ts): a route of its own. */
  reopens?: boolean
}

/**
 * Plans one lookup. Step ids are stable within the plan but steps are not in run order (a
 * confirmed route may replace an assumed one found earlier): run each pivot after its
 * `fromStep` (plan-shape.ts `runOrder`), with values from execute/step-query.ts.
 */
export function planLookup(input: PlanInput): LookupPlan {
  const { identifier, snapshot, categories } = input
  const depth = Number.isInteger(input.depth) && input.depth >= 0 ? input.depth : DEFAULT_PLAN_DEPTH
  const basis = planBasis(snapshot, categories, input.edges)
  const { ctx } = basis
  const { edges } = ctx
  const allowed = input.sources ? new Set(input.sources) : undefined
  const access = { snapshot, categories, indexedTopics: input.indexedTopics }

  const steps: LookupPlanStep[] = []
  const routes = new PlanRoutes(identifier.strength === 'strong', (ref) => !foreignIssuer(ctx, ref))
  const isCategory = (p: Pending) => p.input.kind === 'pivot' && p.input.as !== undefined
  const covering = new Map<string, LookupPlanStep[]>()
  /** Key reads of an asset: each stands for scans of its other fields on the same route. */
  const covers = (assetUrn: string, step: LookupPlanStep) =>
    covering.set(assetUrn, [...(covering.get(assetUrn) ?? []), step])
  const standsFor = new Map<string, Set<string>>()
  const skipped = new Map<string, string>()
  const deferred: Array<Pending & { fa: FieldAccess }> = []
  const queue: Array<{ step: LookupPlanStep; asset: CatalogAsset; depth: number }> = []
  const warnings: string[] = []

  const addStep = (p: Pending, fa: FieldAccess): void => {
    const { ref, depth: d, planValue, copy: _copy, reopens: _reopens, ...rest } = p
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
    } else covers(ref.asset.urn, step)
    steps.push(step)
    routes.add(step, p, d)
    // At the depth bound only copies of the rows found (their topics' events) are still read.
    queue.push({ step, asset: ref.asset, depth: d })
  }

  const consider = (p: Pending): void => {
    const { asset, field } = p.ref
    if (allowed && !allowed.has(asset.source)) {
      skipped.set(asset.urn, `source ${asset.source} was not selected for this lookup`)
      return
    }
    if (isBeforeImage(field)) return
    const assumed = routes
      .onField(field.urn)
      .find((s) => s.input.kind === 'pivot' && s.input.as !== undefined && !routes.reopens(s.id))
    if (
      assumed &&
      !isCategory(p) &&
      p.depth <= routes.depth(assumed.id) &&
      !(p.input.kind === 'pivot' && routes.descends(p.input.fromStep, assumed.id))
    ) {
      // A confirmed route (key, lineage) as short replaces an assumed one to the same field.
      const fa = fieldAccess(asset, field, access)
      Object.assign(assumed, { input: p.input, match: p.match, strength: p.strength })
      assumed.reason = `${p.reason}; ${fa.reason}`
      if (fa.access !== 'scan') covers(asset.urn, assumed)
      return
    }
    if (routes.redundant(p)) return
    const fa = fieldAccess(asset, field, access)
    if (p.reopens && fa.access === 'scan' && (fa.scanSize ?? Infinity) > REOPEN_SCAN_ROWS) {
      // Who else holds a found email or phone is worth a small table's scan, not a large one's.
      warnings.push(
        `${assetLabel(asset)}.${field.path}: other holders of the values found are not asked (${fa.reason}); index the field to find duplicates and households.`,
      )
      return
    }
    if (fa.access === 'scan') deferred.push({ ...p, fa })
    else addStep(p, fa)
  }

  // Level by level, so depth stays the shortest route; in each level keys and lineage first: a
  // category pivot only assumes a shared numbering, so it waits for the confirmed routes.
  const drain = (): void => {
    for (let level = queue.splice(0); level.length > 0; level = queue.splice(0)) {
      const byCategory: Pending[] = []
      for (const next of level)
        for (const c of pivotsOutOf(basis, next.asset, next.step.id)) {
          // Copies of the found rows are read even at the bound; other holders of a found value
          // are not asked there (depth 0 is the typed identifier's own rows), though the hop to
          // them is not counted.
          if (!c.copy && next.depth >= depth) continue
          const p: Pending = {
            ref: c.target,
            source: c.target.asset.source,
            platform: c.target.asset.platform,
            assetUrn: c.target.asset.urn,
            fieldUrn: c.target.field.urn,
            match: c.match,
            input: c.input,
            strength: c.strength,
            reason: c.copy ? `${c.reason}; a copy of the row, not counted in the depth` : c.reason,
            depth: next.depth + (c.copy || c.reopens ? 0 : 1),
            ...(c.copy ? { copy: true } : {}),
            ...(c.reopens ? { reopens: true } : {}),
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
  for (const start of startFieldsOf(basis, kind)) {
    const { ref, category, hash } = start
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
    if (category) {
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
    } else if (hash)
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
    if (routes.redundant(p)) continue
    // A typed identifier's own field is spared only when lineage says it holds a copy of a
    // field already asked (singleview contact.email of crm Email): another field of the asset
    // may hold the identifier on somebody else's records (a delivery to a neighbour's phone).
    // A pivot's scan is spared only on its own route: a key read reached from other records
    // (another start field's) does not stand for the records this route found.
    // FerretDB filters only `_id` itself: a read by `_id` on any route stands for its scans.
    // Other holders of a found value are other rows than those a key read found: never covered.
    const idOnly = pushesDownOnlyId(asset, snapshot)
    const cover = (p.reopens ? [] : (covering.get(asset.urn) ?? [])).find(
      (c) =>
        fedBy(field.urn, startFields, edges) ||
        (idOnly && p.input.kind === 'pivot') ||
        (p.input.kind === 'pivot' &&
          c.input.kind === 'pivot' &&
          (routes.descends(p.input.fromStep, c.input.fromStep) ||
            routes.descends(c.input.fromStep, p.input.fromStep))),
    )
    if (cover) {
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
    unreachable: unreachableAssets(basis.personal, steps, skipped, depth),
    warnings,
    // Copies of a found row (its topic's events by key) are not counted in the user's depth;
    // the executor bounds pivot chains by this, so it is the longest chain planned.
    depth: Math.max(depth, ...steps.map((s) => routes.chainLength(s))),
    scans: input.scans,
  }
}

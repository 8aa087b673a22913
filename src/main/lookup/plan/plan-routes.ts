import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { FieldRef } from './pivots'

/**
 * The planner's record of the routes it has planned (plan-lookup.ts), and the rule that keeps
 * them few and loop-free (issue 7 item 2). Records are followed per origin: a strong
 * identifier's start steps all find its one person (one origin); each start of a weak identifier,
 * and each weak pivot, may find other people, so what they find is followed on its own (records
 * found by crm HomePhone although MobilePhone's already were). Within an origin a pivot never
 * goes into an asset already asked (it finds the same records), nor back into an asset its values
 * came through (no loops); a pivot carrying the typed identifier adds nothing where it is asked.
 */

/** What the book needs of a step the planner may add. */
export interface RouteCandidate {
  ref: FieldRef
  input: LookupPlanStep['input']
  strength: 'strong' | 'weak'
  /** A copy of the found rows (a table's CDC events by its primary key). */
  copy?: boolean
  /** Other holders of a found value in its own field (pivots.ts `reopens`): a route of its own. */
  reopens?: boolean
}

export class PlanRoutes {
  private readonly byId = new Map<string, LookupPlanStep>()
  private readonly byField = new Map<string, LookupPlanStep[]>()
  private readonly depths = new Map<string, number>()
  /** Step id -> the origin its records are followed for. */
  private readonly originOf = new Map<string, string>()
  /** Origin -> assets its steps ask. */
  private readonly askedBy = new Map<string, Set<string>>()
  /** Steps asking other holders of a value (`reopens`). */
  private readonly reopened = new Set<string>()

  /**
   * @param strongIdentifier the typed identifier names one person (its starts share an origin)
   * @param countsAsAsked false for a start whose records say nothing of the person (a typed
   *   number read in a table numbering its own customers): its asset is still to be asked
   */
  constructor(
    private readonly strongIdentifier: boolean,
    private readonly countsAsAsked: (ref: FieldRef) => boolean,
  ) {}

  step(id: string): LookupPlanStep | undefined {
    return this.byId.get(id)
  }

  onField(fieldUrn: string): readonly LookupPlanStep[] {
    return this.byField.get(fieldUrn) ?? []
  }

  /** True for a step asking other holders of a value (never replaced by another route). */
  reopens(id: string): boolean {
    return this.reopened.has(id)
  }

  depth(id: string): number {
    return this.depths.get(id) ?? 0
  }

  /** Books a step the planner added, `depth` hops from the typed identifier. */
  add(step: LookupPlanStep, c: RouteCandidate, depth: number): void {
    this.byId.set(step.id, step)
    this.byField.set(c.ref.field.urn, [...this.onField(c.ref.field.urn), step])
    this.depths.set(step.id, depth)
    const from = c.input.kind === 'pivot' ? c.input.fromStep : undefined
    const asking = from === undefined ? 'identifier' : (this.originOf.get(from) ?? '')
    const asked = this.askedBy.get(asking) ?? new Set<string>()
    this.askedBy.set(asking, asked)
    if (from !== undefined || this.countsAsAsked(c.ref)) asked.add(c.ref.asset.urn)
    const origin =
      from === undefined
        ? this.strongIdentifier
          ? 'identifier'
          : `start:${step.id}`
        : c.strength === 'weak' || c.reopens
          ? `weak:${step.id}`
          : asking
    this.originOf.set(step.id, origin)
    if (c.reopens) this.reopened.add(step.id)
  }

  /** True when step `id` is `ancestor` or pivots from it, any number of hops back. */
  descends(id: string | undefined, ancestor: string): boolean {
    for (let at = id === undefined ? undefined : this.byId.get(id); at;) {
      if (at.id === ancestor) return true
      at = at.input.kind === 'pivot' ? this.byId.get(at.input.fromStep) : undefined
    }
    return false
  }

  /** True when `c` would ask nothing new (see the class comment). */
  redundant(c: RouteCandidate): boolean {
    const existing = this.onField(c.ref.field.urn)
    if (c.input.kind === 'identifier') return existing.some((s) => s.input.kind === 'identifier')
    const from = c.input.fromStep
    if (c.reopens) return this.reopenRedundant(c, from)
    const again = this.stepsBehind(from).filter((s) => s.assetUrn === c.ref.asset.urn)
    if (again.length > 0 && !widens(c, again)) return true
    // The found rows' own events: another step into the topic (after.CustomerId from the fraud
    // scores found) carried other values, so only the same key asked from the same step is
    // redundant; the executor answers values asked twice from its query cache.
    if (c.copy) return existing.some((s) => s.input.kind === 'pivot' && s.input.fromStep === from)
    if (this.askedBy.get(this.originOf.get(from) ?? '')?.has(c.ref.asset.urn)) return true
    const source = this.byId.get(from)
    const carriesIdentifier =
      source?.input.kind === 'identifier' && source.fieldUrn === c.input.fromField
    return carriesIdentifier && existing.some((s) => s.input.kind === 'identifier')
  }

  /**
   * Other holders of a value, asked once and only from the records the typed identifier found
   * (its strong person's, or a weak start's own rows: the name and birth date's customer row,
   * whose duplicate without a birth date holds the same phone): not from records that other
   * holders or a weak pivot found (one hop of "who else holds it"), not with the typed
   * identifier in its own field (the start found every holder), and not twice from one field in
   * a route. A mobile typed asks HomePhone again with the home phone its rows hold: a duplicate
   * row whose mobile was mistyped shares that line.
   */
  private reopenRedundant(c: RouteCandidate, from: string): boolean {
    // A weak pivot's records are already other people's (found by a shared phone): asking
    // their emails again multiplies the plan.
    const origin = this.originOf.get(from) ?? ''
    if (origin !== 'identifier' && !origin.startsWith('start:')) return true
    for (let at = this.byId.get(from); at;) {
      if (this.reopened.has(at.id)) return true
      at = at.input.kind === 'pivot' ? this.byId.get(at.input.fromStep) : undefined
    }
    const source = this.byId.get(from)
    if (source?.input.kind === 'identifier' && source.fieldUrn === c.ref.field.urn) return true
    return this.onField(c.ref.field.urn).some(
      (s) =>
        this.reopened.has(s.id) &&
        s.input.kind === 'pivot' &&
        c.input.kind === 'pivot' &&
        s.input.fromField === c.input.fromField &&
        this.originOf.get(s.input.fromStep) === origin,
    )
  }

  /** Pivots from the typed identifier to `step`, copies of rows included. */
  chainLength(step: LookupPlanStep): number {
    let n = 0
    for (let at = step; at.input.kind === 'pivot'; n++) {
      const next = this.byId.get(at.input.fromStep)
      if (!next) break
      at = next
    }
    return n
  }

  /** The steps a step's values passed through, its own included. */
  private stepsBehind(id: string): LookupPlanStep[] {
    const out: LookupPlanStep[] = []
    for (let at = this.byId.get(id); at;) {
      out.push(at)
      at = at.input.kind === 'pivot' ? this.byId.get(at.input.fromStep) : undefined
    }
    return out
  }
}

/**
 * True when `c` goes back into an asset its values came through and finds more there: the asset
 * was entered only by a weak value (crm Address by the typed postcode finds the one address at
 * that postcode) and `c` enters it by a key column that is not its primary key (Address by the
 * CustomerId the address led to: every address of that customer, another postcode too). Back
 * in by its primary key or by a field already asked, it would find the rows found already.
 */
function widens(c: RouteCandidate, before: readonly LookupPlanStep[]): boolean {
  if (c.input.kind !== 'pivot' || c.input.as !== undefined || c.strength !== 'strong') return false
  const { asset, field } = c.ref
  if (field.primaryKey === true || asset.primaryKey?.columns.includes(field.path)) return false
  const isForeignKey =
    field.references !== undefined ||
    (asset.foreignKeys ?? []).some((fk) => fk.columns.includes(field.path))
  return isForeignKey && before.every((s) => s.strength === 'weak' && s.fieldUrn !== field.urn)
}

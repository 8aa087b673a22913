import type { LineageEdge, LineageSuggestion } from '../../../shared/model/lineage'
import { lineageId } from '../../../shared/lineage/edge-id'
import type { FieldSketch } from '../../store/sketch-repository'
import type { LineageSnapshot, SuggestionDecision } from '../lineage-inputs'
import { CopyClasses, flowRank, indexFields, isKeyField, typeFamily } from './field-context'
import { explainedAway, referenceCopies } from './reference-copies'
import { scoreMatches, type ScoredMatch } from './score-matches'

/**
 * Value evidence a suggestion needs: nearly every upstream value is found downstream (less the
 * sampling slack when the downstream was only partly sampled).
 */
export const MIN_VALUE = 0.95
/**
 * A hash match cannot be a coincidence: half of the hashed values found among the upstream's
 * hashed values is evidence enough (the rest may come from other sources or older values).
 */
export const MIN_HASHED_VALUE = 0.5
/**
 * A second upstream for one target field must be as sure as MIN_VALUE, and named alike: a
 * second upstream of ids (orders and fraud scores keyed by customer) holds a few ids the target
 * never got (orphans, customers newer than the target's sample), so the bar is not higher.
 */
export const EXTRA_MIN_VALUE = 0.95
export const EXTRA_MIN_NAMES = 0.8
/**
 * Integer ids overlap by chance (every sequence holds 1..n), so an id match needs the target to
 * be its asset's key and the names to agree (ID_MIN_NAMES), and the values contained as well as
 * any copy's: a subset of ids found downstream is what any reference to them looks like.
 */
export const ID_MIN_VALUE = 0.95
/** Names needed where values prove little: integer ids (every sequence overlaps every other). */
export const ID_MIN_NAMES = 0.8
/** ...and low-cardinality fields (a tier, a channel), which also need their assets linked. */
export const LOW_CARDINALITY_MIN_NAMES = 0.5

export interface InferInput {
  snapshot: LineageSnapshot
  sketches: FieldSketch[]
  knownEdges: LineageEdge[]
  decisions: ReadonlyMap<string, SuggestionDecision>
}

/**
 * Inferred lineage suggestions (issue 6 item 4) from the sketches of sampled values: candidate
 * pairs of fields of different sources whose normalised values meet (candidate-pairs.ts), scored
 * on sampling-corrected containment, name and type similarity (score-matches.ts), then chosen:
 *
 * - what is known is not suggested again: fields already joined by copying edges, targets that a
 *   known edge already feeds, and anything reached through one of them;
 * - values prove little for integer ids and for fields of few distinct values: an id match needs
 *   the target to be its asset's key and the names to agree; a low-cardinality match needs the
 *   names to agree and the two assets to be linked by another match;
 * - a foreign key column does not feed what the key it references feeds: the referenced key does;
 * - an id column holding keys of an asset that already feeds its asset is that key copied, and
 *   not an upstream of what the key feeds itself (reference-copies.ts);
 * - each target field gets its best upstream, and another only when it is as sure and named alike;
 *   of fields known to hold the same values (a column and its CDC `after.X`) the one nearest the
 *   target stands for them.
 *
 * Rejected suggestions are left out; accepted ones come back with status `accepted`.
 */
export function inferLineageSuggestions(input: InferInput): LineageSuggestion[] {
  const fields = indexFields(input.snapshot.assets)
  const classes = new CopyClasses(input.knownEdges)
  const knownPairs = new Set<string>()
  for (const e of input.knownEdges)
    if (e.level === 'field' && e.origin.kind !== 'accepted-suggestion') {
      knownPairs.add(`${e.from}\u0000${e.to}`)
      knownPairs.add(`${e.to}\u0000${e.from}`)
    }

  const scored = scoreMatches(input.sketches, fields, classes)
  const matches = scored.filter(
    (m) =>
      m.value >= (m.hashed ? MIN_HASHED_VALUE : MIN_VALUE - m.samplingSlack) &&
      !knownPairs.has(`${m.from.field.urn}\u0000${m.to.field.urn}`),
  )
  const isId = (m: ScoredMatch) =>
    typeFamily(m.from.field) === 'number' &&
    (m.transform.type === 'identity' || m.transform.type === 'prefix-pad')
  const idOk = (m: ScoredMatch) =>
    isKeyField(m.to) &&
    m.nameSimilarity >= ID_MIN_NAMES &&
    m.value >= ID_MIN_VALUE - m.samplingSlack
  const linked = new Set<string>()
  for (const m of matches)
    if (!m.lowCardinality && (!isId(m) || idOk(m)))
      linked.add(`${m.from.asset.urn}\u0000${m.to.asset.urn}`)
  const passing = matches.filter((m) => {
    if (isId(m) && !idOk(m)) return false
    if (!m.lowCardinality) return true
    return (
      m.nameSimilarity >= LOW_CARDINALITY_MIN_NAMES &&
      linked.has(`${m.from.asset.urn}\u0000${m.to.asset.urn}`)
    )
  })
  const copies = referenceCopies({
    scored,
    proven: passing.filter((m) => !m.lowCardinality && !isId(m)),
    fields,
    classes,
    isId,
    knownPairs,
  })
  const candidates = withoutForeignKeys([...passing, ...copies], classes, fields)
  const chosen = chooseUpstreams(explainedAway(candidates, candidates, copies, classes), classes)
  return decide(chosen, input.decisions)
}

/** Drops a foreign key column's match where the key it references matches the same target. */
function withoutForeignKeys(
  matches: readonly ScoredMatch[],
  classes: CopyClasses,
  fields: ReturnType<typeof indexFields>,
): ScoredMatch[] {
  const referencedByClass = new Map<string, Set<string>>()
  for (const info of fields.values()) {
    const ref = info.field.references
    if (!ref) continue
    const root = classes.find(info.field.urn)
    const set = referencedByClass.get(root) ?? new Set<string>()
    set.add(classes.find(ref))
    referencedByClass.set(root, set)
  }
  const fedFrom = new Map<string, Set<string>>()
  for (const m of matches) {
    const set = fedFrom.get(m.to.field.urn) ?? new Set<string>()
    set.add(classes.find(m.from.field.urn))
    fedFrom.set(m.to.field.urn, set)
  }
  return matches.filter((m) => {
    const refs = referencedByClass.get(classes.find(m.from.field.urn))
    if (!refs) return true
    const feeders = fedFrom.get(m.to.field.urn)!
    return ![...refs].some((r) => feeders.has(r))
  })
}

/**
 * Fields move together: a process that copies one field of an asset copies others of it. Among
 * upstreams of one target field, one whose asset feeds more fields of the target's asset ranks
 * higher (a bonus of LINK_BONUS per further field, up to MAX_LINK_BONUS).
 */
export const LINK_BONUS = 0.05
export const MAX_LINK_BONUS = 0.2

function linkBonus(matches: readonly ScoredMatch[]): (m: ScoredMatch) => number {
  const targets = new Map<string, Set<string>>()
  for (const m of matches) {
    const key = `${m.from.asset.urn}\u0000${m.to.asset.urn}`
    const set = targets.get(key) ?? new Set<string>()
    set.add(m.to.field.urn)
    targets.set(key, set)
  }
  return (m) => {
    const n = targets.get(`${m.from.asset.urn}\u0000${m.to.asset.urn}`)?.size ?? 1
    return Math.min(MAX_LINK_BONUS, LINK_BONUS * (n - 1))
  }
}

/** Order of preference among matches for one target field. */
function preference(a: ScoredMatch, b: ScoredMatch, bonus: (m: ScoredMatch) => number): number {
  return (
    b.score + bonus(b) - (a.score + bonus(a)) ||
    a.ruleOrder - b.ruleOrder ||
    // Nearest the target first: the CDC topic's after.X rather than the table's X it copies.
    flowRank(b.from.asset.platform) - flowRank(a.from.asset.platform) ||
    afterFirst(a) - afterFirst(b) ||
    a.from.field.urn.localeCompare(b.from.field.urn)
  )
}

function afterFirst(m: ScoredMatch): number {
  const path = m.from.field.path
  return path.startsWith('after.') ? 0 : path.startsWith('before.') ? 2 : 1
}

const noBonus = () => 0

function chooseUpstreams(matches: readonly ScoredMatch[], classes: CopyClasses): ScoredMatch[] {
  const bonus = linkBonus(matches)
  const byTarget = new Map<string, Map<string, ScoredMatch>>()
  for (const m of matches) {
    const perClass = byTarget.get(m.to.field.urn) ?? new Map<string, ScoredMatch>()
    const root = classes.find(m.from.field.urn)
    const current = perClass.get(root)
    // Within one class the nearest member stands for it; the bonus ranks classes.
    if (!current || preference(m, current, noBonus) < 0) perClass.set(root, m)
    byTarget.set(m.to.field.urn, perClass)
  }
  const out: ScoredMatch[] = []
  for (const perClass of byTarget.values()) {
    const ranked = [...perClass.values()].sort((a, b) => preference(a, b, bonus))
    out.push(ranked[0]!)
    for (const m of ranked.slice(1))
      if (m.value >= EXTRA_MIN_VALUE && m.nameSimilarity >= EXTRA_MIN_NAMES) out.push(m)
  }
  return out
}

function decide(
  matches: readonly ScoredMatch[],
  decisions: ReadonlyMap<string, SuggestionDecision>,
): LineageSuggestion[] {
  const byPair = new Map<string, SuggestionDecision>()
  for (const d of decisions.values()) byPair.set(`${d.from}\u0000${d.to}`, d)
  const out: LineageSuggestion[] = []
  for (const m of matches) {
    const from = m.from.field.urn
    const to = m.to.field.urn
    const id = lineageId(from, to, m.transform.type)
    const decision = decisions.get(id) ?? byPair.get(`${from}\u0000${to}`)
    if (decision?.status === 'rejected') continue
    const notes = [
      `${Math.round(m.containTo * 100)}% of the target's sampled values found upstream`,
      `${m.shared} keyed hashes shared by the two sketches`,
    ]
    if (m.lowCardinality) notes.push('few distinct values: names and linked assets weigh in')
    if (m.notes) notes.push(...m.notes)
    if (m.againstFlow) notes.push('runs against the usual flow (database -> stream -> store)')
    const suggestion: LineageSuggestion = {
      id,
      from,
      to,
      transform: m.transform,
      score: Math.round(m.score * 1000) / 1000,
      evidence: {
        containment: round(m.containFrom),
        jaccard: round(m.jaccard),
        normalisation: m.normalisation,
        nameSimilarity: round(m.nameSimilarity),
        typeCompatible: m.typeCompatible,
        fromDistinct: m.fromDistinct,
        toDistinct: m.toDistinct,
        notes,
      },
      status: decision ? 'accepted' : 'open',
    }
    if (decision) {
      suggestion.decidedBy = decision.by
      suggestion.decidedAt = decision.at
      if (decision.reason !== undefined) suggestion.reason = decision.reason
    }
    out.push(suggestion)
  }
  return out.sort((a, b) => b.score - a.score || a.to.localeCompare(b.to))
}

const round = (n: number) => Math.round(n * 1000) / 1000

import type { TransformSpec } from '../../../shared/model/lineage'
import type { FieldSketch } from '../../store/sketch-repository'
import { candidatePairs, MATCH_RULES } from './candidate-pairs'
import {
  CopyClasses,
  flowRank,
  nameSimilarity,
  typeCompatible,
  type FieldInfo,
} from './field-context'

/** One oriented, scored match between two catalogued fields under one normalisation. */
export interface ScoredMatch {
  from: FieldInfo
  to: FieldInfo
  transform: TransformSpec
  normalisation: string
  /** Share of from's values found in to (sampling-corrected), and the reverse. */
  containFrom: number
  containTo: number
  jaccard: number
  shared: number
  fromDistinct: number
  toDistinct: number
  nameSimilarity: number
  typeCompatible: boolean
  /** The value evidence the score rests on (see valueEvidence). */
  value: number
  score: number
  /** True when either side has few distinct values: the values alone prove little. */
  lowCardinality: boolean
  /** True when the match runs against the usual flow (a collection feeding a table). */
  againstFlow: boolean
  /**
   * How far below 1 `value` may fall from sampling alone (two binomial standard deviations of the
   * corrected containment, capped): 0 when both sides were read in full.
   */
  samplingSlack: number
  /** The match is a hash of the upstream: no coincidence, so a lower bar (see valueEvidence). */
  hashed: boolean
  /** The match rule's place in MATCH_RULES: among equals, the simpler transformation wins. */
  ruleOrder: number
  /** Why the match stands where its containment alone would not (reference-copies.ts). */
  notes?: string[]
}

/** Below this many distinct values a match needs a name and an asset already linked. */
export const LOW_CARDINALITY = 20

/** Sampling noise never lowers the bar for value evidence by more than this. */
export const MAX_SAMPLING_SLACK = 0.1

/** Records sampled / records held: the chance that a given value of the asset was sampled. */
function samplingFraction(s: FieldSketch): number {
  if (!s.population || !s.recordsSampled || s.population <= s.recordsSampled) return 1
  return s.recordsSampled / s.population
}

/**
 * Every candidate pair oriented (upstream -> downstream), checked against what is known, and
 * scored. Containments are corrected for sampling: when `to` holds only a fraction p of its
 * records in the sample, a from value that does reach `to` is seen there with chance about p,
 * so |A ∩ B| / (|A| p) estimates the share of A that reaches B.
 */
export function scoreMatches(
  sketches: readonly FieldSketch[],
  fields: ReadonlyMap<string, FieldInfo>,
  classes: CopyClasses,
): ScoredMatch[] {
  const out: ScoredMatch[] = []
  const seen = new Set<string>()
  for (const pair of candidatePairs(sketches)) {
    const from = fields.get(pair.from.fieldUrn)
    const to = fields.get(pair.to.fieldUrn)
    if (!from || !to) continue
    const rankFrom = flowRank(from.asset.platform)
    const rankTo = flowRank(to.asset.platform)
    if (pair.rule.symmetric) {
      // The reverse pair is a candidate too: keep the orientation that follows the flow, or, on
      // one level, the side with more distinct values upstream.
      if (rankFrom > rankTo) continue
      if (rankFrom === rankTo) {
        const d = pair.from.distinct - pair.to.distinct
        if (d < 0 || (d === 0 && from.field.urn > to.field.urn)) continue
      }
    }
    if (classes.find(from.field.urn) === classes.find(to.field.urn)) continue
    if (classes.fed.has(to.field.urn)) continue
    const transform = pair.rule.transform(pair.to)
    if (!transform) continue
    const key = `${from.field.urn}\u0000${to.field.urn}\u0000${pair.rule.from}`
    if (seen.has(key)) continue
    seen.add(key)

    const { intersection, jaccard, shared } = pair.overlap
    const pTo = samplingFraction(pair.to)
    const containFrom = Math.min(1, intersection / (pair.from.distinct * pTo))
    const containTo = Math.min(1, intersection / (pair.to.distinct * samplingFraction(pair.from)))
    const hashed = pair.rule.from === 'sha256-email'
    const value = valueEvidence(containFrom, containTo, hashed)
    const names = nameSimilarity(from, to)
    const types = typeCompatible(from.field, to.field, transform.type)
    const againstFlow = rankFrom > rankTo
    const score = value * (0.7 + 0.2 * names + 0.1 * (types ? 1 : 0)) * (againstFlow ? 0.85 : 1)
    out.push({
      from,
      to,
      transform,
      normalisation: pair.rule.label(pair.to),
      containFrom,
      containTo,
      jaccard,
      shared,
      fromDistinct: pair.from.distinct,
      toDistinct: pair.to.distinct,
      nameSimilarity: names,
      typeCompatible: types,
      value,
      score,
      lowCardinality: Math.min(pair.from.distinct, pair.to.distinct) < LOW_CARDINALITY,
      againstFlow,
      hashed,
      ruleOrder: MATCH_RULES.indexOf(pair.rule),
      samplingSlack: Math.min(
        MAX_SAMPLING_SLACK,
        2 * Math.sqrt((1 - pTo) / Math.max(1, pair.from.distinct * pTo)),
      ),
    })
  }
  return out
}

/**
 * What the values say. A process that moves a field moves all of it: the upstream's values are
 * found downstream (containFrom near 1), whether or not the downstream also has values from
 * elsewhere. A field that merely refers to another (a call-centre note's customer id, a fraud
 * case's customer) holds a subset of it instead, so containFrom is what counts. A hash is the
 * exception: nobody types a SHA-256 of an email, so a hashed field's values found among the
 * hashed upstream (containTo) are evidence of the computation even for a subset, and even when
 * some of the hashed values came from elsewhere (MIN_HASHED_VALUE).
 */
export function valueEvidence(containFrom: number, containTo: number, hashed: boolean): number {
  return hashed ? Math.max(containFrom, containTo) : containFrom
}

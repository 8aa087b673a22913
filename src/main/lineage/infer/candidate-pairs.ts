import type { TransformSpec } from '../../../shared/model/lineage'
import type { FieldSketch } from '../../store/sketch-repository'
import { estimateOverlap, type OverlapEstimate } from './sketch-math'

/**
 * How a `from` variant meets a `to` variant, and the transformation that match stands for. The
 * `to` side is compared as it is, except ids, compared with prefix and padding stripped.
 */
export interface MatchRule {
  from: string
  to: string
  /** Identity-like matches say nothing of direction; the others do. */
  symmetric: boolean
  transform: (to: FieldSketch) => TransformSpec | undefined
  label: (to: FieldSketch) => string
}

const trim: TransformSpec = { type: 'trim' }
const lower: TransformSpec = { type: 'lower-case' }

export const MATCH_RULES: readonly MatchRule[] = [
  rule('as-is', 'as-is', true, { type: 'identity' }, 'as-is'),
  rule('trim', 'as-is', true, trim, 'trim'),
  rule('trim-lower', 'as-is', true, { type: 'chain', steps: [trim, lower] }, 'trim + lower-case'),
  rule(
    'collapse-whitespace',
    'as-is',
    true,
    { type: 'collapse-whitespace' },
    'collapse whitespace',
  ),
  rule('e164-gb', 'as-is', false, { type: 'e164', region: 'GB' }, 'E.164 (GB)'),
  rule('postcode', 'as-is', false, { type: 'postcode-format' }, 'postcode format'),
  rule(
    'sha256-email',
    'as-is',
    false,
    { type: 'chain', steps: [trim, lower, { type: 'sha256' }] },
    'SHA-256 of trim + lower-case',
  ),
  rule(
    'epoch-date',
    'as-is',
    false,
    { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' },
    'epoch days to date',
  ),
  {
    from: 'as-is',
    to: 'id-core',
    symmetric: false,
    transform: (to) =>
      to.idFormat
        ? { type: 'prefix-pad', prefix: to.idFormat.prefix, width: to.idFormat.width }
        : undefined,
    label: (to) => `prefix-pad ${to.idFormat?.prefix ?? '?'}/${to.idFormat?.width ?? '?'}`,
  },
]

function rule(
  from: string,
  to: string,
  symmetric: boolean,
  transform: TransformSpec,
  label: string,
): MatchRule {
  return { from, to, symmetric, transform: () => transform, label: () => label }
}

export interface CandidatePair {
  from: FieldSketch
  to: FieldSketch
  rule: MatchRule
  overlap: OverlapEstimate
}

/** Hashes shared by two sketches before a pair is looked at. */
export const MIN_SHARED = 2
/** A hash in more `to` sketches than this is a common value (a status, a country): no evidence. */
export const MAX_POSTING = 64

/**
 * Candidate pairs without comparing all pairs: an inverted index from each hash of a `to`-side
 * sketch to the sketches holding it, probed with every hash of each `from`-side sketch. This is
 * LSH with one-row bands over the bottom-k entries: unlike b-by-r banding of MinHash signatures,
 * it keeps pairs whose Jaccard is low because one set is much smaller than the other (a
 * containment), which is what lineage into a subset looks like. Pairs within one asset or one
 * source are not candidates (see inferLineageSuggestions).
 */
export function candidatePairs(sketches: readonly FieldSketch[]): CandidatePair[] {
  const toVariants = new Set(MATCH_RULES.map((r) => r.to))
  const index = new Map<number, number[]>()
  sketches.forEach((s, i) => {
    if (!toVariants.has(s.variant)) return
    for (const h of s.hashes) {
      const list = index.get(h)
      if (list) list.push(i)
      else index.set(h, [i])
    }
  })
  const rulesByFrom = new Map<string, MatchRule[]>()
  for (const r of MATCH_RULES) rulesByFrom.set(r.from, [...(rulesByFrom.get(r.from) ?? []), r])

  const pairs: CandidatePair[] = []
  sketches.forEach((from) => {
    const rules = rulesByFrom.get(from.variant)
    if (!rules) return
    const counts = new Map<number, number>()
    for (const h of from.hashes) {
      const list = index.get(h)
      if (!list || list.length > MAX_POSTING) continue
      for (const j of list) counts.set(j, (counts.get(j) ?? 0) + 1)
    }
    for (const [j, shared] of counts) {
      if (shared < MIN_SHARED) continue
      const to = sketches[j]!
      if (to.source === from.source || to.assetUrn === from.assetUrn) continue
      const matching = rules.find((r) => r.to === to.variant)
      if (!matching) continue
      pairs.push({ from, to, rule: matching, overlap: estimateOverlap(from, to) })
    }
  })
  return pairs
}

/**
 * How an inferred suggestion is scored against the manifest (bench/results/lineage.md):
 *
 * - a hit: its `to` is the target edge's `to`; its `from` is the edge's `from` or a field known to
 *   hold the same values through CDC (the table column X for a topic's `after.X`, and the topic's
 *   `before.X` / `key.X`), since the builder reads the topic and the topic copies the column; and
 *   its transformation is of the same family as the edge's (transformFamily);
 * - ignored: it matches (from, to) a manifest edge left out of the targets (aggregate, latest),
 *   which is real lineage that values cannot name the transformation of;
 * - otherwise a false positive.
 * Recall counts targets hit at least once; precision counts suggestions.
 */
import type { LineageSuggestion, TransformSpec } from '../../src/shared/model/lineage'
import type { ManifestEdge } from './estate-truth'

/** Families a value comparison can tell apart; case and whitespace cleaning count as a copy. */
export function transformFamily(t: TransformSpec): string {
  const steps = t.type === 'chain' ? t.steps : [t]
  const types = steps.map((s) => s.type)
  if (types.includes('sha256') || types.includes('hmac-sha256')) return 'hash'
  for (const special of ['e164', 'prefix-pad', 'postcode-format', 'epoch-days-to-date'])
    if (types.includes(special as TransformSpec['type'])) return special
  if (types.some((x) => x === 'aggregate' || x === 'latest' || x === 'concat')) return 'fold'
  return 'copy'
}

/** Field URNs that hold the same values as `urn` through the manifest's CDC edges. */
export function cdcEquivalents(edges: readonly ManifestEdge[]): (urn: string) => Set<string> {
  const column = new Map<string, string>()
  for (const e of edges)
    if (e.via.startsWith('cdc:')) {
      column.set(e.to, e.from)
      column.set(e.to.replace('#after.', '#before.'), e.from)
      column.set(e.to.replace('#after.', '#key.'), e.from)
    }
  const members = new Map<string, Set<string>>()
  for (const [topicField, col] of column) {
    const set = members.get(col) ?? new Set([col])
    set.add(topicField)
    members.set(col, set)
  }
  return (urn) => members.get(column.get(urn) ?? urn) ?? new Set([urn])
}

export interface SuggestionScore {
  targets: number
  hitTargets: number
  suggestions: number
  hits: number
  ignored: number
  falsePositives: LineageSuggestion[]
  missed: ManifestEdge[]
  precision: number
  recall: number
  rows: Array<{ suggestion: LineageSuggestion; outcome: 'hit' | 'ignored' | 'false positive' }>
}

export function scoreSuggestions(
  suggestions: readonly LineageSuggestion[],
  targets: readonly ManifestEdge[],
  excluded: readonly ManifestEdge[],
  equivalents: (urn: string) => Set<string>,
): SuggestionScore {
  const hitTargets = new Set<ManifestEdge>()
  const rows: SuggestionScore['rows'] = []
  const matches = (s: LineageSuggestion, e: ManifestEdge) =>
    s.to === e.to && equivalents(e.from).has(s.from)
  for (const s of suggestions) {
    const target = targets.find(
      (e) => matches(s, e) && transformFamily(e.transform) === transformFamily(s.transform),
    )
    if (target) {
      hitTargets.add(target)
      rows.push({ suggestion: s, outcome: 'hit' })
    } else if (excluded.some((e) => matches(s, e))) rows.push({ suggestion: s, outcome: 'ignored' })
    else rows.push({ suggestion: s, outcome: 'false positive' })
  }
  const hits = rows.filter((r) => r.outcome === 'hit').length
  const ignored = rows.filter((r) => r.outcome === 'ignored').length
  const counted = suggestions.length - ignored
  return {
    targets: targets.length,
    hitTargets: hitTargets.size,
    suggestions: suggestions.length,
    hits,
    ignored,
    falsePositives: rows.filter((r) => r.outcome === 'false positive').map((r) => r.suggestion),
    missed: targets.filter((t) => !hitTargets.has(t)),
    precision: counted > 0 ? hits / counted : 0,
    recall: targets.length > 0 ? hitTargets.size / targets.length : 0,
    rows,
  }
}

import { PERSONAL_DATA_CATEGORIES, type CategoryId } from '../../shared/model/personal-data'
import { maskValue, valueText } from '../crawl/mask-value'
import type { PackRecognizer } from './name-rules'
import type { RecognizerContext } from './recognizer'

/**
 * Type and value evidence for the field classifier (classify-field.ts): what a field's type
 * rules out, and one recognizer's run over the sampled values.
 */

/** Values looked at per field: samples are capped upstream, this bounds a huge one. */
export const MAX_VALUES = 1_000
export const DEFAULT_THRESHOLD = 0.6

/** Share of values with a recognizer's near-miss reason that is worth reporting. */
export const NEAR_MISS_SHARE = 0.3
/** Values tested before a recognizer with nothing to show gives up (see runRecognizer). */
const PROBE = 25

const LABELS = new Map<string, string>(PERSONAL_DATA_CATEGORIES.map((c) => [c.id, c.label]))
export const label = (c: CategoryId) => (LABELS.get(c) ?? c).toLowerCase()

export type TypeKind = 'boolean' | 'numeric' | 'temporal' | 'container' | 'text'

export function typeKind(
  declared: string | undefined,
  observed: readonly string[] | undefined,
): TypeKind {
  const t = (declared ?? observed?.find((o) => o !== 'null') ?? '').toLowerCase().trim()
  if (/^(bool|boolean|bit)\b/.test(t)) return 'boolean'
  if (/^(object|array|struct|record|map|document)\b/.test(t)) return 'container'
  if (
    /^(tinyint|smallint|mediumint|int|integer|bigint|int2|int4|int8|int16|int32|int64|long|short|float|float4|float8|double|real|decimal|numeric|number|money|smallmoney|serial|bigserial)\b/.test(
      t,
    )
  )
    return 'numeric'
  if (
    /^(date|time|timestamp|timestamptz|datetime|datetime2|smalldatetime|datetimeoffset|interval)\b/.test(
      t,
    )
  )
    return 'temporal'
  return 'text'
}

const NUMERIC_NEVER = new Set<CategoryId>([
  'contact.email',
  'person.name',
  'contact.postal_address',
  'free_text.contains_personal',
  'online.ip_address',
])
const TEMPORAL_ONLY = new Set<CategoryId>(['identity.date_of_birth', 'financial.card_expiry'])

/** Why the field's type rules the category out, or undefined. */
export function typeRulesOut(kind: TypeKind, category: CategoryId): string | undefined {
  if (kind === 'boolean') return `a boolean column never holds ${label(category)}`
  if (kind === 'numeric' && NUMERIC_NEVER.has(category))
    return `a numeric column never holds ${label(category)}`
  if (kind === 'temporal' && !TEMPORAL_ONLY.has(category))
    return `a date/time column never holds ${label(category)}`
  return undefined
}

export interface ValueResult {
  entry: PackRecognizer
  matched: number
  of: number
  example?: string
  matching: string[]
  nearMisses: Map<string, number>
}

export function sampleTexts(values: readonly unknown[]): string[] {
  const out: string[] = []
  const push = (v: unknown) => {
    if (v === null || v === undefined || out.length >= MAX_VALUES) return
    let text: string
    try {
      text = valueText(v)
    } catch {
      return
    }
    if (text.trim() !== '') out.push(text)
  }
  for (const v of values) {
    if (out.length >= MAX_VALUES) break
    if (Array.isArray(v)) for (const item of v.slice(0, 20)) push(item)
    else push(v)
  }
  return out
}

/**
 * One recognizer over the values. Unless `full` (the name points at its category, so the counts
 * are evidence), it stops as soon as neither a pass nor a reportable near miss is reachable: the
 * counts are then lower bounds, below both bars, and most recognizers stop early on most fields.
 */
export function runRecognizer(
  entry: PackRecognizer,
  texts: string[],
  ctx: RecognizerContext,
  full: boolean,
): ValueResult {
  const n = texts.length
  const result: ValueResult = { entry, matched: 0, of: n, matching: [], nearMisses: new Map() }
  const threshold = entry.recognizer.threshold ?? DEFAULT_THRESHOLD
  const needMatches = threshold * n
  const needNear = Math.max(1, NEAR_MISS_SHARE * n)
  let near = 0
  for (let i = 0; i < n; i++) {
    const text = texts[i]!
    let verdict
    try {
      verdict = entry.recognizer.test(text, ctx)
    } catch {
      verdict = undefined
    }
    if (verdict?.match) {
      result.matched++
      result.matching.push(text)
      result.example ??= maskValue(text)
    } else if (verdict?.nearMiss) {
      near++
      result.nearMisses.set(verdict.nearMiss, (result.nearMisses.get(verdict.nearMiss) ?? 0) + 1)
    }
    const left = n - i - 1
    if (!full && result.matched + left < needMatches && near + left < needNear) break
    // A probe: when the name does not point at this category and the first PROBE values give
    // neither a match nor a near miss, a share of 20% or more is all but ruled out (0.8^25 <
    // 0.4%), so the rest are not tested. Low-share recognizers (free text, special categories)
    // look at every value.
    if (!full && i === PROBE - 1 && result.matched === 0 && near === 0 && threshold >= 0.2) break
  }
  return result
}

function topNearMiss(r: ValueResult): [string, number] | undefined {
  let best: [string, number] | undefined
  for (const [reason, count] of r.nearMisses) if (!best || count > best[1]) best = [reason, count]
  return best
}

/** A recognizer's most frequent near-miss reason when enough values had it. */
export function nearMissReason(r: ValueResult): string | undefined {
  const top = topNearMiss(r)
  if (!top || top[1] < Math.max(1, NEAR_MISS_SHARE * r.of)) return undefined
  return `${top[1]} of ${r.of} values: ${top[0]}`
}

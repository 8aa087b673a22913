/**
 * Customer and loyalty numbers in the forms the catalogue has seen. Each format is a bare number
 * with an optional prefix and zero-padding width — the same shape as the lineage transform
 * `{ type: 'prefix-pad', prefix, width }` (src/shared/model/lineage.ts), so the planner can build
 * this list from the catalogue's edges instead of the estate defaults below.
 */

export interface IdFormat {
  kind: 'customer-number' | 'loyalty-number'
  /** Where the form lives, for the reason shown to the user: `crm CustomerId`. */
  label: string
  /** Letters before the digits (`C`, `AMP`); empty for bare integers. */
  prefix: string
  /** Zero-padded width of the digits; 0 when not padded. */
  width: number
  /** The largest value the field holds (crm CustomerId is an int32). */
  max?: number
}

/** The reference estate's forms (test/estate/data/customers.ts). */
export const DEFAULT_ID_FORMATS: readonly IdFormat[] = [
  { kind: 'customer-number', label: 'crm CustomerId', prefix: '', width: 0, max: 2_147_483_647 },
  { kind: 'customer-number', label: 'single view _id', prefix: 'C', width: 8 },
  { kind: 'loyalty-number', label: 'loyalty number', prefix: 'AMP', width: 9 },
]

export interface IdReading {
  kind: IdFormat['kind']
  /** Canonical value: the bare integer for customer numbers, prefix + padded digits for loyalty. */
  canonical: string
  /** Every form of the same number across the formats of its kind. */
  forms: string[]
  confidence: number
  reason: string
}

/** `prefix` + digits padded to `width` (the prefix-pad transform's `apply`). */
export function formatId(format: IdFormat, digits: string): string {
  return `${format.prefix}${format.width > 0 ? digits.padStart(format.width, '0') : digits}`
}

function formsOf(kind: IdFormat['kind'], digits: string, formats: readonly IdFormat[]): string[] {
  const bare = digits.replace(/^0+(?=\d)/, '')
  const forms = formats.filter((f) => f.kind === kind).map((f) => formatId(f, bare))
  return [...new Set(forms)]
}

function canonicalOf(kind: IdFormat['kind'], digits: string, formats: readonly IdFormat[]): string {
  const bare = digits.replace(/^0+(?=\d)/, '')
  if (kind === 'customer-number') return bare
  // Loyalty numbers are card numbers: their printed (prefixed, padded) form is canonical.
  const printed = formats.find((f) => f.kind === kind && f.prefix !== '')
  return printed ? formatId(printed, bare) : bare
}

/**
 * Every reading of `text` as a customer or loyalty number. A prefix that matches a format gives
 * a confident reading; bare digits may be several things (a crm CustomerId, or a loyalty number
 * typed without its prefix) and come back as several lower-confidence readings.
 */
export function readIds(
  text: string,
  formats: readonly IdFormat[] = DEFAULT_ID_FORMATS,
): IdReading[] {
  const compact = text.replace(/[\s-]/g, '')
  const prefixed = /^([A-Za-z]{1,4})(\d{1,12})$/.exec(compact)
  const readings: IdReading[] = []
  if (prefixed) {
    const prefix = prefixed[1]!.toUpperCase()
    const digits = prefixed[2]!
    for (const f of formats) {
      if (f.prefix === '' || f.prefix !== prefix) continue
      const exact = f.width === 0 || digits.length === f.width
      readings.push({
        kind: f.kind,
        canonical: canonicalOf(f.kind, digits, formats),
        forms: formsOf(f.kind, digits, formats),
        confidence: exact ? 0.97 : 0.85,
        reason: exact ? `written as a ${f.label}` : `${f.label} prefix, but not ${f.width} digits`,
      })
    }
    return dedupe(readings)
  }
  if (!/^\d{1,12}$/.test(compact)) return readings
  const digits = compact
  const value = Number(digits)
  for (const f of formats) {
    if (f.max !== undefined && value > f.max) continue
    if (f.prefix === '' && f.width === 0) {
      // A bare integer; leading zeros only when padded to another format's width (C-form digits).
      const padded = formats.some(
        (o) => o.kind === f.kind && o.width > 0 && digits.length === o.width,
      )
      if (digits.startsWith('0') && !padded) continue
      readings.push({
        kind: f.kind,
        canonical: canonicalOf(f.kind, digits, formats),
        forms: formsOf(f.kind, digits, formats),
        confidence: padded && digits.startsWith('0') ? 0.8 : 0.7,
        reason: `a number like a ${f.label}`,
      })
    } else if (f.width > 0 && digits.length === f.width) {
      readings.push({
        kind: f.kind,
        canonical: canonicalOf(f.kind, digits, formats),
        forms: formsOf(f.kind, digits, formats),
        confidence: f.kind === 'loyalty-number' ? 0.55 : 0.75,
        reason: `${f.width} digits like a ${f.label} without its ${f.prefix} prefix`,
      })
    }
  }
  return dedupe(readings)
}

/** One reading per kind and canonical value, the most confident kept. */
function dedupe(readings: IdReading[]): IdReading[] {
  const best = new Map<string, IdReading>()
  for (const r of readings) {
    const key = `${r.kind}|${r.canonical}`
    const seen = best.get(key)
    if (!seen || r.confidence > seen.confidence) best.set(key, r)
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence)
}

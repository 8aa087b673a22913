import { createHash } from 'node:crypto'
import { parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * The normalisations under which sampled values of two fields are compared (issue 6 item 4). A
 * value set is sketched once per variant that changes it; a pair of fields matches when the
 * `from` side under one variant meets the `to` side as it is (or, for ids, the `to` side with
 * its prefix and padding stripped). Each variant names the transformation it stands for.
 */
export type SketchVariant =
  | 'as-is'
  | 'trim'
  | 'trim-lower'
  | 'collapse-whitespace'
  | 'digits'
  | 'e164-gb'
  | 'postcode'
  | 'id-core'
  | 'sha256-email'
  | 'epoch-date'

/**
 * The variants sketched. `digits` is left out: no TransformSpec says "digits only", so a match
 * under it could not become an edge; E.164 covers the phone numbers it would have matched.
 */
export const SKETCH_VARIANTS: readonly SketchVariant[] = [
  'as-is',
  'trim',
  'trim-lower',
  'collapse-whitespace',
  'e164-gb',
  'postcode',
  'id-core',
  'sha256-email',
  'epoch-date',
]

/** What a variant needs to know of the field beyond its values. */
export interface FieldHints {
  /** Declared type and field name, lower-cased and joined: `int32 dateofbirth`. */
  typeAndName: string
}

/** One scalar sample as text; objects, arrays, booleans and nulls are not compared. */
export function sampleText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  return undefined
}

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$/
const ID = /^([A-Za-z]*)(0*)(\d+)$/
const PHONE_CHARS = /^[\d\s+()./-]{7,25}$/
const DATE_HINT = /date|birth|dob|day/
const MS_PER_DAY = 86_400_000

/**
 * A normaliser: the value's normal form, or undefined where it does not apply to this value.
 * `applies` is the share of non-empty values it must apply to for the variant to be sketched.
 */
interface Normaliser {
  apply(text: string): string | undefined
  applies: number
  /** Whether the field's hints allow the variant at all (cheap gate before per-value work). */
  gate?: (hints: FieldHints, texts: readonly string[]) => boolean
}

const mostly = (texts: readonly string[], test: (t: string) => boolean, share = 0.8) => {
  const n = Math.min(texts.length, 200)
  let hits = 0
  for (let i = 0; i < n; i++) if (test(texts[i]!)) hits++
  return n > 0 && hits / n >= share
}

export const NORMALISERS: Readonly<Record<SketchVariant, Normaliser>> = {
  'as-is': { apply: (t) => t, applies: 0 },
  trim: { apply: (t) => t.trim(), applies: 0 },
  'trim-lower': { apply: (t) => t.trim().toLowerCase(), applies: 0 },
  'collapse-whitespace': { apply: (t) => t.trim().replace(/\s+/g, ' '), applies: 0 },
  digits: {
    apply: (t) => {
      const d = t.replace(/\D/g, '')
      return d.length >= 7 ? d : undefined
    },
    applies: 0.8,
    gate: (_, texts) => mostly(texts, (t) => PHONE_CHARS.test(t.trim())),
  },
  'e164-gb': {
    apply: (t) => {
      // The common UK shapes directly: libphonenumber costs a fraction of a millisecond a value.
      const compact = t.replace(/[\s()./-]/g, '')
      const national = /^(?:0|\+44|0044)([1-9]\d{9})$/.exec(compact)
      if (national) return `+44${national[1]}`
      const phone = parsePhoneNumberFromString(t.trim(), 'GB')
      return phone?.isPossible() ? phone.number : undefined
    },
    applies: 0.8,
    gate: (_, texts) => mostly(texts, (t) => PHONE_CHARS.test(t.trim())),
  },
  postcode: {
    apply: (t) => {
      const m = POSTCODE.exec(t.trim().toUpperCase())
      return m ? `${m[1]} ${m[2]}` : undefined
    },
    applies: 0.8,
  },
  'id-core': {
    apply: (t) => {
      const m = ID.exec(t.trim())
      return m && (m[1] !== '' || m[2] !== '') ? String(Number(m[3])) : undefined
    },
    applies: 0.9,
  },
  'sha256-email': {
    apply: (t) =>
      t.includes('@')
        ? createHash('sha256').update(t.trim().toLowerCase(), 'utf8').digest('hex')
        : undefined,
    applies: 0.8,
    gate: (_, texts) => mostly(texts, (t) => t.includes('@')),
  },
  'epoch-date': {
    apply: (t) => {
      if (!/^-?\d{1,6}$/.test(t)) return undefined
      const days = Number(t)
      if (days < -40_000 || days > 80_000) return undefined
      return new Date(days * MS_PER_DAY).toISOString().slice(0, 10)
    },
    applies: 0.9,
    gate: (hints) => DATE_HINT.test(hints.typeAndName),
  },
}

/** The format of an id variant (`C00000042`: prefix C, width 8): a shape, never a value. */
export interface IdFormat {
  prefix: string
  width: number
}

/** The most frequent prefix and digit width among id-like values, when most share them. */
export function idFormat(texts: readonly string[]): IdFormat | undefined {
  const counts = new Map<string, number>()
  let seen = 0
  for (const t of texts) {
    const m = ID.exec(t.trim())
    if (!m) continue
    seen++
    const key = `${m[1]}\u0000${m[2]!.length + m[3]!.length}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  let best: [string, number] | undefined
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry
  if (!best || best[1] < 0.9 * seen) return undefined
  const [prefix, width] = best[0].split('\u0000') as [string, string]
  return { prefix, width: Number(width) }
}

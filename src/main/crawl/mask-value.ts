/**
 * Masking of sampled values for display and storage (DESIGN.md §3): an example keeps the shape of
 * the value (length, separators, the kind of thing it is) and hides its content. Every example is
 * masked whatever the field looks like: the classifier, not the mask, decides what is personal.
 */

export const MASK = '\u2022'
/** Long free text is cut: the shape of its start says enough. */
const MAX_MASKED_LENGTH = 48

const EMAIL = /^([^\s@]+)@([^\s@]+\.[^\s@]+)$/
const ISO_DATE = /^(\d{4})(-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$/
// Second-level labels under a two-letter country code that stay visible (`.co.uk`, `.com.au`).
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc', 'me'])

const bullets = (n: number) => MASK.repeat(Math.max(0, n))

/** First character kept, the rest bulleted: `Smith` -> `S••••`. */
function maskWord(word: string): string {
  const chars = [...word]
  if (chars.length === 0) return ''
  return chars[0] + bullets(chars.length - 1)
}

function maskEmail(local: string, domain: string): string {
  const labels = domain.split('.')
  const keep =
    labels.length >= 3 && labels.at(-1)!.length === 2 && SECOND_LEVEL.has(labels.at(-2)!) ? 2 : 1
  const masked = labels.map((label, i) => (i >= labels.length - keep ? label : maskWord(label)))
  return `${[...local][0] ?? ''}${bullets(3)}@${masked.join('.')}`
}

/**
 * Every digit but the last two bulleted (the last one only below 6 digits, none below 3: a short
 * number would otherwise show whole); letters bulleted too; separators kept.
 */
function maskDigits(text: string): string {
  const chars = [...text]
  let digitsSeen = 0
  const totalDigits = chars.filter((c) => c >= '0' && c <= '9').length
  const kept = totalDigits >= 6 ? 2 : totalDigits >= 3 ? 1 : 0
  return chars
    .map((c) => {
      if (c >= '0' && c <= '9') {
        digitsSeen++
        return digitsSeen > totalDigits - kept ? c : MASK
      }
      return /\p{L}/u.test(c) ? MASK : c
    })
    .join('')
}

/** Words keep their first letter; digits and the rest of each word are bulleted. */
function maskText(text: string): string {
  return text
    .split(/(\s+|[-_.,/@:;'()]+)/)
    .map((part) =>
      /^\s*$|^[-_.,/@:;'()]+$/.test(part) ? part : maskWord(part).replace(/\d/g, MASK),
    )
    .join('')
}

function isDigitHeavy(text: string): boolean {
  const alnum = [...text].filter((c) => /[\p{L}\p{N}]/u.test(c))
  const digits = alnum.filter((c) => c >= '0' && c <= '9').length
  return digits >= 3 && digits * 2 >= alnum.length
}

function truncate(text: string): string {
  const chars = [...text]
  return chars.length > MAX_MASKED_LENGTH
    ? `${chars.slice(0, MAX_MASKED_LENGTH).join('')}\u2026`
    : text
}

/** A value as text, the form masking and length statistics work on. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value) ?? String(value)
}

/**
 * One value, masked. Emails `j•••@e••••••.co.uk`; numbers and digit-heavy text (phones, card and
 * account numbers) `•••••••••23`, `•••4`, `••`; ISO dates year-masked `••••-03-14`; other text first letter
 * of each word `A•••• S••••`. The result never equals nor contains the raw value when that is
 * longer than 3 characters (a final guard bullets it whole).
 */
export function maskValue(value: unknown): string {
  const text = valueText(value)
  let masked: string
  const email = EMAIL.exec(text)
  const date = ISO_DATE.exec(text)
  if (email) masked = maskEmail(email[1]!, email[2]!)
  else if (date) masked = bullets(4) + date[2]!
  else if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    isDigitHeavy(text) ||
    /^\d+$/.test(text)
  )
    masked = maskDigits(text)
  else masked = maskText(text)
  masked = truncate(masked)
  if (text.length > 3 && masked.includes(text)) masked = truncate(bullets([...text].length))
  return masked
}

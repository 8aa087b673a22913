/**
 * Text normalisations shared by apply and invert, identical to the estate builder's
 * (test/estate/builder/transforms.ts): blank becomes null, postcodes get one space.
 */

/** Trims; blank becomes null. */
export function trimmedOrNull(text: string): string | null {
  const t = text.trim()
  return t === '' ? null : t
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/

/**
 * A UK postcode upper-cased with one space before the inward code ("sw1a1aa" -> "SW1A 1AA");
 * anything else is upper-cased with its whitespace collapsed.
 */
export function normalisePostcode(text: string): string | null {
  const t = trimmedOrNull(text)
  if (t === null) return null
  const compact = t.toUpperCase().replace(/\s+/g, '')
  if (POSTCODE.test(compact)) return `${compact.slice(0, -3)} ${compact.slice(-3)}`
  return t.toUpperCase().replace(/\s+/g, ' ')
}

import { parsePhoneNumberFromString } from 'libphonenumber-js'

/**
 * The single view's field transformations, as pure functions. The ground-truth manifest
 * declares the same transformations as lineage edges, so they must stay exactly these.
 */

/** crm CustomerId 42 -> "C00000042": prefix "C", zero-padded to 8 digits. */
export function customerKey(customerId: number): string {
  return 'C' + String(customerId).padStart(8, '0')
}

/** Inverse of customerKey; null when the key is not one of ours. */
export function customerIdFromKey(key: string): number | null {
  const m = /^C(\d{8,})$/.exec(key)
  return m ? Number(m[1]) : null
}

/** Trims; blank becomes null. */
export function trimmed(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const t = value.trim()
  return t === '' ? null : t
}

/** Trimmed and lower-cased; blank becomes null. */
export function normaliseEmail(value: string | null | undefined): string | null {
  const t = trimmed(value)
  return t === null ? null : t.toLowerCase()
}

/**
 * A UK-formatted phone number ("07700 900123", "+44 7700 900123", "(020) 7946 0018", ...)
 * to E.164, region GB by default. Null when it cannot be parsed into a number of a possible
 * length: a wrong number is worse than none in a single view.
 */
export function toE164(value: string | null | undefined): string | null {
  const t = trimmed(value)
  if (t === null) return null
  const phone = parsePhoneNumberFromString(t, 'GB')
  return phone && phone.isPossible() ? phone.number : null
}

/**
 * A UK postcode upper-cased with a single space before the inward code ("sw1a1aa" ->
 * "SW1A 1AA"). Anything that does not look like a postcode is only upper-cased with its
 * whitespace collapsed.
 */
export function normalisePostcode(value: string | null | undefined): string | null {
  const t = trimmed(value)
  if (t === null) return null
  const compact = t.toUpperCase().replace(/\s+/g, '')
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) {
    return `${compact.slice(0, -3)} ${compact.slice(-3)}`
  }
  return t.toUpperCase().replace(/\s+/g, ' ')
}

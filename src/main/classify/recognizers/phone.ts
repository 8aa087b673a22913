import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import type { ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, nameHas, nearMiss, wordSet } from './util'

/**
 * contact.phone, validated with libphonenumber (metadata "max": exact number ranges per region),
 * default region GB. Guards against ids and timestamps that happen to be valid numbers: the
 * value must be written like a phone number (only digits and + ( ) - . / spaces), and without an
 * international prefix it must start with the trunk 0 — so `1700000000` (an epoch second) or a
 * 10-digit order number is never read as a UK number without its 0.
 */
const NANP_WRITTEN = /^(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}$/
const PHONE_CHARS = /^(?:tel:)?\+?[0-9 ()./-]+(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?$/i

export function isPhone(raw: string): boolean | 'near' {
  if (!PHONE_CHARS.test(raw)) return false
  // "+44 (0)20 ..." is common in the UK: the bracketed trunk 0 is not dialled internationally.
  const v = raw.replace(/^tel:/i, '').replace(/^(\+\d{1,3})\s*\(0\)\s*/, '$1 ')
  const digits = v.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 17) return false
  const lead = v.replace(/^[\s(]+/, '')
  const international = lead.startsWith('+') || lead.startsWith('00')
  if (!international && !lead.startsWith('0')) {
    // North American numbers written without +1 — only in their usual punctuated form, so a
    // bare 10-digit id never qualifies.
    return NANP_WRITTEN.test(v) && validIn(v, 'US')
  }
  // A run of the same digit (00000000000) is a placeholder, not a number.
  if (/^(\d)\1+$/.test(digits)) return false
  const text = lead.startsWith('00') ? `+${lead.slice(2)}` : lead
  if (validIn(text, 'GB')) return true
  return digits.length >= 9 ? 'near' : false
}

/** Names that say the field holds phone numbers, whatever their national format. */
const PHONE_WORDS = wordSet('phone telephone mobile cell fax msisdn')
/** Regions tried for a national number written with its trunk 0, when the name says phone. */
const TRUNK_REGIONS = ['DE', 'FR', 'IT', 'NL', 'IE', 'BE', 'AT', 'CH'] as const

/**
 * A phone number written the way another country writes it (`06 12 34 56 78`, `912345678`), or
 * an MSISDN without its plus (`34612345678`): only read when the name already says phone, since
 * on their own such digits are any id.
 */
export function isForeignPhone(raw: string): boolean {
  if (!PHONE_CHARS.test(raw) || raw.includes('+')) return false
  const digits = raw.replace(/\D/g, '')
  if (digits.length < 9 || digits.length > 15 || /^(\d)\1+$/.test(digits)) return false
  // MSISDN: the full international number, bare (epoch milliseconds start with 1: left out).
  if (/^[2-9]\d{10,14}$/.test(raw)) return validIn(`+${raw}`)
  if (raw.startsWith('0')) return TRUNK_REGIONS.some((region) => validIn(raw, region))
  // Spain and Portugal dial nine digits with no trunk prefix.
  return /^[2-9]\d{8}$/.test(digits) && (validIn(raw, 'ES') || validIn(raw, 'PT'))
}

function validIn(
  text: string,
  region?: 'GB' | 'US' | 'ES' | 'PT' | (typeof TRUNK_REGIONS)[number],
): boolean {
  try {
    const parsed = region
      ? parsePhoneNumberFromString(text, region)
      : parsePhoneNumberFromString(text)
    return parsed?.isValid() === true
  } catch {
    return false
  }
}

export const phoneRecognizer: ValueRecognizer = {
  id: 'phone',
  category: 'contact.phone',
  test(value, ctx) {
    const v = capped(value, 40)
    if (v === undefined) return NO_MATCH
    const verdict = isPhone(v)
    if (verdict === true) return MATCH
    if (nameHas(ctx, PHONE_WORDS) && isForeignPhone(v)) return MATCH
    if (verdict === 'near') return nearMiss('phone-shaped but not a valid number for its region')
    return NO_MATCH
  },
}

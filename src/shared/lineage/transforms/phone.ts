import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { trimmedOrNull } from './text'

/**
 * Phone numbers to E.164 and back to the ways a source may have written them. Forward is the
 * estate builder's toE164: null unless the number parses to a possible length.
 */

export function toE164(text: string, region: string): string | null {
  const t = trimmedOrNull(text)
  if (t === null) return null
  const phone = parsePhoneNumberFromString(t, region as CountryCode)
  return phone && phone.isPossible() ? phone.number : null
}

/**
 * The common written forms of an E.164 number: E.164 itself, international (spaced, compact,
 * with 00), national (spaced, compact, bracketed area code, dashed). Only forms that map back
 * to `e164` under `region` are returned, so every candidate is a true preimage.
 */
export function phoneForms(e164: string, region: string): string[] {
  const phone = parsePhoneNumberFromString(e164)
  if (!phone || phone.number !== e164) return []
  const intl = phone.formatInternational()
  const national = phone.formatNational()
  const compact = (s: string) => s.replace(/[\s()-]/g, '')
  const [head = '', ...rest] = national.split(' ')
  const tail = rest.join('')
  // People also split the subscriber part in halves ("07950 012 345"): a second grouping.
  const half = Math.floor(tail.length / 2)
  const halves = tail.length >= 6 ? [`${tail.slice(0, half)} ${tail.slice(half)}`] : []
  const intlHead = `+${phone.countryCallingCode} ${compact(head).replace(/^0/, '')}`
  const forms = [
    e164,
    intl,
    e164.slice(1),
    `00${e164.slice(1)}`,
    `00${intl.slice(1)}`,
    national,
    compact(national),
    rest.length > 0 ? `(${head}) ${rest.join(' ')}` : national,
    national.replace(/ /g, '-'),
    ...halves.flatMap((h) => [
      `${head} ${h}`,
      `(${head}) ${h}`,
      `${intlHead} ${h}`,
      `00${intlHead.slice(1)} ${h}`,
      `${head}-${h.replace(' ', '-')}`,
    ]),
  ]
  return [...new Set(forms)].filter((f) => toE164(f, region) === e164)
}

import type { Place } from './places.js'
import { type Rng, scramble } from './prng.js'

/**
 * UK phone numbers: canonical national form ("07123456789") plus the many ways people and
 * systems write them. Mobile prefixes 071-073, 0784-0789 and 0794-0799 are all allocated
 * ranges (libphonenumber validates them), unlike Ofcom's 07700 900xxx drama range.
 */
const MOBILE_PREFIXES = [
  '1',
  '2',
  '3',
  '84',
  '85',
  '86',
  '87',
  '88',
  '89',
  '94',
  '95',
  '97',
  '98',
  '99',
]

/** A unique mobile per person index: the 7-8 digit tail is a bijection of the index. */
export function mobileFor(index: number, rng: Rng): string {
  const prefix = rng.pick(MOBILE_PREFIXES)
  const tailLength = 9 - prefix.length
  const tail = String(scramble(index, 10 ** tailLength)).padStart(tailLength, '0')
  return `07${prefix}${tail}`
}

export function landlineFor(index: number, place: Place, rng: Rng): string {
  const lead = rng.pick(place.subscriberPrefixes)
  const rest = place.subscriberLength - lead.length
  const tail = String(scramble(index, 10 ** rest, 7_654_321)).padStart(rest, '0')
  return `0${place.areaCode}${lead}${tail}`
}

/** Splits a national number into its usual written groups: [area or mobile prefix, rest]. */
function groups(national: string): [string, string] {
  if (national.startsWith('07')) return [national.slice(0, 5), national.slice(5)]
  if (/^02\d/.test(national)) return [national.slice(0, 3), national.slice(3)]
  if (/^01\d1/.test(national) || /^011\d/.test(national))
    return [national.slice(0, 4), national.slice(4)]
  return [national.slice(0, 5), national.slice(5)]
}

function spaced(rest: string): string {
  if (rest.length === 8) return `${rest.slice(0, 4)} ${rest.slice(4)}`
  if (rest.length === 7) return `${rest.slice(0, 3)} ${rest.slice(3)}`
  return rest.length === 6 ? `${rest.slice(0, 3)} ${rest.slice(3)}` : rest
}

export type PhoneStyle =
  | 'national-spaced'
  | 'national-compact'
  | 'intl-spaced'
  | 'intl-compact'
  | 'double-zero'
  | 'bracketed'
  | 'dashed'
  | 'padded'

export const PHONE_STYLES: readonly PhoneStyle[] = [
  'national-spaced',
  'national-compact',
  'intl-spaced',
  'intl-compact',
  'double-zero',
  'bracketed',
  'dashed',
  'padded',
]

/** Writes a canonical national number in one of the styles found in real customer data. */
export function formatPhone(national: string, style: PhoneStyle): string {
  const [head, rest] = groups(national)
  const intlHead = head.slice(1)
  switch (style) {
    case 'national-spaced':
      return `${head} ${spaced(rest)}`
    case 'national-compact':
      return national
    case 'intl-spaced':
      return `+44 ${intlHead} ${spaced(rest)}`
    case 'intl-compact':
      return `+44${national.slice(1)}`
    case 'double-zero':
      return `0044 ${intlHead} ${spaced(rest)}`
    case 'bracketed':
      return `(${head}) ${spaced(rest)}`
    case 'dashed':
      return `${head}-${rest.slice(0, 3)}-${rest.slice(3)}`
    case 'padded':
      return ` ${head} ${spaced(rest)} `
  }
}

export function messyPhone(national: string, rng: Rng): string {
  return formatPhone(
    national,
    rng.weighted([
      ['national-spaced', 30],
      ['national-compact', 20],
      ['intl-spaced', 12],
      ['intl-compact', 10],
      ['double-zero', 6],
      ['bracketed', 10],
      ['dashed', 6],
      ['padded', 6],
    ] as const),
  )
}

/** Canonical E.164 of a national number (what the single view is expected to hold). */
export function e164(national: string): string {
  return `+44${national.slice(1)}`
}

/** Values in phone columns that no parser can recover: the single view must hold null for them. */
export const UNPARSEABLE_PHONES: readonly string[] = [
  'ex-directory',
  'n/a',
  '07123',
  'see notes',
  '0000',
]

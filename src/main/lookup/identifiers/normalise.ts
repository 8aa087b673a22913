import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import { isExpiryShape } from '../../classify/recognizers/card-expiry'
import { isRandomToken } from '../../classify/recognizers/card-token'
import { isEmail } from '../../classify/recognizers/email'
import { isIpv4, isIpv6 } from '../../classify/recognizers/ip-address'
import { TITLES } from '../../classify/recognizers/person-name'
import { entropyPerChar } from '../../classify/recognizers/shared-b'
import { isSortCodeShape } from '../../classify/recognizers/sort-code'
import { isUkPostcode } from '../../classify/recognizers/uk-postcode'
import { foldAccents } from '../../classify/recognizers/util'

/**
 * Canonical forms of identifier values, the same whether the value was typed into the lookup or
 * read from a store, so the two compare equal. Validation reuses the personal-data recognisers
 * (src/main/classify/recognizers); each function returns undefined when the value is not of its
 * kind. Pure: no I/O, never throws.
 */

/** Email: `mailto:` and angle brackets dropped, trimmed, lower-cased (what the single view holds). */
export function normaliseEmail(raw: string): string | undefined {
  let v = raw.trim()
  if (v.startsWith('<') && v.endsWith('>')) v = v.slice(1, -1).trim()
  if (v.toLowerCase().startsWith('mailto:')) v = v.slice(7)
  return isEmail(v) ? v.toLowerCase() : undefined
}

export interface NormalisedPhone {
  e164: string
  /** National number as dialled in its country, digits only (`07123456789`). */
  national: string
  region: string
  /** libphonenumber's type: MOBILE, FIXED_LINE... (undefined when it cannot tell). */
  type?: string
}

/**
 * Phone to E.164 with libphonenumber, national numbers read in `region` (GB by default).
 * Tolerates the forms stores hold: spaces, dashes, brackets, `+44 (0)…`, `0044…`, `tel:`.
 */
export function normalisePhone(
  raw: string,
  region: CountryCode = 'GB',
): NormalisedPhone | undefined {
  const parsed = parsePhone(raw, region)
  if (!parsed) return undefined
  return {
    e164: parsed.number,
    national: parsed.formatNational().replace(/\D/g, ''),
    region: parsed.country ?? region,
    type: parsed.getType(),
  }
}

/**
 * normalisePhone(raw, region)?.e164 without the national form and type, which cost the lookup
 * index's build (millions of values) two thirds of libphonenumber's time.
 */
export function normalisePhoneE164(raw: string, region: CountryCode = 'GB'): string | undefined {
  return parsePhone(raw, region)?.number
}

function parsePhone(raw: string, region: CountryCode) {
  let v = raw
    .trim()
    .replace(/^tel:/i, '')
    .replace(/^(\+\d{1,3})\s*\(0\)\s*/, '$1 ')
  if (v.startsWith('00')) v = `+${v.slice(2)}`
  if (!/^\+?[\d\s().\-/]+$/.test(v)) return undefined
  try {
    const parsed = parsePhoneNumberFromString(v, region)
    return parsed && parsed.isValid() ? parsed : undefined
  } catch {
    return undefined
  }
}

/** UK postcode canonical: upper case, one space before the 3-character inward code. */
export function normalisePostcode(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, '').toUpperCase()
  if (compact.length < 5 || compact.length > 7 || !isUkPostcode(compact)) return undefined
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

export interface NormalisedName {
  /** Folded tokens joined by one space, given names first: `sean obrien patel`. */
  canonical: string
  tokens: string[]
  given?: string
  family?: string
}

const NAME_TOKEN = /^[\p{L}][\p{L}\p{M}'\u2019.-]*$/u

/**
 * A person's name, case and accents folded (`SEÁN O'Brien-Patel` -> `sean obrien patel`):
 * titles dropped, apostrophes and dots removed, hyphens split. `Smith, Jane` is read family
 * name first. Undefined when a word is not name-like (digits, symbols) or nothing is left.
 */
export function normaliseName(raw: string): NormalisedName | undefined {
  let v = raw.trim().replace(/\s+/g, ' ')
  const comma = /^([^,]+),\s*([^,]+)$/.exec(v)
  if (comma) v = `${comma[2]} ${comma[1]}`
  const words = v.split(' ').filter((w) => w.length > 0)
  if (words.length === 0 || words.length > 8 || !words.every((w) => NAME_TOKEN.test(w))) {
    return undefined
  }
  const tokens = words
    .map((w) => foldAccents(w).replace(/['\u2019.]/g, ''))
    .filter((w) => w.length > 0 && !TITLES.has(w))
    .flatMap((w) => w.split('-'))
    .filter((w) => w.length > 0)
  if (tokens.length === 0) return undefined
  return {
    canonical: tokens.join(' '),
    tokens,
    ...(tokens.length > 1 ? { given: tokens[0], family: tokens[tokens.length - 1] } : {}),
    ...(tokens.length === 1 ? { family: tokens[0] } : {}),
  }
}

/** Strips `[v6]:port` and `v4:port` as access logs write them. */
function unwrapAddress(v: string): string {
  const bracket = /^\[([^\]]{2,64})\](?::\d{1,5})?$/.exec(v)
  if (bracket) return bracket[1]!
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(v)
  return v4port ? v4port[1]! : v
}

/** IPv6 text of 8 hextets, RFC 5952: lower case, no leading zeros, longest zero run as `::`. */
function canonicalIpv6(v: string): string {
  const [addr, zone] = v.split('%') as [string, string | undefined]
  const halves = addr.split('::')
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'))
  const expand = (gs: string[]): number[] =>
    gs.flatMap((g) => {
      if (!g.includes('.')) return [parseInt(g, 16)]
      const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number]
      return [(a << 8) | b, (c << 8) | d]
    })
  const head = expand(groups(halves[0] ?? ''))
  const tail = expand(groups(halves[1] ?? ''))
  const all =
    halves.length === 2
      ? [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail]
      : head
  // IPv4-mapped addresses keep their dotted tail (RFC 5952 §5).
  if (all.slice(0, 5).every((g) => g === 0) && all[5] === 0xffff) {
    const [hi, lo] = [all[6]!, all[7]!]
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
  }
  let best = -1
  let bestLen = 1
  for (let i = 0; i < 8;) {
    if (all[i] !== 0) {
      i++
      continue
    }
    let j = i
    while (j < 8 && all[j] === 0) j++
    if (j - i > bestLen) [best, bestLen] = [i, j - i]
    i = j
  }
  const hex = all.map((g) => g.toString(16))
  const text =
    best < 0
      ? hex.join(':')
      : `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`
  return zone === undefined ? text : `${text}%${zone}`
}

export function normaliseIp(raw: string): { ip: string; version: '4' | '6' } | undefined {
  const v = unwrapAddress(raw.trim())
  if (isIpv4(v)) return { ip: v, version: '4' }
  if (v.includes(':') && isIpv6(v)) return { ip: canonicalIpv6(v), version: '6' }
  return undefined
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const HEX_ID = /^(?:[0-9a-f]{16}|[0-9a-f]{40})$/i

/** Device ids: UUIDs (IDFA, app instance ids) lower-case and hyphenated; hex ids lower-case. */
export function normaliseDeviceId(raw: string): { deviceId: string; shape: string } | undefined {
  const v = raw.trim().replace(/^\{(.*)\}$/, '$1')
  if (UUID.test(v)) {
    const hex = v.replace(/-/g, '').toLowerCase()
    if (/^0+$/.test(hex)) return undefined
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
    return { deviceId: id, shape: 'uuid' }
  }
  if (HEX_ID.test(v) && /[a-f]/i.test(v))
    return { deviceId: v.toLowerCase(), shape: `hex${v.length}` }
  return undefined
}

const TOKEN_PREFIX = /^(?:tok|card|pm|src|ctok|tkn|token)_/i

/** Card tokens are case-sensitive: trimmed only. `prefixed` when a processor prefix says so. */
export function normaliseCardToken(raw: string): { token: string; prefixed: boolean } | undefined {
  const v = raw.trim()
  if (!/^[A-Za-z0-9_-]{16,72}$/.test(v)) return undefined
  const prefix = TOKEN_PREFIX.exec(v)
  if (prefix) {
    // A processor prefix says token: the body need only be random (some are letters only).
    const body = v.slice(prefix[0].length)
    const ok = /^[A-Za-z0-9]{16,64}$/.test(body) && entropyPerChar(body) >= 3
    return ok ? { token: v, prefixed: true } : undefined
  }
  return isRandomToken(v) ? { token: v, prefixed: false } : undefined
}

/** Card expiry as the estate stores it: `MM/YY`. */
export function normaliseExpiry(raw: string): string | undefined {
  const v = raw.trim().replace(/\s+/g, '')
  if (!isExpiryShape(v)) return undefined
  let m = /^(\d{2})[/-]?(\d{2}|\d{4})$/.exec(v)
  if (m) return `${m[1]}/${m[2]!.slice(-2)}`
  m = /^(\d{4})-(\d{2})$/.exec(v)
  return m ? `${m[2]}/${m[1]!.slice(-2)}` : undefined
}

/** Sort code as `NN-NN-NN`. */
export function normaliseSortCode(raw: string): string | undefined {
  const v = raw.trim()
  if (!isSortCodeShape(v)) return undefined
  const d = v.replace(/\D/g, '')
  return `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}`
}

/** UK account number: 8 digits; 7-digit (older) numbers are zero-padded on the left. */
export function normaliseAccountNumber(raw: string): string | undefined {
  const d = raw.trim().replace(/[\s-]/g, '')
  if (!/^\d{7,8}$/.test(d)) return undefined
  return d.padStart(8, '0')
}

import type { CountryCode } from 'libphonenumber-js/max'
import { isPhone } from '../../classify/recognizers/phone'
import { judgeName } from '../../classify/recognizers/person-name'
import {
  readBankAccount,
  readLast4Expiry,
  readNameDob,
  readNamePostcode,
  type NameReading,
} from './compound'
import { DEFAULT_ID_FORMATS, readIds, type IdFormat } from './id-formats'
import {
  STRENGTH,
  type IdentifierKind,
  type RecognisedIdentifier,
  type Recognition,
} from './identifier-kinds'
import {
  normaliseCardToken,
  normaliseDeviceId,
  normaliseEmail,
  normaliseIp,
  normaliseName,
  normalisePhone,
  normalisePostcode,
} from './normalise'
import { hasStreetType, readPostalAddress } from './postal-address'
import { checkLength, precheck, refusal, unrecognised } from './refuse'

/**
 * One search box, any identifier (issue 7 item 1): recognises the kind of what was typed,
 * normalises it, and refuses what is too broad to look up safely. Every kind's reader runs; the
 * readings come back most likely first, with `ambiguous` set when two are close (bare digits can
 * be a crm CustomerId or a loyalty number typed without its prefix).
 */

export interface RecogniseOptions {
  /**
   * Only these kinds (the CLI's `--email`, `--phone`, `--id`): anything else is refused with a
   * message naming the kind. An explicit customer or loyalty number may be short (`--id 42`).
   */
  kinds?: readonly IdentifierKind[]
  /** Region for national phone numbers. Default GB. */
  region?: CountryCode
  /** Customer and loyalty number forms; default the reference estate's. */
  idFormats?: readonly IdFormat[]
  /** Clock for birth-date plausibility (tests). */
  now?: number
}

export const KIND_LABELS: Readonly<Record<IdentifierKind, string>> = {
  email: 'email address',
  phone: 'phone number',
  postcode: 'UK postcode',
  'customer-number': 'customer number',
  'loyalty-number': 'loyalty number',
  'card-token': 'card token',
  'card-last4-expiry': 'card last four digits with expiry',
  'bank-account': 'sort code with account number',
  'ip-address': 'IP address',
  'device-id': 'device id',
  'name-postcode': 'name with postcode',
  'name-dob': 'name with date of birth',
  'postal-address': 'postal address with postcode',
}

/** Readings closer than this in confidence are ambiguous: the UI asks which was meant. */
const AMBIGUITY_MARGIN = 0.2
const ID_KINDS: ReadonlySet<IdentifierKind> = new Set(['customer-number', 'loyalty-number'])

function reading(
  kind: IdentifierKind,
  confidence: number,
  canonical: string,
  reason: string,
  parts: Record<string, string> = {},
  forms: string[] = [canonical],
): RecognisedIdentifier {
  return { kind, strength: STRENGTH[kind], confidence, canonical, parts, forms, reason }
}

function nameParts(n: NameReading): Record<string, string> {
  const parts: Record<string, string> = { name: n.name.canonical }
  if (n.name.given !== undefined) parts.given = n.name.given
  if (n.name.family !== undefined) parts.family = n.name.family
  return parts
}

/** Every reading of `text`, unsorted. */
function readAll(text: string, opts: RecogniseOptions): RecognisedIdentifier[] {
  const out: RecognisedIdentifier[] = []
  const email = normaliseEmail(text)
  if (email) {
    out.push(reading('email', 0.99, email, 'an email address', { domain: email.split('@')[1]! }))
    return out // nothing else contains an @ and validates as an email
  }
  // The classifier's rule of how a phone is written: ids and dates do not pass for numbers.
  if (isPhone(text) === true) {
    const phone = normalisePhone(text, opts.region ?? 'GB')
    if (phone) {
      const parts: Record<string, string> = { region: phone.region }
      if (phone.type) parts.type = phone.type.toLowerCase()
      const forms = [phone.e164, phone.national].filter((f, i, all) => all.indexOf(f) === i)
      const kind = phone.type === 'MOBILE' ? 'a mobile number' : 'a phone number'
      out.push(reading('phone', 0.95, phone.e164, `${kind} (${phone.region})`, parts, forms))
    }
  }
  const postcode = normalisePostcode(text)
  if (postcode) out.push(reading('postcode', 0.95, postcode, 'a UK postcode'))
  for (const id of readIds(text, opts.idFormats ?? DEFAULT_ID_FORMATS)) {
    out.push(reading(id.kind, id.confidence, id.canonical, id.reason, {}, id.forms))
  }
  const ip = normaliseIp(text)
  if (ip) {
    out.push(
      reading('ip-address', 0.97, ip.ip, `an IPv${ip.version} address`, { version: ip.version }),
    )
  }
  const device = normaliseDeviceId(text)
  if (device) {
    const why = device.shape === 'uuid' ? 'a UUID, as device ids are' : 'a hex device id'
    out.push(reading('device-id', device.shape === 'uuid' ? 0.85 : 0.7, device.deviceId, why))
  }
  const token = device ? undefined : normaliseCardToken(text)
  if (token) {
    out.push(
      token.prefixed
        ? reading('card-token', 0.95, token.token, 'a card token (processor prefix)')
        : reading('card-token', 0.45, token.token, 'a random token, perhaps a card token'),
    )
  }
  const card = readLast4Expiry(text)
  if (card) {
    const canonical = `${card.last4}|${card.expiry}`
    out.push(reading('card-last4-expiry', 0.9, canonical, 'last four digits with expiry', card))
  }
  const bank = readBankAccount(text)
  if (bank) {
    const canonical = `${bank.sortCode}|${bank.accountNumber}`
    out.push(reading('bank-account', 0.9, canonical, 'a sort code with account number', bank))
  }
  const byPostcode = readNamePostcode(text)
  if (byPostcode) {
    const canonical = `${byPostcode.name.name.canonical}|${byPostcode.postcode}`
    const parts = { ...nameParts(byPostcode.name), postcode: byPostcode.postcode }
    const known = byPostcode.name.dictionaryMatch
    out.push(
      reading(
        'name-postcode',
        known ? 0.9 : 0.7,
        canonical,
        known ? 'a name with a postcode' : 'words with a postcode (names not in the dictionary)',
        parts,
      ),
    )
  }
  const address = readPostalAddress(text)
  if (address) {
    const { line, postcode } = address
    const typed = hasStreetType(line)
    // A house number and a street type say address; words alone may be a name (`Rose Lane`).
    const confidence = line.number !== undefined ? (typed ? 0.92 : 0.8) : typed ? 0.5 : 0
    if (confidence > 0) {
      const parts: Record<string, string> = { line: line.canonical, postcode, street: line.street }
      if (line.number !== undefined) parts.number = line.number
      if (line.flat !== undefined) parts.flat = line.flat
      if (address.town !== undefined) parts.town = address.town
      const canonical = `${line.canonical}|${postcode}`
      const why =
        line.number !== undefined
          ? 'an address line with a postcode'
          : 'words with a postcode, perhaps an address'
      out.push(
        reading('postal-address', confidence, canonical, why, parts, [
          canonical,
          `${address.written}|${postcode}`,
        ]),
      )
    }
  }
  const byDob = readNameDob(text, opts.now)
  if (byDob) {
    const canonical = `${byDob.name.name.canonical}|${byDob.dateOfBirth}`
    const parts = { ...nameParts(byDob.name), dateOfBirth: byDob.dateOfBirth }
    const known = byDob.name.dictionaryMatch
    out.push(
      reading(
        'name-dob',
        known ? 0.9 : 0.7,
        canonical,
        known ? 'a name with a date of birth' : 'words with a date (names not in the dictionary)',
        parts,
      ),
    )
  }
  return out
}

function looksLikeName(text: string): boolean {
  const name = normaliseName(text)
  return name !== undefined && (name.tokens.length >= 2 || judgeName(text) === 'match')
}

/**
 * Recognises and normalises one typed identifier. Throws ApiError('bad-input') with a specific
 * message (and `details.reason`) for input too broad or too strange to look up: "a", "%",
 * `{"$ne": null}`, patterns, SQL fragments, a name alone, more than 256 characters.
 */
export function recogniseIdentifier(input: unknown, opts: RecogniseOptions = {}): Recognition {
  const text = precheck(input)
  const kinds = opts.kinds && opts.kinds.length > 0 ? new Set(opts.kinds) : undefined
  const explicitId =
    kinds !== undefined &&
    [...kinds].every((k) => ID_KINDS.has(k)) &&
    /^[A-Za-z]{0,4}\d+$/.test(text.replace(/[\s-]/g, ''))
  // An explicit customer number is an exact key however short (`--id 42`); free text is not.
  if (!explicitId) checkLength(text)
  const all = readAll(text, opts).filter((r) => kinds === undefined || kinds.has(r.kind))
  if (all.length === 0) {
    if (kinds !== undefined && kinds.size === 1) {
      const [kind] = [...kinds] as [IdentifierKind]
      const reason = unrecognised(text, false)
      // Patterns and query syntax keep their own message; anything else names the kind asked for.
      if (reason.details?.reason === 'wildcard' || reason.details?.reason === 'query-syntax') {
        throw reason
      }
      throw refusal('not-this-kind', `Not a valid ${KIND_LABELS[kind]}.`)
    }
    throw unrecognised(text, looksLikeName(text))
  }
  all.sort((a, b) => b.confidence - a.confidence)
  const [best, ...alternatives] = all as [RecognisedIdentifier, ...RecognisedIdentifier[]]
  const next = alternatives[0]
  return {
    best,
    alternatives,
    ambiguous: next !== undefined && best.confidence - next.confidence < AMBIGUITY_MARGIN,
  }
}

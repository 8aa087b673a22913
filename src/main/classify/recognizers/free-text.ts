import { findPhoneNumbersInText } from 'libphonenumber-js/max'
import type { CategoryId } from '../../../shared/model/personal-data'
import type { FreeTextFinding, ValueRecognizer } from '../recognizer'
import { isCardNumber } from './card-number'
import { isEmail } from './email'
import { containsPersonName } from './free-text-names'
import { IBAN_LENGTHS, isIban } from './iban'
import { isNhsNumber } from './nhs-number'
import { niProblem } from './ni-number'
import { MATCH, NO_MATCH } from './shared-b'
import { specialCuesInText } from './special-categories'
import { MAX_TEXT_LENGTH } from './text-tokens'
import { isUkPostcode } from './uk-postcode'

/**
 * free_text.contains_personal: notes, summaries and comments in which some values hold personal
 * data. `scanText` finds the items in one value (emails, phones, postcodes, card numbers, IBANs,
 * NI and NHS numbers, person names, Article 9 cues); the field is labelled when enough values
 * hold one AND the values are free text (long, with spaces), never for a column of bare emails.
 */

/** Phone-like runs handed to libphonenumber per value. */
const MAX_PHONE_RUNS = 6

const NUMBER_RUN = /[0-9][0-9 -]{8,40}[0-9]/g
const POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/g
const NI = /\b[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b/g
const IBAN_START = /\b[A-Z]{2}[0-9]{2}/g
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/
const DOMAIN_CHAR = /[A-Za-z0-9.-]/

function findEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text.charAt(start - 1))) start--
    let end = at + 1
    while (end < text.length && end - at < 255 && DOMAIN_CHAR.test(text.charAt(end))) end++
    let candidate = text.slice(start, end)
    while (candidate.endsWith('.') || candidate.endsWith('-')) candidate = candidate.slice(0, -1)
    if (isEmail(candidate)) return true
  }
  return false
}

/** IBANs in the text, as [start, end) spans (so their digit groups are not read again as cards). */
function findIbans(text: string): [number, number][] {
  const spans: [number, number][] = []
  IBAN_START.lastIndex = 0
  for (let m = IBAN_START.exec(text); m !== null; m = IBAN_START.exec(text)) {
    // Collect up to 34 letters and digits, allowing single spaces between groups.
    let compact = ''
    let end = m.index
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()]
    if (length === undefined) continue
    for (let i = m.index; i < text.length && compact.length < length; i++) {
      const c = text.charAt(i)
      if (/[A-Za-z0-9]/.test(c)) compact += c.toUpperCase()
      else if (c !== ' ' || text.charAt(i + 1) === ' ') break
      end = i + 1
    }
    // The country fixes the length: one check per candidate.
    if (compact.length === length && isIban(compact)) {
      spans.push([m.index, end])
      IBAN_START.lastIndex = end
    }
  }
  return spans
}

function blank(text: string, spans: readonly [number, number][]): string {
  let out = ''
  let at = 0
  for (const [start, end] of spans) {
    out += text.slice(at, start) + ' '.repeat(end - start)
    at = end
  }
  return out + text.slice(at)
}

/** Number runs: card numbers (Luhn + issuer) and, when the text says NHS, NHS numbers. */
function findNumbers(text: string, found: Set<CategoryId>): void {
  const nhsContext = /\bnhs\b/i.test(text)
  NUMBER_RUN.lastIndex = 0
  for (let m = NUMBER_RUN.exec(text); m !== null; m = NUMBER_RUN.exec(text)) {
    const digits = m[0].replace(/[ -]/g, '')
    if (isCardNumber(digits)) found.add('financial.card_number')
    else if (nhsContext && digits.length === 10 && isNhsNumber(digits))
      found.add('identity.health_id')
  }
}

/** Phone-like runs: an optional + or (, then digits with the separators people type. */
const PHONE_RUN = /[+(]?[0-9][0-9 ()./-]{6,22}[0-9]/g

/**
 * Phones: libphonenumber's finder (default region GB) run on each phone-like run rather than on
 * the whole text, at most MAX_PHONE_RUNS of them: its cost is per candidate and high (~0.1 ms),
 * so a value full of digits must not feed it thousands.
 */
function findPhone(text: string): boolean {
  PHONE_RUN.lastIndex = 0
  let runs = 0
  for (
    let m = PHONE_RUN.exec(text);
    m !== null && runs < MAX_PHONE_RUNS;
    m = PHONE_RUN.exec(text)
  ) {
    const run = m[0]
    let digits = 0
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i)
      if (c >= 48 && c <= 57) digits++
    }
    if (digits < 9 || digits > 15) continue
    runs++
    for (const hit of findPhoneNumbersInText(run, 'GB')) {
      // As for phone columns: without an international prefix a UK number starts with its trunk
      // 0, so an order or NHS number is not read as a phone number without it.
      const raw = run.slice(hit.startsAt, hit.endsAt).replace(/^[\s(]+/, '')
      if (raw.startsWith('+') || raw.startsWith('0')) return true
    }
  }
  return false
}

/** The personal-data categories inside one text value. Never throws; linear in the capped text. */
export function scanText(value: string): Set<CategoryId> {
  const found = new Set<CategoryId>()
  if (typeof value !== 'string' || value.length === 0) return found
  const raw = value.length > MAX_TEXT_LENGTH ? value.slice(0, MAX_TEXT_LENGTH) : value
  try {
    if (raw.includes('@') && findEmail(raw)) found.add('contact.email')
    const ibans = findIbans(raw)
    if (ibans.length > 0) found.add('financial.bank_account')
    const text = ibans.length > 0 ? blank(raw, ibans) : raw
    findNumbers(text, found)
    NI.lastIndex = 0
    for (let m = NI.exec(text); m !== null; m = NI.exec(text)) {
      if (niProblem(m[0].replace(/ /g, '')) === undefined) found.add('identity.national_id')
    }
    POSTCODE.lastIndex = 0
    for (let m = POSTCODE.exec(text); m !== null; m = POSTCODE.exec(text)) {
      if (isUkPostcode(m[0])) found.add('contact.postcode')
    }
    if (findPhone(text)) found.add('contact.phone')
    if (containsPersonName(text)) found.add('person.name')
    for (const id of Object.keys(specialCuesInText(text))) found.add(id as CategoryId)
  } catch {
    // A scanner bug must not fail a crawl: report what was found so far.
  }
  return found
}

/** Looks like prose: long enough, at least two spaces and some letters (not a spaced phone number). */
export function isFreeTextShape(value: string): boolean {
  if (typeof value !== 'string' || value.length < 12) return false
  let spaces = 0
  let letters = 0
  for (let i = 0; i < value.length && (spaces < 2 || letters < 3); i++) {
    const c = value.charCodeAt(i)
    if (c === 32) spaces++
    else if ((c | 32) >= 97 && (c | 32) <= 122) letters++
  }
  return spaces >= 2 && letters >= 3
}

/** Scans every value: how many hold personal data, and which kinds (counts per category). */
export function scanFreeText(values: readonly string[]): FreeTextFinding {
  const finding: FreeTextFinding = { affected: 0, of: 0, found: {} }
  for (const value of values) {
    if (typeof value !== 'string' || value.trim().length === 0) continue
    finding.of++
    const found = scanText(value)
    if (found.size === 0) continue
    finding.affected++
    for (const id of found) finding.found[id] = (finding.found[id] ?? 0) + 1
  }
  return finding
}

/** Share of values that must hold personal items: notes are mostly harmless, a few are not. */
export const FREE_TEXT_THRESHOLD = 0.05

export const freeTextRecognizer: ValueRecognizer = {
  id: 'free-text-scan',
  category: 'free_text.contains_personal',
  threshold: FREE_TEXT_THRESHOLD,
  test(value) {
    if (!isFreeTextShape(value)) return NO_MATCH
    return scanText(value).size > 0 ? MATCH : NO_MATCH
  },
  judgeField(matching, all) {
    const nonEmpty = all.filter((v) => typeof v === 'string' && v.trim().length > 0)
    if (nonEmpty.length === 0) return 'no values'
    const prose = nonEmpty.filter(isFreeTextShape).length
    const meanLength =
      nonEmpty.reduce((n, v) => n + Math.min(v.length, MAX_TEXT_LENGTH), 0) / nonEmpty.length
    if (prose / nonEmpty.length < 0.5 || meanLength < 15)
      return 'values are short codes or single words, not free text'
    // Every value holding the same one kind of item is a structured field (an address line with
    // its postcode, a name column), which its own recognizer labels.
    if (matching.length >= 0.9 * nonEmpty.length && nonEmpty.length >= 5) {
      const kinds = scanFreeText(matching).found
      const dominant = Object.entries(kinds).filter(([, n]) => (n ?? 0) >= 0.9 * matching.length)
      if (Object.keys(kinds).length === 1 && dominant.length === 1)
        return `every value holds a ${dominant[0]?.[0] ?? 'single kind of item'}: a structured field, not free text`
    }
    return undefined
  },
}

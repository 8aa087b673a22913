import type { RecognizerContext } from '../../classify/recognizer'
import { parseDateValue } from '../../classify/recognizers/date-of-birth'
import { judgeName } from '../../classify/recognizers/person-name'
import {
  normaliseAccountNumber,
  normaliseExpiry,
  normaliseName,
  normalisePostcode,
  normaliseSortCode,
  type NormalisedName,
} from './normalise'

/**
 * Identifiers typed as two parts in one box: a name with a postcode or a date of birth, the last
 * four digits of a card with its expiry, a sort code with an account number. Words people type
 * around them ("exp", "account", "dob") are ignored; the parts may come in either order.
 */

export interface NameReading {
  name: NormalisedName
  /** Whether the classifier's name dictionaries know enough of the words (judgeName). */
  dictionaryMatch: boolean
}

const DOB_CONTEXT: RecognizerContext = { nameTokens: ['date', 'of', 'birth'], assetTokens: [] }
const DAY_MS = 86_400_000

/** Words split on whitespace and semicolons; commas stay on their word (`SMITH,` `Jane`). */
function splitWords(text: string): string[] {
  return text
    .replace(/;/g, ' ')
    .replace(/,/g, ', ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && w !== ',')
}

/** A word without the commas around it. */
function bare(word: string): string {
  return word.replace(/^,+|,+$/g, '')
}

function readName(words: string[]): NameReading | undefined {
  const cleaned = words.filter((w) => !/^(?:dob|born|d\.o\.b\.?|postcode|pc)[:.]?$/i.test(bare(w)))
  // `SMITH, Jane` keeps its comma so the name is read family name first.
  const text = cleaned.join(' ').replace(/^[\s,]+|[\s,]+$/g, '')
  if (text.length === 0) return undefined
  const name = normaliseName(text)
  if (!name) return undefined
  return { name, dictionaryMatch: judgeName(text) === 'match' }
}

/** A name with a UK postcode at either end: `Jane Smith SW1A 1AA`, `sw1a1aa, SMITH, Jane`. */
export function readNamePostcode(
  text: string,
): { name: NameReading; postcode: string } | undefined {
  const words = splitWords(text)
  if (words.length < 2) return undefined
  const n = words.length
  // Two words (outward inward) or one (compact), at the end or at the start.
  const candidates: Array<[number, number]> = [
    [n - 2, n],
    [n - 1, n],
    [0, 2],
    [0, 1],
  ]
  for (const [from, to] of candidates) {
    if (from < 0 || to - from >= n) continue
    const postcode = normalisePostcode(words.slice(from, to).map(bare).join(''))
    if (!postcode) continue
    const rest = [...words.slice(0, from), ...words.slice(to)]
    const name = readName(rest)
    if (name) return { name, postcode }
  }
  return undefined
}

/** A plausible birth date (not in the future, at most 130 years ago) as ISO `YYYY-MM-DD`. */
export function readBirthDate(text: string, now: number = Date.now()): string | undefined {
  const ms = parseDateValue(text.trim(), DOB_CONTEXT)
  if (typeof ms !== 'number') return undefined
  if (ms > now || now - ms > 130 * 365.25 * DAY_MS) return undefined
  return new Date(ms).toISOString().slice(0, 10)
}

/** A name with a date of birth at either end: `Jane Smith 07/03/1984`, `7 March 1984 Jane Smith`. */
export function readNameDob(
  text: string,
  now: number = Date.now(),
): { name: NameReading; dateOfBirth: string } | undefined {
  const words = splitWords(text.replace(/,(?=\s*\d{4}\b)/g, ''))
  const n = words.length
  // Dates take one word (07/03/1984) or three (7 March 1984, March 7 1984).
  for (const size of [1, 3]) {
    for (const from of [n - size, 0]) {
      if (from < 0 || size >= n) continue
      const written = words
        .slice(from, from + size)
        .map(bare)
        .join(' ')
      // A bare number (`1984`, `12345`) is a year or an id, never a date here: Debezium's
      // days-since-1970 reading of integers is for stored values, not typed ones.
      if (size === 1 && !/[/.-]/.test(written) && !/^(?:18|19|20)\d{6}$/.test(written)) continue
      const dateOfBirth = readBirthDate(written, now)
      if (!dateOfBirth) continue
      const rest = [...words.slice(0, from), ...words.slice(from + size)]
      // A one-word "date" could be a year or an id: the rest must read as a name.
      const name = readName(rest)
      if (name) return { name, dateOfBirth }
    }
  }
  return undefined
}

const CARD_WORDS =
  /^(?:card|last|last4|last-4|four|digits|ending|ends|in|with|exp|expiry|expires|exp\.|valid|to|thru|until|and|&)[:.]?$/i

/** Last four digits with expiry: `1234 12/27`, `ending 1234 exp 12/2027`, `12/27 1234`. */
export function readLast4Expiry(text: string): { last4: string; expiry: string } | undefined {
  const words = splitWords(text.replace(/[(),]/g, ' ')).filter((w) => !CARD_WORDS.test(w))
  if (words.length !== 2) return undefined
  const orders: Array<[string, string]> = [
    [words[0]!, words[1]!],
    [words[1]!, words[0]!],
  ]
  for (const [a, b] of orders) {
    if (!/^\d{4}$/.test(a)) continue
    // `1227` is a valid MMYY too: only a written separator makes the second part an expiry.
    if (!/[/-]/.test(b)) continue
    const expiry = normaliseExpiry(b)
    if (expiry) return { last4: a, expiry }
  }
  return undefined
}

const BANK_WORDS =
  /^(?:sort|code|sortcode|sc|account|acct|acc|number|no|num|a\/c|ac|and|&|bank)[:.]?$/i

/** Sort code with account number: `12-34-56 12345678`, `sort code 123456 account 12345678`. */
export function readBankAccount(
  text: string,
): { sortCode: string; accountNumber: string } | undefined {
  const words = splitWords(text.replace(/[/,]/g, ' ')).filter((w) => !BANK_WORDS.test(w))
  const candidates: Array<[string, string]> = []
  if (words.length === 2) candidates.push([words[0]!, words[1]!], [words[1]!, words[0]!])
  // `12 34 56 12345678`: a spaced sort code is three words.
  if (words.length === 4 && words.slice(0, 3).every((w) => /^\d{2}$/.test(w))) {
    candidates.push([words.slice(0, 3).join(' '), words[3]!])
  }
  for (const [sc, acct] of candidates) {
    // A sort code is written NN-NN-NN or as six digits; an account is 7-8 digits.
    const sortCode = normaliseSortCode(sc)
    const accountNumber = /^\d{7,8}$/.test(acct) ? normaliseAccountNumber(acct) : undefined
    if (sortCode && accountNumber) return { sortCode, accountNumber }
  }
  return undefined
}

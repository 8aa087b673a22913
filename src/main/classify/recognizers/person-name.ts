import { FAMILY_NAMES } from '../dictionaries/family-names'
import { GIVEN_NAMES } from '../dictionaries/given-names'
import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import {
  MATCH,
  NO_MATCH,
  capped,
  foldAccents,
  firstNameToken,
  nameHas,
  nearMiss,
  share,
  wordSet,
} from './util'

/**
 * person.name: titles (Mr, Mrs, Dr...), given names, family names and full names ("Jane Smith",
 * "SMITH, Jane", "Dr J. O'Brien-Patel"). Every word must look like a name word (letters,
 * apostrophes, hyphens; an initial) and at least half of the name words must be in the given or
 * family dictionaries. Company suffixes make a value a near miss. judgeField rejects a field
 * named as a product/company/place, and a field whose matches are a small share of its values.
 */
export const TITLES = wordSet(
  'mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend fr father sr sister master madam mme mlle herr frau sgt capt major col lt cllr hon',
)
const COMPANY_WORDS = wordSet(
  'ltd limited plc llc llp inc incorporated corp corporation co company group holdings services solutions systems partners associates gmbh sa bv ag pty trust foundation',
)
const NOT_PERSON_FIELD = wordSet(
  'product products item items sku brand company companies business organisation organization org merchant supplier vendor store shop branch town city county street place region country category department team project app application service host server file',
)
/** Words saying the field holds a person (strong) or a name of something (weak). */
const PERSON_FIELD = wordSet(
  'first last given family sur surname forename forenames fname lname fullname middle title holder contact customer person people cust salutation maiden manager owner employee staff agent driver user member patient recipient sender author signatory cardholder guardian spouse',
)
const NAME_FIELD = wordSet('name names nm full')
const NAME_WORD = /^[A-Za-z\u00C0-\u024F]+(?:['\u2019-][A-Za-z\u00C0-\u024F]+)*\.?$/

/** `mcdonald` -> `donald`/`mcdonald`; `o'brien` -> `obrien`; hyphenated parts separately. */
function inDictionary(word: string): boolean {
  const w = foldAccents(word).replace(/[\u2019]/g, "'")
  if (GIVEN_NAMES.has(w) || FAMILY_NAMES.has(w)) return true
  const bare = w.replace(/'/g, '')
  if (FAMILY_NAMES.has(bare)) return true
  if (/^(?:mac|mc|o'|fitz)[a-z]{3,}$/.test(w)) return true
  if (w.includes('-')) return w.split('-').every((p) => p.length > 0 && inDictionary(p))
  return false
}

/** 'match' | reason for a near miss | undefined (not a name at all). */
export function judgeName(v: string): 'match' | string | undefined {
  const cleaned = v.replace(/,/g, ' ').replace(/\s+/g, ' ').trim()
  const words = cleaned.split(' ')
  if (words.length === 0 || words.length > 6) return undefined
  if (!words.every((w) => NAME_WORD.test(w))) return undefined
  const lower = words.map((w) => w.toLowerCase().replace(/\.$/, ''))
  if (lower.some((w) => COMPANY_WORDS.has(w))) return 'a company name (legal suffix)'
  // Mixed-case camelCase tokens (iPhone, PayPal) are products, not names.
  if (words.some((w) => /[a-z][A-Z]/.test(w) && !/^(?:Mc|Mac|O')/.test(w))) return undefined
  const nameWords = lower.filter((w) => !TITLES.has(w) && w.length > 1)
  if (nameWords.length === 0) return lower.every((w) => TITLES.has(w)) ? 'match' : undefined
  const hits = nameWords.filter(inDictionary).length
  if (nameWords.length === 1) return hits === 1 ? 'match' : undefined
  return hits * 2 >= nameWords.length ? 'match' : undefined
}

/** `person` when the name says whose name it is, `other` for product/company names. */
function fieldKind(ctx: RecognizerContext): 'person' | 'other' | 'name' | undefined {
  if (nameHas(ctx, PERSON_FIELD)) return 'person'
  if (nameHas(ctx, NOT_PERSON_FIELD)) return 'other'
  if (nameHas(ctx, NAME_FIELD)) return 'name'
  return undefined
}

export const personNameRecognizer: ValueRecognizer = {
  id: 'person-name',
  category: 'person.name',
  test(value) {
    const v = capped(value, 120)
    if (v === undefined || !/[A-Za-z]/.test(v)) return NO_MATCH
    const verdict = judgeName(v)
    if (verdict === 'match') return MATCH
    return verdict === undefined ? NO_MATCH : nearMiss(verdict)
  },
  judgeField(matching, all, ctx) {
    const other = firstNameToken(ctx, NOT_PERSON_FIELD)
    const kind = fieldKind(ctx)
    if (other !== undefined && kind === 'other') {
      return `name-like words in a field named ${other}: not people`
    }
    // A bare `name` takes its meaning from the table: products.name, companies.name.
    const table = ctx.assetTokens.find((t) => NOT_PERSON_FIELD.has(t))
    if (kind !== 'person' && table !== undefined) {
      return `names in a ${table} table: not people`
    }
    const nonEmpty = all.filter((v) => v.trim().length > 0).length
    // Without a person-ish field name, the dictionary must cover the bulk of the values: product
    // or colour columns only hit the odd "Rose" or "Green".
    if (kind === undefined && share(matching.length, nonEmpty) < 0.8) {
      return 'some values are name-like but the name does not say person'
    }
    // Titles alone: a title field is personal (it is part of the name) only when named so.
    const titlesOnly = matching.every((v) => TITLES.has(v.trim().toLowerCase().replace(/\.$/, '')))
    if (titlesOnly && kind !== 'person') {
      return 'titles only, but the field does not say title'
    }
    return undefined
  },
}

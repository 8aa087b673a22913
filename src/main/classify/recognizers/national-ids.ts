import type { ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, nameHas, wordSet } from './util'

/**
 * identity.national_id beyond the UK: US SSN, Irish PPSN, Spanish DNI/NIE, French NIR, German
 * Steuer-IdNr, Italian codice fiscale, Dutch BSN, each checked by its own rules or check digit.
 * Digit-only formats collide with other numbers (a 9-digit BSN passes the 11-proof one time in
 * eleven), so values only count when the field's name says it is an identity number: this
 * recognizer confirms a name, it never labels alone.
 */
const ID_WORDS = wordSet(
  'national id tax social security ssn dni nie nif nir insee bsn ppsn pps steuer steuerid codice fiscale cf personnummer',
)

const SSN = /^(\d{3})-?(\d{2})-?(\d{4})$/
/** US SSN: area not 000, 666 or 9xx; group not 00; serial not 0000. */
export function isUsSsn(v: string): boolean {
  const m = SSN.exec(v)
  if (!m) return false
  const [area, group, serial] = [m[1]!, m[2]!, m[3]!]
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000'
}

const PPSN = /^(\d{7})([A-W])([A-IW]?)$/
/** Irish PPSN: 7 digits, a check letter (weighted mod 23) and an optional second letter. */
export function isIrishPpsn(value: string): boolean {
  const m = PPSN.exec(value.toUpperCase().replace(/\s/g, ''))
  if (!m) return false
  const digits = m[1]!
  let sum = 0
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (8 - i)
  if (m[3] && m[3] !== 'W') sum += (m[3].charCodeAt(0) - 64) * 9
  const check = sum % 23
  return m[2] === (check === 0 ? 'W' : String.fromCharCode(64 + check))
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE'
const DNI = /^([XYZ]|\d)(\d{7})-?([A-Z])$/
/** Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter), letter = n mod 23. */
export function isSpanishDni(value: string): boolean {
  const m = DNI.exec(value.toUpperCase().replace(/\s/g, ''))
  if (!m) return false
  const lead = m[1]!
  const first = lead === 'X' ? '0' : lead === 'Y' ? '1' : lead === 'Z' ? '2' : lead
  return DNI_LETTERS[Number(first + m[2]) % 23] === m[3]
}

const NIR = /^([12])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$/
/** French NIR: 13 characters (Corsica 2A/2B) and a key = 97 - (n mod 97). */
export function isFrenchNir(value: string): boolean {
  const m = NIR.exec(value.toUpperCase().replace(/\s/g, ''))
  if (!m) return false
  const month = Number(m[3])
  if (!((month >= 1 && month <= 12) || month >= 20)) return false
  const body = `${m[1]}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}`.replace('2A', '19').replace('2B', '18')
  return 97 - Number(BigInt(body) % 97n) === Number(m[7])
}

/** German Steuer-IdNr: 11 digits, first not 0, check digit by ISO 7064 MOD 11,10. */
export function isGermanTaxId(value: string): boolean {
  const v = value.replace(/\s/g, '')
  if (!/^[1-9]\d{10}$/.test(v)) return false
  let product = 10
  for (let i = 0; i < 10; i++) {
    let sum = (Number(v[i]) + product) % 10
    if (sum === 0) sum = 10
    product = (sum * 2) % 11
  }
  const check = (11 - product) % 10
  return check === Number(v[10])
}

/** Dutch BSN: 9 digits passing the 11-proof (last digit weighted -1). */
export function isDutchBsn(value: string): boolean {
  const v = value.replace(/[\s.]/g, '')
  if (!/^\d{9}$/.test(v) || v === '000000000') return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(v[i]) * (9 - i)
  sum -= Number(v[8])
  return sum % 11 === 0
}

const CF =
  /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/
/** Italian codice fiscale: the 16-character structure (surname, name, date, place, check). */
export function isCodiceFiscale(value: string): boolean {
  return CF.test(value.toUpperCase())
}

export const nationalIdsRecognizer: ValueRecognizer = {
  id: 'national-id-intl',
  category: 'identity.national_id',
  test(value, ctx) {
    const v = capped(value, 24)
    if (v === undefined || !nameHas(ctx, ID_WORDS)) return NO_MATCH
    const t = v.trim()
    return isUsSsn(t) ||
      isIrishPpsn(t) ||
      isSpanishDni(t) ||
      isFrenchNir(t) ||
      isGermanTaxId(t) ||
      isDutchBsn(t) ||
      isCodiceFiscale(t)
      ? MATCH
      : NO_MATCH
  },
}

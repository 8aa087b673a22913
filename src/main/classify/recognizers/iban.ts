import type { ValueRecognizer } from '../recognizer'
import { isDigitAt, isLetterAt, MATCH, nearMiss, NO_MATCH } from './shared-b'

/**
 * IBANs (ISO 13616): country code, two check digits, a BBAN of the country's length; the whole
 * rearranged number mod 97 must be 1. Written compact or in groups of four.
 */

/** IBAN length per country (SWIFT registry). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
}

/** Rearranged (BBAN + country + check) IBAN mod 97, computed digit by digit (no big numbers). */
function ibanMod97(compact: string): number {
  const rearranged = compact.slice(4) + compact.slice(0, 4)
  let r = 0
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i)
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97
    else return -1
  }
  return r
}

/** Upper-cased, spaces removed; null when it is not IBAN-shaped at all. */
export function compactIban(value: string): string | null {
  if (value.length < 15 || value.length > 42) return null
  const compact = value.replace(/[\s-]/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return null
  return compact
}

/** Full check: known country, its length, mod 97 = 1. */
export function isIban(compact: string): boolean {
  const length = IBAN_LENGTHS[compact.slice(0, 2)]
  return length === compact.length && ibanMod97(compact) === 1
}

export const ibanRecognizer: ValueRecognizer = {
  id: 'iban',
  category: 'financial.bank_account',
  test(value) {
    if (!isLetterAt(value, 0) || !isLetterAt(value, 1) || !isDigitAt(value, 2)) return NO_MATCH
    const compact = compactIban(value)
    if (!compact) return NO_MATCH
    const length = IBAN_LENGTHS[compact.slice(0, 2)]
    if (length === undefined) return NO_MATCH
    if (length !== compact.length)
      return nearMiss(
        `IBAN-shaped but ${compact.length} characters, ${compact.slice(0, 2)} uses ${length}`,
      )
    if (ibanMod97(compact) !== 1) return nearMiss('IBAN-shaped but fails the mod 97 check')
    return MATCH
  },
}

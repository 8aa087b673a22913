import type { Rng } from './prng.js'

/** Check digit that makes `payload + digit` pass the Luhn test. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

export function luhnValid(digits: string): boolean {
  return /^\d{12,19}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1)
}

/** A Luhn-valid card number on a test-card BIN (Visa 4, Mastercard 51-55, Amex 34/37). */
export function cardNumber(rng: Rng): string {
  const scheme = rng.weighted([
    ['visa', 6],
    ['mastercard', 3],
    ['amex', 1],
  ] as const)
  if (scheme === 'amex') {
    const payload = rng.pick(['34', '37']) + rng.digits(12)
    return payload + luhnCheckDigit(payload)
  }
  const payload =
    (scheme === 'visa' ? '4' : `5${rng.int(1, 5)}`) + rng.digits(scheme === 'visa' ? 14 : 13)
  return payload + luhnCheckDigit(payload)
}

export function sortCode(rng: Rng): string {
  return `${rng.int(10, 99)}-${rng.digits(2)}-${rng.digits(2)}`
}

export function accountNumber(rng: Rng): string {
  return String(rng.int(1, 9)) + rng.digits(7)
}

function mod97(numeric: string): number {
  let remainder = 0
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97
  return remainder
}

function ibanNumeric(rearranged: string): string {
  return rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
}

/** A GB IBAN with valid ISO 13616 check digits: GBkk BANK ssssss aaaaaaaa. */
export function gbIban(rng: Rng): string {
  const bank = rng.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL', 'NAIA'])
  const bban = bank + rng.digits(6) + accountNumber(rng)
  const check = 98 - mod97(ibanNumeric(`${bban}GB00`))
  return `GB${String(check).padStart(2, '0')}${bban}`
}

export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false
  return mod97(ibanNumeric(compact.slice(4) + compact.slice(0, 4))) === 1
}

/** IBANs are usually written in groups of four. */
export function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ')
}

const NI_FIRST = 'ABCEGHJKLMNOPRSTWXYZ'
const NI_SECOND = 'ABCEGHJKLMNPRSTWXYZ'
const NI_BANNED_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'])

/** A National Insurance number in HMRC's format (two prefix letters, six digits, suffix A-D). */
export function niNumber(rng: Rng): string {
  let prefix = ''
  do prefix = rng.letters(1, NI_FIRST) + rng.letters(1, NI_SECOND)
  while (NI_BANNED_PREFIXES.has(prefix))
  return `${prefix}${rng.digits(6)}${rng.letters(1, 'ABCD')}`
}

export const NI_NUMBER = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/

/** An NHS number: ten digits, the last a modulus-11 check digit (never 10). */
export function nhsNumber(rng: Rng): string {
  for (;;) {
    const body = rng.digits(9)
    const check = nhsCheckDigit(body)
    if (check !== null) return body + check
  }
}

export function nhsCheckDigit(body: string): string | null {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 10) return null
  return String(check === 11 ? 0 : check)
}

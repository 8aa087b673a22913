import type { ValueRecognizer } from '../recognizer'
import { compactDigits, isDigitAt, luhnValid, MATCH, nearMiss, NO_MATCH } from './shared-b'

/**
 * Full payment card numbers (PANs): 13–19 digits, spaces or dashes allowed, Luhn-valid and on a
 * known issuer's prefix with a length that issuer uses. A masked PAN is the last four instead.
 */

/** Issuer prefix ranges: [low, high] over the first `digits` digits, with the lengths issued. */
const ISSUERS: readonly { name: string; ranges: [number, number, number][]; lengths: number[] }[] =
  [
    { name: 'Visa', ranges: [[1, 4, 4]], lengths: [13, 16, 19] },
    {
      name: 'Mastercard',
      ranges: [
        [2, 51, 55],
        [4, 2221, 2720],
      ],
      lengths: [16],
    },
    {
      name: 'American Express',
      ranges: [
        [2, 34, 34],
        [2, 37, 37],
      ],
      lengths: [15],
    },
    {
      name: 'Discover',
      ranges: [
        [4, 6011, 6011],
        [3, 644, 649],
        [2, 65, 65],
        [6, 622126, 622925],
      ],
      lengths: [16, 17, 18, 19],
    },
    { name: 'JCB', ranges: [[4, 3528, 3589]], lengths: [16, 17, 18, 19] },
    { name: 'UnionPay', ranges: [[2, 62, 62]], lengths: [16, 17, 18, 19] },
    {
      name: 'Diners Club',
      ranges: [
        [3, 300, 305],
        [2, 36, 36],
        [2, 38, 39],
      ],
      lengths: [14, 15, 16, 17, 18, 19],
    },
    {
      name: 'Maestro',
      ranges: [
        [2, 50, 50],
        [2, 56, 58],
        [2, 63, 63],
        [2, 67, 67],
        [4, 6759, 6759],
      ],
      lengths: [12, 13, 14, 15, 16, 17, 18, 19],
    },
  ]

/** The issuer whose prefix and length fit the digits, or undefined. */
export function cardIssuer(digits: string): string | undefined {
  for (const issuer of ISSUERS) {
    if (!issuer.lengths.includes(digits.length)) continue
    for (const [n, low, high] of issuer.ranges) {
      const prefix = Number(digits.slice(0, n))
      if (prefix >= low && prefix <= high) return issuer.name
    }
  }
  return undefined
}

/** Digits, spaces and dashes only, 13–19 digits, Luhn, issuer: the full test, also used by free text. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !!cardIssuer(digits)
}

const MASK_START = new Set(['*', 'X', 'x', '#', '•'])

/** Masked PAN: `************1234`, `4111 **** **** 1111`, `XXXX-XXXX-XXXX-1234`. */
export function isMaskedPan(value: string): boolean {
  if (value.length < 12 || value.length > 32) return false
  let digits = 0
  let masks = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i)
    if (c >= '0' && c <= '9') digits++
    else if (c === '*' || c === 'X' || c === 'x' || c === '#' || c === '•') masks++
    else if (c !== ' ' && c !== '-') return false
  }
  const total = digits + masks
  const tail = value.slice(-4)
  return masks >= 4 && total >= 12 && total <= 19 && /^\d{4}$/.test(tail)
}

export const cardNumberRecognizer: ValueRecognizer = {
  id: 'card-luhn',
  category: 'financial.card_number',
  test(value) {
    if (value.length < 13 || value.length > 40) return NO_MATCH
    // Cheap first: most values do not start like a card number or a masked one.
    if (!isDigitAt(value, 0) && !MASK_START.has(value.charAt(0))) return NO_MATCH
    const digits = compactDigits(value, 40)
    if (digits === null) {
      return isMaskedPan(value) ? nearMiss('masked card number: that is the last four') : NO_MATCH
    }
    if (digits.length < 13 || digits.length > 19) return NO_MATCH
    if (!luhnValid(digits)) return nearMiss(`${digits.length} digits but fails Luhn`)
    if (!cardIssuer(digits))
      return nearMiss(`${digits.length} digits, Luhn-valid but no card issuer prefix`)
    return MATCH
  },
}

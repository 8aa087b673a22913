import type { ValueRecognizer } from '../recognizer'
import { assetHas, isDigitAt, MATCH, nameHas, nearMiss, NO_MATCH } from './shared-b'

/**
 * Card expiry dates: MM/YY, MM/YYYY, MM-YY, MMYY (and ISO YYYY-MM) with month 01–12, in a field
 * named as an expiry (`expiry`, `exp`, `valid_to`, `expires`...). MM/YY alone is any month.
 */

const EXPIRY_CUES = [
  'expiry',
  'expiration',
  'exp',
  'expires',
  'expdate',
  'validto',
  'validthru',
  'validthrough',
  'goodthru',
  'cardexp',
  'expirydate',
]
const CARD_CONTEXT = ['card', 'cards', 'payment', 'payments', 'pan', 'billing']

/** Parses an expiry shape; returns true when it is one with a valid month and plausible year. */
export function isExpiryShape(value: string): boolean {
  const v = value.trim()
  let m: RegExpExecArray | null
  if ((m = /^(\d{2})\s?[/-]\s?(\d{2}|\d{4})$/.exec(v))) return month(m[1] ?? '') && year(m[2] ?? '')
  if ((m = /^(\d{2})(\d{2})$/.exec(v))) return month(m[1] ?? '') && year(m[2] ?? '')
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return year(m[1] ?? '') && month(m[2] ?? '')
  return false
}

function month(mm: string): boolean {
  const n = Number(mm)
  return n >= 1 && n <= 12
}

function year(y: string): boolean {
  if (y.length === 2) return true
  const n = Number(y)
  return n >= 1990 && n <= 2099
}

export const cardExpiryRecognizer: ValueRecognizer = {
  id: 'card-expiry',
  category: 'financial.card_expiry',
  test(value, ctx) {
    if (value.length < 4 || value.length > 12 || !isDigitAt(value, 0)) return NO_MATCH
    if (!isExpiryShape(value)) return NO_MATCH
    if (nameHas(ctx, EXPIRY_CUES)) return MATCH
    if (nameHas(ctx, CARD_CONTEXT) || assetHas(ctx, CARD_CONTEXT))
      return nearMiss('month/year values, but the field is not named as an expiry')
    return NO_MATCH
  },
}

import type { ValueRecognizer } from '../recognizer'
import { compactDigits, isDigitAt, MATCH, nearMiss, NO_MATCH } from './shared-b'

/**
 * NHS numbers: ten digits (3-3-4 spacing allowed), the last a modulus-11 check digit over the
 * first nine weighted 10..2 (a remainder giving 10 is never issued). One random ten-digit number
 * in eleven passes, so a field needs most values to pass (the default threshold).
 */

/** The check digit for nine digits, or null when none can exist (never issued). */
export function nhsCheckDigit(nine: string): number | null {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - 48) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 10) return null
  return check === 11 ? 0 : check
}

/** Ten digits (already compact) passing the check, not one digit repeated. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false
  return nhsCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48
}

export const nhsNumberRecognizer: ValueRecognizer = {
  id: 'nhs-number',
  category: 'identity.health_id',
  test(value) {
    if (value.length < 10 || value.length > 14 || !isDigitAt(value, 0)) return NO_MATCH
    const spaced = /^\d{3}([ -]?)\d{3}\1\d{4}$/.test(value)
    if (!spaced) return NO_MATCH
    const digits = compactDigits(value) ?? ''
    if (isNhsNumber(digits)) return MATCH
    return nearMiss('10 digits, fails the NHS mod 11 check')
  },
}

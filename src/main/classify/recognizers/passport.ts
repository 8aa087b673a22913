import type { ValueRecognizer } from '../recognizer'
import { MATCH, nameHas, NO_MATCH } from './shared-b'

/**
 * Passport numbers: UK (9 digits) and common international formats (US 9 digits or a letter and
 * 8 digits, Schengen alphanumerics like `C01X00T47`, `12AB34567`, `L1234567`). Nine digits are
 * anything, so the field must be named as a passport (or travel document).
 */

const PASSPORT_CUES = [
  'passport',
  'passportno',
  'passportnumber',
  'ppt',
  'pptno',
  'traveldocument',
  'traveldoc',
]

/** Formats seen on passports: 6–9 characters, mostly digits. */
export function isPassportShape(value: string): boolean {
  const v = value.trim().toUpperCase()
  if (!/^[A-Z0-9]{6,9}$/.test(v)) return false
  if (/^\d{9}$/.test(v) || /^[A-Z]{1,2}\d{6,8}$/.test(v) || /^\d{2}[A-Z]{2}\d{5}$/.test(v))
    return true
  // Alphanumeric series (Germany, Netherlands): at least four digits, not all letters.
  let digits = 0
  for (const c of v) if (c >= '0' && c <= '9') digits++
  return v.length >= 8 && digits >= 4
}

export const passportRecognizer: ValueRecognizer = {
  id: 'passport',
  category: 'identity.passport',
  test(value, ctx) {
    if (value.length < 6 || value.length > 12) return NO_MATCH
    if (!nameHas(ctx, PASSPORT_CUES)) return NO_MATCH
    return isPassportShape(value) ? MATCH : NO_MATCH
  },
}

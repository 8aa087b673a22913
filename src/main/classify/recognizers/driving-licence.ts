import type { ValueRecognizer } from '../recognizer'
import { MATCH, nearMiss, NO_MATCH } from './shared-b'

/**
 * UK (DVLA) driving licence numbers, 16 characters: surname's first five letters padded with 9,
 * decade digit of birth year, birth month (plus 50 for women: 01–12 or 51–62), birth day 01–31,
 * year digit, two initials padded with 9, an arbitrary digit, two check characters; sometimes
 * followed by a two-digit issue number.
 */

const SHAPE =
  /^([A-Z]{1,5})(9{0,4})(\d)(\d{2})(\d{2})(\d)([A-Z][A-Z9])(\d)([A-Z0-9]{2})(?: ?\d{2})?$/

/** Why a DVLA-shaped value is invalid, undefined when valid, null when not DVLA-shaped. */
export function dvlaProblem(value: string): string | undefined | null {
  if (value.length < 16 || value.length > 19) return null
  const m = SHAPE.exec(value.toUpperCase())
  if (!m || (m[1] ?? '').length + (m[2] ?? '').length !== 5) return null
  const month = Number(m[4])
  const day = Number(m[5])
  if (!((month >= 1 && month <= 12) || (month >= 51 && month <= 62)))
    return `licence-shaped but month ${m[4]} is not 01–12 or 51–62`
  if (day < 1 || day > 31) return `licence-shaped but day ${m[5]} is not 01–31`
  return undefined
}

export const drivingLicenceRecognizer: ValueRecognizer = {
  id: 'uk-driving-licence',
  category: 'identity.driving_licence',
  test(value) {
    const problem = dvlaProblem(value.trim())
    if (problem === null) return NO_MATCH
    return problem ? nearMiss(problem) : MATCH
  },
}

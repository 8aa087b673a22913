import type { ValueRecognizer } from '../recognizer'
import { isLetterAt, MATCH, nearMiss, NO_MATCH } from './shared-b'

/**
 * UK National Insurance numbers: two prefix letters (neither D F I Q U V, the second not O, not
 * the never-issued BG GB KN NK NT TN ZZ), six digits, suffix A–D; spaces allowed (`QQ 12 34 56 C`).
 */

const NOT_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])
const BAD_LETTERS = 'DFIQUV'

/** Shape check on a compact upper-case value. */
const NI_SHAPE = /^[A-Z]{2}\d{6}[A-D]$/

/** Why a compact NI-shaped value is invalid, or undefined when it is valid. */
export function niProblem(compact: string): string | undefined {
  if (!NI_SHAPE.test(compact)) return 'not NI-shaped'
  const a = compact.charAt(0)
  const b = compact.charAt(1)
  if (BAD_LETTERS.includes(a) || BAD_LETTERS.includes(b))
    return `NI-shaped but prefix ${a}${b} uses a letter never issued`
  if (b === 'O') return `NI-shaped but prefix ${a}${b}: second letter is never O`
  if (NOT_ISSUED.has(a + b)) return `NI-shaped but prefix ${a}${b} is never issued`
  return undefined
}

export function isNiNumber(value: string): boolean {
  if (value.length < 9 || value.length > 13) return false
  return niProblem(value.replace(/ /g, '').toUpperCase()) === undefined
}

export const niNumberRecognizer: ValueRecognizer = {
  id: 'uk-ni-number',
  category: 'identity.national_id',
  test(value) {
    if (value.length < 9 || value.length > 13) return NO_MATCH
    if (!isLetterAt(value, 0) || !isLetterAt(value, 1)) return NO_MATCH
    const compact = value.replace(/ /g, '').toUpperCase()
    if (!NI_SHAPE.test(compact)) return NO_MATCH
    const problem = niProblem(compact)
    return problem ? nearMiss(problem) : MATCH
  },
}

import type { ValueRecognizer } from '../recognizer'
import { MATCH, nameHas, nearMiss, NO_MATCH } from './shared-b'

/**
 * UK sort codes: NN-NN-NN (or NN NN NN, NNNNNN) in a field named as a sort code (`sort_code`,
 * `sortcode`, `bank_code`, `routing`). Six digits alone are anything: the name is required.
 */

const SORT = ['sort']
const CODE = ['code', 'cd']
const SORT_CODE_CUES = ['sortcode', 'sortcd', 'srtcd', 'bankcode', 'branchcode', 'routing']

export function isSortCodeShape(value: string): boolean {
  return /^\d{2}([-\s]?)\d{2}\1\d{2}$/.test(value.trim())
}

export const sortCodeRecognizer: ValueRecognizer = {
  id: 'uk-sort-code',
  category: 'financial.bank_account',
  test(value, ctx) {
    if (value.length < 6 || value.length > 10) return NO_MATCH
    if (!isSortCodeShape(value)) return NO_MATCH
    if (nameHas(ctx, SORT_CODE_CUES) || (nameHas(ctx, SORT) && nameHas(ctx, CODE))) return MATCH
    // The dashed NN-NN-NN form is the sort code's own; without the name it is still only a hint.
    return /^\d{2}-\d{2}-\d{2}$/.test(value.trim())
      ? nearMiss('NN-NN-NN like a sort code, but the field is not named as one')
      : NO_MATCH
  },
}

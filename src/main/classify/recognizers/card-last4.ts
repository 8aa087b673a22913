import type { ValueRecognizer } from '../recognizer'
import { isMaskedPan } from './card-number'
import { MATCH, nameHas, NO_MATCH } from './shared-b'

/**
 * The last four digits of a card: exactly four digits in a field named as such (`last4`,
 * `last_four`, `pan_last`...), or a masked PAN (`************1234`) whatever the name. Four
 * digits alone are years, PINs and counts: never labelled without the name.
 */

const LAST4_CUES = [
  'last4',
  'lastfour',
  'last4digits',
  'panlast',
  'cardlast',
  'cardending',
  'endingin',
  'maskedpan',
  'maskedcard',
  'cardsuffix',
  'panmasked',
  'cardmasked',
]

export const cardLast4Recognizer: ValueRecognizer = {
  id: 'card-last4',
  category: 'financial.card_last4',
  test(value, ctx) {
    if (value.length === 4) {
      if (!/^\d{4}$/.test(value)) return NO_MATCH
      return nameHas(ctx, LAST4_CUES) ? MATCH : NO_MATCH
    }
    if (isMaskedPan(value)) return MATCH
    return NO_MATCH
  },
}

/** For the tests: whether the name says "last four". */
export const LAST4_NAME_CUES: readonly string[] = LAST4_CUES

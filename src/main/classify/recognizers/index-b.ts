import type { RecognizerContext, RecognizerVerdict, ValueRecognizer } from '../recognizer'
import { cardExpiryRecognizer } from './card-expiry'
import { cardLast4Recognizer } from './card-last4'
import { cardNumberRecognizer } from './card-number'
import { cardTokenRecognizer } from './card-token'
import { drivingLicenceRecognizer } from './driving-licence'
import { freeTextRecognizer } from './free-text'
import { ibanRecognizer } from './iban'
import { nhsNumberRecognizer } from './nhs-number'
import { nationalIdsRecognizer } from './national-ids'
import { niNumberRecognizer } from './ni-number'
import { passportRecognizer } from './passport'
import { NO_MATCH } from './shared-b'
import { sortCodeRecognizer } from './sort-code'
import { SPECIAL_RECOGNIZERS } from './special-categories'
import { ukAccountNumberRecognizer } from './uk-account-number'

export { scanFreeText, scanText } from './free-text'
export {
  SPECIAL_NAME_CUES,
  SPECIAL_NAME_NEGATIVE_CUES,
  SPECIAL_VALUE_CUES,
  specialCategoryFromName,
  specialCuesInText,
} from './special-categories'

/** Leading or trailing whitespace on a short value (a long one is free text, read whole). */
function needsTrim(value: string): boolean {
  if (value.length > 256) return false
  const first = value.charCodeAt(0)
  const last = value.charCodeAt(value.length - 1)
  return first <= 32 || last <= 32 || first === 160 || last === 160
}

/**
 * A recognizer that cannot throw: a non-string value is no match, and a bug in a recognizer
 * costs that value's verdict, never the crawl. Values are trimmed (cheaply: only when short,
 * since a long value is free text and its recognizer reads it whole).
 */
function guarded(r: ValueRecognizer): ValueRecognizer {
  const safe: ValueRecognizer = {
    ...r,
    test(value: string, ctx: RecognizerContext): RecognizerVerdict {
      if (typeof value !== 'string' || value.length === 0) return NO_MATCH
      try {
        return r.test(needsTrim(value) ? value.trim() : value, ctx)
      } catch {
        return NO_MATCH
      }
    },
  }
  const judge = r.judgeField
  if (judge) {
    safe.judgeField = (matching, all, ctx) => {
      try {
        return judge(matching, all, ctx)
      } catch {
        return 'could not be judged'
      }
    }
  }
  return safe
}

/**
 * Group B value recognizers (issue 5): cards, bank accounts, national, health, passport and
 * licence numbers, free text and the Article 9 special categories.
 */
export const RECOGNIZERS_B: ValueRecognizer[] = [
  cardNumberRecognizer,
  cardTokenRecognizer,
  cardLast4Recognizer,
  cardExpiryRecognizer,
  ibanRecognizer,
  sortCodeRecognizer,
  ukAccountNumberRecognizer,
  niNumberRecognizer,
  nationalIdsRecognizer,
  nhsNumberRecognizer,
  passportRecognizer,
  drivingLicenceRecognizer,
  freeTextRecognizer,
  ...SPECIAL_RECOGNIZERS,
].map(guarded)

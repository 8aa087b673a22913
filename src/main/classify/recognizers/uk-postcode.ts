import type { ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, nameHas, nearMiss, wordSet } from './util'

/**
 * contact.postcode: UK postcodes in every valid shape (A9 9AA, A99 9AA, AA9 9AA, AA99 9AA,
 * A9A 9AA, AA9A 9AA and GIR 0AA), with or without the space, any case. Letter positions follow
 * Royal Mail's rules (Q V X never first; I J Z never second; the inward letters never C I K M O
 * V), which keeps random 6-7 character codes out. Other countries' codes are left to name rules,
 * except US ZIPs when the field is named zip.
 */
const UK_POSTCODE =
  /^(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/
const LOOSE_SHAPE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/
const US_ZIP = /^[0-9]{5}(?:-[0-9]{4})?$/
const ZIP_WORDS = wordSet('zip zipcode')
/** Other countries' postcodes, only counted when the field is named as a postcode. */
const INTL_STRICT =
  /^(?:\d{4,5}|\d{3} \d{2}|\d{4} ?[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|(?:[AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4})$/
const POSTCODE_WORDS = wordSet('postcode zip plz cap eircode postal')

export function isUkPostcode(value: string): boolean {
  return UK_POSTCODE.test(value.toUpperCase())
}

export const ukPostcodeRecognizer: ValueRecognizer = {
  id: 'uk-postcode',
  category: 'contact.postcode',
  test(value, ctx) {
    const v = capped(value, 12)
    if (v === undefined) return NO_MATCH
    const upper = v.toUpperCase().replace(/\s+/g, ' ')
    if (UK_POSTCODE.test(upper)) return MATCH
    if (US_ZIP.test(v)) {
      if (nameHas(ctx, ZIP_WORDS)) return MATCH
    }
    if (INTL_STRICT.test(upper) && nameHas(ctx, POSTCODE_WORDS)) return MATCH
    if (LOOSE_SHAPE.test(upper)) return nearMiss('postcode-shaped but not a valid UK format')
    return NO_MATCH
  },
}

/**
 * What the customer lookup (issue 7 item 1) makes of one typed identifier. Plain JSON, no Node
 * imports: when the lookup API is added these types move to src/shared/model unchanged.
 */

import type { IdentifierKind } from '../../../shared/model/lookup'

export type { IdentifierKind }

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  'email',
  'phone',
  'postcode',
  'customer-number',
  'loyalty-number',
  'card-token',
  'card-last4-expiry',
  'bank-account',
  'ip-address',
  'device-id',
  'name-postcode',
  'name-dob',
  'postal-address',
]

/**
 * Strong identifiers belong to one person: records found through them merge into one person.
 * Weak ones are shared (a household's phone and postcode, a device, an IP, a joint account, a
 * card used by two people, two people of one name in one postcode): records found through them
 * show as linked people, never merged silently (issue 7 item 2).
 */
export type IdentifierStrength = 'strong' | 'weak'

export const STRENGTH: Readonly<Record<IdentifierKind, IdentifierStrength>> = {
  email: 'strong',
  'customer-number': 'strong',
  'loyalty-number': 'strong',
  phone: 'weak',
  postcode: 'weak',
  'card-token': 'weak',
  'card-last4-expiry': 'weak',
  'bank-account': 'weak',
  'ip-address': 'weak',
  'device-id': 'weak',
  'name-postcode': 'weak',
  'name-dob': 'weak',
  // A household's: the people at one address are linked, never merged.
  'postal-address': 'weak',
}

/** One reading of the input. */
export interface RecognisedIdentifier {
  kind: IdentifierKind
  strength: IdentifierStrength
  /** 0..1: how sure the recogniser is that the input is of this kind. */
  confidence: number
  /**
   * The canonical value, the one matched against normalised fields and HMAC'd for the audit log
   * and the lookup index: email lower-cased, phone in E.164, postcode `SW1A 1AA`, customer
   * number as its bare integer, names case- and accent-folded. Compound kinds join their parts
   * with `|` (`jane smith|SW1A 1AA`; an address `flat 3 12 high street|SW1A 1AA`).
   */
  canonical: string
  /** The parts of compound kinds, and useful facets of simple ones (phone region, IP version). */
  parts: Record<string, string>
  /**
   * Other exact forms the same value is stored in (`42` and `C00000042`; `+447123456789` and
   * `07123456789`). The planner prefers lineage transforms' `invert`; these serve fields the
   * catalogue has no lineage for.
   */
  forms: string[]
  /** Why this reading, in words (never the value): shown next to the detected kind. */
  reason: string
}

export interface Recognition {
  /** The most likely reading. */
  best: RecognisedIdentifier
  /** Other readings, most likely first. */
  alternatives: RecognisedIdentifier[]
  /** True when another reading is nearly as likely: the UI asks which one was meant. */
  ambiguous: boolean
}

/** Why an input was refused; `details.reason` of the ApiError('bad-input'). */
export type RefusalReason =
  | 'not-text'
  | 'empty'
  | 'too-long'
  | 'control-characters'
  | 'no-letters-or-digits'
  | 'wildcard'
  | 'query-syntax'
  | 'too-short'
  | 'name-alone'
  | 'not-this-kind'
  | 'unrecognised'

import type { CategoryId } from '../../shared/model/personal-data'

/**
 * A value recognizer (issue 5): validates, not just matches. Pure, never throws, linear time in
 * the value's length (no backtracking-prone regexes on unbounded input: cap lengths first).
 *
 * CONTRACT shared by the recognizer modules (src/main/classify/recognizers/*) and the field
 * classifier (src/main/classify/classify-field.ts).
 */
export interface RecognizerContext {
  /**
   * The field's name split into lower-case tokens: `EML_ADDR` -> ['eml', 'addr'], `dateOfBirth` -> ['date', 'of', 'birth'].
   * The classifier also appends their expansions and the parent segment's tokens (deduplicated):
   * `EML_ADDR` -> ['eml', 'addr', 'email', 'address'], `loyalty.number` -> ['number', 'loyalty'].
   */
  nameTokens: readonly string[]
  /** The asset's name and path tokens (table / topic / collection), same tokenisation. */
  assetTokens: readonly string[]
  /** As the source declared it, lower-cased (`character varying(200)`, `int32`, `date`), if known. */
  declaredType?: string
}

export type RecognizerVerdict =
  | { match: true }
  /** Not a match; `nearMiss` says why when the value looked like one (`16 digits, fails Luhn`). */
  | { match: false; nearMiss?: string }

export interface ValueRecognizer {
  /** Stable id used in evidence: `email`, `uk-postcode`, `card-luhn`, `iban`... */
  id: string
  category: CategoryId
  /** One value, as text (numbers and dates arrive as strings). */
  test(value: string, ctx: RecognizerContext): RecognizerVerdict
  /**
   * Optional field-level judgement over all matching values, for recognizers whose values alone
   * are not enough (date of birth: plausible ages; last four: 4 digits named as such...). Returns
   * a near-miss reason to reject the field, or undefined to keep the match.
   */
  judgeField?(
    matching: readonly string[],
    all: readonly string[],
    ctx: RecognizerContext,
  ): string | undefined
  /** Share of non-empty values that must match for the field to be labelled. Default 0.6. */
  threshold?: number
}

/** Free text: the share of values holding personal data, and which kinds. */
export interface FreeTextFinding {
  /** Values with at least one personal item. */
  affected: number
  of: number
  /** Categories found inside the text, with counts. */
  found: Partial<Record<CategoryId, number>>
}

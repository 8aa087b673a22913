import { ApiError } from '../../../shared/api/errors'
import type { RefusalReason } from './identifier-kinds'

/**
 * Refusals of identifiers too broad or too strange to look up safely. Every refusal is an
 * ApiError('bad-input') with one specific sentence and `details.reason`; no message ever
 * repeats the input (it may be personal data, and it may be hostile).
 */

/** Longest input considered: no identifier (even a name with a postcode) is longer. */
export const MAX_INPUT_LENGTH = 256

export function refusal(reason: RefusalReason, message: string): ApiError {
  return new ApiError('bad-input', message, { reason })
}

/** Control characters (NUL, escapes, DEL): no identifier holds one; a hostile paste might. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c === 0x7f) return true
  }
  return false
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const WILDCARD_CHARS = /[%*?]/
/** Wildcards and regular-expression metacharacters. */
const PATTERN_CHARS = /[%*?.^$|\\()[\]{}+]/
/** A query document or operator at the start: `{"$ne": null}`, `[{…}]`, `$where: …`. */
const QUERY_DOCUMENT = /^\s*(?:\{|\[\s*[{"']|\$[a-z]+)/i
/** Mongo operators anywhere (checked only when nothing recognised the input: `$` is legal in emails). */
const QUERY_OPERATOR =
  /\$(?:ne|eq|gt|gte|lt|lte|in|nin|regex|where|exists|expr|or|and|not|nor|options|elemMatch|function)\b/i
/** SQL fragments: a quote or comment followed by SQL words, or a statement separator. */
const SQL_FRAGMENT =
  /(?:'|"|--|\/\*|;)\s*(?:or|and|union|select|drop|delete|insert|update|exec|sleep|waitfor)\b|\b(?:or|and)\s+['"\d]\w*['"]?\s*=|--\s*$|;\s*(?:drop|delete|select|insert|update)\b/i
/** Regular-expression syntax: `.*`, `.+`, `\d`, `[a-z]`, `^…`, `…$`, `(a|b)`. */
const REGEX_SYNTAX = /\.[*+?]|\\[dDwWsSbB.]|\[[^\]]*-[^\]]*\]|^\^|\$$|\([^)]*\|[^)]*\)/

/**
 * Checks that apply whatever the input turns out to be: type, length, control characters,
 * inputs without a single letter or digit, and query documents. Returns the trimmed input.
 */
export function precheck(raw: unknown): string {
  if (typeof raw !== 'string') {
    throw refusal('not-text', 'An identifier is text: type an email, phone, number or name.')
  }
  if (raw.length > MAX_INPUT_LENGTH) {
    throw refusal(
      'too-long',
      `The input is longer than ${MAX_INPUT_LENGTH} characters: no identifier is that long. Type one identifier.`,
    )
  }
  const text = raw.trim()
  if (text.length === 0) throw refusal('empty', 'Type an identifier to look up.')
  if (hasControl(text)) {
    throw refusal(
      'control-characters',
      'The input holds control characters: type or paste the identifier as plain text.',
    )
  }
  if (!LETTER_OR_DIGIT.test(text)) {
    throw PATTERN_CHARS.test(text)
      ? refusal(
          'wildcard',
          'Wildcards (%, *, ?) and regular expressions are not accepted: a lookup matches one exact identifier, never a pattern.',
        )
      : refusal(
          'no-letters-or-digits',
          'The input has no letters or digits: it cannot identify anyone.',
        )
  }
  if (QUERY_DOCUMENT.test(text)) {
    throw refusal(
      'query-syntax',
      'This looks like a query document or operator, not an identifier: lookups take one exact value and never accept query operators.',
    )
  }
  return text
}

/** Too short to identify one person (`a`, `jo`): refused unless a kind was asked for explicitly. */
export function checkLength(text: string): void {
  const compact = text.replace(/\s+/g, '')
  if (/^\d{1,2}$/.test(compact)) {
    throw refusal(
      'too-short',
      'One or two digits alone are too broad to look up: type a customer number in its full form (C00000042) or look it up as a customer number explicitly.',
    )
  }
  if (compact.length <= 2) {
    throw refusal(
      'too-short',
      'One or two characters would match far too many people: type a whole identifier (an email, phone, customer or loyalty number, or a name with a postcode or date of birth).',
    )
  }
}

/**
 * Why an input no recogniser accepted was refused, as specifically as can be said: a pattern,
 * SQL, a name without anything to narrow it, or simply not an identifier.
 */
export function unrecognised(text: string, looksLikeName: boolean): ApiError {
  // A bare name first: "Jean D'Or" must read as a name, not as `' OR`.
  if (looksLikeName) {
    return refusal(
      'name-alone',
      'A name alone matches too many people: add a postcode or a date of birth (e.g. "Jane Smith SW1A 1AA").',
    )
  }
  if (QUERY_OPERATOR.test(text) || SQL_FRAGMENT.test(text)) {
    return refusal(
      'query-syntax',
      'This looks like a query fragment, not an identifier: lookups take one exact value, always as a parameter, never as query text.',
    )
  }
  if (WILDCARD_CHARS.test(text) || REGEX_SYNTAX.test(text)) {
    return refusal(
      'wildcard',
      'Wildcards and regular expressions are not accepted: a lookup matches one exact identifier, never a pattern.',
    )
  }
  return refusal(
    'unrecognised',
    'Not an identifier Sightline recognises: type an email, phone number, UK postcode, customer or loyalty number, card token, last four digits with expiry, sort code with account number, IP address, device id, or a name with a postcode or date of birth.',
  )
}

import type { RecognizerContext, RecognizerVerdict } from '../recognizer'

/**
 * Helpers shared by the group A value recognizers. Every recognizer caps its input before any
 * regex runs, so the worst case stays linear however long or hostile a sampled value is.
 */

/** Longest value any recognizer looks at: longer values are never a single identifier. */
export const MAX_VALUE_LENGTH = 320

export const MATCH: RecognizerVerdict = { match: true }
export const NO_MATCH: RecognizerVerdict = { match: false }

export function nearMiss(reason: string): RecognizerVerdict {
  return { match: false, nearMiss: reason }
}

/** Trims a value and returns undefined when it is empty or longer than `max`. */
export function capped(value: unknown, max = MAX_VALUE_LENGTH): string | undefined {
  if (typeof value !== 'string' || value.length > max + 8) return undefined
  const trimmed = value.trim()
  if (trimmed.length === 0 || trimmed.length > max) return undefined
  return trimmed
}

/** True when any of the field's name tokens is one of `words`. */
export function nameHas(ctx: RecognizerContext, words: ReadonlySet<string>): boolean {
  return ctx.nameTokens.some((t) => words.has(t))
}

/** True when any of the asset's tokens is one of `words`. */
export function assetHas(ctx: RecognizerContext, words: ReadonlySet<string>): boolean {
  return ctx.assetTokens.some((t) => words.has(t))
}

/** The first name token that is one of `words`, for near-miss wording. */
export function firstNameToken(
  ctx: RecognizerContext,
  words: ReadonlySet<string>,
): string | undefined {
  return ctx.nameTokens.find((t) => words.has(t))
}

/** The field name as the user knows it, rebuilt from tokens for messages. */
export function fieldLabel(ctx: RecognizerContext): string {
  return ctx.nameTokens.join('_') || 'field'
}

/** Share of `part` in `whole`, 0 when empty. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}

/** Compiles a space-separated word list to a lower-case set (dictionaries stay compact). */
export function wordSet(words: string): ReadonlySet<string> {
  return new Set(
    words
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .map((w) => w.toLowerCase()),
  )
}

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
}

/** Lower-cases and strips diacritics (`Seán` -> `sean`, `Łukasz` -> `lukasz`) for dictionaries. */
export function foldAccents(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øłđßæœþð]/g, (c) => SPECIAL_LETTERS[c] ?? c)
}

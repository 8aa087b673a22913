import type { RecognizerContext, RecognizerVerdict } from '../recognizer'

/**
 * Helpers shared by the group-B recognizers (cards, bank accounts, national ids, free text,
 * special categories). Everything here is linear in its input and never throws.
 */

/** Longest single value a structured recognizer looks at: no card, IBAN or licence is longer. */
export const MAX_STRUCTURED_LENGTH = 64

export const NO_MATCH: RecognizerVerdict = { match: false }
export const MATCH: RecognizerVerdict = { match: true }

export function nearMiss(reason: string): RecognizerVerdict {
  return { match: false, nearMiss: reason }
}

export function isDigitAt(value: string, i: number): boolean {
  const c = value.charCodeAt(i)
  return c >= 48 && c <= 57
}

export function isLetterAt(value: string, i: number): boolean {
  const c = value.charCodeAt(i) | 32
  return c >= 97 && c <= 122
}

/** Strips spaces and dashes; returns null when anything else but digits remains. */
export function compactDigits(value: string, max = MAX_STRUCTURED_LENGTH): string | null {
  if (value.length === 0 || value.length > max) return null
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 48 && c <= 57) out += value[i]
    else if (c !== 32 && c !== 45) return null
  }
  return out
}

/** Luhn (mod 10) check over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (d < 0 || d > 9) return false
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length > 0 && sum % 10 === 0
}

/** Shannon entropy in bits per character (for telling random tokens from words). */
export function entropyPerChar(value: string): number {
  if (value.length === 0) return 0
  const counts = new Map<string, number>()
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let h = 0
  for (const n of counts.values()) {
    const p = n / value.length
    h -= p * Math.log2(p)
  }
  return h
}

/** Cached views of a context: recognizers are called per value, contexts are per field. */
interface ContextView {
  name: Set<string>
  asset: Set<string>
  /** Name tokens joined without separators (`card_last_4` -> `cardlast4`). */
  joined: string
  /** nameHas results by cue list. */
  cues: Map<readonly string[], boolean>
}

const views = new WeakMap<RecognizerContext, ContextView>()

export function view(ctx: RecognizerContext): ContextView {
  let v = views.get(ctx)
  if (!v) {
    const nameTokens = Array.isArray(ctx?.nameTokens) ? ctx.nameTokens : []
    const assetTokens = Array.isArray(ctx?.assetTokens) ? ctx.assetTokens : []
    v = {
      name: new Set(nameTokens.map((t) => String(t).toLowerCase())),
      asset: new Set(assetTokens.map((t) => String(t).toLowerCase())),
      joined: nameTokens.join('').toLowerCase(),
      cues: new Map(),
    }
    if (ctx && typeof ctx === 'object') views.set(ctx, v)
  }
  return v
}

/**
 * True when the field name carries one of the cues: short cues must be a whole token (`exp`
 * must not fire on `export`), cues of 5+ characters may also appear inside the joined name
 * (`cardlast4`, `paymenttoken`).
 */
export function nameHas(ctx: RecognizerContext, cues: readonly string[]): boolean {
  // Cached per context and cue list (module constants): called for every value of a field.
  const v = view(ctx)
  const hit = v.cues.get(cues)
  if (hit !== undefined) return hit
  let found = false
  for (const cue of cues) {
    if (v.name.has(cue) || (cue.length >= 5 && v.joined.includes(cue))) {
      found = true
      break
    }
  }
  if (v.cues.size < 256) v.cues.set(cues, found)
  return found
}

/** Same test over the asset (table / topic / collection) tokens, whole tokens only. */
export function assetHas(ctx: RecognizerContext, cues: readonly string[]): boolean {
  const v = view(ctx)
  return cues.some((c) => v.asset.has(c))
}

/** Masks all but the last `keep` characters of an example (evidence never shows raw values). */
export function maskExample(value: string, keep = 4): string {
  const s = value.slice(0, MAX_STRUCTURED_LENGTH)
  return s.length <= keep ? '*'.repeat(s.length) : '*'.repeat(s.length - keep) + s.slice(-keep)
}

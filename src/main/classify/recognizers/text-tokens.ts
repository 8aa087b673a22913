/**
 * Word tokens of a value for cue matching: lower-case runs of letters and digits, camelCase and
 * PascalCase split (`VulnerableCustomer` -> vulnerable, customer). Linear, capped.
 */

/** Longest text a cue scanner reads (a note longer than this is judged on its start). */
export const MAX_TEXT_LENGTH = 4000

export function wordTokens(value: string, max = MAX_TEXT_LENGTH): string[] {
  const text = value.length > max ? value.slice(0, max) : value
  const out: string[] = []
  let current = ''
  let prevLower = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const upper = c >= 65 && c <= 90
    const lower = c >= 97 && c <= 122
    const digit = c >= 48 && c <= 57
    if (upper || lower || digit) {
      // A capital after a lower-case letter starts a new word (camelCase).
      if (upper && prevLower && current) {
        out.push(current)
        current = ''
      }
      current += upper ? String.fromCharCode(c + 32) : text.charAt(i)
      prevLower = lower
    } else if (c === 39 || c === 0x2019) {
      // Apostrophes join (alzheimer's -> alzheimers).
      prevLower = false
    } else {
      if (current) out.push(current)
      current = ''
      prevLower = false
    }
  }
  if (current) out.push(current)
  return out
}

/** A set of cue phrases (`mental health`, `diabetes`) compiled for one pass over tokens. */
export interface CueSet {
  /** First word -> the remaining words of each phrase starting with it ([] for one-word cues). */
  byFirst: Map<string, string[][]>
}

export function compileCues(phrases: readonly string[]): CueSet {
  const byFirst = new Map<string, string[][]>()
  for (const phrase of phrases) {
    const words = wordTokens(phrase)
    if (words.length === 0) continue
    const head = words[0] ?? ''
    const list = byFirst.get(head) ?? []
    list.push(words.slice(1))
    byFirst.set(head, list)
  }
  return { byFirst }
}

/** The first cue phrase found in the tokens, or undefined. Phrases are short: linear overall. */
export function findCue(tokens: readonly string[], cues: CueSet): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    const rests = cues.byFirst.get(token)
    if (!rests) continue
    for (const rest of rests) {
      let ok = true
      for (let j = 0; j < rest.length && ok; j++) ok = tokens[i + 1 + j] === rest[j]
      if (ok) return [token, ...rest].join(' ')
    }
  }
  return undefined
}

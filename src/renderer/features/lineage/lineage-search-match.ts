import type { CatalogSearchHit } from '../../../shared/model/catalog'

/*
 * Finding the node to focus on, the way an architect types it: a field path (`contact.email`),
 * words of the asset and the field (`singleview customers email`), or both (`crm Customer.Email`).
 * The catalogue's search matches names (a field's name is its last segment, `email`) and, with
 * several words, the rows holding its longest word; a dotted path or a database name as the
 * longest word finds nothing there. So the page asks the catalogue for each word on its own as
 * well, and keeps the hits whose qualified name holds every word, best first.
 */

/** Characters that separate the words of a typed path: spaces, dots, `›`, `/`, `#`, `:`, `>`. */
const SEPARATORS = /[\s.›>/#:,]+/u

/** The words of what the user typed, lower-cased: `crm Customer.Email` -> crm, customer, email. */
export function searchTokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(SEPARATORS)
    .map((token) => token.replace(/["]/g, ''))
    .filter((token) => token !== '')
}

/** How many single-word questions one search asks at most (the last word, then the longest). */
const MAX_WORD_QUERIES = 3

/**
 * The catalogue searches to run for `text`: the text as typed (the catalogue's own matching, which
 * also covers descriptions and tags), then single words: the last one first (usually the field's
 * name), then the longest. One word typed alone is asked once.
 */
export function searchQueries(text: string): string[] {
  const typed = text.trim()
  if (!typed) return []
  const tokens = searchTokens(typed)
  const words = [...new Set(tokens)].filter((token) => token.length >= 2)
  const last = tokens[tokens.length - 1]
  const ordered = [
    ...(last && last.length >= 2 ? [last] : []),
    ...words.filter((word) => word !== last).sort((a, b) => b.length - a.length),
  ].slice(0, MAX_WORD_QUERIES)
  const queries = [typed, ...ordered]
  return [...new Set(queries.map((query) => query.toLowerCase()))].map((query) =>
    query === typed.toLowerCase() ? typed : query,
  )
}

/** `singleview.customers › contact.email` -> the segments singleview, customers, contact, email. */
export function hitSegments(hit: Pick<CatalogSearchHit, 'title'>): string[] {
  return searchTokens(hit.title)
}

/**
 * How well a hit answers the words, lower is better; undefined when a word is missing from its
 * qualified name and source. 0: the words are prefixes of its segments in order and the last word
 * is its own name (`crm Customer.Email` for crm.dbo.Customer › Email); 1: in order; 2: anywhere.
 */
export function hitRank(
  hit: Pick<CatalogSearchHit, 'title' | 'source'>,
  tokens: readonly string[],
): number | undefined {
  if (tokens.length === 0) return undefined
  const segments = hitSegments(hit)
  const haystack = `${segments.join(' ')} ${hit.source.toLowerCase()}`
  if (!tokens.every((token) => haystack.includes(token))) return undefined
  let at = 0
  for (const token of tokens) {
    while (at < segments.length && !segments[at]!.startsWith(token)) at++
    if (at === segments.length) return 2
    at++
  }
  const own = segments[segments.length - 1]
  return own === tokens[tokens.length - 1] ? 0 : 1
}

/** The catalogue's hits for one of `searchQueries`, in the same order. */
export interface QueryHits {
  query: string
  hits: readonly CatalogSearchHit[]
}

/**
 * One ranked list from the answers to `searchQueries(text)`: each URN once; hits of the text as
 * typed are kept even when their words are only in a description or tag (ranked after the
 * others); hits of single words only when every word is in their name. Ties keep assets first,
 * then shorter names, then the catalogue's order.
 */
export function mergeSearchHits(
  text: string,
  answers: readonly QueryHits[],
  limit = 50,
): CatalogSearchHit[] {
  const tokens = searchTokens(text)
  const typed = text.trim().toLowerCase()
  const ranked = new Map<string, { hit: CatalogSearchHit; rank: number; order: number }>()
  let order = 0
  for (const { query, hits } of answers) {
    const asTyped = query.toLowerCase() === typed
    for (const hit of hits) {
      order++
      if (ranked.has(hit.urn)) continue
      const rank = hitRank(hit, tokens) ?? (asTyped ? 3 : undefined)
      if (rank !== undefined) ranked.set(hit.urn, { hit, rank, order })
    }
  }
  return [...ranked.values()]
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(a.hit.fieldPath !== undefined) - Number(b.hit.fieldPath !== undefined) ||
        a.hit.title.length - b.hit.title.length ||
        a.order - b.order,
    )
    .slice(0, limit)
    .map(({ hit }) => hit)
}

/** `text` cut into parts, those holding a word marked, for highlighting (never as HTML). */
export function markTokens(
  text: string,
  tokens: readonly string[],
): Array<{ text: string; match: boolean }> {
  const lower = text.toLowerCase()
  const marked = new Array<boolean>(text.length).fill(false)
  for (const token of tokens) {
    let at = lower.indexOf(token)
    while (at >= 0) {
      for (let i = at; i < at + token.length; i++) marked[i] = true
      at = lower.indexOf(token, at + token.length)
    }
  }
  const parts: Array<{ text: string; match: boolean }> = []
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1]
    if (last && last.match === marked[i]) last.text += text[i]
    else parts.push({ text: text[i]!, match: marked[i]! })
  }
  return parts
}

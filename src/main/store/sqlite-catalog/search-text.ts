/*
 * Text helpers of catalogue search, kept free of SQL: how names split into words, display
 * titles, query terms, and «snippets».
 */

/**
 * The words of a name across naming styles: `CustomerEmail`, `cust_email`, `contact.email`,
 * `EmailAddress`, `tblCust`, `HTTPServer2Id` -> lower-case words separated by spaces.
 */
export function nameWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .join(' ')
}

/** `crm.dbo.Customer` for an asset, `crm.dbo.Customer › Email` for one of its fields. */
export function assetTitle(path: readonly string[], name: string): string {
  return path.length > 0 ? path.join('.') : name
}

export function fieldTitle(assetTitleText: string, fieldPath: string): string {
  return `${assetTitleText} › ${fieldPath}`
}

/**
 * Lower-case terms of a query; quotes and FTS syntax characters carry no meaning here. A term
 * with no letter or digit (the `›` of a pasted title) is dropped, and `/` `#` `›` inside a term
 * read as the dots of a path: `crm.dbo.Customer›Email` is `crm.dbo.customer.email`.
 */
export function queryTerms(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/["]/g, '').replace(/[/#›]+/gu, '.'))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
}

/** Characters that separate the segments of a typed path (`contact.email`, `a/b`, `x#y`). */
const PATH_SEPARATORS = /[.›/#:]+/u

/** True when a term is a dotted path rather than one word: `contact.email`, `customer.email`. */
export function isPathTerm(term: string): boolean {
  return term.split(PATH_SEPARATORS).filter((w) => w !== '').length > 1
}

/** The words of query terms, each once: `crm customer.email` -> crm, customer, email. */
export function pathWords(terms: readonly string[]): string[] {
  return [...new Set(terms.flatMap((t) => t.split(PATH_SEPARATORS)).filter((w) => w !== ''))]
}

/**
 * SQL for a row's qualified name as one dotted, lower-case string: the display title with its
 * ` › ` read as a dot (`crm.dbo.customer.email`, `singleview.customers.contact.email`), so a
 * typed path matches across the asset / field boundary.
 */
export const QUALIFIED_SQL = "lower(replace(r.title, ' › ', '.'))"

/** A term as an FTS5 string literal (phrase), whatever characters it holds. */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

/** Where `term` occurs in `text`, preferring the start of a word; -1 when it does not. */
export function findTerm(text: string, term: string): number {
  const lower = text.toLowerCase()
  let first = -1
  let at = lower.indexOf(term)
  while (at >= 0) {
    if (first < 0) first = at
    const before = text[at - 1]
    const here = text[at]!
    if (
      at === 0 ||
      !/[\p{L}\p{N}]/u.test(before!) ||
      (/[\p{Ll}\p{N}]/u.test(before!) && /\p{Lu}/u.test(here))
    ) {
      return at
    }
    at = lower.indexOf(term, at + 1)
  }
  return first
}

const WINDOW = 40

/**
 * `text` with every term marked `«like this»`; long text is cut to a window around the first
 * match, with `…` where it was cut. Undefined when no term occurs in it.
 */
export function snippet(text: string, terms: readonly string[]): string | undefined {
  const marks: Array<[number, number]> = []
  for (const term of terms) {
    const at = findTerm(text, term)
    if (at >= 0) marks.push([at, at + term.length])
  }
  if (marks.length === 0) return undefined
  marks.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const mark of marks) {
    const last = merged[merged.length - 1]
    if (last !== undefined && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1])
    else merged.push([mark[0], mark[1]])
  }
  const start = Math.max(0, merged[0]![0] - WINDOW)
  const end = Math.min(text.length, merged[merged.length - 1]![1] + WINDOW)
  let out = start > 0 ? '…' : ''
  let pos = start
  for (const [from, to] of merged) {
    if (to > end) break
    out += `${text.slice(pos, from)}«${text.slice(from, to)}»`
    pos = to
  }
  out += text.slice(pos, end)
  if (end < text.length) out += '…'
  return out
}

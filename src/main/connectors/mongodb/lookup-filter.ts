import type { Document } from 'mongodb'
import { ApiError } from '../../../shared/api'
import type { StepMatch } from '../../../shared/model/lookup'

/**
 * The filter of a MongoDB lookup step (issue 7), pure so that unit tests read it. Typed filters
 * only: the field path is the catalogue's (checked, never starting with `$`), values are the
 * strings and numbers lookupValues let through, always as operands of `$in` or as escaped,
 * anchored regular expressions, never as operators or documents.
 *
 * Case-insensitive, trimmed and digits-only matches use a regex: a collation would be better,
 * but FerretDB has none. Such a regex (case-insensitive, or not a plain prefix) cannot use an
 * index on MongoDB either, and FerretDB on SQLite pushes down only `_id` equality anyway: the
 * plan marks those steps as scans.
 */

/** `addresses[].postcode` (the catalogue's form) as MongoDB's dotted path `addresses.postcode`. */
export function mongoPath(fieldPath: string): string {
  const path = fieldPath.replace(/\[\]/g, '')
  const parts = path.split('.')
  if (
    path === '' ||
    parts.some((p) => p === '' || p.startsWith('$') || p.includes('\u0000') || p.includes('['))
  )
    throw new ApiError('bad-input', 'The lookup field is not a usable document path.', {
      reason: 'bad-field-path',
    })
  return path
}

/** Regex metacharacters escaped: the value is matched as written, never as a pattern. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/** A value's regex in the match's form, anchored at both ends. */
function regexFor(value: string | number, match: StepMatch): string {
  const text = String(value)
  switch (match) {
    case 'trimmed':
    case 'case-insensitive':
      return `^\\s*${escapeRegex(text)}\\s*$`
    case 'digits-only':
      // Only digits count: anything else may sit between them ("07100 060 616", "(07100)...").
      return `^\\D*${text.replace(/\D/g, '').split('').join('\\D*')}\\D*$`
    default:
      return `^${escapeRegex(text)}$`
  }
}

/**
 * `{ path: { $in: values } }` for exact matches (sha256 digests in both cases), else an `$or` of
 * anchored regexes (`i` only for case-insensitive). Values must already be normalised for the
 * match (shared/lookup-values.ts).
 */
export function lookupFilter(
  fieldPath: string,
  match: StepMatch,
  values: ReadonlyArray<string | number>,
): Document {
  const path = mongoPath(fieldPath)
  for (const v of values)
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new ApiError('bad-input', 'A lookup value must be a string or a number.', {
        reason: 'value-not-primitive',
      })
  // One value as a plain equality: FerretDB 1.x pushes down only exactly `{ _id: <scalar> }`.
  if (match === 'equals')
    return values.length === 1 ? { [path]: values[0] } : { [path]: { $in: [...values] } }
  if (match === 'sha256-of') {
    const forms = new Set(values.flatMap((v) => [String(v), String(v).toUpperCase()]))
    return { [path]: { $in: [...forms] } }
  }
  const options = match === 'case-insensitive' ? 'i' : ''
  const clauses = values.map((v) => ({ [path]: { $regex: regexFor(v, match), $options: options } }))
  return clauses.length === 1 ? clauses[0]! : { $or: clauses }
}

/** Nested values shown as they are stored: ObjectId, Decimal128, Long... by their text. */
function scalar(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  const bsontype = (value as { _bsontype?: string })._bsontype
  if (bsontype === 'Binary') return undefined
  if (bsontype === 'Long' || bsontype === 'Int32' || bsontype === 'Double')
    return Number((value as { toString(): string }).toString())
  if (bsontype) return (value as { toString(): string }).toString()
  return value
}

/**
 * A document flattened to dotted paths, array elements as `[]` (`addresses[].postcode`), as the
 * crawl names fields. A path reached through an array holds the list of its values.
 */
export function flattenDocument(doc: Document): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const put = (path: string, value: unknown, inArray: boolean) => {
    if (!inArray) {
      out[path] = value
      return
    }
    const list = (out[path] as unknown[] | undefined) ?? []
    list.push(value)
    out[path] = list
  }
  const walk = (value: unknown, path: string, inArray: boolean, depth: number) => {
    const v = scalar(value)
    if (v === undefined) return
    if (depth > 32) return
    if (Array.isArray(v)) {
      if (v.length === 0 && !inArray) out[`${path}[]`] = []
      for (const el of v) walk(el, `${path}[]`, true, depth + 1)
      return
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v as Record<string, unknown>))
        walk(child, path ? `${path}.${k}` : k, inArray, depth + 1)
      return
    }
    put(path, v, inArray)
  }
  walk(doc, '', false, 0)
  return out
}

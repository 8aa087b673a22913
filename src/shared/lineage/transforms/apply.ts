import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import type { TransformSpec } from '../../model/lineage'
import { toE164 } from './phone'
import { normalisePostcode, trimmedOrNull } from './text'

/**
 * Forward application of transformations, value by value (the way the estate's single-view
 * builder computes its fields) and over a group (aggregate, latest). Null and undefined go
 * through as null; so does a value a transform cannot handle (an unparseable phone number):
 * a wrong value is worse than none.
 */

export interface TransformContext {
  /** The HMAC key for `hmac-sha256`, resolved by the caller from the spec's keyRef. */
  hmacKey?: Uint8Array
  /**
   * For `concat`: the values of the spec's fields, by field name. Without it the value itself
   * must be an array (in the order of `fields`) or a record keyed by field name.
   */
  concatValues?: Readonly<Record<string, unknown>>
}

/** Thrown for a spec that needs more than one value (aggregate, latest) or a missing key. */
export class TransformError extends Error {
  override name = 'TransformError'
}

const textOf = (value: unknown): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : null

const MS_PER_DAY = 86_400_000

/** Applies a per-value transform. Aggregates and `latest` throw: use applyAggregate. */
export function applyTransform(
  spec: TransformSpec,
  value: unknown,
  ctx?: TransformContext,
): unknown {
  if (value === undefined) value = null
  switch (spec.type) {
    case 'identity':
    case 'rename':
      return value
    case 'chain':
      return spec.steps.reduce<unknown>((v, step) => applyTransform(step, v, ctx), value)
    case 'concat':
      return concat(spec, value, ctx)
    case 'aggregate':
    case 'latest':
      throw new TransformError(`${spec.type} folds many values: use applyAggregate`)
    case 'epoch-days-to-date':
      // Debezium's io.debezium.time.Date; an ISO date string is already the answer.
      if (typeof value === 'number' && Number.isFinite(value))
        return new Date(Math.round(value) * MS_PER_DAY).toISOString().slice(0, 10)
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
      return null
  }
  const text = textOf(value)
  if (text === null) return null
  switch (spec.type) {
    case 'trim':
      return trimmedOrNull(text)
    case 'lower-case':
      return text.toLowerCase()
    case 'upper-case':
      return text.toUpperCase()
    case 'collapse-whitespace':
      return trimmedOrNull(text.replace(/\s+/g, ' '))
    case 'e164':
      return toE164(text, spec.region)
    case 'postcode-format':
      return normalisePostcode(text)
    case 'prefix-pad':
      return spec.prefix + text.padStart(spec.width, '0')
    case 'sha256':
      return bytesToHex(sha256(utf8ToBytes(text)))
    case 'hmac-sha256':
      if (!ctx?.hmacKey)
        throw new TransformError(`hmac-sha256 needs the key "${spec.keyRef}" (ctx.hmacKey)`)
      return bytesToHex(hmac(sha256, ctx.hmacKey, utf8ToBytes(text)))
  }
}

function concat(
  spec: Extract<TransformSpec, { type: 'concat' }>,
  value: unknown,
  ctx: TransformContext | undefined,
): string | null {
  const record = ctx?.concatValues ?? value
  const parts = Array.isArray(record)
    ? spec.fields.map((_, i) => textOf(record[i]))
    : record !== null && typeof record === 'object'
      ? spec.fields.map((f) => textOf((record as Record<string, unknown>)[f]))
      : null
  if (!parts) throw new TransformError('concat needs the values of its fields')
  const present = parts.filter((p): p is string => p !== null && p !== '')
  return present.length === 0 ? null : present.join(spec.separator)
}

type Fold = Extract<TransformSpec, { type: 'aggregate' | 'latest' }>

/**
 * Folds the values of one group. For `aggregate` pass the from-field's values; for `latest`
 * pass `order` too (the orderBy values, index for index): the value with the greatest order
 * wins, and on a tie the first one read stays (as the builder keeps its first fraud score).
 * Nulls are ignored, as SQL does; `count` of nothing is 0, `sum` of nothing is 0, the others null.
 */
export function applyAggregate(
  spec: Fold,
  values: readonly unknown[],
  order?: readonly unknown[],
): unknown {
  if (spec.type === 'latest') {
    if (!order || order.length !== values.length)
      throw new TransformError('latest needs an order value for each value')
    let best = -1
    for (let i = 0; i < values.length; i++) {
      if (order[i] === null || order[i] === undefined) continue
      if (best < 0 || compare(order[i], order[best]) > 0) best = i
    }
    return best < 0 ? null : (values[best] ?? null)
  }
  const present = values.filter((v) => v !== null && v !== undefined)
  switch (spec.fn) {
    case 'count':
      return present.length
    case 'sum':
      return exactSum(present.map(toNumber).filter((n): n is number => n !== null))
    case 'avg': {
      const nums = present.map(toNumber).filter((n): n is number => n !== null)
      return nums.length === 0 ? null : exactSum(nums) / nums.length
    }
    case 'max':
    case 'min': {
      let best: unknown = null
      for (const v of present) {
        if (best === null) best = v
        else if (spec.fn === 'max' ? compare(v, best) > 0 : compare(v, best) < 0) best = v
      }
      return best
    }
  }
}

/**
 * Groups rows by the spec's groupBy and folds `field` in each group (latest orders by the
 * spec's orderBy). Rows whose group key is null belong to no group.
 */
export function aggregateRows(
  spec: Fold,
  rows: readonly Readonly<Record<string, unknown>>[],
  field: string,
): Map<unknown, unknown> {
  const groups = new Map<unknown, { values: unknown[]; order: unknown[] }>()
  for (const row of rows) {
    const key = row[spec.groupBy]
    if (key === null || key === undefined) continue
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { values: [], order: [] }))
    g.values.push(row[field])
    if (spec.type === 'latest') g.order.push(row[spec.orderBy])
  }
  const out = new Map<unknown, unknown>()
  for (const [key, g] of groups)
    out.set(key, applyAggregate(spec, g.values, spec.type === 'latest' ? g.order : undefined))
  return out
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value)
  return null
}

/** Sums decimals without binary drift (12.10 + 0.20 is 12.3, not 12.299999...). */
function exactSum(nums: readonly number[]): number {
  const decimals = Math.min(
    9,
    nums.reduce((d, n) => Math.max(d, (String(n).split('.')[1] ?? '').length), 0),
  )
  const scale = 10 ** decimals
  return nums.reduce((sum, n) => sum + Math.round(n * scale), 0) / scale
}

/** Numbers numerically, everything else as text (ISO timestamps sort as text). */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

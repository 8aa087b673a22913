import { ApiError } from '../../../shared/api'
import type { JsonValue } from '../../../shared/model/catalog'
import type { StepMatch } from '../../../shared/model/lookup'
import type { LookupQuery } from '../connector'

/**
 * What every connector's `lookup` does the same way (issue 7): the values of a LookupQuery
 * checked to be primitives and brought to the form the step's match mode compares, bounds on
 * what a step may ask, and the shape of what comes back (JSON-safe key values, a timestamp).
 */

/** No identifier (email, phone, id, hash) is longer: longer values cannot match and are dropped. */
export const MAX_LOOKUP_VALUE_LENGTH = 1_024
/** Values per step: pivots rarely carry more than a handful; a runaway plan is refused. */
export const MAX_LOOKUP_VALUES = 1_000
/** Rows per step, whatever the caller asks. */
export const MAX_LOOKUP_ROW_CAP = 10_000

const SHA256_HEX = /^[0-9a-f]{64}$/

/**
 * The values as the step's match compares them, deduplicated: `equals` as given (numbers stay
 * numbers), `case-insensitive` trimmed and lower-cased, `trimmed` trimmed, `digits-only` reduced to digits
 * (empty ones dropped), `sha256-of` lower-case hex digests computed by the planner (anything
 * else dropped). Throws bad-input for anything but strings and finite numbers: an object from
 * input (`{ $ne: null }`) never reaches a query.
 */
export function lookupValues(q: Pick<LookupQuery, 'values' | 'match'>): Array<string | number> {
  if (!Array.isArray(q.values))
    throw new ApiError('bad-input', 'A lookup step needs a list of values.', {
      reason: 'values-not-a-list',
    })
  if (q.values.length > MAX_LOOKUP_VALUES)
    throw new ApiError(
      'bad-input',
      `A lookup step takes at most ${MAX_LOOKUP_VALUES} values; the plan asked for ${q.values.length}.`,
      { reason: 'too-many-values' },
    )
  const out = new Map<string, string | number>()
  for (const raw of q.values as unknown[]) {
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw))
        throw new ApiError('bad-input', 'A lookup value must be a finite number or a string.', {
          reason: 'value-not-primitive',
        })
      const v = q.match === 'equals' ? raw : normaliseForMatch(String(raw), q.match)
      if (v !== undefined) out.set(`${typeof v}:${v}`, v)
      continue
    }
    if (typeof raw !== 'string')
      throw new ApiError('bad-input', 'A lookup value must be a string or a number.', {
        reason: 'value-not-primitive',
      })
    // Too long to be an identifier, or holding NUL (which no identifier does): cannot match.
    if (raw.length > MAX_LOOKUP_VALUE_LENGTH || raw.includes('\u0000')) continue
    const v = normaliseForMatch(raw, q.match)
    if (v !== undefined) out.set(`string:${v}`, v)
  }
  return [...out.values()]
}

/** One value in the form `match` compares; undefined when it cannot match anything. */
export function normaliseForMatch(value: string, match: StepMatch): string | undefined {
  switch (match) {
    case 'equals':
      return value
    case 'case-insensitive':
      // Surrounding whitespace is never part of an identifier: ignored with case.
      return value.trim().toLowerCase()
    case 'trimmed':
      return value.trim()
    case 'digits-only': {
      const digits = value.replace(/\D/g, '')
      return digits === '' ? undefined : digits
    }
    case 'sha256-of': {
      const hex = value.trim().toLowerCase()
      return SHA256_HEX.test(hex) ? hex : undefined
    }
  }
}

/** The row cap bounded, and the number to ask for: one more tells that the cap cut the answer. */
export function rowLimit(rowCap: number): { cap: number; fetch: number } {
  const cap = Math.min(
    Math.max(1, Math.floor(Number.isFinite(rowCap) ? rowCap : 1)),
    MAX_LOOKUP_ROW_CAP,
  )
  return { cap, fetch: cap + 1 }
}

/** Per-step timeout: the caller's, bounded to [100 ms, 5 min]. */
export function stepTimeout(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return 10_000
  return Math.min(Math.max(100, Math.floor(timeoutMs)), 300_000)
}

/** Key values as plain JSON (dates ISO, big integers as strings, bytes as hex). */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  return String(value)
}

/** Fields that say when a record last changed, in the order they are preferred. */
const TIMESTAMP_FIELDS = ['updatedat', 'updated_at', 'modifiedat', 'modified_at', 'lastupdated']

/** The record's update time where it has a field for it (ISO), for provenance. */
export function pickTimestamp(values: Record<string, unknown>): string | undefined {
  const byLower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]))
  for (const name of TIMESTAMP_FIELDS) {
    const v = byLower.get(name)
    if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString()
    if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString()
  }
  return undefined
}

/** The asset path checked to have `n` non-empty parts (`[database, schema, table]`...). */
export function assetParts(q: Pick<LookupQuery, 'assetPath'>, n: number, what: string): string[] {
  const path = q.assetPath
  if (!Array.isArray(path) || path.length !== n || path.some((p) => typeof p !== 'string' || !p))
    throw new ApiError('bad-input', `A lookup step needs the ${what} of its asset.`, {
      reason: 'bad-asset-path',
    })
  return path
}

/** The one error a lookup step ends with when its signal aborted. */
export function cancelledError(label: string): ApiError {
  return new ApiError('cancelled', `${label} lookup cancelled.`, { reason: 'cancelled' })
}

/** `promise`, or a cancelled error as soon as `signal` aborts (connecting cannot be interrupted). */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  label: string,
): Promise<T> {
  if (!signal) return promise
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(label))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

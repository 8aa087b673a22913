import { maskValue } from '../crawl/mask-value'

/** Small value helpers shared by the lookup service and its reports. */

/** What the audit log HMACs for a lookup's identifier: `email:jane@example.com`. */
export function subjectOf(identifier: { kind: string; canonical: string }): string {
  return `${identifier.kind}:${identifier.canonical}`
}

/** Masked for display: no raw value ever reaches a job event or a result. */
export function maskForDisplay(value: unknown): string | null {
  return value === null || value === undefined ? null : maskValue(value)
}

/**
 * One lookup's masking, each distinct value masked once: its streamed records, its merged fields
 * and its final records show the same values (a customer's email in every store), and masking
 * was ~5 ms of a lookup's CPU. Kept for the lookup only, so it holds masked text, never raw.
 */
export function maskingOnce(): (value: unknown) => string | null {
  const masked = new Map<string | number | boolean | bigint, string | null>()
  return (value) => {
    if (value === null || value === undefined) return null
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean' &&
      typeof value !== 'bigint'
    )
      return maskValue(value)
    let m = masked.get(value)
    if (m === undefined) {
      m = maskValue(value)
      masked.set(value, m)
    }
    return m
  }
}

/**
 * A field's URN from its asset's and its path: one memoised implementation for the whole lookup
 * (the merge's), re-exported for the service and its reports.
 */
export { fieldUrnOf } from './merge/record-keys'

/** A raw value as plain JSON: dates as ISO, bytes as hex, objects as JSON text. */
export function plainValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  return JSON.stringify(value)
}

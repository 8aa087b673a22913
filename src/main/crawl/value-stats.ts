import type { ValueStats } from '../../shared/model/catalog'
import { maskValue, valueText } from './mask-value'

export const MAX_EXAMPLES = 5

/**
 * Raw sampled values of one field -> what the store keeps instead of them: counts, lengths and at
 * most five masked examples of distinct values. `undefined` entries (missing) are not counted.
 */
export function valueStats(values: readonly unknown[]): ValueStats {
  let sampled = 0
  let nulls = 0
  let minLength: number | undefined
  let maxLength: number | undefined
  const distinct = new Map<string, unknown>()
  for (const value of values) {
    if (value === undefined) continue
    sampled++
    if (value === null) {
      nulls++
      continue
    }
    const text = valueText(value)
    const length = [...text].length
    minLength = minLength === undefined ? length : Math.min(minLength, length)
    maxLength = maxLength === undefined ? length : Math.max(maxLength, length)
    const key = `${typeof value}:${text}`
    if (!distinct.has(key)) distinct.set(key, value)
  }
  const raw = new Set([...distinct.values()].map(valueText).filter((t) => t.length > 3))
  const examples: string[] = []
  for (const value of distinct.values()) {
    if (examples.length >= MAX_EXAMPLES) break
    const masked = maskValue(value)
    // Another sampled value may hide inside this one's mask (a short value kept whole as a word).
    if ([...raw].some((r) => masked.includes(r))) continue
    if (!examples.includes(masked)) examples.push(masked)
  }
  const stats: ValueStats = { sampled, nulls, distinct: distinct.size, examples }
  if (minLength !== undefined) stats.minLength = minLength
  if (maxLength !== undefined) stats.maxLength = maxLength
  return stats
}

import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  bottomK,
  estimateOverlap,
  keyedHash,
  SKETCH_K,
} from '../../../../src/main/lineage/infer/sketch-math'

// A fixed key: the estimates below are checked against their statistical error, and a fixed key
// makes each check one deterministic draw instead of a new one every run.
const key = Buffer.alloc(32, 7)
const sketchOf = (values: readonly string[]) => {
  const distinct = new Set(values)
  return { hashes: bottomK([...distinct].map((v) => keyedHash(key, v))), distinct: distinct.size }
}
const range = (from: number, to: number, prefix = 'v') =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`)

describe('keyed hashes and bottom-k sketches', () => {
  it('hashes are 52-bit integers that depend on the key', () => {
    const h = keyedHash(key, 'alice@example.com')
    expect(Number.isSafeInteger(h)).toBe(true)
    expect(h).toBeLessThan(2 ** 52)
    expect(keyedHash(key, 'alice@example.com')).toBe(h)
    expect(keyedHash(randomBytes(32), 'alice@example.com')).not.toBe(h)
  })

  it('keeps the k smallest distinct hashes, ascending', () => {
    const s = bottomK([5, 3, 9, 3, 1], 3)
    expect(s).toEqual([1, 3, 5])
    expect(sketchOf(range(0, 5000)).hashes).toHaveLength(SKETCH_K)
  })
})

describe('overlap estimates against exact answers', { timeout: 30_000 }, () => {
  it('is exact while both sets fit in the sketch', () => {
    const a = sketchOf(range(0, 300))
    const b = sketchOf(range(200, 400))
    const e = estimateOverlap(a, b)
    expect(e.intersection).toBe(100)
    expect(e.jaccard).toBeCloseTo(100 / 400, 10)
    expect(e.containmentA).toBeCloseTo(100 / 300, 10)
    expect(e.containmentB).toBeCloseTo(100 / 200, 10)
  })

  it.each([
    // |A|, |B|, |A ∩ B|
    [10_000, 10_000, 10_000],
    [10_000, 10_000, 5_000],
    [20_000, 5_000, 5_000],
    [8_000, 12_000, 2_000],
  ])('estimates |A|=%i |B|=%i |A∩B|=%i within a few points', (na, nb, ni) => {
    const a = sketchOf(range(0, na))
    const b = sketchOf(range(na - ni, na - ni + nb))
    const e = estimateOverlap(a, b)
    const union = na + nb - ni
    const exactJ = ni / union
    // Bottom-k with k = 512: the standard error of J is about sqrt(J (1 - J) / k) (< 0.023), and
    // containment of B is J scaled by |A ∪ B| / |B|, so its error scales the same way. Four
    // standard errors (plus rounding) keep the check honest without making it a coin toss.
    const sigma = Math.sqrt((exactJ * (1 - exactJ)) / SKETCH_K)
    expect(Math.abs(e.jaccard - exactJ)).toBeLessThan(4 * sigma + 0.005)
    expect(Math.abs(e.containmentB - ni / nb)).toBeLessThan(4 * sigma * (union / nb) + 0.005)
  })

  it('finds nothing between unrelated sets', () => {
    const e = estimateOverlap(sketchOf(range(0, 3000, 'a')), sketchOf(range(0, 3000, 'b')))
    expect(e.intersection).toBe(0)
    expect(e.shared).toBe(0)
  })
})

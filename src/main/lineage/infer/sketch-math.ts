import { createHmac } from 'node:crypto'

/** Hashes kept per sketch: sets up to this size are held exactly; larger ones are estimated. */
export const SKETCH_K = 512

/** A keyed 52-bit hash of a normalised value: exact as a JS number, uniform for bottom-k. */
export function keyedHash(key: Buffer, text: string): number {
  const digest = createHmac('sha256', key).update(text, 'utf8').digest()
  // 6 bytes and the high nibble of the 7th: 52 bits, below Number.MAX_SAFE_INTEGER.
  return digest.readUIntBE(0, 6) * 16 + (digest[6]! >> 4)
}

/** The k smallest distinct hashes, ascending. */
export function bottomK(hashes: Iterable<number>, k = SKETCH_K): number[] {
  const sorted = [...new Set(hashes)].sort((a, b) => a - b)
  return sorted.length > k ? sorted.slice(0, k) : sorted
}

/** What a sketch needs for estimates. */
export interface SketchSet {
  hashes: readonly number[]
  distinct: number
}

export interface OverlapEstimate {
  /** Estimated |A ∩ B| over the sampled distinct values. */
  intersection: number
  jaccard: number
  /** |A ∩ B| / |A| and |A ∩ B| / |B|. */
  containmentA: number
  containmentB: number
  /** Hashes the two sketches share (exact): a floor on evidence. */
  shared: number
}

/**
 * Overlap of two value sets from their bottom-k sketches. A sketch cut to k holds every value of
 * its set whose hash is at most its largest hash τ (all of them when the set fits). Below
 * τ = min(τA, τB) both sets are therefore known exactly, and hashes are uniform, so the values
 * there are a random sample of each set, of the intersection and of the union alike: the ratios
 * measured there (shared / A's, shared / B's, shared / union) estimate the containments and the
 * Jaccard index (threshold sampling; exact when both sets fit). This uses every sketched value
 * below τ, which for a small set inside a large one is far more than the k smallest of the union.
 */
export function estimateOverlap(a: SketchSet, b: SketchSet): OverlapEstimate {
  const tau = Math.min(threshold(a), threshold(b))
  let i = 0
  let j = 0
  let shared = 0
  let sharedBelow = 0
  let aBelow = 0
  let bBelow = 0
  // Both sketches are sorted ascending: one merge counts everything.
  while (i < a.hashes.length || j < b.hashes.length) {
    const x = i < a.hashes.length ? a.hashes[i]! : Infinity
    const y = j < b.hashes.length ? b.hashes[j]! : Infinity
    if (x === y) {
      shared++
      if (x <= tau) {
        sharedBelow++
        aBelow++
        bBelow++
      }
      i++
      j++
    } else if (x < y) {
      if (x <= tau) aBelow++
      i++
    } else {
      if (y <= tau) bBelow++
      j++
    }
  }
  const containmentA = aBelow > 0 ? sharedBelow / aBelow : 0
  const containmentB = bBelow > 0 ? sharedBelow / bBelow : 0
  const unionBelow = aBelow + bBelow - sharedBelow
  const jaccard = unionBelow > 0 ? sharedBelow / unionBelow : 0
  // One intersection for both directions: estimated on the side sampled more densely.
  const intersection = aBelow >= bBelow ? containmentA * a.distinct : containmentB * b.distinct
  return {
    intersection,
    jaccard,
    containmentA: a.distinct > 0 ? intersection / a.distinct : 0,
    containmentB: b.distinct > 0 ? intersection / b.distinct : 0,
    shared,
  }
}

/** The largest hash a sketch is complete up to: its last one if it was cut, else no limit. */
function threshold(s: SketchSet): number {
  return s.hashes.length < s.distinct ? s.hashes[s.hashes.length - 1]! : Infinity
}

import { describe, expect, it } from 'vitest'
import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { RECOGNIZERS_A } from './index-a'
import { ctxOf } from './test-context'

/**
 * Robustness of every group A recognizer: never throws on hostile input, and time grows roughly
 * linearly with input length (n vs 10n within a generous factor; no absolute bounds).
 */

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const ALPHABET = 'aZ09 .-_@:/+()%,\'"\\\t\n\u00e9\u4e2d\ud83d\ude00\ud800\udfff'

function randomString(next: () => number, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(next() * ALPHABET.length)]
  return out
}

/** Inputs that break naive regexes: long runs with a failing tail, nested-quantifier bait. */
function hostile(n: number): string[] {
  return [
    'a'.repeat(n) + '!',
    '1'.repeat(n) + 'x',
    `${'a.'.repeat(n / 2)}@`,
    `${'a@'.repeat(n / 2)}`,
    `${'1.'.repeat(n / 2)}`,
    `${'::'.repeat(n / 2)}1`,
    `${'ab-'.repeat(n / 3)}!`,
    `${'Flat 1, '.repeat(n / 8)}`,
    `${'Jane '.repeat(n / 5)}Ltd`,
    `${'0'.repeat(n)}`,
    `+${'4'.repeat(n)}`,
    `${' '.repeat(n)}x`,
    '\ud800'.repeat(n),
    `${'f'.repeat(n)}`,
  ]
}

const CONTEXTS: RecognizerContext[] = [
  ctxOf(),
  ctxOf('customer id', 'customers'),
  ctxOf('date of birth', '', 'date'),
  ctxOf('device id'),
  ctxOf('email sha 256'),
  ctxOf('loyalty number'),
  ctxOf('address line 1'),
  ctxOf('first name'),
  ctxOf('app version'),
]

function runAll(r: ValueRecognizer, values: readonly string[]): void {
  for (const ctx of CONTEXTS) {
    for (const v of values) {
      const verdict = r.test(v, ctx)
      expect(typeof verdict.match).toBe('boolean')
    }
    r.judgeField?.(values, values, ctx)
  }
}

function elapsed(fn: () => void): number {
  const start = performance.now()
  fn()
  return performance.now() - start
}

describe('group A recognizers: robustness', () => {
  it.each(RECOGNIZERS_A.map((r) => [r.id, r] as const))('%s never throws', (_id, r) => {
    const next = rng(42)
    const randoms = Array.from({ length: 400 }, () => randomString(next, Math.floor(next() * 60)))
    expect(() => runAll(r, randoms)).not.toThrow()
    expect(() => runAll(r, hostile(100_000))).not.toThrow()
    expect(() => runAll(r, ['', ' ', '\u0000', '\ud800', '\udfff\ud800', 'null'])).not.toThrow()
  })

  it.each(RECOGNIZERS_A.map((r) => [r.id, r] as const))(
    '%s takes roughly linear time in input length',
    (_id, r) => {
      const small = hostile(2_000)
      const large = hostile(20_000)
      runAll(r, small) // warm up
      // Best of three to shrug off GC pauses on a shared machine.
      const best = (values: string[]): number =>
        Math.min(...[0, 1, 2].map(() => elapsed(() => runAll(r, values))))
      const tSmall = Math.max(best(small), 0.5)
      const tLarge = best(large)
      // Linear would be 10x; quadratic would be 100x. Allow generous noise, plus a fixed
      // allowance for a scheduler hiccup on a shared 2-core machine (a quadratic recognizer on
      // 20k-character strings takes seconds, far past it).
      expect(tLarge).toBeLessThan(tSmall * 40 + 25)
    },
  )
})

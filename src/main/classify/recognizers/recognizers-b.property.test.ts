import { describe, expect, it } from 'vitest'
import type { RecognizerContext } from '../recognizer'
import { RECOGNIZERS_B, scanFreeText } from './index-b'

/**
 * Property test over the group-B recognizers and the free-text scanner: no input makes them
 * throw, and their cost grows at most linearly with the input (n versus 10n, generous factor),
 * so a hostile sampled value can never stall a crawl.
 */

/** Small deterministic PRNG (mulberry32): failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABETS = [
  '0123456789',
  '0123456789 -',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ',
  'abcdefghijklmnopqrstuvwxyz@._-+ ',
  'Mr Mrs J. Smith Anna NHS no IBAN GB82 WEST 07123 456789 *X/',
  '\uD800\uDC00\uDFFF\u0000\u200B\u00E9\u4E2D\uFFFD ',
]

function randomString(next: () => number, length: number): string {
  const alphabet = ALPHABETS[Math.floor(next() * ALPHABETS.length)] ?? ALPHABETS[0]!
  let s = ''
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)]
  return s
}

const CONTEXTS: RecognizerContext[] = [
  { nameTokens: [], assetTokens: [] },
  { nameTokens: ['card', 'last4'], assetTokens: ['payments'] },
  { nameTokens: ['card', 'token'], assetTokens: ['payments'] },
  { nameTokens: ['passport', 'number'], assetTokens: [] },
  { nameTokens: ['sort', 'code'], assetTokens: [] },
  { nameTokens: ['account', 'number'], assetTokens: ['bank'] },
  { nameTokens: ['expiry'], assetTokens: ['cards'] },
  { nameTokens: ['notes'], assetTokens: ['deliveries'] },
]

/** Strings of length n built to stress regexes and scanners (backtracking candidates). */
const ADVERSARIAL: Record<string, (n: number) => string> = {
  digits: (n) => '1'.repeat(n),
  'digit groups': (n) => '1234 '.repeat(n / 5),
  'dashed digits': (n) => '12-'.repeat(n / 3),
  letters: (n) => 'a'.repeat(n),
  'capital words': (n) => 'Anna '.repeat(n / 5),
  'title runs': (n) => 'Mr '.repeat(n / 3),
  'at signs': (n) => 'a@'.repeat(n / 2),
  'email-ish': (n) => 'a.b-c_'.repeat(n / 6) + '@x',
  'iban starts': (n) => 'GB82 '.repeat(n / 5),
  'ni-ish': (n) => 'AB 12 34 56 '.repeat(n / 12),
  'postcode-ish': (n) => 'SW1A 1A'.repeat(n / 7),
  'phone-ish': (n) => '07123 456789 '.repeat(n / 13),
  masks: (n) => '*'.repeat(n - 4) + '1234',
  'lone surrogates': (n) => '\uD800'.repeat(n),
  'camel case': (n) => 'VulnerableCustomer'.repeat(n / 18),
  spaces: (n) => ' '.repeat(n),
}

function runAll(value: string): void {
  for (const r of RECOGNIZERS_B) {
    for (const ctx of CONTEXTS) r.test(value, ctx)
  }
  scanFreeText([value])
}

function timeOf(value: string): number {
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    runAll(value)
    best = Math.min(best, performance.now() - start)
  }
  return best
}

describe('group B recognizers: robustness', () => {
  it('never throw on random strings of every length', { timeout: 60_000 }, () => {
    const next = rng(5)
    for (let i = 0; i < 400; i++) {
      const value = randomString(next, Math.floor(next() * 80))
      expect(() => runAll(value)).not.toThrow()
    }
  })

  it(
    'never throw on 100k-character strings, lone surrogates or non-strings',
    { timeout: 60_000 },
    () => {
      const next = rng(7)
      for (const make of Object.values(ADVERSARIAL))
        expect(() => runAll(make(100_000))).not.toThrow()
      expect(() => runAll(randomString(next, 100_000))).not.toThrow()
      for (const bad of [null, undefined, 42, {}, []]) {
        expect(() => runAll(bad as unknown as string)).not.toThrow()
      }
    },
  )

  it('judge fields without throwing on hostile samples', () => {
    const values = Object.values(ADVERSARIAL).map((make) => make(10_000))
    for (const r of RECOGNIZERS_B) {
      for (const ctx of CONTEXTS) expect(() => r.judgeField?.(values, values, ctx)).not.toThrow()
    }
    expect(scanFreeText(values).of).toBe(values.filter((v) => v.trim().length > 0).length)
  })

  it('take at most linear time: 10n costs within a generous factor of 10 × n', () => {
    for (const [name, make] of Object.entries(ADVERSARIAL)) {
      const small = timeOf(make(10_000))
      const large = timeOf(make(100_000))
      // 10x the input may cost 10x the time; allow 5x more for noise on a shared machine, plus a
      // fixed allowance since capped inputs take microseconds either way.
      expect(large, `${name}: ${small.toFixed(2)}ms -> ${large.toFixed(2)}ms`).toBeLessThan(
        small * 50 + 25,
      )
    }
  }, 120_000)
})

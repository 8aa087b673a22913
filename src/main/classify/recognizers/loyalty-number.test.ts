import { describe, expect, it } from 'vitest'
import { loyaltyNumberRecognizer } from './loyalty-number'
import { ctxOf } from './test-context'

const ok = (v: string, name: string, asset = ''): boolean =>
  loyaltyNumberRecognizer.test(v, ctxOf(name, asset)).match

describe('loyalty number recognizer', () => {
  it.each([
    ['AMP000123456', 'loyalty number', ''],
    ['6340 1234 5678 9012', 'nectar card', ''],
    ['98263000123456789', 'membership number', ''],
    ['RW-12345678', 'rewards id', ''],
    ['AMP000123456', 'number', 'loyalty account'],
  ])('accepts %s named %s', (v, name, asset) => expect(ok(v, name, asset)).toBe(true))

  it.each([
    ['AMP000123456', 'card number', ''], // no loyalty context
    ['12', 'loyalty account id', ''],
    ['1234567', 'loyalty account id', ''], // surrogate key
    ['C00000123', 'customer id', 'loyalty account'],
    ['gold', 'loyalty tier', ''],
    ['1500', 'loyalty points', ''],
  ])('rejects %s named %s', (v, name, asset) => expect(ok(v, name, asset)).toBe(false))
})

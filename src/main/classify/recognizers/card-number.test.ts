import { describe, expect, it } from 'vitest'
import { cardIssuer, cardNumberRecognizer, isMaskedPan } from './card-number'

const ctx = { nameTokens: ['card', 'number'], assetTokens: ['payments'] }
const test = (v: string) => cardNumberRecognizer.test(v, ctx)

describe('card number recognizer', () => {
  it('accepts Luhn-valid numbers on known issuer prefixes, with spaces or dashes', () => {
    for (const pan of [
      '4111111111111111',
      '4111 1111 1111 1111',
      '4111-1111-1111-1111',
      '5555555555554444',
      '2223003122003222',
      '378282246310005',
      '3782 822463 10005',
      '6011111111111117',
      '3530111333300000',
      '6200000000000005',
    ]) {
      expect(test(pan), pan).toEqual({ match: true })
    }
    expect(cardIssuer('378282246310005')).toBe('American Express')
    expect(cardIssuer('2223003122003222')).toBe('Mastercard')
  })

  it('rejects a 16-digit number failing Luhn, with the reason', () => {
    expect(test('4111111111111112')).toEqual({ match: false, nearMiss: '16 digits but fails Luhn' })
  })

  it('rejects Luhn-valid order numbers without an issuer prefix', () => {
    const verdict = test('1000000000000008')
    expect(verdict.match).toBe(false)
    expect(!verdict.match && verdict.nearMiss).toMatch(/no card issuer prefix/)
    expect(test('8123456789012340').match).toBe(false)
  })

  it('rejects a Visa prefix at a length Visa does not issue and Amex at 16 digits', () => {
    expect(cardIssuer('41111111111111')).toBeUndefined()
    expect(cardIssuer('3782822463100050')).toBeUndefined()
  })

  it('sends masked PANs to the last four, and ignores short numbers and words', () => {
    expect(isMaskedPan('************1234')).toBe(true)
    expect(isMaskedPan('4111 **** **** 1111')).toBe(true)
    const masked = test('4111 **** **** 1111')
    expect(masked.match).toBe(false)
    expect(!masked.match && masked.nearMiss).toMatch(/last four/)
    expect(test('123456')).toEqual({ match: false })
    expect(test('tok_abcdefghijklmnop1234')).toEqual({ match: false })
    expect(test('1.2.3.4')).toEqual({ match: false })
  })
})

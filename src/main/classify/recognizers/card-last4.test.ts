import { describe, expect, it } from 'vitest'
import { cardLast4Recognizer } from './card-last4'

const named = (...name: string[]) => ({ nameTokens: name, assetTokens: ['payments'] })

describe('card last four recognizer', () => {
  it('accepts four digits in a field named as the last four', () => {
    for (const name of [['card', 'last4'], ['last', 'four'], ['pan', 'last'], ['last4']]) {
      expect(cardLast4Recognizer.test('0123', named(...name)), name.join('_')).toEqual({
        match: true,
      })
    }
  })

  it('accepts masked PANs whatever the name', () => {
    expect(cardLast4Recognizer.test('************1234', named('card')).match).toBe(true)
    expect(cardLast4Recognizer.test('4111 **** **** 1111', named('masked')).match).toBe(true)
    expect(cardLast4Recognizer.test('XXXX-XXXX-XXXX-4242', named('pan')).match).toBe(true)
  })

  it('never labels bare four digits without the name (years, PINs, counts)', () => {
    expect(cardLast4Recognizer.test('2024', named('year')).match).toBe(false)
    expect(cardLast4Recognizer.test('1234', named('card')).match).toBe(false)
    expect(cardLast4Recognizer.test('12a4', named('last4')).match).toBe(false)
    expect(cardLast4Recognizer.test('12345', named('last4')).match).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { cardTokenRecognizer } from './card-token'

const named = (name: string[], asset: string[] = []) => ({ nameTokens: name, assetTokens: asset })

describe('card token recognizer', () => {
  it('accepts tok_ tokens whatever the field is called', () => {
    expect(cardTokenRecognizer.test('tok_k3j9x0q2m8v7b1n4c6z5l0p9', named(['ref']))).toEqual({
      match: true,
    })
  })

  it('accepts random tokens in a field named as a card or payment token', () => {
    const token = 'f8Kq2LzP0xR7mN4vB9cT1wYs'
    expect(cardTokenRecognizer.test(token, named(['card', 'token'])).match).toBe(true)
    expect(cardTokenRecognizer.test(token, named(['token'], ['payments'])).match).toBe(true)
    expect(cardTokenRecognizer.test(token, named(['paymenttoken'])).match).toBe(true)
  })

  it('needs card context: a session token is not a card token', () => {
    const verdict = cardTokenRecognizer.test(
      'f8Kq2LzP0xR7mN4vB9cT1wYs',
      named(['session', 'token'], ['sessions']),
    )
    expect(verdict.match).toBe(false)
    expect(cardTokenRecognizer.test('f8Kq2LzP0xR7mN4vB9cT1wYs', named(['ref'])).match).toBe(false)
  })

  it('rejects PANs, words and low-entropy strings even with context', () => {
    const ctx = named(['card', 'token'])
    expect(cardTokenRecognizer.test('4111111111111111', ctx).match).toBe(false)
    expect(cardTokenRecognizer.test('aaaaaaaaaaaaaaaa1111', ctx).match).toBe(false)
    expect(cardTokenRecognizer.test('visa_card_on_file', ctx).match).toBe(false)
    expect(cardTokenRecognizer.test('short1', ctx).match).toBe(false)
  })
})

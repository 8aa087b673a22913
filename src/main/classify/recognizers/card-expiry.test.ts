import { describe, expect, it } from 'vitest'
import { cardExpiryRecognizer, isExpiryShape } from './card-expiry'

const named = (name: string[], asset: string[] = []) => ({ nameTokens: name, assetTokens: asset })

describe('card expiry recognizer', () => {
  it('accepts MM/YY, MM/YYYY, MM-YY, MMYY and YYYY-MM with a valid month', () => {
    for (const v of ['08/27', '12/2030', '01-29', '0827', '2027-08', '08 / 27']) {
      expect(isExpiryShape(v), v).toBe(true)
    }
    for (const v of ['13/27', '00/25', '1327', '08/1850', '8/27', '2027-13']) {
      expect(isExpiryShape(v), v).toBe(false)
    }
  })

  it('needs the field to be named as an expiry', () => {
    expect(cardExpiryRecognizer.test('08/27', named(['card', 'expiry']))).toEqual({ match: true })
    expect(cardExpiryRecognizer.test('08/27', named(['exp']))).toEqual({ match: true })
    expect(cardExpiryRecognizer.test('0827', named(['valid', 'to']))).toEqual({ match: true })
    expect(cardExpiryRecognizer.test('08/27', named(['expiry']))).toEqual({ match: true })
  })

  it('is a near miss in a card context without the name, nothing elsewhere', () => {
    const v = cardExpiryRecognizer.test('08/27', named(['period'], ['cards']))
    expect(v.match).toBe(false)
    expect(!v.match && v.nearMiss).toMatch(/not named as an expiry/)
    expect(cardExpiryRecognizer.test('08/27', named(['export']))).toEqual({ match: false })
  })
})

import { describe, expect, it } from 'vitest'
import { passportRecognizer } from './passport'

const named = (...name: string[]) => ({ nameTokens: name, assetTokens: [] })

describe('passport recognizer', () => {
  it('accepts UK and international formats in a field named passport', () => {
    for (const v of ['123456789', 'A12345678', 'C01X00T47', '12AB34567', 'L1234567', 'AB1234567']) {
      expect(passportRecognizer.test(v, named('passport', 'number')), v).toEqual({ match: true })
    }
    expect(passportRecognizer.test('123456789', named('passportno')).match).toBe(true)
  })

  it('nine digits without the name are anything', () => {
    expect(passportRecognizer.test('123456789', named('order', 'id'))).toEqual({ match: false })
  })

  it('rejects words and wrong lengths even when named', () => {
    expect(passportRecognizer.test('UNKNOWN', named('passport')).match).toBe(false)
    expect(passportRecognizer.test('12345', named('passport')).match).toBe(false)
    expect(passportRecognizer.test('ABCDEFGHI', named('passport')).match).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { ibanRecognizer } from './iban'

const ctx = { nameTokens: ['refund', 'account'], assetTokens: [] }

describe('IBAN recognizer', () => {
  it('accepts valid IBANs, compact or grouped, any case', () => {
    for (const v of [
      'GB82WEST12345698765432',
      'GB82 WEST 1234 5698 7654 32',
      'gb82west12345698765432',
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
      'NL91ABNA0417164300',
    ]) {
      expect(ibanRecognizer.test(v, ctx), v).toEqual({ match: true })
    }
  })

  it('rejects a wrong check digit (mod 97) and a wrong length for the country', () => {
    const bad = ibanRecognizer.test('GB83WEST12345698765432', ctx)
    expect(bad.match).toBe(false)
    expect(!bad.match && bad.nearMiss).toMatch(/mod 97/)
    const short = ibanRecognizer.test('GB82WEST1234569876543', ctx)
    expect(!short.match && short.nearMiss).toMatch(/GB uses 22/)
  })

  it('ignores unknown countries and non-IBAN strings', () => {
    expect(ibanRecognizer.test('QQ82WEST12345698765432', ctx)).toEqual({ match: false })
    expect(ibanRecognizer.test('hello world', ctx)).toEqual({ match: false })
    expect(ibanRecognizer.test('12345678', ctx)).toEqual({ match: false })
  })
})

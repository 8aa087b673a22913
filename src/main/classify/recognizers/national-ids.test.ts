import { describe, expect, it } from 'vitest'
import {
  isCodiceFiscale,
  isDutchBsn,
  isFrenchNir,
  isGermanTaxId,
  isIrishPpsn,
  isSpanishDni,
  isUsSsn,
  nationalIdsRecognizer,
} from './national-ids'

describe('national id recognizers beyond the UK', () => {
  it('checks US SSN area, group and serial rules', () => {
    expect(isUsSsn('123-45-6789')).toBe(true)
    expect(isUsSsn('123456789')).toBe(true)
    for (const v of ['000-45-6789', '666-45-6789', '912-45-6789', '123-00-6789', '123-45-0000'])
      expect(isUsSsn(v), v).toBe(false)
  })

  it('checks the Irish PPSN mod 23 letter', () => {
    expect(isIrishPpsn('1234567T')).toBe(true)
    expect(isIrishPpsn('1234567TW')).toBe(true)
    expect(isIrishPpsn('1234567A')).toBe(false)
  })

  it('checks the Spanish DNI / NIE letter', () => {
    expect(isSpanishDni('12345678Z')).toBe(true)
    expect(isSpanishDni('X1234567L')).toBe(true)
    expect(isSpanishDni('12345678A')).toBe(false)
    expect(isSpanishDni('X1234567A')).toBe(false)
  })

  it('checks the French NIR key', () => {
    expect(isFrenchNir('255081416802538')).toBe(true)
    expect(isFrenchNir('255081416802539')).toBe(false)
  })

  it('checks the German Steuer-IdNr (ISO 7064 mod 11,10)', () => {
    expect(isGermanTaxId('86095742719')).toBe(true)
    expect(isGermanTaxId('86095742718')).toBe(false)
    expect(isGermanTaxId('06095742719')).toBe(false)
  })

  it('checks the Dutch BSN 11-proof', () => {
    expect(isDutchBsn('111222333')).toBe(true)
    expect(isDutchBsn('123456782')).toBe(true)
    expect(isDutchBsn('123456789')).toBe(false)
  })

  it('checks the Italian codice fiscale structure', () => {
    expect(isCodiceFiscale('RSSMRA85T10A562S')).toBe(true)
    expect(isCodiceFiscale('RSSMRA85Z10A562S')).toBe(false)
  })

  it('only counts values when the name says national id', () => {
    const named = { nameTokens: ['ssn', 'social', 'security', 'number'], assetTokens: [] }
    const other = { nameTokens: ['order', 'number'], assetTokens: [] }
    expect(nationalIdsRecognizer.test('123-45-6789', named)).toEqual({ match: true })
    expect(nationalIdsRecognizer.test('123-45-6789', other)).toEqual({ match: false })
  })
})

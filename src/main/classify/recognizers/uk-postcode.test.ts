import { describe, expect, it } from 'vitest'
import { ctxOf } from './test-context'
import { ukPostcodeRecognizer } from './uk-postcode'

const ok = (v: string, name = 'postcode'): boolean =>
  ukPostcodeRecognizer.test(v, ctxOf(name)).match

describe('UK postcode recognizer', () => {
  it.each([
    'M1 1AE', // A9 9AA
    'B33 8TH', // A99 9AA
    'CR2 6XH', // AA9 9AA
    'DN55 1PT', // AA99 9AA
    'W1A 1HQ', // A9A 9AA
    'EC1A 1BB', // AA9A 9AA
    'GIR 0AA',
    'sw1a1aa',
    'ls6 3ab',
    'M11AE',
  ])('accepts %s', (v) => expect(ok(v)).toBe(true))

  it.each([
    'QA1 1AA', // Q never first
    'AI1 1AA', // I never second
    'M1 1CA', // C never inward
    'M1 1AV', // V never inward
    'ABC 123',
    'SW1A 1AAA',
    'hello',
  ])('rejects %s', (v) => expect(ok(v)).toBe(false))

  it('reads US ZIPs only when the field is named zip', () => {
    expect(ok('90210-1234', 'billing postcode')).toBe(false)
    expect(ok('90210-1234', 'zip code')).toBe(true)
  })

  it("reads other countries' postcodes only when the field is named as a postcode", () => {
    for (const v of ['10115', '75008', '28013', '1012 AB', 'K1A 0B1', 'A65 F4E2', 'D6W 1234'])
      expect(ok(v, 'postcode'), v).toBe(true)
    expect(ok('12345', 'order number')).toBe(false)
    expect(ok('1012 AB', 'reference')).toBe(false)
  })

  it('calls a postcode-shaped invalid code a near miss', () => {
    expect(ukPostcodeRecognizer.test('QA1 1AA', ctxOf('postcode'))).toMatchObject({
      match: false,
      nearMiss: 'postcode-shaped but not a valid UK format',
    })
  })
})

import { describe, expect, it } from 'vitest'
import { isNhsNumber, nhsCheckDigit, nhsNumberRecognizer } from './nhs-number'

const ctx = { nameTokens: ['nhs', 'number'], assetTokens: [] }

describe('NHS number recognizer', () => {
  it('accepts numbers with a valid mod 11 check digit, compact or 3-3-4', () => {
    for (const v of ['9434765919', '943 476 5919', '943-476-5919', '4010232137']) {
      expect(nhsNumberRecognizer.test(v, ctx), v).toEqual({ match: true })
    }
  })

  it('rejects a failed check digit with a reason', () => {
    expect(nhsNumberRecognizer.test('9434765918', ctx)).toEqual({
      match: false,
      nearMiss: '10 digits, fails the NHS mod 11 check',
    })
  })

  it('never accepts a body whose check would be 10, repeated digits or other lengths', () => {
    // 123456789 -> sum 210, 210 % 11 = 1, check 10: never issued.
    expect(nhsCheckDigit('123456789')).toBeNull()
    for (let d = 0; d <= 9; d++) expect(isNhsNumber(String(d).repeat(10))).toBe(false)
    expect(nhsNumberRecognizer.test('943476591', ctx)).toEqual({ match: false })
    expect(nhsNumberRecognizer.test('94347659190', ctx)).toEqual({ match: false })
    expect(nhsNumberRecognizer.test('943 4765 919', ctx)).toEqual({ match: false })
  })
})

import { describe, expect, it } from 'vitest'
import { drivingLicenceRecognizer, dvlaProblem } from './driving-licence'

const ctx = { nameTokens: ['licence', 'no'], assetTokens: [] }

describe('UK driving licence recognizer', () => {
  it('accepts DVLA numbers: women (month + 50), padded surnames and initials, issue number', () => {
    for (const v of [
      'MORGA753116SM9IJ',
      'LEE99701010JA9AB',
      'SMITH612250J99AB',
      'MORGA753116SM9IJ 35',
      'morga753116sm9ij',
    ]) {
      expect(drivingLicenceRecognizer.test(v, ctx), v).toEqual({ match: true })
    }
  })

  it('rejects invalid months and days with a reason', () => {
    expect(dvlaProblem('MORGA713116SM9IJ')).toMatch(/month 13/)
    expect(dvlaProblem('MORGA763116SM9IJ')).toMatch(/month 63/)
    expect(dvlaProblem('MORGA753326SM9IJ')).toMatch(/day 32/)
    expect(dvlaProblem('MORGA753006SM9IJ')).toMatch(/day 00/)
    expect(drivingLicenceRecognizer.test('MORGA713116SM9IJ', ctx).match).toBe(false)
  })

  it('rejects letters after the 9 padding and other shapes', () => {
    expect(dvlaProblem('LE9E9701010JA9AB')).toBeNull()
    expect(dvlaProblem('12345678901234567')).toBeNull()
    expect(drivingLicenceRecognizer.test('ABCDEFGHIJKLMNOP', ctx)).toEqual({ match: false })
  })
})

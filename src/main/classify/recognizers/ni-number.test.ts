import { describe, expect, it } from 'vitest'
import { isNiNumber, niNumberRecognizer } from './ni-number'

const ctx = { nameTokens: ['ni', 'number'], assetTokens: [] }

describe('National Insurance number recognizer', () => {
  it('accepts valid NI numbers, with or without spaces, any case', () => {
    for (const v of ['AB123456C', 'AB 12 34 56 C', 'ab123456d', 'JG103759A', 'ZY987654B']) {
      expect(niNumberRecognizer.test(v, ctx), v).toEqual({ match: true })
    }
  })

  it('rejects never-issued prefixes with a reason', () => {
    for (const v of [
      'BG123456A',
      'GB123456A',
      'KN123456A',
      'NK123456A',
      'NT123456A',
      'TN123456A',
      'ZZ123456A',
    ]) {
      const verdict = niNumberRecognizer.test(v, ctx)
      expect(verdict.match, v).toBe(false)
      expect(!verdict.match && verdict.nearMiss, v).toMatch(/never issued/)
    }
  })

  it('rejects D F I Q U V in the prefix and O as the second letter', () => {
    for (const v of [
      'DA123456A',
      'AF123456A',
      'QQ123456C',
      'UA123456B',
      'AV123456B',
      'IA123456A',
    ]) {
      expect(isNiNumber(v), v).toBe(false)
    }
    expect(isNiNumber('AO123456A')).toBe(false)
    expect(isNiNumber('OA123456A')).toBe(true)
  })

  it('rejects bad suffixes and lengths', () => {
    expect(niNumberRecognizer.test('AB123456E', ctx)).toEqual({ match: false })
    expect(niNumberRecognizer.test('AB12345C', ctx)).toEqual({ match: false })
    expect(niNumberRecognizer.test('AB1234567C', ctx)).toEqual({ match: false })
  })
})

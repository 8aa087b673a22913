import { describe, expect, it } from 'vitest'
import { sortCodeRecognizer } from './sort-code'

const named = (...name: string[]) => ({ nameTokens: name, assetTokens: ['payments'] })

describe('UK sort code recognizer', () => {
  it('accepts NN-NN-NN, NN NN NN and NNNNNN in a field named sort code', () => {
    for (const v of ['20-00-00', '20 00 00', '200000']) {
      expect(sortCodeRecognizer.test(v, named('sort', 'code')), v).toEqual({ match: true })
    }
    expect(sortCodeRecognizer.test('40-47-84', named('sortcode')).match).toBe(true)
  })

  it('rejects mixed separators and other shapes', () => {
    expect(sortCodeRecognizer.test('20-00 00', named('sort', 'code')).match).toBe(false)
    expect(sortCodeRecognizer.test('20-000-0', named('sort', 'code')).match).toBe(false)
  })

  it('six digits without the name are nothing; NN-NN-NN is a near miss', () => {
    expect(sortCodeRecognizer.test('200000', named('amount'))).toEqual({ match: false })
    const v = sortCodeRecognizer.test('20-00-00', named('code'))
    expect(!v.match && v.nearMiss).toMatch(/not named/)
  })
})

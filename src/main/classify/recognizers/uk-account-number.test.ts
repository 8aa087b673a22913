import { describe, expect, it } from 'vitest'
import { ukAccountNumberRecognizer } from './uk-account-number'

const named = (name: string[], asset: string[] = []) => ({ nameTokens: name, assetTokens: asset })

describe('UK account number recognizer', () => {
  it('accepts 8 digits named as an account number or bank account', () => {
    expect(ukAccountNumberRecognizer.test('31926819', named(['account', 'number']))).toEqual({
      match: true,
    })
    expect(ukAccountNumberRecognizer.test('31926819', named(['acct', 'no']))).toEqual({
      match: true,
    })
    expect(ukAccountNumberRecognizer.test('31926819', named(['bank', 'account']))).toEqual({
      match: true,
    })
    expect(ukAccountNumberRecognizer.test('31926819', named(['account'], ['payments']))).toEqual({
      match: true,
    })
  })

  it('is a near miss without context, and not for customer account numbers', () => {
    expect(ukAccountNumberRecognizer.test('31926819', named(['ref']))).toEqual({
      match: false,
      nearMiss: '8 digits: could be anything',
    })
    expect(
      ukAccountNumberRecognizer.test('31926819', named(['customer', 'account', 'number'])).match,
    ).toBe(false)
  })

  it('rejects other lengths and a code repeated across the field', () => {
    expect(ukAccountNumberRecognizer.test('3192681', named(['account', 'number']))).toEqual({
      match: false,
    })
    expect(ukAccountNumberRecognizer.test('3192681a', named(['account', 'number']))).toEqual({
      match: false,
    })
    const same = Array.from({ length: 20 }, () => '00000000')
    expect(
      ukAccountNumberRecognizer.judgeField?.(same, same, named(['account', 'number'])),
    ).toMatch(/code/)
  })
})

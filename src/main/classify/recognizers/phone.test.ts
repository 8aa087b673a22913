import { describe, expect, it } from 'vitest'
import { phoneRecognizer } from './phone'
import { ctxOf } from './test-context'

const ok = (v: string): boolean => phoneRecognizer.test(v, ctxOf('phone')).match

describe('phone recognizer', () => {
  it.each([
    '07123456789',
    '07984 123456',
    '+44 7123 456789',
    '+447123456789',
    '0044 7123 456789',
    '(0113) 496 0000',
    '020 7946 0000',
    '0161-234-5678',
    ' 0117 925 0000 ',
    '+44 (0)20 7946 0018',
    '+1 415 555 2671',
    '+33 1 42 68 53 00',
    '+49 151 23456789',
    'tel:+442079460000',
    '(415) 555-2671',
    '415-555-2671',
  ])('accepts %s', (v) => expect(ok(v)).toBe(true))

  it.each([
    '1234567890', // a 10-digit order number
    '4155552671', // bare 10 digits: no US reading without punctuation
    '123-456-7890', // punctuated but not a valid US number
    '12345678901',
    '1700000000', // epoch seconds
    '1700000000000', // epoch ms
    '2023-01-15',
    '15/01/2023',
    '07123',
    '0000',
    '00000000000',
    'ex-directory',
    'n/a',
    '07123 456789 or 07987 654321 call after 6',
  ])('rejects %s', (v) => expect(ok(v)).toBe(false))

  it('calls an invalid phone-shaped number a near miss', () => {
    // 01632 960xxx is Ofcom's drama range: shaped like a landline, never allocated.
    expect(phoneRecognizer.test('01632 960000', ctxOf())).toEqual({
      match: false,
      nearMiss: 'phone-shaped but not a valid number for its region',
    })
  })
})

describe('phone recognizer: national formats of other countries', () => {
  it('reads French, German, Spanish numbers and bare MSISDNs when the name says phone', () => {
    for (const v of ['06 12 34 56 78', '030 12345678', '912345678', '34612345678'])
      expect(phoneRecognizer.test(v, ctxOf('msisdn')).match, v).toBe(true)
  })

  it('leaves the same digits alone when the name does not say phone', () => {
    for (const v of ['06 12 34 56 78', '912345678', '34612345678'])
      expect(phoneRecognizer.test(v, ctxOf('reference')).match, v).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { MAX_LOOKUP_VALUES, lookupValues, pickTimestamp, rowLimit } from './lookup-values'

describe('lookupValues', () => {
  it('normalises values for the match and deduplicates them', () => {
    expect(lookupValues({ values: [42, '42', 42], match: 'equals' })).toEqual([42, '42'])
    expect(lookupValues({ values: [' A@B.co ', 'a@b.co'], match: 'case-insensitive' })).toEqual([
      'a@b.co',
    ])
    expect(lookupValues({ values: ['07990 108 887', 'no digits'], match: 'digits-only' })).toEqual([
      '07990108887',
    ])
    expect(lookupValues({ values: ['AB'.repeat(32), 'not hex'], match: 'sha256-of' })).toEqual([
      'ab'.repeat(32),
    ])
  })
  it('drops what cannot be an identifier: too long, or holding NUL', () => {
    expect(lookupValues({ values: ['x'.repeat(10 * 1024), 'a\u0000'], match: 'equals' })).toEqual(
      [],
    )
  })
  it('refuses anything but strings and finite numbers, and runaway lists', () => {
    for (const bad of [{ $ne: null }, null, [1], Number.NaN, true])
      expect(() => lookupValues({ values: [bad as unknown as string], match: 'equals' })).toThrow(
        expect.objectContaining({ code: 'bad-input' }),
      )
    const many = Array.from({ length: MAX_LOOKUP_VALUES + 1 }, (_, i) => i)
    expect(() => lookupValues({ values: many, match: 'equals' })).toThrow(/at most/)
  })
})

describe('rowLimit and pickTimestamp', () => {
  it('asks one row more than the cap', () => {
    expect(rowLimit(50)).toEqual({ cap: 50, fetch: 51 })
    expect(rowLimit(0)).toEqual({ cap: 1, fetch: 2 })
  })
  it('takes the update time where a record has one', () => {
    expect(pickTimestamp({ UpdatedAt: '2024-01-02T03:04:05Z' })).toBe('2024-01-02T03:04:05.000Z')
    expect(pickTimestamp({ Email: 'a@b.co' })).toBeUndefined()
  })
})

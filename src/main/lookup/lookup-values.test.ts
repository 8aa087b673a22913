import { describe, expect, it } from 'vitest'
import { maskValue } from '../crawl/mask-value'
import { maskForDisplay, maskingOnce } from './lookup-values'

describe('maskingOnce', () => {
  it('masks as maskForDisplay does, whatever the value', () => {
    const mask = maskingOnce()
    const values: unknown[] = [
      'jane.doe@example.com',
      '+447700900123',
      42,
      '42',
      true,
      10n,
      null,
      undefined,
      new Date('1980-02-03T00:00:00Z'),
      { street: '1 High St' },
    ]
    // Twice each: the second answer comes from the lookup's memory.
    for (const v of [...values, ...values]) expect(mask(v)).toBe(maskForDisplay(v))
  })

  it('tells a number from the same digits as text', () => {
    const mask = maskingOnce()
    expect(mask(123456)).toBe(maskValue(123456))
    expect(mask('123456')).toBe(maskValue('123456'))
  })
})

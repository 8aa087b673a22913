import { describe, expect, it } from 'vitest'
import { MASK, maskValue } from '../../../src/main/crawl/mask-value'
import { valueStats } from '../../../src/main/crawl/value-stats'

const b = (n: number) => MASK.repeat(n)

describe('maskValue', () => {
  it('keeps an email’s shape: first letter, masked domain label, visible suffix', () => {
    expect(maskValue('john.smith@example.co.uk')).toBe(`j${b(3)}@e${b(6)}.co.uk`)
    expect(maskValue('ann@mail.com')).toBe(`a${b(3)}@m${b(3)}.com`)
  })

  it('masks digits but the last two, keeping separators', () => {
    expect(maskValue('07700 900123')).toBe(`${b(5)} ${b(4)}23`)
    expect(maskValue('+44 7700 900123')).toBe(`+${b(2)} ${b(4)} ${b(4)}23`)
    expect(maskValue(123456)).toBe(`${b(4)}56`)
    expect(maskValue(1234)).toBe(`${b(3)}4`)
    expect(maskValue(7)).toBe(b(1))
    expect(maskValue('42')).toBe(b(2))
    expect(maskValue(-1.5)).toBe(`-${b(1)}.${b(1)}`)
    expect(maskValue('4111-1111-1111-1234')).toBe(`${b(4)}-${b(4)}-${b(4)}-${b(2)}34`)
  })

  it('masks the year of ISO dates', () => {
    expect(maskValue('1985-03-14')).toBe(`${b(4)}-03-14`)
    expect(maskValue('2024-01-02T10:11:12Z')).toBe(`${b(4)}-01-02T10:11:12Z`)
  })

  it('keeps only the first letter of each word of names and text', () => {
    expect(maskValue('Alice Smith')).toBe(`A${b(4)} S${b(4)}`)
    expect(maskValue("O'Brien-Jones")).toBe(`O'B${b(4)}-J${b(4)}`)
    expect(maskValue(true)).toBe(`t${b(3)}`)
    expect(maskValue('SW1A 1AA')).toBe(`S${b(3)} ${b(3)}`)
  })

  it('cuts long text', () => {
    const masked = maskValue('word '.repeat(40))
    expect([...masked].length).toBeLessThanOrEqual(49)
    expect(masked.endsWith('\u2026')).toBe(true)
  })

  it('never returns a value that equals or contains the raw value (longer than 3)', () => {
    const raw: unknown[] = [
      'a b c d',
      'x y',
      'Jo',
      'A B C D E F',
      'abcd',
      '12',
      '1.5',
      1.25,
      -42,
      false,
      'ab-cd-ef',
      'zz@zz.zz',
      '2020-02-02',
      'Élodie Ñúñez',
      'https://example.com/path?q=1',
      '550e8400-e29b-41d4-a716-446655440000',
      '{"a":1}',
      'a'.repeat(100),
    ]
    for (const value of raw) {
      const text = String(value)
      const masked = maskValue(value)
      if (text.length > 3) expect(masked.includes(text), `${text} -> ${masked}`).toBe(false)
    }
  })
})

describe('valueStats', () => {
  it('counts sampled, nulls, distinct and lengths, and gives up to 5 masked examples', () => {
    const values = [
      'alice@example.com',
      'bob@example.com',
      null,
      'alice@example.com',
      undefined,
      'carol@example.org',
      'dave@example.net',
      'erin@example.com',
      'frank@example.com',
    ]
    const stats = valueStats(values)
    expect(stats).toMatchObject({ sampled: 8, nulls: 1, distinct: 6, minLength: 15, maxLength: 17 })
    expect(stats.examples).toHaveLength(5)
    for (const example of stats.examples) {
      for (const value of values)
        if (typeof value === 'string') expect(example.includes(value)).toBe(false)
      expect(example).toMatch(/^[a-z]\u2022\u2022\u2022@e\u2022+\.[a-z]+$/)
    }
  })

  it('gives no example that contains any sampled value of the field longer than 3 chars', () => {
    // 'Anna' alone would mask to A•••; 'A•••' as a raw value must not leak through another mask.
    const values = ['Anna', 'A\u2022\u2022\u2022', 'Anna Bell', 'x y z w']
    const stats = valueStats(values)
    for (const example of stats.examples)
      for (const value of values)
        if (value.length > 3) expect(example.includes(value), example).toBe(false)
  })

  it('handles an empty or all-null sample', () => {
    expect(valueStats([])).toEqual({ sampled: 0, nulls: 0, distinct: 0, examples: [] })
    expect(valueStats([null, null])).toEqual({ sampled: 2, nulls: 2, distinct: 0, examples: [] })
  })
})

import { describe, expect, it } from 'vitest'
import { escapeRegex, flattenDocument, lookupFilter, mongoPath } from './lookup-filter'

/** Typed filters only: values are `$in` operands or escaped, anchored regexes; paths are checked. */
const regexOf = (filter: Record<string, unknown>, path: string) => {
  const clause = filter[path] as { $regex: string; $options: string }
  return new RegExp(clause.$regex, clause.$options)
}

describe('lookupFilter', () => {
  it('is `$in` of the values for exact matches, `[]` dropped from the path', () => {
    expect(lookupFilter('_id', 'equals', ['C00000042', '{"$ne": null}'])).toEqual({
      _id: { $in: ['C00000042', '{"$ne": null}'] },
    })
    expect(lookupFilter('customerIds[]', 'equals', [42, 43])).toEqual({
      customerIds: { $in: [42, 43] },
    })
  })
  it('is a plain equality for one value (all FerretDB 1.x pushes down), still only a value', () => {
    expect(lookupFilter('_id', 'equals', ['C00000042'])).toEqual({ _id: 'C00000042' })
    expect(lookupFilter('customerIds[]', 'equals', [42])).toEqual({ customerIds: 42 })
    // A typed operator stays a string compared by equality, never an operator document.
    expect(lookupFilter('_id', 'equals', ['{"$ne": null}'])).toEqual({ _id: '{"$ne": null}' })
    expect(() => lookupFilter('_id', 'equals', [{ $ne: null } as unknown as string])).toThrow(
      /string or a number/,
    )
    expect(lookupFilter('h', 'sha256-of', ['ab'])).toEqual({ h: { $in: ['ab', 'AB'] } })
  })
  it('matches regex metacharacters literally, anchored, `i` only when case-insensitive', () => {
    const f = lookupFilter('contact.email', 'case-insensitive', ['a.b+c@x.co'])
    const re = regexOf(f, 'contact.email')
    expect(re.flags).toBe('i')
    expect(re.test(' A.B+C@X.CO ')).toBe(true)
    expect(re.test('aXb+c@x.co')).toBe(false)
    expect(re.test('a.b+c@x.co.uk')).toBe(false)
    for (const meta of ['.*', '^.*$', '(a+)+$', '\\', '[a-z]', '$where'])
      expect(new RegExp(`^${escapeRegex(meta)}$`).test(meta)).toBe(true)
    expect(new RegExp(`^${escapeRegex('.*')}$`).test('anything')).toBe(false)
    expect(regexOf(lookupFilter('t', 'trimmed', ['x']), 't').flags).toBe('')
  })
  it('matches phones by their digits, whatever sits between them', () => {
    const re = regexOf(lookupFilter('phoneNumber', 'digits-only', ['07100060616']), 'phoneNumber')
    expect(re.test('07100 060 616')).toBe(true)
    expect(re.test('(07100) 060-616')).toBe(true)
    expect(re.test('07100 060 6167')).toBe(false)
  })
  it('ORs several values', () => {
    expect(lookupFilter('p', 'trimmed', ['a', 'b'])).toMatchObject({ $or: [{}, {}] })
  })
  it('refuses operators in paths and documents as values', () => {
    expect(() => mongoPath('$where')).toThrow(/not a usable document path/)
    expect(() => mongoPath('a..b')).toThrow()
    expect(() => mongoPath('a.$ne')).toThrow()
    expect(() => lookupFilter('_id', 'equals', [{ $ne: null } as unknown as string])).toThrow(
      /string or a number/,
    )
  })
})

describe('flattenDocument', () => {
  it('gives dotted paths, `[]` for array elements, lists for values under arrays', () => {
    const out = flattenDocument({
      _id: 'C1',
      contact: { email: 'a@b.co', home: null },
      addresses: [
        { type: 'billing', postcode: 'M20 7UA' },
        { type: 'delivery', postcode: 'CF14 1GG' },
      ],
      customerIds: ['C1', 'C2'],
      preferences: [],
      at: new Date('2024-01-02T03:04:05Z'),
    })
    expect(out).toEqual({
      _id: 'C1',
      'contact.email': 'a@b.co',
      'contact.home': null,
      'addresses[].type': ['billing', 'delivery'],
      'addresses[].postcode': ['M20 7UA', 'CF14 1GG'],
      'customerIds[]': ['C1', 'C2'],
      'preferences[]': [],
      at: '2024-01-02T03:04:05.000Z',
    })
  })
})

import { describe, expect, it } from 'vitest'
import { assetUrnOf, SampleCache } from '../../../src/main/crawl/sample-cache'

describe('SampleCache', () => {
  it('keeps the latest crawl of each source, by field URN', () => {
    const cache = new SampleCache()
    cache.put('crm', { 'postgres://crm/db/s/t#a': ['x', 1, null, true] }, '2024-01-01T00:00:00Z')
    expect(cache.get('postgres://crm/db/s/t#a')).toEqual({
      values: ['x', 1, null, true],
      sampledAt: '2024-01-01T00:00:00Z',
    })
    expect(cache.hasAsset('postgres://crm/db/s/t')).toBe(true)
    expect(cache.hasAsset('postgres://crm/db/s/other')).toBe(false)
    cache.put('crm', { 'postgres://crm/db/s/t#b': ['y'] }, '2024-01-02T00:00:00Z')
    expect(cache.get('postgres://crm/db/s/t#a')).toBeUndefined()
    expect(cache.get('postgres://crm/db/s/t#b')?.values).toEqual(['y'])
    expect(cache.size).toBe(1)
  })

  it('evicts the sources put longest ago when the cap is passed', () => {
    const cache = new SampleCache(5)
    cache.put('a', { 'k://a/t#f': [1, 2] }, 't1')
    cache.put('b', { 'k://b/t#f': [1, 2] }, 't2')
    cache.put('c', { 'k://c/t#f': [1, 2] }, 't3')
    expect(cache.get('k://a/t#f')).toBeUndefined()
    expect(cache.get('k://b/t#f')).toBeDefined()
    expect(cache.get('k://c/t#f')).toBeDefined()
    expect(cache.size).toBe(4)
  })

  it('trims one source larger than the whole cap to the cap', () => {
    const cache = new SampleCache(3)
    cache.put('a', { 'k://a/t#f': [1, 2], 'k://a/t#g': [3, 4], 'k://a/t#h': [5] }, 't')
    expect(cache.size).toBe(3)
    expect(cache.get('k://a/t#g')?.values).toEqual([3])
    expect(cache.get('k://a/t#h')).toBeUndefined()
  })

  it('turns non-scalars into plain JSON values and drops missing ones', () => {
    const cache = new SampleCache()
    cache.put(
      'a',
      { 'k://a/t#f': [new Date('2024-05-06T00:00:00Z'), 10n, undefined, { x: 1 }] },
      't',
    )
    expect(cache.get('k://a/t#f')?.values).toEqual(['2024-05-06T00:00:00.000Z', '10', '{"x":1}'])
  })

  it('knows the asset of a field URN', () => {
    expect(assetUrnOf('postgres://crm/db/s/t#col')).toBe('postgres://crm/db/s/t')
    expect(assetUrnOf('postgres://crm/db/s/t')).toBe('postgres://crm/db/s/t')
  })
})

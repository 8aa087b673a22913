import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  driftHash,
  hashAsset,
} from '../../../src/main/store/sqlite-catalog/canonical'
import { estate } from './catalog-fixtures'

describe('canonical asset JSON', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: undefined, x: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"x":2,"z":1}]},"b":1}',
    )
  })

  it('hashes equal assets equal whatever their key order; counts change the body, not the drift', () => {
    const asset = estate()[2]!
    const reordered = Object.fromEntries(Object.entries(asset).reverse()) as typeof asset
    expect(hashAsset(reordered).hash.equals(hashAsset(asset).hash)).toBe(true)
    const recounted = { ...asset, counts: { rows: 12345 } }
    expect(hashAsset(recounted).hash.equals(hashAsset(asset).hash)).toBe(false)
    expect(driftHash(recounted).equals(driftHash(asset))).toBe(true)
    const retyped = { ...asset, fields: [{ ...asset.fields[0]!, declaredType: 'bigint' }] }
    expect(driftHash(retyped).equals(driftHash(asset))).toBe(false)
  })
})

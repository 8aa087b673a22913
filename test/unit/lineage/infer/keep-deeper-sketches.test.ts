import { describe, expect, it } from 'vitest'
import type { CatalogAsset } from '../../../../src/shared/model/catalog'
import { keepDeeperSketches, sketchDepth } from '../../../../src/main/lineage/infer/sketch-hook'
import type { FieldSketch } from '../../../../src/main/store/sketch-repository'

const asset = (urn: string, fields: string[]): CatalogAsset => ({
  urn,
  source: 'crm',
  platform: 'postgres',
  kind: 'table',
  name: urn.split('/').pop()!,
  path: [urn],
  fields: fields.map((f) => ({ urn: `${urn}#${f}`, path: f, name: f })),
})

const sketch = (field: string, recordsSampled: number | undefined, sampled = 50): FieldSketch => ({
  fieldUrn: field,
  assetUrn: field.split('#')[0]!,
  source: 'crm',
  variant: 'as-is',
  hashes: [1, 2, 3],
  distinct: 3,
  sampled,
  ...(recordsSampled === undefined ? {} : { recordsSampled }),
})

describe('sketches kept after a crawl', () => {
  const A = 'postgres://crm/a'
  const B = 'postgres://crm/b'

  it('keeps a profile read deeper than the everyday crawl that follows it', () => {
    const profile = [sketch(`${A}#x`, 3000), sketch(`${B}#y`, 3000)]
    const everyday = [sketch(`${A}#x`, 100), sketch(`${B}#y`, 100)]
    const kept = keepDeeperSketches(profile, everyday, [asset(A, ['x']), asset(B, ['y'])])
    expect(kept.map((s) => s.recordsSampled)).toEqual([3000, 3000])
  })

  it('takes the new sketches when they read as deep or deeper', () => {
    const kept = keepDeeperSketches(
      [sketch(`${A}#x`, 100)],
      [sketch(`${A}#x`, 3000)],
      [asset(A, ['x'])],
    )
    expect(kept.map((s) => s.recordsSampled)).toEqual([3000])
    const same = keepDeeperSketches(
      [sketch(`${A}#x`, 100, 10)],
      [sketch(`${A}#x`, 100, 20)],
      [asset(A, ['x'])],
    )
    expect(same.map((s) => s.sampled)).toEqual([20])
  })

  it('drops kept sketches of assets and fields the crawl no longer has', () => {
    const profile = [sketch(`${A}#x`, 3000), sketch(`${A}#gone`, 3000), sketch(`${B}#y`, 3000)]
    const kept = keepDeeperSketches(profile, [], [asset(A, ['x'])])
    expect(kept.map((s) => s.fieldUrn)).toEqual([`${A}#x`])
  })

  it("carries the asset's record count forward when the crawl did not get it", () => {
    const old = { ...sketch(`${A}#x`, 100), population: 2014 }
    const fresh = sketch(`${A}#x`, 100, 60)
    const [kept] = keepDeeperSketches([old], [fresh], [asset(A, ['x'])])
    expect(kept).toMatchObject({ sampled: 60, population: 2014 })
    const counted = { ...fresh, population: 2100 }
    expect(keepDeeperSketches([old], [counted], [asset(A, ['x'])])[0]!.population).toBe(2100)
  })

  it('measures depth by records sampled, else by the most values of one field', () => {
    expect(sketchDepth([sketch('a#x', 3000, 10)])).toBe(3000)
    expect(sketchDepth([sketch('a#x', undefined, 10), sketch('a#y', undefined, 70)])).toBe(70)
    expect(sketchDepth([])).toBe(0)
  })
})

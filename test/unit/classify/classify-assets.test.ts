import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILTIN_PACK_ID } from '../../../src/main/classify/builtin-rules'
import type { CatalogAsset } from '../../../src/shared/model/catalog'
import { classifyAssets, createClassifyHook } from '../../../src/main/classify/classify-assets'
import { builtinPack } from '../../../src/main/classify/rule-packs'
import { driftHash, hashAsset } from '../../../src/main/store/sqlite-catalog/canonical'

const URN = 'mongodb://sv/singleview/customers'
function asset(): CatalogAsset {
  return {
    urn: URN,
    source: 'sv',
    platform: 'mongodb',
    kind: 'collection',
    name: 'customers',
    path: ['singleview', 'customers'],
    fields: [
      { urn: `${URN}#_id`, path: '_id', name: '_id', types: [{ type: 'string', count: 3 }] },
      {
        urn: `${URN}#contact`,
        path: 'contact',
        name: 'contact',
        types: [{ type: 'object', count: 3 }],
      },
      {
        urn: `${URN}#contact.email`,
        path: 'contact.email',
        name: 'email',
        types: [{ type: 'string', count: 3 }],
      },
      {
        urn: `${URN}#orders.count`,
        path: 'orders.count',
        name: 'count',
        types: [{ type: 'int', count: 3 }],
      },
    ],
  }
}
const SAMPLES = new Map<string, unknown[]>([
  [`${URN}#contact.email`, ['ann@example.com', 'bob@example.org', 'cy@example.co.uk']],
  [`${URN}#contact`, [{ email: 'ann@example.com' }]],
])

describe('classifyAssets', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('gives a thin before image the labels of its after image; leaves schemas alone', () => {
    const T = 'kafka://ev/crm.dbo.Deliveries'
    const topic: CatalogAsset = {
      urn: T,
      source: 'ev',
      platform: 'kafka',
      kind: 'topic',
      name: 'crm.dbo.Deliveries',
      path: ['crm.dbo.Deliveries'],
      fields: [
        { urn: `${T}#before.col_x`, path: 'before.col_x', name: 'col_x' },
        { urn: `${T}#after.col_x`, path: 'after.col_x', name: 'col_x' },
      ],
    }
    const emails = Array.from({ length: 40 }, (_, i) => `person${i}@example.co.uk`)
    const subject: CatalogAsset = {
      ...asset(),
      urn: 'schema-registry://r/customers-value',
      platform: 'schema-registry',
      kind: 'subject',
    }
    const [out, schema] = classifyAssets(
      [topic, subject],
      new Map([[`${T}#after.col_x`, emails]]),
      [builtinPack()],
    )
    const [before, after] = out!.fields
    expect(after!.classification?.labels[0]?.category).toBe('contact.email')
    expect(before!.classification?.labels[0]?.category).toBe('contact.email')
    expect(before!.classification?.labels[0]?.evidence[0]?.source).toBe('context:change-image')
    expect(schema!.fields.every((f) => f.classification === undefined)).toBe(true)
  })

  it('classifies every field with its samples; containers are left alone', () => {
    const [out] = classifyAssets([asset()], SAMPLES, [builtinPack()])
    const byPath = new Map(out!.fields.map((f) => [f.path, f.classification]))
    expect(byPath.get('_id')?.labels[0]?.category).toBe('identifier.customer')
    expect(byPath.get('contact')).toBeUndefined()
    expect(byPath.get('contact.email')?.labels[0]?.category).toBe('contact.email')
    expect(byPath.get('contact.email')?.sampled).toBe(3)
    expect(byPath.get('orders.count')?.labels).toEqual([])
  })

  it('classification is stored in the body but never counts as drift', () => {
    const plain = asset()
    const [classified] = classifyAssets([asset()], SAMPLES, [builtinPack()])
    expect(driftHash(classified!)).toEqual(driftHash(plain))
    expect(hashAsset(classified!).body).toContain('"classification"')
  })

  it('the hook loads the workspace packs; a bad pack falls back to the builtin one with a note', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-hook-'))
    const hook = createClassifyHook(dir)
    const [ok] = await hook([asset()], SAMPLES)
    expect(ok!.fields[2]!.classification?.rulePacks).toEqual([BUILTIN_PACK_ID])
    mkdirSync(path.join(dir, 'catalog', 'rules'), { recursive: true })
    writeFileSync(path.join(dir, 'catalog', 'rules', 'bad.yaml'), 'nameRules: [{ id: 1 }]\n')
    const [fallback] = await hook([asset()], SAMPLES)
    expect(fallback!.fields[2]!.classification?.labels[0]?.category).toBe('contact.email')
    expect(fallback!.notes?.[0]).toMatch(
      /builtin rules only: catalog\/rules\/bad\.yaml: nameRules\.0/,
    )
  })
})

describe('lazyClassifyHook', () => {
  it('loads the classifier on first use and classifies like the direct hook', async () => {
    const { lazyClassifyHook } = await import('../../../src/main/classify/lazy-classify-hook')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-lazy-'))
    try {
      const [out] = await lazyClassifyHook(dir)([asset()], SAMPLES)
      expect(out!.fields[2]!.classification?.labels[0]?.category).toBe('contact.email')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

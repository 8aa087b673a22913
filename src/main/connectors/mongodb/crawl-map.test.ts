import { Int32 } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { createShapeInferrer } from '../shared/infer-shape'
import { collectionAsset, databaseAsset, mapIndexes } from './crawl-map'
import type { SampleResult } from './crawl-sample'

function sampleOf(
  docs: Record<string, unknown>[],
  extra: Partial<SampleResult> = {},
): SampleResult {
  const inferrer = createShapeInferrer({ maxPaths: 3 })
  for (const d of docs) inferrer.add(d)
  return {
    inferrer,
    sampled: docs.length,
    complete: false,
    method: 'sample',
    reads: 1,
    capped: false,
    ...extra,
  }
}

describe('MongoDB crawl mapping', () => {
  it('maps a collection: URNs, parent, counts, _id key, fields with presence, raw values by field URN', () => {
    const { asset, samples } = collectionAsset('singleview', 'singleview', {
      info: {
        name: 'customers',
        type: 'collection',
        options: { validator: { email: { $regex: /@/ } } },
      },
      count: 2014,
      indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }],
      sample: sampleOf([{ _id: 'C1', n: new Int32(3) }, { _id: 'C2' }]),
      notes: [],
    })
    expect(asset).toMatchObject({
      urn: 'mongodb://singleview/singleview/customers',
      parent: 'mongodb://singleview/singleview',
      kind: 'collection',
      path: ['singleview', 'customers'],
      counts: { documents: 2014, sampled: 2 },
      primaryKey: { name: '_id_', columns: ['_id'] },
      properties: {
        type: 'collection',
        validator: { email: { $regex: { $regularExpression: { pattern: '@', options: '' } } } },
      },
    })
    expect(asset.fields).toEqual([
      {
        urn: 'mongodb://singleview/singleview/customers#_id',
        path: '_id',
        name: '_id',
        types: [{ type: 'string', count: 2 }],
        nullable: false,
        presence: { seen: 2, of: 2 },
        primaryKey: true,
      },
      {
        urn: 'mongodb://singleview/singleview/customers#n',
        path: 'n',
        name: 'n',
        types: [{ type: 'int', count: 1 }],
        nullable: true,
        presence: { seen: 1, of: 2 },
      },
    ])
    expect(samples).toEqual({
      'mongodb://singleview/singleview/customers#_id': ['C1', 'C2'],
      'mongodb://singleview/singleview/customers#n': [3],
    })
    expect(JSON.parse(JSON.stringify(asset))).toEqual(asset)
  })

  it('maps a view with its source and pipeline, without a key or indexes', () => {
    const { asset } = collectionAsset('sv', 'crm', {
      info: {
        name: 'active',
        type: 'view',
        options: { viewOn: 'customers', pipeline: [{ $match: { active: true } }] },
      },
      notes: ['The server gave no document count for this view.'],
    })
    expect(asset).toMatchObject({
      kind: 'view',
      properties: { type: 'view', viewOn: 'customers', pipeline: [{ $match: { active: true } }] },
      counts: { sampled: 0 },
      notes: ['The server gave no document count for this view.'],
    })
    expect(asset.primaryKey).toBeUndefined()
    expect(asset.indexes).toBeUndefined()
  })

  it('labels truncated, capped and non-random samples', () => {
    let deep: Record<string, unknown> = { x: 1 }
    for (let i = 0; i < 40; i++) deep = { d: deep }
    const sample = sampleOf([{ a: 1, b: 2, c: 3, e: 4 }], { method: 'natural', capped: true })
    const { asset } = collectionAsset('sv', 'db', { info: { name: 'c' }, sample, notes: [] })
    expect(asset.fields).toHaveLength(3)
    expect(asset.notes).toEqual([
      expect.stringMatching(/first 1 documents in natural order: .* not random/),
      expect.stringMatching(/cap of 1 documents/),
      expect.stringMatching(/3 kept, 1 more distinct paths dropped/),
    ])
  })

  it('says a sample stopped at its byte budget, with the sizes', () => {
    const docs = [{ a: 1 }, { a: 2 }, { a: 3 }]
    const byteLimited = { budget: 4 * 2 ** 20, bytes: 5_400_000 }
    const sample = sampleOf(docs, { method: 'natural', byteLimited })
    const { asset } = collectionAsset('sv', 'db', { info: { name: 'c' }, sample, notes: [] })
    expect(asset.notes).toContain(
      'Sampling stopped at 3 documents, 5.4 MB of BSON, past its 4.2 MB budget: the documents average 1.8 MB, and this server decodes every document it returns.',
    )
  })

  it('maps indexes: key order, unique, kinds as method', () => {
    expect(
      mapIndexes([
        { key: { _id: 1 }, name: '_id_' },
        { key: { 'contact.email': 1, town: -1 }, name: 'email_town', unique: true },
        { key: { summary: 'text', loc: '2dsphere' }, name: 'search' },
      ]),
    ).toEqual([
      { name: '_id_', columns: ['_id'], unique: true, primary: true },
      { name: 'email_town', columns: ['contact.email', 'town'], unique: true, primary: false },
      {
        name: 'search',
        columns: ['summary', 'loc'],
        unique: false,
        primary: false,
        method: 'text,2dsphere',
      },
    ])
  })

  it('maps a database', () => {
    expect(databaseAsset('sv', 'fraud', 2, 4096)).toEqual({
      urn: 'mongodb://sv/fraud',
      source: 'sv',
      platform: 'mongodb',
      kind: 'database',
      name: 'fraud',
      path: ['fraud'],
      counts: { children: 2 },
      properties: { sizeOnDisk: 4096 },
      fields: [],
    })
  })

  it('records the server on a database when it is not MongoDB', () => {
    expect(databaseAsset('sv', 'fraud', 2, undefined, 'FerretDB 1.24.2').properties).toEqual({
      server: 'FerretDB 1.24.2',
    })
    expect(databaseAsset('sv', 'fraud', 2).properties).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import type { LookupQuery } from '../../connectors/connector'
import { lookupFilter } from '../../connectors/mongodb/lookup-filter'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import { pointReads } from './point-reads'

const DB = 'mongodb://singleview/singleview'
const SV = `${DB}/customers`

function snapshotWith(server: string | undefined, idTypes: string[]): LineageSnapshot {
  const db = {
    urn: DB,
    source: 'singleview',
    platform: 'mongodb',
    kind: 'database',
    name: 'singleview',
    path: ['singleview'],
    fields: [],
    properties: server ? { server } : {},
  } as unknown as CatalogAsset
  const customers = {
    urn: SV,
    source: 'singleview',
    platform: 'mongodb',
    kind: 'collection',
    name: 'customers',
    path: ['singleview', 'customers'],
    parent: DB,
    fields: [
      {
        urn: `${SV}#_id`,
        path: '_id',
        name: '_id',
        primaryKey: true,
        types: idTypes.map((type) => ({ type, count: 100 })),
      },
    ],
  } as unknown as CatalogAsset
  return {
    assets: new Map([
      [DB, db],
      [SV, customers],
    ]),
    sources: [],
  }
}

const step = {
  id: 's9',
  source: 'singleview',
  platform: 'mongodb',
  assetUrn: SV,
  fieldUrn: `${SV}#_id`,
  access: 'primary-key',
  match: 'equals',
  input: { kind: 'identifier', identifierKind: 'customer-number' },
  reason: '',
  strength: 'strong',
} as LookupPlanStep

const query = (values: Array<string | number>, fieldPath = '_id'): LookupQuery => ({
  assetPath: ['singleview', 'customers'],
  fieldPath,
  values,
  match: 'equals',
  rowCap: 10,
  timeoutMs: 1000,
})

describe('FerretDB point reads', () => {
  it('asks a FerretDB `_id` one value at a time, as `{ _id: v }`, without numbers it never holds', () => {
    const out = pointReads(
      step,
      query(['42', 42, 'C00000042']),
      snapshotWith('FerretDB 1.24.2', ['string']),
    )!
    expect(out.map((q) => q.values)).toEqual([['42'], ['C00000042']])
    // What FerretDB 1.24 pushes down into SQLite: exactly `{ _id: <string> }`, never `$in`.
    expect(out.map((q) => lookupFilter(q.fieldPath, q.match, q.values))).toEqual([
      { _id: '42' },
      { _id: 'C00000042' },
    ])
  })

  it('keeps numbers where the crawl saw numeric `_id`s, and asks nothing when no value can match', () => {
    const mixed = snapshotWith('FerretDB 1.24.2', ['string', 'int'])
    expect(pointReads(step, query(['42', 42]), mixed)!.map((q) => q.values)).toEqual([['42'], [42]])
    expect(pointReads(step, query([42]), snapshotWith('FerretDB 1.24.2', ['string']))).toEqual([])
  })

  it('leaves MongoDB, other fields and a single string value as they are', () => {
    expect(pointReads(step, query(['42', 'C00000042']), snapshotWith(undefined, ['string']))).toBe(
      undefined,
    )
    expect(
      pointReads(
        { ...step, fieldUrn: `${SV}#contact.email` },
        query(['a@b.c', 'A@b.c'], 'contact.email'),
        snapshotWith('FerretDB 1.24.2', ['string']),
      ),
    ).toBe(undefined)
    expect(
      pointReads(step, query(['C00000042']), snapshotWith('FerretDB 1.24.2', ['string'])),
    ).toBe(undefined)
  })
})

import { describe, expect, it } from 'vitest'
import type { Connector, LookupQuery } from '../connector'
import { withSchemaRegistry } from './lookup-registry'

const registry = { name: 'registry', url: 'http://127.0.0.1:58081/apis/ccompat/v7', options: {} }
const query: LookupQuery = {
  assetPath: ['fraud.scores'],
  fieldPath: 'customerId',
  values: [42],
  match: 'equals',
  offsets: [{ partition: 0, offset: '0' }],
  rowCap: 10,
  timeoutMs: 1_000,
}

function fake(kind: Connector['kind']): Connector & { seen: LookupQuery[] } {
  const seen: LookupQuery[] = []
  return {
    kind,
    seen,
    check: () => Promise.reject(new Error('unused')),
    crawl: () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('unused')) }),
    }),
    lookup: (q) => {
      seen.push(q)
      return Promise.resolve({ hits: [], capped: false })
    },
    close: () => Promise.resolve(),
  } as Connector & { seen: LookupQuery[] }
}

describe('withSchemaRegistry', () => {
  it('gives a Kafka connector’s lookups the registry its source names', async () => {
    const c = withSchemaRegistry(fake('kafka'), registry)
    await c.lookup!(query, {})
    expect(c.seen[0]!.schemaRegistry).toEqual(registry)
    expect(c.seen[0]!.values).toEqual([42])
  })

  it('keeps a registry the query names itself', async () => {
    const own = { ...registry, name: 'other' }
    const c = withSchemaRegistry(fake('kafka'), registry)
    await c.lookup!({ ...query, schemaRegistry: own }, {})
    expect(c.seen[0]!.schemaRegistry).toEqual(own)
  })

  it('leaves other connectors, and Kafka without a registry, as they are', async () => {
    const pg = withSchemaRegistry(fake('postgres'), registry)
    await pg.lookup!(query, {})
    expect(pg.seen[0]!.schemaRegistry).toBeUndefined()
    const bare = withSchemaRegistry(fake('kafka'), undefined)
    await bare.lookup!(query, {})
    expect(bare.seen[0]!.schemaRegistry).toBeUndefined()
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../shared/api/errors'
import type { CatalogAsset } from '../../../shared/model/catalog'
import { openSqliteStore, type SqliteCatalogStore } from '../../store/sqlite-store'
import { indexedFieldsBySource } from './catalogue-index-fields'
import { indexHmac, type IndexedField } from './index-fields'
import { LookupIndexManager } from './lookup-index-manager'

const FIELDS: IndexedField[] = [
  { topic: 'fraud.scores', path: 'customerId', kind: 'customer-number' },
  { topic: 'fraud.scores', path: 'deviceId', kind: 'device-id' },
  { topic: 'returns.requests', path: 'customerEmail', kind: 'email' },
]

describe('LookupIndexManager (store only: no Kafka)', () => {
  let dir: string
  let store: SqliteCatalogStore
  let manager: LookupIndexManager
  const now = new Date('2026-11-26T17:00:10.000Z')

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-index-manager-'))
    store = openSqliteStore(path.join(dir, 'sightline.db'))
    const key = await store.workspaceKey()
    const customer42 = indexHmac(key, 'customer-number:42')
    await store.lookupIndex.commit('events', [
      {
        topic: 'fraud.scores',
        partition: 0,
        entries: [
          { hmac: customer42, field: 'customerId', offset: 5n },
          { hmac: customer42, field: 'customerId', offset: 9n },
          // The same HMAC under another field must not answer a customerId step.
          { hmac: customer42, field: 'deviceId', offset: 7n },
          { hmac: indexHmac(key, 'customer-number:43'), field: 'customerId', offset: 6n },
        ],
        nextOffset: 10n,
        highWatermark: 12n,
      },
    ])
    await store.lookupIndex.markCaughtUp(
      'events',
      [{ topic: 'fraud.scores', partition: 0, highWatermark: 10n }],
      '2026-11-26T17:00:00.000Z',
    )
    manager = new LookupIndexManager({
      store,
      fields: async () =>
        new Map([
          ['events', FIELDS],
          ['quiet', [FIELDS[0]!]],
        ]),
      resolve: async (name) => {
        throw new ApiError('unreachable', `Cannot reach ${name}.`)
      },
      pollMs: 10,
      now: () => now,
    })
  })

  afterEach(async () => {
    await manager.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('probes by the HMAC of each value as the field’s kind, only that field, with the lag', async () => {
    const answer = await manager.probe({
      source: 'events',
      topic: 'fraud.scores',
      fieldPath: 'customerId',
      values: [42, '42', 'C00000042'],
      limit: 100,
    })
    expect(answer).toEqual({
      covered: true,
      offsets: [
        { partition: 0, offset: '5' },
        { partition: 0, offset: '9' },
      ],
      // Every message before the position is indexed: a keyed read reads on from there.
      positions: [{ partition: 0, offset: '10' }],
      lag: 2,
      lastCatchUpAt: '2026-11-26T17:00:00.000Z',
      capped: false,
    })
    const capped = await manager.probe({
      source: 'events',
      topic: 'fraud.scores',
      fieldPath: 'customerId',
      values: ['42'],
      limit: 1,
    })
    expect(capped).toMatchObject({ offsets: [{ partition: 0, offset: '5' }], capped: true })
  })

  it('says a field or topic is not covered when it is not indexed or never was', async () => {
    const base = { source: 'events', values: ['x@y.com'], limit: 10 }
    // An indexed topic's other field: not covered, but where the index has read to is said.
    expect(await manager.probe({ ...base, topic: 'fraud.scores', fieldPath: 'score' })).toEqual({
      covered: false,
      offsets: [],
      positions: [{ partition: 0, offset: '10' }],
      lag: 2,
      capped: false,
    })
    expect(
      await manager.probe({ ...base, topic: 'returns.requests', fieldPath: 'customerEmail' }),
    ).toMatchObject({ covered: false })
    expect(
      await manager.probe({ ...base, topic: 'returns.requests', fieldPath: 'customerEmail' }),
    ).not.toHaveProperty('positions')
    expect(
      await manager.probe({
        ...base,
        source: 'other',
        topic: 'fraud.scores',
        fieldPath: 'customerId',
      }),
    ).toMatchObject({ covered: false })
  })

  it('gives the planner the topics with stored positions, by URN, with their lag', async () => {
    expect(await manager.coverage()).toEqual(
      new Map([
        ['kafka://events/fraud.scores', { lag: 2, lastCatchUpAt: '2026-11-26T17:00:00.000Z' }],
      ]),
    )
  })

  it('reports a stopped index with its stored freshness and age', async () => {
    const [status] = await manager.status('events')
    expect(status).toMatchObject({
      source: 'events',
      state: 'stopped',
      running: false,
      fields: 3,
      ageMs: 10_000,
      freshness: { live: false, entries: 4 },
    })
    expect(status!.progress).toBeCloseTo(10 / 12)
    // Never indexed: nothing known yet is 0%, not "all of nothing".
    const [quiet] = await manager.status('quiet')
    expect(quiet).toMatchObject({ state: 'stopped', progress: 0, freshness: { topics: [] } })
  })

  it('keeps a failing source in its status and goes on polling; stop ends the loop', async () => {
    await manager.start()
    await vi.waitFor(async () => {
      const [s] = await manager.status('events')
      expect(s).toMatchObject({ state: 'failed', running: true, error: { code: 'unreachable' } })
    })
    await manager.stop('events')
    const [s] = await manager.status('events')
    expect(s?.running).toBe(false)
    await expect(manager.build('events')).rejects.toMatchObject({ code: 'unreachable' })
    await expect(manager.start('nope')).rejects.toMatchObject({ code: 'not-found' })
  })
})

describe('indexedFieldsBySource', () => {
  it('takes the classified identifier fields of crawled topics, per source', () => {
    const topic = (name: string, fields: string[]): CatalogAsset =>
      ({
        urn: `kafka://events/${name}`,
        source: 'events',
        platform: 'kafka',
        kind: 'topic',
        name,
        path: [name],
        fields: fields.map((f) => ({ urn: `kafka://events/${name}#${f}`, path: f, name: f })),
      }) as unknown as CatalogAsset
    const categories = new Map([
      ['kafka://events/fraud.scores#customerId', 'identifier.customer'],
      ['kafka://events/fraud.scores#score', 'financial.score'],
      ['kafka://events/web.clickstream.v1#emailSha256', 'pseudonymous.hash'],
    ]) as Map<string, never>
    const out = indexedFieldsBySource({
      assets: [
        topic('fraud.scores', ['customerId', 'score']),
        topic('web.clickstream.v1', ['emailSha256']),
        topic('empty', []),
        topic('orders.sales.order_lines', ['key.order_line_id', 'after.sku']),
      ],
      categories,
    })
    expect(out).toEqual(
      new Map([
        [
          'events',
          [
            { topic: 'fraud.scores', path: 'customerId', kind: 'customer-number' },
            { topic: 'web.clickstream.v1', path: 'emailSha256', kind: 'sha256' },
            // Keyed, no identifier: its record key is indexed for keyed reads.
            { topic: 'orders.sales.order_lines', path: '@key', kind: 'record-key' },
          ],
        ],
      ]),
    )
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteStore, type SqliteCatalogStore } from '../../../src/main/store/sqlite-store'

const h = (n: number) => Buffer.alloc(16, n)

describe('the lookup index in the SQLite store', () => {
  let dir: string
  let file: string
  let store: SqliteCatalogStore
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-index-'))
    file = path.join(dir, 'sightline.db')
    store = openSqliteStore(file)
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('commits entries with their positions and finds them by HMAC, per source and topic', async () => {
    await store.lookupIndex.commit('events', [
      {
        topic: 'returns.requests',
        partition: 2,
        entries: [
          { hmac: h(1), field: 'customerEmail', offset: 7n },
          { hmac: h(2), field: 'customerEmail', offset: 8n },
        ],
        nextOffset: 9n,
        highWatermark: 12n,
      },
      {
        topic: 'web.clickstream.v1',
        partition: 0,
        entries: [{ hmac: h(1), field: 'emailSha256', offset: 3n }],
        nextOffset: 4n,
        highWatermark: 4n,
      },
    ])
    await store.lookupIndex.commit('other', [
      {
        topic: 'returns.requests',
        partition: 0,
        entries: [{ hmac: h(1), field: 'customerEmail', offset: 1n }],
        nextOffset: 2n,
        highWatermark: 2n,
      },
    ])
    expect(await store.lookupIndex.find('events', [h(1)])).toEqual([
      { topic: 'returns.requests', partition: 2, offset: 7n, field: 'customerEmail' },
      { topic: 'web.clickstream.v1', partition: 0, offset: 3n, field: 'emailSha256' },
    ])
    expect(
      await store.lookupIndex.find('events', [h(1), h(2)], { topics: ['returns.requests'] }),
    ).toHaveLength(2)
    // One topic (an index probe): only that source's topic, ordered, limited; a topic never
    // stored finds nothing.
    expect(
      await store.lookupIndex.find('events', [h(2), h(1)], { topics: ['returns.requests'] }),
    ).toEqual([
      { topic: 'returns.requests', partition: 2, offset: 7n, field: 'customerEmail' },
      { topic: 'returns.requests', partition: 2, offset: 8n, field: 'customerEmail' },
    ])
    expect(
      await store.lookupIndex.find('other', [h(1)], { topics: ['returns.requests'], limit: 5 }),
    ).toEqual([{ topic: 'returns.requests', partition: 0, offset: 1n, field: 'customerEmail' }])
    expect(
      await store.lookupIndex.find('events', [h(1), h(2)], {
        topics: ['returns.requests'],
        limit: 1,
      }),
    ).toHaveLength(1)
    expect(await store.lookupIndex.find('events', [h(1)], { topics: ['nowhere'] })).toEqual([])
    expect(await store.lookupIndex.find('events', [h(9)])).toEqual([])
    expect(await store.lookupIndex.count('events')).toBe(3)

    const positions = await store.lookupIndex.positions('events')
    expect(positions.map((p) => [p.topic, p.partition, p.nextOffset, p.highWatermark])).toEqual([
      ['returns.requests', 2, 9n, 12n],
      ['web.clickstream.v1', 0, 4n, 4n],
    ])
    expect(positions[0]!.caughtUpAt).toBeUndefined()
    await store.lookupIndex.markCaughtUp(
      'events',
      [{ topic: 'web.clickstream.v1', partition: 0, highWatermark: 4n }],
      '2026-11-26T15:00:00.000Z',
    )
    const after = await store.lookupIndex.positions('events')
    expect(after[1]!.caughtUpAt).toBe('2026-11-26T15:00:00.000Z')
  })

  it('re-indexing a batch after a crash adds nothing twice', async () => {
    const batch = {
      topic: 't',
      partition: 0,
      entries: [{ hmac: h(1), field: 'f', offset: 0n }],
      nextOffset: 1n,
      highWatermark: 1n,
    }
    await store.lookupIndex.commit('events', [batch])
    await store.lookupIndex.commit('events', [batch])
    expect(await store.lookupIndex.count('events')).toBe(1)
    await store.lookupIndex.removeTopics('events', ['t'])
    expect(await store.lookupIndex.count('events')).toBe(0)
    expect(await store.lookupIndex.positions('events')).toEqual([])
  })

  it('removes several topics in one go, and only theirs, whether or not other topics are stored', async () => {
    const one = (topic: string, n: number) => ({
      topic,
      partition: 0,
      entries: [
        { hmac: h(n), field: 'after.Email', offset: 1n },
        { hmac: h(n + 1), field: 'after.Email', offset: 2n },
      ],
      nextOffset: 3n,
      highWatermark: 3n,
    })
    await store.lookupIndex.commit('events', [one('a', 1), one('b', 3), one('c', 5)])
    await store.lookupIndex.commit('other', [one('a', 7)])
    expect(await store.lookupIndex.count('events')).toBe(6)
    // Other topics stored (c, and the other source's a): only a and b of events go.
    await store.lookupIndex.removeTopics('events', ['a', 'b', 'not-stored'])
    expect(await store.lookupIndex.count('events')).toBe(2)
    expect((await store.lookupIndex.positions('events')).map((p) => p.topic)).toEqual(['c'])
    expect((await store.lookupIndex.positions('events', 'c')).map((p) => p.topic)).toEqual(['c'])
    expect(await store.lookupIndex.positions('events', 'a')).toEqual([])
    expect((await store.lookupIndex.positions('other', 'a')).map((p) => p.topic)).toEqual(['a'])
    expect(await store.lookupIndex.find('events', [h(5)])).toHaveLength(1)
    expect(await store.lookupIndex.find('events', [h(1)])).toEqual([])
    expect(await store.lookupIndex.count('other')).toBe(2)
    expect(await store.lookupIndex.find('other', [h(7)])).toHaveLength(1)
    await store.lookupIndex.removeTopics('events', ['c'])
    expect(await store.lookupIndex.count('events')).toBe(0)
    expect(await store.lookupIndex.count('other')).toBe(2)
    await store.lookupIndex.removeTopics('events', [])
  })

  it("counts entries per topic as they are written: another connection's writes, and an index from before the count (migration 6)", async () => {
    const one = (topic: string, n: number, offsets: bigint[]) => ({
      topic,
      partition: 0,
      entries: offsets.map((offset) => ({ hmac: h(n), field: 'key', offset })),
      nextOffset: 9n,
      highWatermark: 9n,
    })
    await store.lookupIndex.commit('events', [one('a', 1, [1n, 2n]), one('b', 2, [3n])])
    // Written again (a re-read after a restart): entries are idempotent, so is the count.
    await store.lookupIndex.commit('events', [one('a', 1, [1n, 2n, 4n])])
    expect(await store.lookupIndex.count('events')).toBe(4)
    const second = openSqliteStore(file)
    await second.lookupIndex.commit('events', [one('c', 3, [5n, 6n])])
    await second.close()
    expect(await store.lookupIndex.count('events')).toBe(6)
    // As an index written before migration 6 was: no column, the migration not recorded.
    await store.close()
    const db = new Database(file)
    db.exec('ALTER TABLE lookup_index_topics DROP COLUMN entries')
    db.prepare('DELETE FROM schema_migrations WHERE version = 6').run()
    db.close()
    store = openSqliteStore(file)
    expect(await store.lookupIndex.count('events')).toBe(6)
  })

  it('empties the entries when every stored topic is removed (a rebuild of the one source)', async () => {
    const one = (topic: string, n: number) => ({
      topic,
      partition: 1,
      entries: [{ hmac: h(n), field: 'key', offset: 4n }],
      nextOffset: 5n,
      highWatermark: 5n,
    })
    await store.lookupIndex.commit('events', [one('x', 1), one('y', 2)])
    expect(await store.lookupIndex.count('events')).toBe(2)
    await store.lookupIndex.removeTopics('events', ['x', 'y'])
    expect(await store.lookupIndex.count('events')).toBe(0)
    expect(await store.lookupIndex.positions('events')).toEqual([])
    expect(await store.lookupIndex.find('events', [h(1), h(2)])).toEqual([])
    // Indexed again from the start afterwards.
    await store.lookupIndex.commit('events', [one('x', 1)])
    expect(await store.lookupIndex.find('events', [h(1)])).toHaveLength(1)
  })

  it('stores HMACs and numbers only: no value text in the tables', async () => {
    await store.lookupIndex.commit('events', [
      {
        topic: 't',
        partition: 0,
        entries: [{ hmac: h(5), field: 'customerEmail', offset: 0n }],
        nextOffset: 1n,
        highWatermark: 1n,
      },
    ])
    await store.close()
    const db = new Database(file, { readonly: true })
    const columns = db
      .prepare("SELECT name, type FROM pragma_table_info('lookup_index_entries')")
      .all() as Array<{ name: string; type: string }>
    db.close()
    expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'hmac BLOB',
      'topic_id INTEGER',
      'partition INTEGER',
      'offset INTEGER',
      'field_id INTEGER',
    ])
    store = openSqliteStore(file)
  })
  it('counts entries without re-reading the table, and sees what another connection wrote', async () => {
    const batch = (offset: bigint, hmacs: number[]) => [
      {
        topic: 'returns.requests',
        partition: 0,
        entries: hmacs.map((n) => ({ hmac: h(n), field: 'customerEmail', offset })),
        nextOffset: offset + 1n,
        highWatermark: offset + 1n,
      },
    ]
    expect(await store.lookupIndex.count('events')).toBe(0)
    await store.lookupIndex.commit('events', batch(0n, [1, 2]))
    // A re-run of a batch adds nothing (entries are idempotent).
    await store.lookupIndex.commit('events', batch(0n, [1, 2]))
    expect(await store.lookupIndex.count('events')).toBe(2)
    const other = openSqliteStore(file)
    await other.lookupIndex.commit('events', batch(5n, [3]))
    await other.close()
    expect(await store.lookupIndex.count('events')).toBe(3)
    await store.lookupIndex.commit('events', batch(6n, [4]))
    expect(await store.lookupIndex.count('events')).toBe(4)
    await store.lookupIndex.removeTopics('events', ['returns.requests'])
    expect(await store.lookupIndex.count('events')).toBe(0)
  })

  it('records the fields a topic was indexed with, and a restart drops only its positions', async () => {
    const commit = (topic: string) =>
      store.lookupIndex.commit('events', [
        {
          topic,
          partition: 0,
          entries: [{ hmac: h(1), field: 'after.Email', offset: 3n }],
          nextOffset: 10n,
          highWatermark: 10n,
        },
      ])
    await commit('crm.dbo.Customer')
    await commit('crm.dbo.Address')
    // Indexed before fields were recorded: unknown.
    expect(await store.lookupIndex.topicFields('events')).toEqual(
      new Map([
        ['crm.dbo.Customer', null],
        ['crm.dbo.Address', null],
      ]),
    )
    await store.lookupIndex.setTopicFields('events', 'crm.dbo.Address', ['after.Email'], {
      restart: false,
    })
    await store.lookupIndex.setTopicFields('events', 'crm.dbo.Customer', ['@key', 'after.Email'], {
      restart: true,
    })
    expect((await store.lookupIndex.topicFields('events')).get('crm.dbo.Customer')).toEqual([
      '@key',
      'after.Email',
    ])
    expect((await store.lookupIndex.positions('events')).map((p) => p.topic)).toEqual([
      'crm.dbo.Address',
    ])
    // Entries stay: lookups keep finding what was indexed while the topic is read again.
    expect(
      await store.lookupIndex.find('events', [h(1)], { topics: ['crm.dbo.Customer'] }),
    ).toEqual([{ topic: 'crm.dbo.Customer', partition: 0, offset: 3n, field: 'after.Email' }])
    await store.lookupIndex.removeTopics('events', ['crm.dbo.Address'])
    expect((await store.lookupIndex.topicFields('events')).get('crm.dbo.Address')).toBeNull()
  })

  it("reads positions again after this connection's writes and another's", async () => {
    const at = (nextOffset: bigint) => [
      { topic: 't', partition: 0, entries: [], nextOffset, highWatermark: 20n },
    ]
    await store.lookupIndex.commit('events', at(5n))
    expect((await store.lookupIndex.positions('events'))[0]!.nextOffset).toBe(5n)
    await store.lookupIndex.commit('events', at(7n))
    expect((await store.lookupIndex.positions('events'))[0]!.nextOffset).toBe(7n)
    const other = openSqliteStore(file)
    await other.lookupIndex.commit('events', at(9n))
    await other.close()
    expect((await store.lookupIndex.positions('events'))[0]!.nextOffset).toBe(9n)
    await store.lookupIndex.setTopicFields('events', 't', ['@key'], { restart: true })
    expect(await store.lookupIndex.positions('events')).toEqual([])
    await store.lookupIndex.commit('events', at(3n))
    await store.lookupIndex.markCaughtUp(
      'events',
      [{ topic: 't', partition: 0, highWatermark: 20n }],
      '2026-11-27T00:00:00.000Z',
    )
    const [p] = await store.lookupIndex.positions('events')
    expect(p!.caughtUpAt).toBe('2026-11-27T00:00:00.000Z')
    // Copies: a caller changing what it got changes nothing kept.
    p!.nextOffset = 99n
    expect((await store.lookupIndex.positions('events'))[0]!.nextOffset).toBe(3n)
    await store.lookupIndex.removeTopics('events', ['t'])
    expect(await store.lookupIndex.positions('events')).toEqual([])
  })
})

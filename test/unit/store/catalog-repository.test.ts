import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CatalogRepository, CrawlOutcome } from '../../../src/main/store/catalog-repository'
import { MIGRATIONS } from '../../../src/main/store/migrations'
import {
  applyMigrations,
  openSqliteStore,
  type SqliteCatalogStore,
} from '../../../src/main/store/sqlite-store'
import type { CatalogAsset } from '../../../src/shared/model/catalog'
import { column, estate, SOURCE, table, urnOf } from './catalog-fixtures'

describe('SQLite catalogue repository', () => {
  let dir: string
  let file: string
  let store: SqliteCatalogStore
  let catalog: CatalogRepository
  let clock = 0

  /** Runs one crawl of SOURCE to its end; timestamps strictly increase. */
  async function crawl(outcome: Partial<CrawlOutcome> & { assets: CatalogAsset[] }) {
    const startedAt = new Date(Date.UTC(2025, 0, 1, 0, 0, clock++)).toISOString()
    const id = await catalog.beginCrawl({ source: SOURCE, platform: 'postgres', startedAt })
    const endedAt = new Date(Date.UTC(2025, 0, 1, 0, 0, clock++)).toISOString()
    return catalog.finishCrawl(id, { status: 'succeeded', endedAt, ...outcome })
  }

  function count(sql: string): number {
    const db = new Database(file, { readonly: true })
    try {
      return (db.prepare(sql).pluck().get() as number) ?? 0
    } finally {
      db.close()
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-catalog-'))
    file = path.join(dir, '.sightline', 'sightline.db')
    store = openSqliteStore(file)
    catalog = store.catalog
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('commits a crawl as the current catalogue and lists its sources', async () => {
    const summary = await crawl({ assets: estate(), statements: 7 })
    expect(summary).toMatchObject({ status: 'succeeded', assets: 7, fields: 8, current: true })
    expect(summary.statements).toBe(7)
    expect(summary.durationMs).toBe(1000)
    expect(await catalog.currentCrawl(SOURCE)).toEqual(summary)
    expect(await catalog.catalogedSources()).toEqual([SOURCE])
    expect(await catalog.currentCrawlIds()).toEqual([{ source: SOURCE, crawlId: summary.id }])
    const got = await catalog.getAsset(urnOf(['crm', 'dbo', 'Customer'], 'Name'))
    expect(got?.asset.name).toBe('Customer')
    expect(got?.crawl.id).toBe(summary.id)
  })

  it('keeps the current catalogue when a crawl fails or is cancelled; its assets stay apart', async () => {
    const good = await crawl({ assets: estate() })
    const half = estate().slice(0, 2)
    const failed = await crawl({
      status: 'failed',
      assets: half,
      error: { code: 'unreachable', message: 'Connection refused.' },
    })
    const cancelled = await crawl({ status: 'cancelled', assets: [] })
    expect(failed).toMatchObject({ status: 'failed', assets: 2, current: false })
    expect(failed.error?.code).toBe('unreachable')
    expect(cancelled.current).toBe(false)
    expect((await catalog.currentCrawl(SOURCE))?.id).toBe(good.id)
    expect(await catalog.currentCrawlIds()).toEqual([{ source: SOURCE, crawlId: good.id }])
    const names = []
    for await (const asset of catalog.currentAssets({})) names.push(asset.name)
    expect(names).toHaveLength(7)
    // The failed crawl's gathered assets are readable with it.
    const fromFailed = await catalog.getAsset(urnOf(['crm']), failed.id)
    expect(fromFailed?.crawl.status).toBe('failed')
    expect(await catalog.getAsset(urnOf(['crm2']), failed.id)).toBeUndefined()
  })

  it('carries forward the failed part of a partial crawl, by URN prefix and not by string prefix', async () => {
    await crawl({ assets: estate() })
    // This time crm could not be read: only crm2 was crawled, and crm2 lost its orders table.
    const crm2Only = estate().filter((a) => a.path[0] === 'crm2' && a.name !== 'orders')
    const partial = await crawl({
      status: 'partial',
      assets: crm2Only,
      carryForward: [urnOf(['crm'])],
      partErrors: [{ part: urnOf(['crm']), error: { code: 'permission', message: 'Denied.' } }],
    })
    expect(partial).toMatchObject({ status: 'partial', current: true, assets: 6 })
    expect(partial.partErrors?.[0]?.part).toBe(urnOf(['crm']))
    const urns = []
    for await (const asset of catalog.currentAssets({ sources: [SOURCE] })) urns.push(asset.urn)
    expect(urns).toContain(urnOf(['crm', 'dbo', 'tblCust']))
    expect(urns).toContain(urnOf(['crm', 'dbo', 'Customer']))
    // `.../crm` must not drag `.../crm2/...` along: orders is gone.
    expect(urns).not.toContain(urnOf(['crm2', 'public', 'orders']))
  })

  it('lists the history newest first, per source or all', async () => {
    const first = await crawl({ assets: estate() })
    const second = await crawl({ status: 'failed', assets: [] })
    const third = await crawl({ assets: estate() })
    const history = await catalog.listCrawls({ source: SOURCE, limit: 10 })
    expect(history.map((c) => c.id)).toEqual([third.id, second.id, first.id])
    expect(history.map((c) => c.current)).toEqual([true, false, false])
    expect(await catalog.listCrawls({ limit: 2 })).toHaveLength(2)
    expect(await catalog.listCrawls({ source: 'other', limit: 10 })).toEqual([])
    expect(await catalog.getCrawl('999')).toBeUndefined()
    expect(await catalog.getCrawl('not-an-id')).toBeUndefined()
    await expect(
      catalog.finishCrawl(first.id, { status: 'succeeded', endedAt: '', assets: [] }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it('deduplicates snapshots: a second identical crawl adds no bodies', async () => {
    await crawl({ assets: estate() })
    const bodies = count('SELECT count(*) FROM asset_bodies')
    const searchRows = count('SELECT max(id) FROM search_rows')
    await crawl({ assets: estate() })
    expect(count('SELECT count(*) FROM asset_bodies')).toBe(bodies)
    // Unchanged searchable text: its rows were kept, not rewritten.
    expect(count('SELECT max(id) FROM search_rows')).toBe(searchRows)
    // New row counts change three bodies, and nothing else.
    await crawl({ assets: estate(11) })
    expect(count('SELECT count(*) FROM asset_bodies')).toBe(bodies + 3)
  })

  it('reports zero drift for an identical re-crawl, even when counts and samples changed', async () => {
    const a = await crawl({ assets: estate(10) })
    const b = await crawl({ assets: estate(99) })
    const diff = await catalog.diff(a.id, b.id)
    expect(diff.changes).toEqual([])
    expect(diff.summary).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      fieldsAdded: 0,
      fieldsRemoved: 0,
      fieldsChanged: 0,
    })
    expect(diff.from?.id).toBe(a.id)
  })

  it('reports drift: assets added and removed, types and nullability changed, renames as removed + added', async () => {
    const before = await crawl({ assets: estate() })
    const next = estate().filter((x) => x.name !== 'tblCust')
    const customer = next.find((x) => x.name === 'Customer')!
    const t = ['crm', 'dbo', 'Customer']
    customer.fields = [
      column(t, 'Id', 'bigint', { nullable: false, primaryKey: true }),
      column(t, 'CustomerEmail', 'varchar(200)', { nullable: false }),
      column(t, 'Email', 'varchar(200)'),
      column(t, 'Name', 'varchar(100)', { description: 'Full name of the customer' }),
    ]
    customer.primaryKey = { name: 'pk_customer', columns: ['Id', 'Name'] }
    const orders = next.find((x) => x.name === 'orders')!
    orders.fields[1]!.types = [
      { type: 'string', count: 5 },
      { type: 'null', count: 1 },
    ]
    next.push(table(['crm', 'dbo', 'Invoice'], [column(['crm', 'dbo', 'Invoice'], 'Id')]))
    const after = await crawl({ assets: next })
    const diff = await catalog.diff(before.id, after.id)
    const byUrn = new Map(diff.changes.map((c) => [c.urn, c]))
    expect(byUrn.get(urnOf(['crm', 'dbo', 'tblCust']))?.change).toBe('removed')
    expect(byUrn.get(urnOf(['crm', 'dbo', 'Invoice']))?.change).toBe('added')
    const changed = byUrn.get(urnOf(t))!
    expect(changed.change).toBe('changed')
    expect(changed.details).toEqual(['primaryKey: (Id) -> (Id, Name)'])
    const fields = new Map(changed.fields.map((f) => [f.path, f]))
    expect(fields.get('Id')).toMatchObject({
      change: 'changed',
      details: ['declaredType: integer -> bigint'],
    })
    expect(fields.get('CustomerEmail')?.details).toEqual(['nullable: true -> false'])
    expect(fields.get('EmailAddress')?.change).toBe('removed')
    expect(fields.get('Email')?.change).toBe('added')
    expect(fields.has('Name')).toBe(false)
    const orderChange = byUrn.get(urnOf(['crm2', 'public', 'orders']))!
    expect(orderChange.fields).toEqual([
      expect.objectContaining({ path: 'contact.email', details: ['types: string -> null|string'] }),
    ])
    expect(diff.summary).toEqual({
      added: 1,
      removed: 1,
      changed: 2,
      fieldsAdded: 1,
      fieldsRemoved: 1,
      fieldsChanged: 3,
    })
  })

  it('refuses drift across two sources', async () => {
    const a = await crawl({ assets: estate() })
    const id = await catalog.beginCrawl({ source: 'other', platform: 'kafka', startedAt: 'x' })
    await catalog.finishCrawl(id, { status: 'succeeded', endedAt: 'y', assets: [] })
    await expect(catalog.diff(a.id, id)).rejects.toMatchObject({ code: 'bad-input' })
    await expect(catalog.diff(a.id, '12345')).rejects.toMatchObject({ code: 'not-found' })
  })

  it('serves the tree: top-level assets, children, child and field counts', async () => {
    await crawl({ assets: estate() })
    const top = await catalog.treeChildren({ source: SOURCE })
    expect(top.map((n) => [n.name, n.kind, n.childCount])).toEqual([
      ['crm', 'database', 1],
      ['crm2', 'database', 1],
    ])
    expect(top[0]!.fieldCount).toBeUndefined()
    const tables = await catalog.treeChildren({ source: SOURCE, parent: urnOf(['crm', 'dbo']) })
    expect(tables.map((n) => [n.id, n.name, n.childCount, n.fieldCount])).toEqual([
      [urnOf(['crm', 'dbo', 'Customer']), 'Customer', 0, 4],
      [urnOf(['crm', 'dbo', 'tblCust']), 'tblCust', 0, 2],
    ])
    expect(await catalog.treeChildren({ source: 'nobody' })).toEqual([])
  })

  it('streams the current catalogue: sources in name order, assets in URN order', async () => {
    await crawl({ assets: estate().reverse() })
    const id = await catalog.beginCrawl({ source: 'a-first', platform: 'kafka', startedAt: 'x' })
    const topic: CatalogAsset = {
      urn: 'kafka://a-first/orders',
      source: 'a-first',
      platform: 'kafka',
      kind: 'topic',
      name: 'orders',
      path: ['orders'],
      fields: [],
    }
    await catalog.finishCrawl(id, { status: 'succeeded', endedAt: 'y', assets: [topic] })
    const urns = []
    for await (const asset of catalog.currentAssets({})) urns.push(asset.urn)
    expect(urns[0]).toBe('kafka://a-first/orders')
    const rest = urns.slice(1)
    expect(rest).toEqual([...rest].sort())
    expect(rest).toHaveLength(7)
    const only = []
    for await (const asset of catalog.currentAssets({ sources: ['a-first'] })) only.push(asset)
    expect(only).toEqual([topic])
  })

  it('migrates a version-1 database, keeping its audit entries', async () => {
    await store.close()
    const old = path.join(dir, 'old.db')
    const db = new Database(old)
    applyMigrations(
      db,
      MIGRATIONS.filter((m) => m.version === 1),
    )
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor, action, prev_hash, hash) VALUES (1, 'now', 'alice', 'source.add', 'g', 'h')`,
    ).run()
    db.close()
    store = openSqliteStore(old)
    catalog = store.catalog
    expect((await store.audit.all()).map((e) => e.actor)).toEqual(['alice'])
    file = old
    const summary = await crawl({ assets: estate() })
    expect(summary.current).toBe(true)
    expect(count('SELECT max(version) FROM schema_migrations')).toBe(MIGRATIONS.at(-1)!.version)
  })
})

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CatalogRepository } from '../../../src/main/store/catalog-repository'
import { openSqliteStore, type SqliteCatalogStore } from '../../../src/main/store/sqlite-store'
import type { CatalogAsset } from '../../../src/shared/model/catalog'
import { column, estate, SOURCE, table, urnOf } from './catalog-fixtures'

describe('catalogue search (FTS5)', () => {
  let dir: string
  let store: SqliteCatalogStore
  let catalog: CatalogRepository

  async function commit(source: string, assets: CatalogAsset[]): Promise<void> {
    const id = await catalog.beginCrawl({ source, platform: 'postgres', startedAt: 'a' })
    await catalog.finishCrawl(id, { status: 'succeeded', endedAt: 'b', assets })
  }

  const search = (
    text: string,
    extra: { sources?: string[]; kinds?: CatalogAsset['kind'][] } = {},
  ) => catalog.search({ text, limit: 20, ...extra })

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-search-'))
    store = openSqliteStore(path.join(dir, 'sightline.db'))
    catalog = store.catalog
    const assets = estate()
    const emailTable = ['crm', 'dbo', 'Email']
    assets.push(table(emailTable, [column(emailTable, 'Id')]))
    await commit(SOURCE, assets)
  })
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds email across naming styles', async () => {
    const hits = await search('email')
    const names = hits.map((h) => h.fieldPath ?? h.title)
    for (const name of ['CustomerEmail', 'cust_email', 'contact.email', 'EmailAddress']) {
      expect(names).toContain(name)
    }
  })

  it('ranks exact name, then prefix, then substring; assets before fields at equal rank', async () => {
    const hits = await search('email')
    expect(hits.map((h) => h.fieldPath ?? h.title)).toEqual([
      'crm.dbo.Email', // exact, asset
      'contact.email', // exact, field
      'EmailAddress', // prefix
      'cust_email', // substring, shorter name first
      'CustomerEmail',
    ])
    expect(hits[0]).toMatchObject({
      matched: 'asset',
      kind: 'table',
      urn: urnOf(['crm', 'dbo', 'Email']),
    })
    expect(hits[1]).toMatchObject({
      matched: 'field',
      kind: 'table',
      assetUrn: urnOf(['crm2', 'public', 'orders']),
      urn: urnOf(['crm2', 'public', 'orders'], 'contact.email'),
      title: 'crm2.public.orders › contact.email',
    })
  })

  it('marks the match in a snippet', async () => {
    const byPath = new Map((await search('email')).map((h) => [h.fieldPath ?? h.title, h.snippet]))
    expect(byPath.get('CustomerEmail')).toBe('Customer«Email»')
    expect(byPath.get('cust_email')).toBe('cust_«email»')
    expect(byPath.get('contact.email')).toBe('contact.«email»')
    expect(byPath.get('crm.dbo.Email')).toBe('«Email»')
  })

  it('finds a substring inside a name: cust finds tblCust', async () => {
    const hits = await search('cust')
    expect(hits.map((h) => h.fieldPath ?? h.title)).toEqual([
      'crm.dbo.Customer', // prefix, asset
      'cust_email', // prefix, fields in name order
      'CustomerEmail',
      'crm.dbo.tblCust', // substring
      'Name', // its description: "Full name of the customer"
    ])
    expect(hits.map((h) => h.matched)).toEqual(['asset', 'field', 'field', 'asset', 'description'])
    expect(hits.find((h) => h.title === 'crm.dbo.tblCust')?.snippet).toBe('tbl«Cust»')
  })

  it('answers one- and two-letter queries by prefix', async () => {
    expect((await search('e')).map((h) => h.fieldPath ?? h.title)).toEqual([
      'crm.dbo.Email',
      'contact.email',
      'EmailAddress',
    ])
    expect((await search('Na')).map((h) => h.fieldPath)).toEqual(['Name'])
  })

  it('searches descriptions and tags, saying so', async () => {
    const [described] = await search('full name')
    expect(described).toMatchObject({ fieldPath: 'Name', matched: 'description' })
    expect(described!.snippet).toBe('«Full» «name» of the customer')
    const [bought] = await search('buy')
    expect(bought).toMatchObject({ title: 'crm.dbo.Customer', matched: 'description' })
    expect(bought!.snippet).toBe('People who «buy» things')
    const [tagged] = await search('gold')
    expect(tagged).toMatchObject({
      title: 'crm.dbo.Customer',
      matched: 'tag',
      snippet: '«gold» pii',
    })
  })

  it('matches several terms across the path: customer email', async () => {
    const hits = await search('customer email')
    expect(hits[0]?.fieldPath).toBe('CustomerEmail')
    expect(hits.map((h) => h.fieldPath)).toContain('EmailAddress')
    expect(hits.every((h) => h.assetUrn === urnOf(['crm', 'dbo', 'Customer']))).toBe(true)
  })

  it('finds a field by its dotted path, alone or after words of its asset (issue 6 item 7)', async () => {
    const orders = urnOf(['crm2', 'public', 'orders'])
    const [byPath] = await search('contact.email')
    expect(byPath).toMatchObject({ urn: urnOf(['crm2', 'public', 'orders'], 'contact.email') })
    expect(byPath!.snippet).toBe('crm2.public.orders › «contact».«email»')
    // Asset words and a path across the asset / field boundary: the field named last comes first.
    const [asTyped] = await search('crm Customer.EmailAddress')
    expect(asTyped).toMatchObject({
      fieldPath: 'EmailAddress',
      title: 'crm.dbo.Customer › EmailAddress',
    })
    const [pasted] = await search('crm.dbo.Customer › CustomerEmail')
    expect(pasted?.fieldPath).toBe('CustomerEmail')
    expect((await search('orders.contact.email')).map((h) => h.urn)).toEqual([
      urnOf(['crm2', 'public', 'orders'], 'contact.email'),
    ])
    // `public` is only a schema name (no row is named after it): the next word finds candidates.
    const words = await search('crm2 public email')
    expect(words.map((h) => h.fieldPath)).toEqual(['contact.email'])
    expect(words[0]!.assetUrn).toBe(orders)
    // A path that is not there finds nothing, rather than its words anywhere.
    expect(await search('email.contact')).toEqual([])
  })

  it('filters by source and kind, and takes FTS syntax as plain text', async () => {
    expect(await search('email', { sources: ['elsewhere'] })).toEqual([])
    expect((await search('email', { kinds: ['table'] })).length).toBeGreaterThan(0)
    expect(await search('email', { kinds: ['topic'] })).toEqual([])
    expect(await search('"AND* NEAR(')).toEqual([])
    expect(await search('   ')).toEqual([])
  })

  it('follows the current catalogue: rows of removed assets go, a failed crawl changes nothing', async () => {
    const id = await catalog.beginCrawl({ source: SOURCE, platform: 'postgres', startedAt: 'c' })
    await catalog.finishCrawl(id, { status: 'failed', endedAt: 'd', assets: [] })
    expect((await search('tblcust')).length).toBe(1)
    await commit(
      SOURCE,
      estate().filter((a) => a.name !== 'tblCust'),
    )
    expect(await search('tblcust')).toEqual([])
    expect((await search('cust_email')).length).toBe(0)
    expect((await search('CustomerEmail')).map((h) => h.fieldPath)).toEqual(['CustomerEmail'])
  })

  it('a recrawl replaces a changed asset’s rows and adds a new asset’s once', async () => {
    const path1 = ['crm', 'dbo', 'Zephyr']
    const path2 = ['crm', 'dbo', 'Quokka']
    const base = estate().filter((a) => a.name !== 'tblCust')
    await commit(SOURCE, [...base, table(path1, [column(path1, 'ZephyrCode')])])
    expect((await search('ZephyrCode')).length).toBe(1)
    // Zephyr changes (a field renamed) and Quokka is new in the same crawl.
    await commit(SOURCE, [
      ...base,
      table(path1, [column(path1, 'ZephyrKey')]),
      table(path2, [column(path2, 'QuokkaKey')]),
    ])
    expect(await search('ZephyrCode')).toEqual([])
    expect((await search('ZephyrKey')).length).toBe(1)
    expect((await search('QuokkaKey')).length).toBe(1)
    const quokka = await search('Quokka')
    expect(quokka.map((h) => h.fieldPath ?? '(table)').sort()).toEqual(['(table)', 'QuokkaKey'])
  })
})

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sketchHook } from '../../../../src/main/lineage/infer/sketch-hook'
import { openSqliteStore, type SqliteCatalogStore } from '../../../../src/main/store/sqlite-store'
import { CUSTOMER, emails, estate, messy, mobiles, VIEW } from './fixtures'

describe('sketches in the store', { timeout: 30_000 }, () => {
  let dir: string
  let file: string
  let store: SqliteCatalogStore
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-sketch-'))
    file = path.join(dir, 'sightline.db')
    store = openSqliteStore(file)
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const crawlOf = (source: string) => {
    const built = estate()
    const assets = [...built.assets.values()].filter((a) => a.source === source)
    return { source, assets, samples: built.samples }
  }

  it('keeps a committed crawl sketches per field and variant, replacing the source ones', async () => {
    const hook = sketchHook(store)
    await hook(crawlOf('crm'))
    await hook(crawlOf('sv'))
    const all = await store.sketches.all()
    const email = all.filter((s) => s.fieldUrn === `${CUSTOMER}#Email`)
    expect(email.map((s) => s.variant).sort()).toEqual(
      ['as-is', 'collapse-whitespace', 'sha256-email', 'trim', 'trim-lower'].sort(),
    )
    expect(email.find((s) => s.variant === 'trim-lower')?.distinct).toBe(400)
    expect(
      all.find((s) => s.fieldUrn === `${VIEW}#_id` && s.variant === 'id-core')?.idFormat,
    ).toEqual({
      prefix: 'C',
      width: 8,
    })
    // Hashes come back exactly as they were computed.
    expect(all.every((s) => s.hashes.every((h) => Number.isSafeInteger(h)))).toBe(true)

    // A second crawl of crm with one asset replaces all of crm's sketches; sv's stay.
    const crm = crawlOf('crm')
    await hook({ ...crm, assets: crm.assets.filter((a) => a.urn === CUSTOMER) })
    const after = await store.sketches.all()
    expect(after.some((s) => s.fieldUrn.startsWith(`${CUSTOMER}#`))).toBe(true)
    expect(after.some((s) => s.assetUrn.endsWith('/Address'))).toBe(false)
    expect(after.some((s) => s.assetUrn === VIEW)).toBe(true)
  })

  it('stores numbers only: no sampled value anywhere in the database files', async () => {
    await sketchHook(store)(crawlOf('crm'))
    await sketchHook(store)(crawlOf('sv'))
    await store.close()
    const db = new Database(file, { readonly: true })
    const columns = db.prepare('PRAGMA table_info(field_sketches)').all() as Array<{
      name: string
      type: string
    }>
    // Identifiers (URNs, source, variant, id prefix) are text; everything about values is not.
    const text = columns.filter((c) => c.type === 'TEXT').map((c) => c.name)
    expect(text.sort()).toEqual(['asset_urn', 'field_urn', 'id_prefix', 'source', 'variant'])
    db.close()
    const bytes = readdirSync(dir)
      .map((f) => readFileSync(path.join(dir, f)).toString('latin1'))
      .join('')
    for (const value of [...emails.slice(0, 50), ...messy.slice(0, 50), ...mobiles.slice(0, 50)])
      expect(bytes.includes(value.trim())).toBe(false)
    store = openSqliteStore(file)
  })

  it('skips booleans and fields with a handful of distinct values', async () => {
    const built = estate()
    const asset = { ...built.assets.get(CUSTOMER)!, fields: [] as never[] }
    asset.fields = [
      { urn: `${CUSTOMER}#Flag`, path: 'Flag', name: 'Flag' },
      { urn: `${CUSTOMER}#Tier`, path: 'Tier', name: 'Tier' },
    ] as never[]
    const samples = new Map<string, unknown[]>([
      [`${CUSTOMER}#Flag`, [true, false, true]],
      [`${CUSTOMER}#Tier`, ['gold', 'silver', 'gold']],
    ])
    await sketchHook(store)({ source: 'crm', assets: [asset], samples })
    expect(await store.sketches.all()).toEqual([])
  })
})

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TABLES_PER_BATCH, generateFiller } from '../../estate/data/filler.js'
import { Rng } from '../../estate/data/prng.js'
import { SCALES } from '../../estate/data/scale.js'

const dir = mkdtempSync(path.join(tmpdir(), 'sightline-filler-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('estate generator: bench filler', () => {
  const scale = {
    ...SCALES.tiny,
    fillerTables: 1_100,
    fillerDatabases: ['wh_a', 'wh_b'],
    fillerCollections: 12,
  }
  const assets = generateFiller(scale, new Rng('filler'), dir)

  it('makes exactly the asked-for tables and collections, with unique URNs and no personal fields', () => {
    expect(assets.filter((a) => a.kind === 'table')).toHaveLength(1_100)
    expect(assets.filter((a) => a.kind === 'collection')).toHaveLength(12)
    expect(new Set(assets.map((a) => a.urn)).size).toBe(assets.length)
    expect(assets.every((a) => a.filler && a.fields.every((f) => f.category === null))).toBe(true)
  })

  it('writes each database as a few big batches whose statements match the manifest', () => {
    const sql = readFileSync(path.join(dir, 'pg/filler/wh_a.sql'), 'utf8')
    const batches = sql.split('\n\n').filter((b) => b.trim())
    expect(batches.length).toBe(Math.ceil(550 / TABLES_PER_BATCH))
    expect(sql.match(/CREATE TABLE/g)).toHaveLength(550)
    const inserted = (sql.match(/\(\d+, /g) ?? []).length
    const expectedRows = assets
      .filter((a) => a.kind === 'table' && a.path[0] === 'wh_a')
      .reduce((n, a) => n + a.count, 0)
    expect(inserted).toBe(expectedRows)
  })
})

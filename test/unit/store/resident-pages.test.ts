import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  keepPagesResident,
  unpackedPath,
  type ResidentPages,
} from '../../../src/main/store/resident-pages'

/** Whether this process (any of its threads) has `file` memory-mapped. */
function mapped(file: string): boolean {
  return readFileSync('/proc/self/maps', 'utf8')
    .split('\n')
    .some((line) => line.endsWith(` ${file}`))
}

async function until(ok: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A WAL store file with `rows` rows of 200 random-ish bytes, checkpointed into the file. */
function storeWith(dir: string, rows: number): { file: string; db: Database.Database } {
  const file = path.join(dir, 'store.db')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec('CREATE TABLE IF NOT EXISTS t (k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID')
  grow(db, rows)
  return { file, db }
}

function grow(db: Database.Database, rows: number): void {
  const insert = db.prepare('INSERT INTO t (k, v) VALUES (randomblob(16), randomblob(200))')
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run()
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
}

describe('keepPagesResident', () => {
  let dir: string
  let resident: ResidentPages | undefined
  let db: Database.Database | undefined
  afterEach(async () => {
    await resident?.close()
    db?.close()
    resident = undefined
    db = undefined
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('maps the whole file in a worker and touches every page, until closed', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-resident-'))
    const store = storeWith(dir, 5_000)
    db = store.db
    const pages = db.pragma('page_count', { simple: true }) as number
    expect(mapped(store.file)).toBe(false)

    resident = keepPagesResident(store.file)
    expect(resident.status().state).toBe('warming')
    const first = await resident.firstPass
    expect(first).toMatchObject({
      state: 'resident',
      fileBytes: statSync(store.file).size,
      residentBytes: statSync(store.file).size,
      pages,
    })
    expect(first.lastPassMs).toBeGreaterThanOrEqual(0)
    expect(mapped(store.file)).toBe(true)

    await resident.close()
    expect(mapped(store.file)).toBe(false)
    // The store itself is untouched: still readable and writable by its own connection.
    grow(db, 10)
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(5_010)
  })

  it('passes over the file again once it has grown', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-resident-'))
    const store = storeWith(dir, 1_000)
    db = store.db
    resident = keepPagesResident(store.file, { checkEveryMs: 25 })
    const before = (await resident.firstPass).pages!
    grow(db, 5_000)
    const after = db.pragma('page_count', { simple: true }) as number
    expect(after).toBeGreaterThan(before)
    await until(() => resident!.status().pages === after)
    expect(resident.status()).toMatchObject({
      state: 'resident',
      fileBytes: statSync(store.file).size,
    })
  })

  it('lets go of the file once it grows past its share of memory', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-resident-'))
    const store = storeWith(dir, 1_000)
    db = store.db
    // A quarter of 4 MB: the ~200 KB file fits, the ~3 MB one it grows into does not.
    expect(statSync(store.file).size).toBeLessThan(512 * 1024)
    resident = keepPagesResident(store.file, {
      totalMemoryBytes: 4 * 1024 * 1024,
      checkEveryMs: 25,
    })
    expect((await resident.firstPass).state).toBe('resident')
    expect(mapped(store.file)).toBe(true)
    grow(db, 12_000)
    await until(() => resident!.status().state === 'too-large')
    expect(resident.status().message).toMatch(/^The store \(\d+ MB\) is larger than 1 MB/)
    await until(() => !mapped(store.file))
    await resident.close()
  })

  it('keeps nothing when the file is over its share of memory, and says why', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-resident-'))
    const store = storeWith(dir, 1_000)
    db = store.db
    // A quarter of 64 KB: far less than the ~200 KB file, whatever SQLite's page use.
    expect(statSync(store.file).size).toBeGreaterThan(64 * 1024)
    resident = keepPagesResident(store.file, { totalMemoryBytes: 64 * 1024 })
    const status = await resident.firstPass
    expect(status.state).toBe('too-large')
    expect(status.message).toMatch(
      /^The store \(\d+ KB\) is larger than 16 KB, the share of this machine's memory/,
    )
    expect(mapped(store.file)).toBe(false)
  })

  it('reports a file it cannot open as failed, without throwing', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-resident-'))
    resident = keepPagesResident(path.join(dir, 'absent.db'))
    const status = await resident.firstPass
    expect(status.state).toBe('failed')
    expect(status.message).toMatch(/^Could not keep the store in memory: .*(exist|open)/i)
  })
})

describe('unpackedPath', () => {
  const pkg = '/opt/Sightline/resources/app.asar/node_modules/better-sqlite3/lib/index.js'
  it('points a worker at the unpacked copy of a driver resolved inside app.asar', () => {
    expect(unpackedPath(pkg, () => true)).toBe(
      '/opt/Sightline/resources/app.asar.unpacked/node_modules/better-sqlite3/lib/index.js',
    )
    expect(unpackedPath('C:\\Sightline\\resources\\app.asar\\node_modules\\x.js', () => true)).toBe(
      'C:\\Sightline\\resources\\app.asar.unpacked\\node_modules\\x.js',
    )
  })
  it('keeps the resolved path when there is no unpacked copy, or no archive', () => {
    expect(unpackedPath(pkg, () => false)).toBe(pkg)
    const plain = '/work/main/node_modules/better-sqlite3/lib/index.js'
    expect(unpackedPath(plain, () => true)).toBe(plain)
  })
})

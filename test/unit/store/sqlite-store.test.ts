import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src/main/store/migrations'
import { applyMigrations, openSqliteStore } from '../../../src/main/store/sqlite-store'

describe('SQLite store', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-store-'))
    file = path.join(dir, '.sightline', 'sightline.db')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('is created on first use: WAL, migrations recorded, owner-only file', async () => {
    const store = openSqliteStore(file)
    await store.close()
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700)
    const db = new Database(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const versions = db.prepare('SELECT version FROM schema_migrations').all() as {
      version: number
    }[]
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version))
    db.close()
  })

  it('applies each migration once', () => {
    const db = new Database(':memory:')
    expect(applyMigrations(db)).toBe(MIGRATIONS.length)
    expect(applyMigrations(db)).toBe(0)
    db.close()
  })

  it('keeps one random 32-byte workspace key across reopenings', async () => {
    const first = openSqliteStore(file)
    const key = await first.workspaceKey()
    expect(key).toHaveLength(32)
    expect((await first.workspaceKey()).equals(key)).toBe(true)
    await first.close()
    const second = openSqliteStore(file)
    expect((await second.workspaceKey()).equals(key)).toBe(true)
    await second.close()
    const other = openSqliteStore(path.join(dir, 'other', 'sightline.db'))
    expect((await other.workspaceKey()).equals(key)).toBe(false)
    await other.close()
  })
})

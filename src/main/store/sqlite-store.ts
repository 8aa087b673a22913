import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { AuditAction, AuditEntry } from '../../shared/model/audit'
import type { CatalogRepository } from './catalog-repository'
import type { AuditHead, AuditRepository, CatalogStore } from './catalog-store'
import { MIGRATIONS, type Migration } from './migrations'
import { SqliteCatalogRepository } from './sqlite-catalog/sqlite-catalog-repository'
import type { SketchRepository } from './sketch-repository'
import type { LookupIndexRepository } from './lookup-index-repository'
import { SqliteLookupIndexRepository } from './sqlite-lookup-index-repository'
import { SqliteSketchRepository } from './sqlite-sketch-repository'

type Db = Database.Database

interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  target: string | null
  subject_hmac: string | null
  fields: string | null
  reason: string | null
  details: string | null
  prev_hash: string
  hash: string
}

function rowToEntry(row: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditAction,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
  if (row.target !== null) entry.target = row.target
  if (row.subject_hmac !== null) entry.subjectHmac = row.subject_hmac
  if (row.fields !== null) entry.fields = JSON.parse(row.fields) as string[]
  if (row.reason !== null) entry.reason = row.reason
  if (row.details !== null) entry.details = JSON.parse(row.details) as Record<string, unknown>
  return entry
}

export function applyMigrations(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  )
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)',
  )
  let count = 0
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.description, new Date().toISOString())
    })()
    count++
  }
  return count
}

class SqliteAuditRepository implements AuditRepository {
  private readonly insert
  private readonly head
  private readonly setHead

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`INSERT INTO audit_log
      (seq, at, actor, action, target, subject_hmac, fields, reason, details, prev_hash, hash)
      VALUES (@seq, @at, @actor, @action, @target, @subjectHmac, @fields, @reason, @details, @prevHash, @hash)`)
    this.head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    this.setHead = db.prepare(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    )
  }

  async append(build: (head: AuditHead | undefined) => AuditEntry): Promise<AuditEntry> {
    // IMMEDIATE: two processes on one workspace (desktop + CLI) cannot fork the chain.
    const run = this.db.transaction(() => {
      const entry = build(this.head.get() as AuditHead | undefined)
      this.insert.run({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        subjectHmac: entry.subjectHmac ?? null,
        fields: entry.fields === undefined ? null : JSON.stringify(entry.fields),
        reason: entry.reason ?? null,
        details: entry.details === undefined ? null : JSON.stringify(entry.details),
        prevHash: entry.prevHash,
        hash: entry.hash,
      })
      this.setHead.run(entry.seq, entry.hash)
      return entry
    })
    return run.immediate()
  }

  async list(query: { limit: number; beforeSeq?: number }): Promise<AuditEntry[]> {
    const rows =
      query.beforeSeq === undefined
        ? this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(query.limit)
        : this.db
            .prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?')
            .all(query.beforeSeq, query.limit)
    return (rows as AuditRow[]).map(rowToEntry)
  }

  async all(): Promise<AuditEntry[]> {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]
    return rows.map(rowToEntry)
  }

  async recordedHead(): Promise<AuditHead | undefined> {
    return this.db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      AuditHead | undefined
  }
}

export class SqliteCatalogStore implements CatalogStore {
  readonly audit: AuditRepository
  readonly catalog: CatalogRepository
  readonly sketches: SketchRepository
  readonly lookupIndex: LookupIndexRepository
  private hmacKey: Buffer | undefined

  constructor(private readonly db: Db) {
    this.audit = new SqliteAuditRepository(db)
    this.catalog = new SqliteCatalogRepository(db)
    this.sketches = new SqliteSketchRepository(db)
    this.lookupIndex = new SqliteLookupIndexRepository(db)
  }

  async workspaceKey(): Promise<Buffer> {
    // Created once and never changed: read once per store, not in a write transaction per call
    // (every lookup-index probe and audit entry asks for it).
    if (this.hmacKey) return Buffer.from(this.hmacKey)
    const read = this.db.prepare('SELECT key FROM workspace_keys WHERE purpose = ?')
    const create = this.db.transaction(() => {
      const existing = read.get('hmac') as { key: Buffer } | undefined
      if (existing) return existing.key
      const key = randomBytes(32)
      this.db
        .prepare('INSERT INTO workspace_keys (purpose, key, created_at) VALUES (?, ?, ?)')
        .run('hmac', key, new Date().toISOString())
      return key
    })
    this.hmacKey = create.immediate()
    return Buffer.from(this.hmacKey)
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}

/**
 * Opens (creating on first use) the workspace's SQLite store: WAL journal, migrations applied,
 * the file readable by its owner only since it holds the audit log and the HMAC key.
 */
export function openSqliteStore(file: string): SqliteCatalogStore {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const isNew = !existsSync(file)
  const db = new Database(file)
  if (isNew) chmodSync(file, 0o600)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  applyMigrations(db)
  return new SqliteCatalogStore(db)
}

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AuditLog, normaliseIdentifier } from '../../../src/main/audit/audit-log'
import { canonicalJson, GENESIS_HASH, hashEntry } from '../../../src/main/audit/hash-chain'
import { openSqliteStore, type SqliteCatalogStore } from '../../../src/main/store/sqlite-store'

/** Someone with the database file in hand: the app's append-only triggers do not stop them. */
function tamper(file: string, sql: string): void {
  const db = new Database(file)
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;')
  db.exec(sql)
  db.close()
}

describe('audit log', () => {
  let dir: string
  let file: string
  let store: SqliteCatalogStore
  let log: AuditLog

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-audit-'))
    file = path.join(dir, '.sightline', 'sightline.db')
    store = openSqliteStore(file)
    log = new AuditLog(store, 'alice')
    await log.record({ action: 'source.add', target: 'crm', details: { kind: 'postgres' } })
    await log.record({
      action: 'lookup',
      target: 'crm',
      subject: ' Jane.Doe@Example.com ',
      fields: ['f1'],
    })
    await log.record({ action: 'reveal', target: 'crm', fields: ['urn:a#Email'], reason: 'SAR 42' })
    await log.record({ action: 'export', reason: 'subject access request', details: { rows: 3 } })
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('chains entries: seq from 1, prevHash of each = hash of the one before, hash = sha256 of canonical JSON', async () => {
    const entries = (await log.list()).reverse()
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH)
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash)
    for (const entry of entries) expect(hashEntry(entry)).toBe(entry.hash)
    expect(entries[0]).toMatchObject({ actor: 'alice', action: 'source.add', target: 'crm' })
    expect(await log.verify()).toEqual({ ok: true, entries: 4 })
  })

  it('stores only an HMAC of the subject, the same for the same person however typed', async () => {
    const [, lookup] = (await log.list()).reverse()
    expect(lookup!.subjectHmac).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(lookup)).not.toMatch(/jane/i)
    expect(await log.subjectHmac('JANE.DOE@example.com')).toBe(lookup!.subjectHmac)
    expect(normaliseIdentifier('  A  b ')).toBe('a b')
  })

  it('requires a reason for reveal and export', async () => {
    await expect(log.record({ action: 'reveal', fields: ['x'] })).rejects.toMatchObject({
      code: 'bad-input',
      details: { field: 'reason' },
    })
    await expect(log.record({ action: 'export', reason: '   ' })).rejects.toMatchObject({
      code: 'bad-input',
    })
    expect(await log.verify()).toMatchObject({ ok: true, entries: 4 })
  })

  it('is append-only for the app: updates and deletes are refused by the store', () => {
    const db = new Database(file)
    expect(() => db.exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")).toThrow(
      /append-only/,
    )
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 1')).toThrow(/append-only/)
    db.close()
  })

  it('detects a changed field', async () => {
    tamper(file, "UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 3")
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      problem: expect.stringMatching(/altered/),
    })
  })

  it('detects a changed field even when the hash is recomputed (the link breaks)', async () => {
    const [, second] = (await log.list()).reverse()
    const forged = { ...second!, actor: 'mallory' }
    const forgedHash = hashEntry(forged)
    tamper(file, `UPDATE audit_log SET actor = 'mallory', hash = '${forgedHash}' WHERE seq = 2`)
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      problem: expect.stringMatching(/does not link/),
    })
  })

  it('detects a deleted entry in the middle', async () => {
    tamper(file, 'DELETE FROM audit_log WHERE seq = 2')
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 2,
      problem: expect.stringMatching(/missing/),
    })
  })

  it('detects entries deleted from the end', async () => {
    tamper(file, 'DELETE FROM audit_log WHERE seq >= 3')
    expect(await log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      problem: expect.stringMatching(/missing from the end/),
    })
  })

  it('detects reordered entries', async () => {
    tamper(
      file,
      'UPDATE audit_log SET seq = -2 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -2;',
    )
    const result = await log.verify()
    expect(result.ok).toBe(false)
    expect(result.firstBadSeq).toBe(2)
  })

  it('pages newest first', async () => {
    expect((await log.list({ limit: 2 })).map((e) => e.seq)).toEqual([4, 3])
    expect((await log.list({ limit: 2, beforeSeq: 3 })).map((e) => e.seq)).toEqual([2, 1])
  })

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    )
  })
})

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../support/estate'

/** The real command, as a user runs it (a process per call, hence an integration test). */
function sightline(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'sightline.js'), ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { ...process.env, SIGHTLINE_WORKSPACE: '', ...opts.env },
    timeout: 60_000,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('sightline CLI', () => {
  let ws: string
  beforeAll(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-cli-'))
  })
  afterAll(() => rmSync(ws, { recursive: true, force: true }))

  it('adds a source with an env password reference, aliases and options (--json)', () => {
    const run = sightline([
      'sources',
      'add',
      'crm',
      '--kind',
      'postgres',
      '--url',
      'postgres://127.0.0.1:5432/crm',
      '--username',
      'reader',
      '--password-env',
      'CRM_PW',
      '--alias',
      '127.0.0.1:5432',
      '--alias',
      'crm-db',
      '--option',
      'databases=crm,orders',
      '--option',
      'ssl=false',
      '--json',
      '--workspace',
      ws,
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      name: 'crm',
      secretStorage: 'env-ref',
      secretRef: '${env:CRM_PW}',
      aliases: ['127.0.0.1:5432', 'crm-db'],
      options: { databases: 'crm,orders', ssl: false },
    })
    expect(readFileSync(path.join(ws, 'catalog', 'sources.yaml'), 'utf8')).toContain(
      'password: ${env:CRM_PW}',
    )
  })

  it('takes a password on stdin, keeps it out of the file and says it is memory only', () => {
    const run = sightline(
      [
        'sources',
        'add',
        'events',
        '--kind',
        'kafka',
        '--url',
        '127.0.0.1:9092',
        '--password-stdin',
        '--workspace',
        ws,
      ],
      { input: 'Stdin-Secret-42\n' },
    )
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/memory only/)
    const yaml = readFileSync(path.join(ws, 'catalog', 'sources.yaml'), 'utf8')
    expect(yaml).toContain('secret: memory')
    expect(yaml).not.toContain('Stdin-Secret-42')
    // SIGHTLINE_WORKSPACE is honoured when --workspace is absent.
    const list = sightline(['sources', 'list'], { env: { SIGHTLINE_WORKSPACE: ws } })
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/^NAME\s+KIND\s+URL/)
    expect(list.stdout).toMatch(/events\s+kafka\s+127\.0\.0\.1:9092/)
  })

  it('fails with one clear line and a non-zero exit, never a stack trace', () => {
    const bad = sightline([
      'sources',
      'add',
      'x',
      '--kind',
      'mongodb',
      '--url',
      'kafka://h:9092',
      '--workspace',
      ws,
    ])
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toMatch(/^sightline: bad-input: source\.url: .*does not fit kind mongodb/)
    expect(bad.stderr).not.toMatch(/\n\s+at /)
    const missing = sightline(['sources', 'remove', 'nope', '--json', '--workspace', ws])
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({
      error: { code: 'not-found', message: 'No source named "nope".' },
    })
  })

  it('shows and verifies the audit log, and exits 1 when it was tampered with', () => {
    const list = sightline(['audit', '--json', '--workspace', ws])
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout).map((e: { action: string }) => e.action)).toEqual([
      'source.add',
      'source.add',
    ])
    const ok = sightline(['audit', '--verify', '--workspace', ws])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/Audit log OK: 2 entries/)

    const db = new Database(path.join(ws, '.sightline', 'sightline.db'))
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET target = 'other' WHERE seq = 1")
    db.close()
    const tampered = sightline(['audit', '--verify', '--json', '--workspace', ws])
    expect(tampered.code).toBe(1)
    expect(JSON.parse(tampered.stdout)).toMatchObject({ ok: false, firstBadSeq: 1 })
  })
})

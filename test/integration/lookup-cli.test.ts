import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'
import { loadTruth, messyEmail, plainPerson } from './lookup-person-truth'

/** `sightline lookup`, `dsar` and `erasure-plan` as a user runs them, on the small estate. */
const env = estateEnv()
const HOST = '127.0.0.1'
const port = (name: string, fallback: number) => Number(env[name] ?? fallback)
let up = true
for (const [name, p] of [
  ['PostgreSQL', port('SIGHTLINE_PG_PORT', 55432)],
  ['Kafka', port('SIGHTLINE_KAFKA_PORT', 59092)],
  ['Kafka Connect', port('SIGHTLINE_CONNECT_PORT', 58083)],
  ['MongoDB (FerretDB)', port('SIGHTLINE_MONGO_PORT', 57017)],
] as const)
  up = (await serviceAvailable(name, HOST, p)) && up

function sightline(args: string[], timeout = 120_000) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'sightline.js'), ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...env, SIGHTLINE_WORKSPACE: '', SIGHTLINE_ACTOR: 'cli-tester' },
    timeout,
    // A customer with years of orders is a large JSON answer: Node's 1 MB default is not a limit
    // of the product's.
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const person = plainPerson(loadTruth())
const email = messyEmail(person.email!)
const CUSTOMER = 'postgres://amper-pg/crm/dbo/Customer'

describe.skipIf(!up)('sightline lookup, dsar and erasure-plan', () => {
  let ws: string
  beforeAll(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-cli-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(ws, 'catalog'), { recursive: true })
    const crawl = sightline(['crawl', '--sample-size', '50', '--workspace', ws])
    expect(crawl.code, crawl.stderr).toBe(0)
  }, 300_000)
  afterAll(() => rmSync(ws, { recursive: true, force: true }))

  it('--plan shows the stores, fields and access without asking any of them', () => {
    const json = sightline(['lookup', '--email', email, '--plan', '--json', '--workspace', ws])
    expect(json.code, json.stderr).toBe(0)
    const plan = JSON.parse(json.stdout)
    expect(plan.identifier).toMatchObject({ kind: 'email', strength: 'strong' })
    expect(plan.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ fieldUrn: `${CUSTOMER}#Email`, source: 'amper-pg' }),
      ]),
    )
    const text = sightline(['lookup', '--email', email, '--plan', '--workspace', ws])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^Plan for email \S+ \(strong; an email address\)/)
    expect(text.stdout).toMatch(/STEP\s+SOURCE\s+FIELD\s+ACCESS\s+MATCH\s+FROM\s+REASON/)
    expect(text.stdout).not.toContain(person.email!)
    // A dry run looks no one up: nothing in the audit log.
    const audit = JSON.parse(sightline(['audit', '--json', '--workspace', ws]).stdout)
    expect(JSON.stringify(audit)).not.toMatch(/"lookup"/)
  })

  it('looks the person up by a messy email, masked, and audits it', () => {
    const run = sightline([
      'lookup',
      '--email',
      email,
      '--scans',
      'allow',
      '--reason',
      'caller verification',
      '--json',
      '--workspace',
      ws,
    ])
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    const crm = result.records.filter((r: { assetUrn: string }) => r.assetUrn === CUSTOMER)
    expect(crm.map((r: { recordKey: { CustomerId: number } }) => r.recordKey.CustomerId)).toEqual(
      person.crmCustomerIds,
    )
    expect(run.stdout).not.toContain(person.email!)
    const text = sightline([
      'lookup',
      '--email',
      email,
      '--scans',
      'allow',
      '--reason',
      'again',
      '--workspace',
      ws,
    ])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^Lookup \S+: email \S+ \(strong\)/)
    expect(text.stdout).toMatch(/SOURCE\s+PLATFORM\s+STATE\s+RECORDS/)
    expect(text.stdout).toMatch(/^Person 1: /m)
    const audit = JSON.parse(sightline(['audit', '--json', '--workspace', ws]).stdout) as Array<{
      action: string
      actor: string
      reason?: string
      subjectHmac?: string
    }>
    const lookups = audit.filter((e) => e.action === 'lookup')
    expect(lookups.length).toBe(4)
    expect(
      lookups.every((e) => e.actor === 'cli-tester' && /^[0-9a-f]{64}$/.test(e.subjectHmac!)),
    ).toBe(true)
    expect(lookups.map((e) => e.reason)).toContain('caller verification')
  })

  it('refuses a lookup without a reason, or with no identifier', () => {
    const run = sightline(['lookup', '--email', email, '--workspace', ws])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^sightline: bad-input: reason: a reason is required/)
    const none = sightline(['lookup', '--reason', 'x', '--json', '--workspace', ws])
    expect(none.code).toBe(1)
    expect(JSON.parse(none.stdout).error.code).toBe('bad-input')
    const broad = sightline(['lookup', '%', '--reason', 'x', '--workspace', ws])
    expect(broad.code).toBe(1)
    expect(broad.stderr).toMatch(/^sightline: bad-input: /)
  })

  it('writes a subject-access report as HTML (owner-only) and JSON', () => {
    const out = path.join(ws, 'dsar.html')
    const run = sightline([
      'dsar',
      '--email',
      email,
      '--scans',
      'allow',
      '--format',
      'html',
      '--out',
      out,
      '--reason',
      'DSAR 2026-117',
      '--workspace',
      ws,
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Wrote the subject-access report \(\d+ records, html\)/)
    expect(statSync(out).mode & 0o777).toBe(0o600)
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('Subject access report')
    expect(html.toLowerCase()).toContain(person.email)
    const json = sightline([
      'dsar',
      '--email',
      email,
      '--scans',
      'allow',
      '--reason',
      'DSAR 2026-117',
      '--workspace',
      ws,
    ])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ schemaVersion: 1, reason: 'DSAR 2026-117' })
  })

  it('prints an erasure plan and executes nothing', () => {
    const run = sightline([
      'erasure-plan',
      '--email',
      email,
      '--scans',
      'allow',
      '--reason',
      'erasure 2026-118',
      '--json',
      '--workspace',
      ws,
    ])
    expect(run.code, run.stderr).toBe(0)
    const plan = JSON.parse(run.stdout)
    expect(plan.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ assetUrn: CUSTOMER, action: 'delete-row' }),
        expect.objectContaining({
          assetUrn: 'mongodb://singleview/singleview/customers',
          action: 'delete-document',
        }),
      ]),
    )
    const text = sightline([
      'erasure-plan',
      '--email',
      email,
      '--scans',
      'allow',
      '--reason',
      'erasure 2026-118',
      '--workspace',
      ws,
    ])
    expect(text.stdout).toMatch(/a plan only: nothing is deleted/)
    expect(text.stdout).toMatch(/ACTION\s+SOURCE\s+ASSET\s+RECORD\s+RE-CREATED BY/)
  })

  it('lookup-index status and build: the index in the workspace store, used by a later lookup', () => {
    const before = sightline(['lookup-index', 'status', '--json', '--workspace', ws])
    expect(before.code, before.stderr).toBe(0)
    const [events] = JSON.parse(before.stdout)
    expect(events).toMatchObject({ source: 'events', running: false })
    expect(events.fields).toBeGreaterThan(0)

    // ~30,000 messages, mostly CDC: minutes on a loaded shared machine.
    const build = sightline(
      ['lookup-index', 'build', '--source', 'events', '--workspace', ws],
      400_000,
    )
    expect(build.code, build.stderr).toBe(0)
    expect(build.stdout).toMatch(/^events: stopped, \d+ fields, \d+ entries, 100% indexed/)
    expect(build.stdout).toMatch(/fraud\.scores: current/)

    const status = sightline(['lookup-index', 'status', '--workspace', ws])
    expect(status.code, status.stderr).toBe(0)
    expect(status.stdout).toMatch(/last caught up [\d.]+ s ago/)

    const run = sightline([
      'lookup',
      '--email',
      email,
      '--reason',
      'cli test: fraud scores through the index',
      '--json',
      '--workspace',
      ws,
    ])
    expect(run.code, run.stderr).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(
      result.records.filter(
        (r: { assetUrn: string }) => r.assetUrn === 'kafka://events/fraud.scores',
      ).length,
    ).toBeGreaterThan(0)
  }, 600_000)
})

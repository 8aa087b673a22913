import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'

/** `sightline lineage URN`, `lineage path FROM TO` and `lineage suggestions` as a user runs them. */
const env = estateEnv()
const HOST = '127.0.0.1'
const port = (name: string, fallback: number) => Number(env[name] ?? fallback)
// serviceAvailable throws under CI (a missing server fails there); the skip is for a developer's
// machine without the estate, announced by a SKIPPING line.
let up = true
for (const [name, p] of [
  ['PostgreSQL', port('SIGHTLINE_PG_PORT', 55432)],
  ['Kafka', port('SIGHTLINE_KAFKA_PORT', 59092)],
  ['Kafka Connect', port('SIGHTLINE_CONNECT_PORT', 58083)],
  ['MongoDB (FerretDB)', port('SIGHTLINE_MONGO_PORT', 57017)],
] as const)
  up = (await serviceAvailable(name, HOST, p)) && up

function sightline(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'sightline.js'), ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...env, SIGHTLINE_WORKSPACE: '' },
    timeout: 120_000,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const EMAIL = 'postgres://amper-pg/crm/dbo/Customer#Email'
const CONTACT_EMAIL = 'mongodb://singleview/singleview/customers#contact.email'

describe.skipIf(!up)('sightline lineage', () => {
  let ws: string
  beforeAll(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-lineage-cli-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(ws, 'catalog'), { recursive: true })
    const crawl = sightline(['crawl', '--sample-size', '50', '--workspace', ws])
    expect(crawl.code, crawl.stderr).toBe(0)
  }, 300_000)
  afterAll(() => rmSync(ws, { recursive: true, force: true }))

  it('shows a field’s lineage downstream to a depth, as a table or JSON', () => {
    const run = sightline(['lineage', EMAIL, '--down', '--depth', '2', '--workspace', ws])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^crm\.dbo\.Customer\.Email {2}\(postgres field\)/)
    expect(run.stdout).toMatch(/DIR\s+FROM\s+TO\s+VIA\s+TRANSFORM\s+ORIGIN/)
    expect(run.stdout).toMatch(
      /down\s+crm\.dbo\.Customer\.Email\s+crm\.dbo\.Customer › after\.Email\s+crm-cdc/,
    )
    expect(run.stdout).not.toMatch(/^up /m)
    const json = sightline(['lineage', EMAIL, '--up', '--json', '--workspace', ws])
    expect(json.code, json.stderr).toBe(0)
    const graph = JSON.parse(json.stdout)
    expect(graph).toMatchObject({ focus: EMAIL, edges: [] })
  })

  it('exits 1 with not-found for an unknown URN', () => {
    const run = sightline(['lineage', 'postgres://amper-pg/crm/dbo/Nope#X', '--workspace', ws])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^sightline: not-found: /)
    const json = sightline([
      'lineage',
      'postgres://amper-pg/crm/dbo/Nope#X',
      '--json',
      '--workspace',
      ws,
    ])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout).error.code).toBe('not-found')
  })

  it('prints the path between two fields, in the direction data flows', () => {
    const run = sightline(['lineage', 'path', CONTACT_EMAIL, EMAIL, '--workspace', ws])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Path 1 \(2 hops\):\n {2}crm\.dbo\.Customer\.Email\n/)
    expect(run.stdout).toMatch(/crm\.dbo\.Customer › after\.Email/)
    expect(run.stdout).toMatch(/singleview\.customers › contact\.email/)
    const json = sightline(['lineage', 'path', CONTACT_EMAIL, EMAIL, '--json', '--workspace', ws])
    expect(json.code, json.stderr).toBe(0)
    expect(JSON.parse(json.stdout)).toMatchObject({ from: EMAIL, to: CONTACT_EMAIL })
  })

  it('lists suggestions as a table or JSON', () => {
    const json = sightline(['lineage', 'suggestions', '--json', '--workspace', ws])
    expect(json.code, json.stderr).toBe(0)
    const list = JSON.parse(json.stdout) as Array<{ score: number; status: string }>
    expect(Array.isArray(list)).toBe(true)
    for (let i = 1; i < list.length; i++)
      expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score)
    const run = sightline(['lineage', 'suggestions', '--workspace', ws])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(
      list.length > 0 ? /^SCORE\s+STATUS\s+FROM\s+TO/ : /No lineage suggestions/,
    )
  })

  it('finds suggestions with --profile: the profile job first, its progress on stderr', () => {
    const run = sightline([
      'lineage',
      'suggestions',
      '--profile',
      '--sources',
      'singleview',
      '--sample-size',
      '500',
      '--json',
      '--workspace',
      ws,
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/Finding suggestions: profiling sources at sample size 500/)
    expect(run.stderr).toMatch(/Crawled 1 of 1 sources/)
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true)
    const bad = sightline([
      'lineage',
      'suggestions',
      '--profile',
      '--sample-size',
      '0',
      '--workspace',
      ws,
    ])
    expect(bad.code).not.toBe(0)
  })
})

import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PersonalDataMap } from '../../src/shared/model/personal-data'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'

/**
 * `sightline report personal-data` as a user runs it: crawl the estate's PostgreSQL and MongoDB
 * sources (with the reference workspace's processing.yaml), then the report in each format.
 */
const env = estateEnv()
const PG_PORT = Number(env.SIGHTLINE_PG_PORT ?? 55432)
const MONGO_PORT = Number(env.SIGHTLINE_MONGO_PORT ?? 57017)
const up =
  (await serviceAvailable('PostgreSQL', '127.0.0.1', PG_PORT)) &&
  (await serviceAvailable('FerretDB', '127.0.0.1', MONGO_PORT))

const MANIFEST = path.join(REPO_ROOT, '.estate', 'data', 'small', 'manifest.json')

function sightline(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'sightline.js'), ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...env, SIGHTLINE_WORKSPACE: '' },
    timeout: 300_000,
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe.skipIf(!up)('sightline report personal-data', () => {
  let ws: string
  beforeAll(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-report-cli-'))
    mkdirSync(path.join(ws, 'catalog'))
    for (const name of ['sources.yaml', 'processing.yaml', 'classifications.yaml'])
      copyFileSync(path.join(REPO_ROOT, 'catalog', name), path.join(ws, 'catalog', name))
    const crawl = sightline(['crawl', 'amper-pg', 'singleview', '--workspace', ws])
    expect(crawl.code, crawl.stderr).toBe(0)
  }, 300_000)
  afterAll(() => rmSync(ws, { recursive: true, force: true }))

  it('writes the JSON map with the manifest’s personal fields and processing attributes', () => {
    const run = sightline(['report', 'personal-data', '--format', 'json', '--workspace', ws])
    expect(run.code, run.stderr).toBe(0)
    const map = JSON.parse(run.stdout) as PersonalDataMap
    expect(map).toMatchObject({ schemaVersion: 1, workspace: ws })
    expect(map.entries.length).toBeGreaterThan(0)
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
      personalFields: Array<{ urn: string; category: string }>
    }
    const crawled = manifest.personalFields.filter((f) => /^(postgres|mongodb):/.test(f.urn))
    const found = new Set(map.entries.map((e) => e.urn))
    const hits = crawled.filter((f) => found.has(f.urn))
    expect(hits.length, 'manifest fields in the report').toBeGreaterThan(crawled.length / 2)
    const email = map.entries.find((e) => e.urn === 'postgres://amper-pg/crm/dbo/Customer#Email')
    expect(email).toMatchObject({ category: 'contact.email', reviewState: 'suggested' })
    expect(email!.processing.purpose).toBeTruthy()
    expect(map.summary.totals.fields).toBeGreaterThanOrEqual(map.entries.length)
  })

  it('writes CSV and self-contained HTML to files, and audits each report', () => {
    const csvFile = path.join(ws, 'report.csv')
    const csv = sightline([
      'report',
      'personal-data',
      '--format',
      'csv',
      '--out',
      csvFile,
      '--workspace',
      ws,
    ])
    expect(csv.code, csv.stderr).toBe(0)
    expect(csv.stdout).toMatch(/^Wrote the personal-data report \(\d+ fields, csv\)/)
    const text = readFileSync(csvFile, 'utf8')
    expect(text.split('\r\n')[0]).toMatch(/^field_urn,asset_urn,source,platform,location/)
    expect(text).toContain('postgres://amper-pg/crm/dbo/Customer#Email')

    const html = sightline([
      'report',
      'personal-data',
      '--format',
      'html',
      '--reason',
      'DPO review',
      '--workspace',
      ws,
    ])
    expect(html.code, html.stderr).toBe(0)
    expect(html.stdout).toMatch(/^<!doctype html>/)
    expect(html.stdout).toContain('Email address <code>contact.email</code>')
    expect(html.stdout).not.toMatch(/<script|<link|src=/i)

    const audit = JSON.parse(sightline(['audit', '--json', '--workspace', ws]).stdout)
    const exports = audit.filter(
      (e: { action: string; target?: string }) =>
        e.action === 'export' && e.target === 'personal-data',
    )
    expect(exports.length).toBeGreaterThanOrEqual(2)
    expect(exports.some((e: { reason?: string }) => e.reason === 'DPO review')).toBe(true)
  })

  it('rejects an unknown format', () => {
    const run = sightline(['report', 'personal-data', '--format', 'pdf', '--workspace', ws])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/pdf/)
  })
})

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiHost } from '../../../src/main/api/create-api-host'
import type { ApiHost } from '../../../src/main/api/host'
import { MemorySecretStore } from '../../../src/main/secrets/memory-secret-store'
import { openSqliteStore } from '../../../src/main/store/sqlite-store'
import type { ApiErrorShape } from '../../../src/shared/api/errors'
import { classification, field, label, table } from '../classify/personal-data-fixtures'

/**
 * The personal-data API through the composition root on a real temp workspace and SQLite store.
 * The catalogue is committed straight to the store with hand-made classifications, so these
 * tests do not depend on what the classifier says.
 */
const A = 'postgres://crm/crm/dbo/Customer'
const EMAIL = `${A}#Email`
const PHONE = `${A}#Phone`
const CODE = `${A}#Code`

let dir: string
let host: ApiHost
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-pd-api-'))
  mkdirSync(path.join(dir, '.sightline'), { recursive: true })
  const store = openSqliteStore(path.join(dir, '.sightline', 'sightline.db'))
  const id = await store.catalog.beginCrawl({
    source: 'crm',
    platform: 'postgres',
    startedAt: '2026-01-01T00:00:00.000Z',
  })
  await store.catalog.finishCrawl(id, {
    status: 'succeeded',
    endedAt: '2026-01-01T00:00:01.000Z',
    assets: [
      table(
        'crm',
        ['crm', 'dbo', 'Customer'],
        [
          field(
            A,
            'Email',
            classification([label('contact.email', 0.97, { matched: 97, of: 100 })]),
          ),
          field(
            A,
            'Phone',
            classification([label('contact.phone', 0.7, { matched: 60, of: 100 })]),
          ),
          field(A, 'Code', classification([])),
        ],
      ),
    ],
  })
  await store.close()
  host = await createApiHost({
    workspaceDir: dir,
    mode: 'serve',
    secretStore: new MemorySecretStore(),
    actor: 'tester',
  })
})
afterEach(async () => {
  await host.close()
  rmSync(dir, { recursive: true, force: true })
})

async function failure(p: Promise<unknown>): Promise<ApiErrorShape> {
  try {
    await p
  } catch (err) {
    return err as ApiErrorShape
  }
  throw new Error('expected a failure')
}

describe('personal-data API', () => {
  it('maps the current catalogue with filters', async () => {
    const map = await host.api.getPersonalDataMap({})
    expect(map.entries.map((e) => [e.urn, e.category, e.reviewState])).toEqual([
      [EMAIL, 'contact.email', 'suggested'],
      [PHONE, 'contact.phone', 'suggested'],
    ])
    expect(map.workspace).toBe(path.resolve(dir))
    const confident = await host.api.getPersonalDataMap({ minConfidence: 0.9 })
    expect(confident.entries.map((e) => e.urn)).toEqual([EMAIL])
    expect(confident.summary.totals.fields).toBe(2)
    expect(
      (await failure(host.api.getPersonalDataMap({ categories: ['nope' as never] }))).code,
    ).toBe('bad-input')
  })

  it('reviews a field: writes classifications.yaml, audits without values, never overridden', async () => {
    const entry = await host.api.reviewField({ urn: EMAIL, decision: 'confirmed' })
    expect(entry).toMatchObject({ urn: EMAIL, category: 'contact.email', reviewState: 'confirmed' })
    const changed = await host.api.reviewField({
      urn: PHONE,
      decision: 'changed',
      category: 'identifier.customer',
      reason: 'a customer reference, not a phone',
    })
    expect(changed).toMatchObject({ category: 'identifier.customer', suggested: 'contact.phone' })
    const yaml = readFileSync(path.join(dir, 'catalog', 'classifications.yaml'), 'utf8')
    expect(yaml).toContain(`${PHONE}:`)
    expect(yaml).toContain('by: tester')
    const detail = await host.api.getFieldClassification({ urn: PHONE })
    expect(detail.decision).toMatchObject({ decision: 'changed', category: 'identifier.customer' })
    expect(detail.classification?.labels[0]?.category).toBe('contact.phone')
    const [latest] = await host.api.listAudit({ limit: 1 })
    expect(latest).toMatchObject({
      action: 'review',
      target: PHONE,
      details: { decision: 'changed', category: 'identifier.customer' },
    })
    const states = (await host.api.getPersonalDataMap({})).summary.totals
    expect(states).toMatchObject({ confirmed: 2, suggested: 0 })
  })

  it('validates review arguments', async () => {
    expect(
      (await failure(host.api.reviewField({ urn: PHONE, decision: 'changed' }))).message,
    ).toMatch(/^category: a changed decision needs/)
    expect(
      (await failure(host.api.reviewField({ urn: CODE, decision: 'confirmed' }))).message,
    ).toMatch(/no suggestion to confirm/)
    expect(
      (
        await failure(
          host.api.reviewField({
            urn: `${A}#Missing`,
            decision: 'rejected',
            category: 'person.name',
          }),
        )
      ).code,
    ).toBe('not-found')
    expect(
      (await failure(host.api.reviewField({ urn: A, decision: 'confirmed' }))).message,
    ).toMatch(/^urn:/)
  })

  it('clears a review back to the suggestion (audited); strong evidence re-opens a rejection', async () => {
    await host.api.reviewField({ urn: PHONE, decision: 'rejected' })
    expect(
      (await host.api.getPersonalDataMap({ reviewStates: ['rejected'] })).entries,
    ).toHaveLength(1)
    // 97 of 100 values are emails at 0.97, but the reviewer saw that: only a later crawl's
    // evidence re-opens a decision (the map tests cover the flag itself).
    const email = await host.api.reviewField({ urn: EMAIL, decision: 'rejected' })
    expect(email).toMatchObject({ reviewState: 'rejected', category: 'contact.email' })
    const cleared = await host.api.clearReview({ urn: PHONE })
    expect(cleared).toMatchObject({ urn: PHONE, reviewState: 'suggested' })
    expect((await host.api.listAudit({ limit: 1 }))[0]).toMatchObject({
      action: 'review',
      details: { decision: 'cleared' },
    })
    expect((await failure(host.api.clearReview({ urn: PHONE }))).code).toBe('not-found')
  })

  it('reads and sets processing rules, which the map resolves', async () => {
    expect(await host.api.getProcessing({})).toEqual([])
    await host.api.setProcessing({
      match: 'category:contact.email',
      attributes: { purpose: 'Receipts', lawfulBasis: 'contract' },
    })
    const rules = await host.api.setProcessing({
      match: A,
      attributes: { purpose: 'Customer service' },
    })
    expect(rules).toHaveLength(2)
    const [email] = (await host.api.getPersonalDataMap({})).entries
    expect(email!.processing).toEqual({ purpose: 'Customer service', lawfulBasis: 'contract' })
    expect(await host.api.setProcessing({ match: A, attributes: null })).toHaveLength(1)
    expect(
      (await failure(host.api.setProcessing({ match: 'category:x', attributes: { purpose: 'p' } })))
        .code,
    ).toBe('bad-input')
    expect(
      (
        await failure(
          host.api.setProcessing({ match: A, attributes: { lawfulBasis: 'whim' as never } }),
        )
      ).message,
    ).toMatch(/lawfulBasis/)
  })

  it('exports the report in each format, audited as an export', async () => {
    for (const format of ['json', 'csv', 'html'] as const) {
      const out = await host.api.exportPersonalData({ format })
      expect(out).toMatchObject({ format, entries: 2 })
      expect(out.content).toContain(EMAIL)
    }
    const [latest] = await host.api.listAudit({ limit: 1 })
    expect(latest).toMatchObject({
      action: 'export',
      target: 'personal-data',
      details: { format: 'html', entries: 2 },
    })
    expect(latest!.reason).toBeTruthy()
  })

  it('adds classifications and review states to the catalogue JSON export', async () => {
    await host.api.reviewField({ urn: EMAIL, decision: 'confirmed' })
    const doc = JSON.parse((await host.api.exportCatalog({ format: 'json' })).content)
    const email = doc.assets[0].fields.find((f: { urn: string }) => f.urn === EMAIL)
    expect(email.classification).toEqual({
      labels: [{ category: 'contact.email', confidence: 0.97 }],
      category: 'contact.email',
      reviewState: 'confirmed',
      rulePacks: ['builtin@1'],
      sampled: 100,
    })
    expect(doc.classifications.map((e: { urn: string }) => e.urn)).toEqual([EMAIL, PHONE])
    // The export judges fresh evidence as the map does: this crawl predates the rejection.
    await host.api.reviewField({ urn: EMAIL, decision: 'rejected' })
    const after = JSON.parse((await host.api.exportCatalog({ format: 'json' })).content)
    expect(after.assets[0].fields[0].classification.reviewState).toBe('rejected')
  })

  it('a broken classifications.yaml is a clear error naming the line', async () => {
    mkdirSync(path.join(dir, 'catalog'), { recursive: true })
    writeFileSync(
      path.join(dir, 'catalog', 'classifications.yaml'),
      `version: 1\ndecisions:\n  ${EMAIL}:\n    decision: confirmed\n    category: email\n    by: a\n    at: "2026-01-01T00:00:00Z"\n`,
    )
    const err = await failure(host.api.getPersonalDataMap({}))
    expect(err).toMatchObject({ code: 'bad-input' })
    expect(err.message).toMatch(/^classifications\.yaml \(line 5\)/)
  })
})

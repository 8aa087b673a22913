import { createHmac } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { createConnector, type Connector } from '../../src/main/connectors'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { ApiError } from '../../src/shared/api/errors'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import { workspacePaths } from '../../src/main/workspace/workspace'
import type { JobView } from '../../src/shared/model/jobs'
import type { LookupJobPartial, LookupResult } from '../../src/shared/model/lookup'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'
import { loadTruth, messyEmail, plainPerson } from './lookup-person-truth'

/**
 * The lookup API on the small estate (issue 7 items 6, 7): a lookup by a messy email finds the
 * person's records in every store with provenance; every lookup, reveal and export is audited
 * with the identifier only as an HMAC; subject access and the erasure plan; refusals.
 */
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

const truth = loadTruth()
const person = plainPerson(truth)
const REASON = 'integration test: customer called about an order'
/** Sources whose lookups fail as a stopped server's would (the real connector otherwise). */
const down = new Set<string>()

function connectorFor(source: Parameters<typeof createConnector>[0]): Connector {
  const real = createConnector(source)
  const lookup = real.lookup?.bind(real)
  if (lookup)
    real.lookup = (q, o) =>
      down.has(source.name)
        ? Promise.reject(new ApiError('unreachable', `${source.name} is down`))
        : lookup(q, o)
  return real
}

async function lookUp(host: ApiHost, value: string): Promise<LookupResult> {
  const started = await host.api.startLookup({ input: { value }, reason: REASON, scans: 'allow' })
  const job = await waitForJob(host, started.jobId)
  expect(job.state, JSON.stringify(job.error)).toBe('succeeded')
  return host.api.getLookup({ lookupId: started.lookupId })
}

function waitForJob(host: ApiHost, jobId: string): Promise<JobView> {
  return new Promise((resolve) => {
    const done = (job: JobView) => ['succeeded', 'failed', 'cancelled'].includes(job.state)
    const off = host.subscribe((e) => {
      if (e.topic === 'job' && e.job.id === jobId && done(e.job)) {
        off()
        resolve(e.job)
      }
    })
    void host.api.getJob({ id: jobId }).then((job) => {
      if (done(job)) {
        off()
        resolve(job)
      }
    })
  })
}

describe.skipIf(!up)('lookup API on the small estate', () => {
  let ws: string
  let host: ApiHost
  let result: LookupResult
  const partials: LookupJobPartial[] = []

  beforeAll(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-api-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(ws, 'catalog'), { recursive: true })
    host = await createApiHost({
      workspaceDir: ws,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'lookup-tester',
      env: { ...process.env, ...env },
      createConnector: connectorFor,
    })
    const crawl = await host.api.startCrawl({ sampleSize: 50 })
    expect((await waitForJob(host, crawl.jobId)).state).toBe('succeeded')
    host.subscribe((e) => {
      if (e.topic === 'job.partial') partials.push(e.partial as LookupJobPartial)
    })
    result = await lookUp(host, messyEmail(person.email!))
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    if (ws) rmSync(ws, { recursive: true, force: true })
  })

  const keysOf = (asset: string) =>
    new Set(
      result.records
        .filter(
          (r) => r.assetLabel === asset || r.assetUrn.endsWith(`/${asset.split('.').join('/')}`),
        )
        .map((r) => String(Object.values(r.recordKey)[0])),
    )

  it('recognises the messy email and plans from the catalogue', () => {
    expect(result.plan.identifier).toMatchObject({ kind: 'email', strength: 'strong' })
    expect(result.plan.identifier.masked).not.toContain(person.email!.split('@')[0])
    expect(result.plan.steps.map((s) => s.fieldUrn)).toContain(
      'postgres://amper-pg/crm/dbo/Customer#Email',
    )
  })

  it('finds the person’s crm row and single-view document (manifest ids)', () => {
    const expected = truth.records.get(person.personId)!
    for (const key of expected.get('crm.dbo.Customer')!)
      expect(keysOf('crm.dbo.Customer')).toContain(key)
    for (const key of expected.get('singleview.customers')!)
      expect(keysOf('singleview.customers')).toContain(key)
  })

  it('finds the person’s orders rows (manifest ids)', () => {
    const expected = truth.records.get(person.personId)!.get('orders.sales.orders')!
    for (const key of expected) expect(keysOf('orders.sales.orders')).toContain(key)
  })

  it('finds the person’s CDC topic records by keyed partition reads', () => {
    const topicRecords = result.records.filter((r) => r.platform === 'kafka')
    expect(topicRecords.length).toBeGreaterThan(0)
    const cdc = topicRecords.filter((r) => r.assetUrn === 'kafka://events/crm.dbo.Customer')
    // At least the snapshot event of each of the person's crm rows (updates add more).
    const rows = truth.records.get(person.personId)!.get('crm.dbo.Customer')!.size
    expect(cdc.length).toBeGreaterThanOrEqual(rows)
  })

  it('merges into one person with provenance, and nothing of anyone else', () => {
    expect(result.people.length).toBeGreaterThanOrEqual(1)
    const fields = result.people.flatMap((p) => p.fields)
    expect(fields.length).toBeGreaterThan(0)
    for (const f of fields)
      for (const v of f.values) {
        expect(v.provenance.length).toBeGreaterThan(0)
        for (const p of v.provenance) expect(p.recordKey).toBeTruthy()
      }
    const otherPeople = truth.people.filter((p) => p.personId !== person.personId)
    const otherCustomers = new Set(otherPeople.flatMap((p) => p.crmCustomerIds.map(String)))
    for (const key of keysOf('crm.dbo.Customer')) expect(otherCustomers.has(key)).toBe(false)
  })

  it('streams statuses and masked records as job partials', () => {
    const mine = partials.filter((p) => p.lookupId === result.lookupId)
    expect(mine.some((p) => p.kind === 'status' && p.status.state === 'answered')).toBe(true)
    expect(mine.some((p) => p.kind === 'records')).toBe(true)
    expect(JSON.stringify(mine)).not.toContain(person.email!)
    expect(JSON.stringify(result)).not.toContain(person.email!)
  })

  it('audits the lookup with the identifier only as an HMAC, and a reveal with its reason', async () => {
    const customer = result.records.find((r) => r.assetUrn.endsWith('/crm/dbo/Customer'))!
    const revealed = await host.api.revealLookupValue({
      lookupId: result.lookupId,
      recordId: customer.id,
      path: 'Email',
      reason: 'customer asked which email we hold',
    })
    expect(String(revealed.value).trim().toLowerCase()).toBe(person.email)
    const audit = await host.api.listAudit({ limit: 50 })
    const lookups = audit.filter(
      (e) => e.action === 'lookup' && e.details?.lookupId === result.lookupId,
    )
    expect(lookups.map((e) => e.details?.phase).sort()).toEqual(['finished', 'started'])
    // The workspace key, read the way the audit log reads it (a second connection to the store).
    const store = openSqliteStore(workspacePaths(ws).storeFile)
    const key = await store.workspaceKey()
    await store.close()
    const hmac = createHmac('sha256', key).update(`email:${person.email}`).digest('hex')
    for (const e of lookups) {
      expect(e.subjectHmac).toBe(hmac)
      expect(e.reason).toBe(REASON)
      expect(e.actor).toBe('lookup-tester')
    }
    expect(lookups.find((e) => e.details?.phase === 'finished')!.details?.sourcesAnswered).toEqual(
      expect.arrayContaining(['amper-pg', 'singleview']),
    )
    const reveal = audit.find((e) => e.action === 'reveal')!
    expect(reveal).toMatchObject({
      reason: 'customer asked which email we hold',
      subjectHmac: hmac,
      fields: ['postgres://amper-pg/crm/dbo/Customer#Email'],
    })
    expect(JSON.stringify(audit)).not.toContain(person.email!)
    const history = await host.api.listLookupHistory({})
    expect(history[0]).toMatchObject({
      lookupId: result.lookupId,
      kind: 'email',
      identifierHmac: hmac,
      reason: REASON,
    })
    expect(history[0]!.records).toBe(result.records.length)
  })

  it('exports subject access as JSON and HTML, audited as exports', async () => {
    const json = await host.api.exportSubjectAccess({
      lookupId: result.lookupId,
      format: 'json',
      reason: 'DSAR 2026-117',
    })
    const report = JSON.parse(json.content)
    expect(report).toMatchObject({ schemaVersion: 1, report: 'sightline.subject-access' })
    const email = report.categories.find(
      (c: { category: string }) => c.category === 'contact.email',
    )
    expect(email).toBeTruthy()
    const values = email.sources.flatMap((s: { items: Array<{ value: unknown }> }) =>
      s.items.map((i) => String(i.value).trim().toLowerCase()),
    )
    expect(values).toContain(person.email)
    const item = email.sources[0].items[0]
    expect(item).toHaveProperty('processing')
    expect(item).toHaveProperty('obtainedFrom')
    const html = await host.api.exportSubjectAccess({
      lookupId: result.lookupId,
      format: 'html',
      reason: 'DSAR 2026-117',
    })
    expect(html.content).toMatch(/^<!doctype html>/)
    expect(html.content).toContain('Subject access report')
    expect(html.content).not.toMatch(/<script/i)
    const exports = (await host.api.listAudit({ limit: 10 })).filter(
      (e) => e.action === 'export' && e.target === 'subject-access',
    )
    expect(exports.length).toBe(2)
    expect(exports[0]!.reason).toBe('DSAR 2026-117')
  })

  it('plans erasure without executing it: rows, documents, and what re-creates them', async () => {
    const plan = await host.api.getErasurePlan({
      lookupId: result.lookupId,
      reason: 'erasure request 2026-118',
    })
    const customer = plan.actions.find((a) => a.assetUrn.endsWith('/crm/dbo/Customer'))
    expect(customer).toMatchObject({ action: 'delete-row', recreatedBy: [] })
    const doc = plan.actions.find((a) => a.assetUrn.endsWith('/singleview/customers'))
    expect(doc?.action).toBe('delete-document')
    expect(doc?.recreatedBy.length).toBeGreaterThan(0)
    // Origins come before what is derived from them.
    expect(plan.actions.indexOf(customer!)).toBeLessThan(plan.actions.indexOf(doc!))
    expect(plan.warnings[0]).toMatch(/never writes/)
  })

  it('refuses injection attempts and missing reasons as bad-input', async () => {
    for (const value of ["' OR 1=1 --", '{"$ne": null}', '.*', 'a'.repeat(5000), '%'])
      await expect(
        host.api.startLookup({ input: { value }, reason: REASON }),
      ).rejects.toMatchObject({ code: 'bad-input' })
    await expect(
      host.api.startLookup({ input: { value: person.email! }, reason: ' ' }),
    ).rejects.toMatchObject({ code: 'bad-input' })
    await expect(
      host.api.revealLookupValue({
        lookupId: result.lookupId,
        recordId: result.records[0]!.id,
        path: 'Email',
        reason: '',
      }),
    ).rejects.toMatchObject({ code: 'bad-input' })
    await expect(host.api.getLookup({ lookupId: 'no-such-lookup' })).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('shows a stopped source as unavailable while the others answer, and audits it', async () => {
    down.add('singleview')
    try {
      const partial = await lookUp(host, person.email!)
      const singleview = partial.sources.find((s) => s.source === 'singleview')
      expect(singleview?.state).toBe('unavailable')
      expect(partial.sources.find((s) => s.source === 'amper-pg')?.state).toBe('answered')
      expect(
        partial.records.some((r) => r.assetUrn === 'postgres://amper-pg/crm/dbo/Customer'),
      ).toBe(true)
      const end = (await host.api.listAudit({ limit: 20 })).find(
        (e) =>
          e.action === 'lookup' &&
          e.details?.lookupId === partial.lookupId &&
          e.details?.phase !== 'started',
      )
      expect(end?.details?.sourcesUnavailable).toEqual(
        expect.arrayContaining([{ source: 'singleview', state: 'unavailable' }]),
      )
      const report = JSON.parse(
        (
          await host.api.exportSubjectAccess({
            lookupId: partial.lookupId,
            format: 'json',
            reason: 'DSAR with a store down',
          })
        ).content,
      )
      expect(report.notes.join(' ')).toMatch(/singleview did not answer \(unavailable\)/)
    } finally {
      down.delete('singleview')
    }
  })

  it('reveals only fields the record has', async () => {
    await expect(
      host.api.revealLookupValue({
        lookupId: result.lookupId,
        recordId: result.records[0]!.id,
        path: 'NoSuchField',
        reason: 'checking',
      }),
    ).rejects.toMatchObject({ code: 'not-found' })
  })

  // Last: it builds the index, and its lookup would be the newest in the history above.
  // fraud.scores holds the CustomerId in its Avro value (its key is a plain string the catalogue
  // does not tie to the customer number), so only Sightline's lookup index reaches it without a
  // topic scan: built here as the app builds it, then probed by HMAC and read by offsets.
  it('finds the person’s fraud.scores records through the lookup index', async () => {
    const built = await host.api.controlLookupIndex({ action: 'build', source: 'events' })
    const job = await waitForJob(host, built.jobId!)
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded')
    const [status] = await host.api.getLookupIndexStatus({ source: 'events' })
    expect(status).toMatchObject({ source: 'events', running: false, state: 'stopped' })
    expect(status!.ageMs).toBeGreaterThanOrEqual(0)
    const fraudTopic = status!.freshness!.topics.find((t) => t.topic === 'fraud.scores')
    expect(fraudTopic?.lag).toBe(0)

    const plan = await host.api.planLookup({ input: { value: person.email! }, scans: 'allow' })
    const steps = plan.steps.filter((s) => s.assetUrn === 'kafka://events/fraud.scores')
    expect(steps.some((s) => s.access === 'lookup-index')).toBe(true)

    const found = await lookUp(host, messyEmail(person.email!))
    // The person is the one holding their crm row; other numberings' hits (legacy CUST_ID asked
    // as a customer number) may be found, but never merged into them.
    const crmRow = found.records.find((r) => r.assetUrn === 'postgres://amper-pg/crm/dbo/Customer')
    const theirs = found.people.find((p) => p.groups.some((g) => g.records.includes(crmRow!.id)))
    const ids = new Set(theirs!.groups.flatMap((g) => g.records))
    const fraud = found.records.filter(
      (r) => r.assetUrn === 'kafka://events/fraud.scores' && ids.has(r.id),
    )
    expect(fraud.length).toBe(truth.topicRecords.get(person.personId)!.get('fraud.scores'))
    // Decoded through the registry (Avro), each with its offset as provenance.
    for (const r of fraud) {
      expect(r.values.customerId).toBeTruthy()
      expect(r.recordKey).toMatchObject({ topic: 'fraud.scores' })
    }
    const events = found.sources.find((s) => s.source === 'events')
    expect(events?.state).toBe('answered')
    expect(events?.staleOffsets ?? 0).toBe(0)
  }, 240_000)
})

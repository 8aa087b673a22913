import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/errors'
import type { ApiEvent, JobView } from '../../shared/model/jobs'
import type { LookupPlan, LookupPlanStep } from '../../shared/model/lookup'
import { AuditLog } from '../audit/audit-log'
import type { Connector } from '../connectors/connector'
import { JobRunner } from '../jobs/job-runner'
import { openSqliteStore, type SqliteCatalogStore } from '../store/sqlite-store'
import type { LookupContext } from './lookup-context'
import type { LookupParts } from './lookup-parts'
import { LookupService, type LookupServiceDeps } from './lookup-service'

/**
 * The service's own duties, with stand-in parts and connectors (the real ones are proven on the
 * estate in test/integration/lookup-api.test.ts): connectors opened once per source and pooled,
 * every lookup audited even when it fails, raw values only through an audited reveal.
 */

const step = (id: string, source: string, assetUrn: string): LookupPlanStep => ({
  id,
  source,
  platform: 'postgres',
  assetUrn,
  fieldUrn: `${assetUrn}#Email`,
  access: 'index',
  match: 'case-insensitive',
  input: { kind: 'identifier', identifierKind: 'email' },
  reason: 'test',
  strength: 'strong',
})

const plan: LookupPlan = {
  identifier: { kind: 'email', strength: 'strong', masked: 'j•••@example.com', reason: 'email' },
  steps: [
    step('s1', 'crm', 'postgres://crm/crm/dbo/Customer'),
    step('s2', 'crm', 'postgres://crm/crm/dbo/Old'),
    step('s3', 'web', 'postgres://web/web/public/users'),
  ],
  unreachable: [],
  warnings: [],
  depth: 2,
  scans: 'warn',
}

const context = {
  snapshot: { assets: new Map(), sources: [] },
  edges: [],
  categories: new Map(),
  entries: new Map(),
  processingOf: () => ({}),
  modelPaths: new Map(),
  writersOf: () => [],
  readersOf: () => [],
  feedersOf: () => [],
  labelOf: (urn: string) => urn,
} satisfies LookupContext

function parts(failMerge = false): LookupParts {
  return {
    planLookup: () => plan,
    async runLookupPlan(p, deps) {
      for (const s of p.steps) {
        try {
          const outcome = await deps.runStep(
            s,
            {
              assetPath: [],
              fieldPath: 'Email',
              values: ['x'],
              match: s.match,
              rowCap: 10,
              timeoutMs: 100,
            },
            deps.signal,
          )
          deps.onRecords(
            outcome.hits.map((h, i) => ({
              ...h,
              id: `${s.id}-${i}`,
              stepId: s.id,
              source: s.source,
              platform: s.platform,
              assetUrn: s.assetUrn,
            })),
          )
          deps.onStatus({
            source: s.source,
            platform: s.platform,
            state: 'answered',
            records: outcome.hits.length,
          })
        } catch {
          deps.onStatus({
            source: s.source,
            platform: s.platform,
            state: 'unavailable',
            records: 0,
          })
        }
      }
    },
    mergeLookup: (input) => {
      if (failMerge) throw new Error('merge broke')
      return {
        people: [],
        linked: [],
        records: input.records.map((r) => ({
          id: r.id,
          source: r.source,
          platform: r.platform,
          assetUrn: r.assetUrn,
          assetLabel: r.assetUrn,
          recordKey: r.recordKey,
          values: {},
          categories: {},
          matchedBy: { stepId: r.stepId, fieldUrn: '', strength: 'strong' },
          group: 'profile',
        })),
      }
    },
  }
}

describe('LookupService', () => {
  let dir: string
  let store: SqliteCatalogStore
  let audit: AuditLog
  let jobs: JobRunner
  let opened: string[]
  let closed: string[]
  const events: ApiEvent[] = []

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-service-'))
    store = openSqliteStore(path.join(dir, 'sightline.db'))
    audit = new AuditLog(store, 'tester')
    jobs = new JobRunner((e) => events.push(e))
    opened = []
    closed = []
  })
  afterEach(async () => {
    await jobs.close()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const service = (failMerge = false, extra: Partial<LookupServiceDeps> = {}) =>
    new LookupService({
      ...extra,
      context: async () => context,
      parts: async () => parts(failMerge),
      openConnector: async (name): Promise<Connector> => {
        opened.push(name)
        if (name === 'web') throw new ApiError('unreachable', 'web is down')
        return {
          kind: 'postgres',
          check: async () => ({ ok: true, reachable: true, authenticated: true, checkedAt: '' }),
          lookup: async () => ({
            hits: [{ recordKey: { CustomerId: 42 }, values: { Email: 'Jane@Example.com' } }],
            capped: false,
          }),
          close: async () => void closed.push(name),
        }
      },
      audit,
      jobs,
      generator: 'sightline test',
    })

  it('opens each source once, keeps it for the next lookup, and audits start and end', async () => {
    const s = service()
    const { jobId, lookupId } = await s.start({ value: 'jane@example.com' }, 'a call')
    const job: JobView = await jobs.settled(jobId)
    expect(job.state).toBe('succeeded')
    expect(opened).toEqual(['crm', 'web'])
    // crm answered: pooled for the next lookup, not closed; web never opened.
    expect(closed).toEqual([])
    const entries = await audit.list()
    const lookups = entries.filter((e) => e.action === 'lookup')
    expect(lookups.map((e) => e.details?.phase)).toEqual(['finished', 'started'])
    expect(lookups[0]!.details).toMatchObject({
      sourcesAnswered: ['crm'],
      records: 2,
      sourcesUnavailable: [{ source: 'web', state: 'unavailable' }],
    })
    expect(JSON.stringify(entries)).not.toMatch(/jane/i)
    expect(s.get(lookupId).records).toHaveLength(2)
    // Where the time went: planning, asking the stores, merging (each a number of ms).
    const phases = s.get(lookupId).phases!
    for (const ms of [phases.planMs, phases.askMs, phases.mergeMs])
      expect(ms).toBeGreaterThanOrEqual(0)
    expect(phases.askMs + phases.mergeMs).toBeLessThanOrEqual(s.get(lookupId).durationMs + 2)
    const partials = events.filter((e) => e.topic === 'job.partial')
    expect(JSON.stringify(partials)).not.toMatch(/jane@/i)
    expect(await s.reveal(lookupId, 's1-0', 'Email', 'caller asked')).toEqual({
      value: 'Jane@Example.com',
    })
    expect((await audit.list({ limit: 1 }))[0]).toMatchObject({
      action: 'reveal',
      reason: 'caller asked',
      fields: ['postgres://crm/crm/dbo/Customer#Email'],
    })
    const history = await s.history(10)
    expect(history).toEqual([
      expect.objectContaining({
        lookupId,
        kind: 'email',
        sourcesAnswered: ['crm'],
        records: 2,
        reason: 'a call',
      }),
    ])
    await s.close()
    expect(closed).toEqual(['crm'])
    expect(() => s.get(lookupId)).toThrow(/No finished lookup/)
  })

  it('reuses a source connector across lookups until the source changes', async () => {
    let version = 'v1'
    const s = service(false, { sourceVersion: async () => version })
    const once = async () => {
      const { jobId } = await s.start({ value: 'jane@example.com' }, 'a call')
      expect((await jobs.settled(jobId)).state).toBe('succeeded')
    }
    await once()
    await once()
    // crm opened once for both lookups; web (down) is asked again each time.
    expect(opened).toEqual(['crm', 'web', 'web'])
    version = 'v2'
    await once()
    expect(opened).toEqual(['crm', 'web', 'web', 'crm', 'web'])
    expect(closed).toEqual(['crm'])
    await s.sourceChanged('crm')
    expect(closed).toEqual(['crm', 'crm'])
    await s.close()
  })

  it('audits a lookup that fails, and the job fails', async () => {
    const s = service(true)
    const { jobId } = await s.start({ value: 'jane@example.com' }, 'a call')
    expect((await jobs.settled(jobId)).state).toBe('failed')
    const [end] = await audit.list({ limit: 1 })
    expect(end).toMatchObject({ action: 'lookup', details: { phase: 'failed', records: 2 } })
    expect(closed).toEqual(['crm'])
  })

  it('refuses what is too broad before anything is audited', async () => {
    await expect(service().start({ value: '%' }, 'a call')).rejects.toMatchObject({
      code: 'bad-input',
    })
    expect(await audit.list()).toEqual([])
  })
})

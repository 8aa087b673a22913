import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../src/main/connectors'
import type { Connector } from '../../src/main/connectors/connector'
import { maskValue } from '../../src/main/crawl/mask-value'
import { runLookupPlan } from '../../src/main/lookup/execute/run-plan'
import type { RawRecord } from '../../src/main/lookup/lookup-inputs'
import { mergeLookup } from '../../src/main/lookup/merge/merge-lookup'
import { recogniseIdentifier } from '../../src/main/lookup/identifiers/recognise'
import type { LineageEdge, TransformSpec } from '../../src/shared/model/lineage'
import type { LookupPlan, LookupPlanStep, SourceLookupStatus } from '../../src/shared/model/lookup'
import type { CategoryId } from '../../src/shared/model/personal-data'
import { REPO_ROOT, serviceAvailable } from '../support/estate'
import { FIXTURES, HOST, PORTS, refusedPort, source } from './connectors/estate-sources'

/**
 * The executor and the merger (issue 7 items 3 and 5) on real connectors against the small
 * estate: a hand-built plan (crm by email, pivots to the single view's `_id` by the builder's
 * prefix-pad, to orders by customer_id, to everyone whose crm mobile is the single view's E.164
 * number inverted) finds exactly the manifest's records of a person who shares a mobile with a
 * household member; the merge keeps that member a linked person; a source that is down is
 * unavailable while the others answer. The planner is not used: its own tests cover it.
 */
const pgUp = await serviceAvailable('PostgreSQL', HOST, PORTS.postgres)
const mongoUp = await serviceAvailable('MongoDB (FerretDB)', HOST, PORTS.mongo)
const up = pgUp && mongoUp

const CRM = 'postgres://amper-pg/crm/dbo/Customer'
const ORDERS = 'postgres://amper-pg/orders/sales/orders'
const SV = 'mongodb://singleview/singleview/customers'
const PAD: TransformSpec = { type: 'prefix-pad', prefix: 'C', width: 8 }

const manifest = up
  ? (JSON.parse(
      readFileSync(path.join(REPO_ROOT, '.estate', 'data', 'small', 'manifest.json'), 'utf8'),
    ) as {
      personalFields: Array<{ urn: string; category: CategoryId }>
      lineage: Array<{ from: string; to: string; transform?: TransformSpec; via: string }>
    })
  : undefined

function step(
  id: string,
  src: string,
  assetUrn: string,
  field: string,
  more: Partial<LookupPlanStep>,
): LookupPlanStep {
  return {
    id,
    source: src,
    platform: assetUrn.startsWith('mongodb') ? 'mongodb' : 'postgres',
    assetUrn,
    fieldUrn: `${assetUrn}#${field}`,
    access: 'index',
    match: 'equals',
    input: { kind: 'identifier', identifierKind: 'email' },
    reason: 'test',
    strength: 'strong',
    ...more,
  }
}

interface PersonLine {
  personId: string
  email: string | null
  mobile: string | null
  presence: { inCrm: boolean; crmDuplicate: boolean }
  crmCustomerIds: number[]
}

/** The manifest's people and, per person, asset (`crm.dbo.Customer`) -> record keys. */
function loadTruth() {
  const dir = path.join(REPO_ROOT, '.estate', 'data', 'small')
  const people = readFileSync(path.join(dir, 'people.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PersonLine)
  const records = new Map<string, Map<string, Set<string>>>()
  for (const platform of ['postgres', 'mongodb']) {
    for (const file of readdirSync(path.join(dir, 'records', platform))) {
      const asset = file.replace(/\.tsv$/, '')
      const text = readFileSync(path.join(dir, 'records', platform, file), 'utf8')
      for (const line of text.split('\n')) {
        const [key, ids] = line.split('\t')
        if (!key || !ids) continue
        for (const id of ids.split(',')) {
          const byAsset = records.get(id) ?? new Map<string, Set<string>>()
          records.set(id, byAsset)
          byAsset.set(asset, (byAsset.get(asset) ?? new Set<string>()).add(key))
        }
      }
    }
  }
  return { people, records }
}

describe.skipIf(!up)('runLookupPlan + mergeLookup against the estate', () => {
  const truth = up ? loadTruth() : undefined
  // Two people of one household sharing a mobile, each once in crm.
  const pair = truth?.people.filter(
    (p) =>
      p.mobile !== null &&
      p.presence.inCrm &&
      !p.presence.crmDuplicate &&
      p.email !== null &&
      truth.people.filter((q) => q.mobile === p.mobile).length === 2 &&
      truth.people.filter((q) => q.email === p.email).length === 1,
  )
  const person = pair?.find((p) =>
    pair.some((q) => q !== p && q.mobile === p.mobile && q.crmCustomerIds.length === 1),
  )
  const other = person && truth?.people.find((q) => q !== person && q.mobile === person.mobile)
  const connectors = new Map<string, Connector>()

  beforeAll(async () => {
    expect(person, 'two people sharing a mobile in the manifest').toBeDefined()
    const reader = FIXTURES.find((f) => f.kind === 'postgres')!.good
    const pgAt = (name: string, port: number) =>
      createConnector({ ...reader, name, url: `postgres://${HOST}:${port}/crm` })
    connectors.set('amper-pg', pgAt('amper-pg', PORTS.postgres))
    connectors.set('down-pg', pgAt('down-pg', await refusedPort()))
    connectors.set(
      'singleview',
      createConnector(
        source('mongodb', `mongodb://${HOST}:${PORTS.mongo}/`, { name: 'singleview' }),
      ),
    )
  })
  afterAll(async () => {
    await Promise.all([...connectors.values()].map((c) => c.close()))
  })

  it("finds the person's records everywhere, merges them, and links the household", async () => {
    const plan: LookupPlan = {
      identifier: { kind: 'email', strength: 'strong', masked: 'x', reason: 'test' },
      steps: [
        step('s1', 'amper-pg', CRM, 'Email', { match: 'case-insensitive', access: 'scan' }),
        step('s2', 'singleview', SV, '_id', {
          input: {
            kind: 'pivot',
            fromStep: 's1',
            fromField: `${CRM}#CustomerId`,
            transform: PAD,
            inverted: false,
          },
          access: 'primary-key',
        }),
        step('s3', 'amper-pg', ORDERS, 'customer_id', {
          input: { kind: 'pivot', fromStep: 's1', fromField: `${CRM}#CustomerId`, inverted: false },
        }),
        step('s4', 'amper-pg', CRM, 'MobilePhone', {
          input: {
            kind: 'pivot',
            fromStep: 's2',
            fromField: `${SV}#contact.mobile`,
            transform: { type: 'e164', region: 'GB' },
            inverted: true,
          },
          match: 'digits-only',
          access: 'scan',
          strength: 'weak',
        }),
        step('s5', 'down-pg', CRM, 'Email', { match: 'case-insensitive' }),
      ],
      unreachable: [],
      warnings: [],
      depth: 2,
      scans: 'allow',
    }
    const identifier = recogniseIdentifier(`  ${person!.email!.toUpperCase()} `).best
    const statuses: SourceLookupStatus[] = []
    const streamed: RawRecord[] = []
    const records = await runLookupPlan(plan, {
      identifier,
      signal: new AbortController().signal,
      timeoutMs: 60_000,
      rowCap: 500,
      onStatus: (s) => statuses.push(s),
      onRecords: (r) => streamed.push(...r),
      runStep: (s, query, signal) => connectors.get(s.source)!.lookup!(query, { signal }),
    })
    const final = (src: string) => statuses.filter((s) => s.source === src).at(-1)
    expect(final('amper-pg')?.state).toBe('answered')
    expect(final('singleview')?.state).toBe('answered')
    expect(final('down-pg')).toMatchObject({ state: 'unavailable', error: { code: 'unreachable' } })
    expect(streamed).toHaveLength(records.length)

    const keys = (assetUrn: string, field: string) =>
      records
        .filter((r) => r.assetUrn === assetUrn)
        .map((r) => String(r.recordKey[field]))
        .sort()
    const mine = truth!.records.get(person!.personId)!
    const theirs = truth!.records.get(other!.personId)!
    expect(keys(CRM, 'CustomerId')).toEqual(
      [...mine.get('crm.dbo.Customer')!, ...theirs.get('crm.dbo.Customer')!].sort(),
    )
    expect(keys(SV, '_id')).toEqual([...mine.get('singleview.customers')!].sort())
    expect(keys(ORDERS, 'order_id')).toEqual([...(mine.get('orders.sales.orders') ?? [])].sort())

    const merged = mergeLookup({
      plan,
      identifier,
      records,
      categories: new Map(manifest!.personalFields.map((f) => [f.urn, f.category])),
      modelPaths: new Map(
        manifest!.personalFields
          .filter((f) => f.urn.startsWith(`${SV}#`))
          .map((f) => [f.urn, f.urn.slice(SV.length + 1)]),
      ),
      edges: manifest!.lineage.map((e, i): LineageEdge => ({
        id: `m${i}`,
        level: 'field',
        from: e.from,
        to: e.to,
        ...(e.transform ? { transform: e.transform } : {}),
        via: { kind: 'process', name: e.via },
        origin: { kind: 'declared', file: 'manifest', line: i + 1, process: e.via },
      })),
      mask: (v) => (v === null || v === undefined ? null : maskValue(v)),
    })
    const ownerOf = (r: RawRecord) => {
      const asset = r.assetUrn.split('://')[1]!.split('/').slice(1).join('.')
      const key = String(Object.values(r.recordKey)[0])
      return truth!.people.find((p) => truth!.records.get(p.personId)?.get(asset)?.has(key))
        ?.personId
    }
    const byId = new Map(records.map((r) => [r.id, r]))
    const members = (p: (typeof merged.people)[number]) =>
      p.groups.flatMap((g) => g.records).map((id) => ownerOf(byId.get(id)!))
    expect(merged.people).toHaveLength(1)
    expect(new Set(members(merged.people[0]!))).toEqual(new Set([person!.personId]))
    expect(members(merged.people[0]!)).toHaveLength(records.length - 1)
    expect(merged.linked).toHaveLength(1)
    expect(members(merged.linked[0]!.person)).toEqual([other!.personId])
    // The household shares the mobile (and often the landline): phones, never a strong key.
    expect(new Set(merged.linked[0]!.sharedVia.map((s) => s.kind))).toEqual(new Set(['phone']))
    // One customer across crm and the single view: `_id` and the mobile agree.
    const field = (p: string) => merged.people[0]!.fields.find((f) => f.path === p)
    expect(field('_id')).toMatchObject({ conflict: false })
    expect(field('_id')!.values).toHaveLength(1)
    expect(
      field('contact.mobile')!
        .values[0]!.provenance.map((x) => x.assetUrn)
        .sort(),
    ).toEqual([CRM, SV].sort())
    // crm's messy values (padded email, typed phones, a DATE column) are the single view's once
    // carried through lineage: no false conflicts.
    for (const p of ['contact.email', 'contact.mobile', 'dateOfBirth', 'name.last']) {
      expect(field(p), p).toMatchObject({ conflict: false })
      expect(field(p)!.values, p).toHaveLength(1)
    }
    const json = JSON.stringify(merged)
    expect(json).not.toContain(person!.email!)
    expect(json).not.toContain(person!.mobile!)
  })

  it('finds both holders of a shared mobile as two people, never one', async () => {
    const plan: LookupPlan = {
      identifier: { kind: 'phone', strength: 'weak', masked: 'x', reason: 'test' },
      steps: [
        step('p1', 'amper-pg', CRM, 'MobilePhone', {
          input: { kind: 'identifier', identifierKind: 'phone' },
          match: 'digits-only',
          access: 'scan',
          strength: 'weak',
        }),
        step('p2', 'singleview', SV, '_id', {
          input: {
            kind: 'pivot',
            fromStep: 'p1',
            fromField: `${CRM}#CustomerId`,
            transform: PAD,
            inverted: false,
          },
          access: 'primary-key',
        }),
      ],
      unreachable: [],
      warnings: [],
      depth: 2,
      scans: 'allow',
    }
    // As someone types it: national, spaced.
    const national = `0${person!.mobile!.slice(3, 7)} ${person!.mobile!.slice(7)}`
    const identifier = recogniseIdentifier(national).best
    expect(identifier.kind).toBe('phone')
    const records = await runLookupPlan(plan, {
      identifier,
      signal: new AbortController().signal,
      timeoutMs: 60_000,
      rowCap: 500,
      onStatus: () => undefined,
      onRecords: () => undefined,
      runStep: (s, query, signal) => connectors.get(s.source)!.lookup!(query, { signal }),
    })
    const merged = mergeLookup({
      plan,
      identifier,
      records,
      categories: new Map(manifest!.personalFields.map((f) => [f.urn, f.category])),
      modelPaths: new Map(),
      edges: [],
      mask: (v) => (v === null || v === undefined ? null : maskValue(v)),
    })
    const byId = new Map(records.map((r) => [r.id, r]))
    const customerIds = merged.people.map((p) =>
      [...new Set(p.groups.flatMap((g) => g.records).map((id) => byId.get(id)!.assetUrn))].sort(),
    )
    // Each holder: their crm row and their single-view document, and nobody else's.
    expect(customerIds).toEqual([[SV, CRM].sort(), [SV, CRM].sort()])
    const crmIds = merged.people.map((p) =>
      p.groups
        .flatMap((g) => g.records)
        .map((id) => byId.get(id)!)
        .filter((r) => r.assetUrn === CRM)
        .map((r) => r.recordKey.CustomerId),
    )
    expect(crmIds.every((ids) => ids.length === 1)).toBe(true)
    expect(new Set(crmIds.flat()).size).toBe(2)
  })
})

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { recogniseIdentifier } from '../../src/main/lookup/identifiers/recognise'
import { keyPartition } from '../../src/main/lookup/kafka/key-partition'
import type { PlanInput } from '../../src/main/lookup/lookup-inputs'
import { keyFormatOf } from '../../src/main/lookup/plan/field-access'
import { planLookup } from '../../src/main/lookup/plan/plan-lookup'
import { planProblems } from '../../src/main/lookup/plan/plan-shape'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { CatalogAsset } from '../../src/shared/model/catalog'
import type { LineageEdge } from '../../src/shared/model/lineage'
import type { LookupPlan } from '../../src/shared/model/lookup'
import type { CategoryId } from '../../src/shared/model/personal-data'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'
import { crawlToEnd } from '../support/crawl-job'

/**
 * The lookup planner (issue 7 item 2) on the reference estate: crawl the repository's workspace,
 * build the planner's input from the catalogue, the lineage edges and the personal-data map (as
 * the API does), and check against the manifest's person ids that the plans for an email, a
 * phone, a customer number and a loyalty number ask every store where the person's records live.
 * Plans only: nothing is run against the stores here (that is the executor's test).
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

const DATA = path.join(REPO_ROOT, '.estate', 'data', 'small')
const CUSTOMER_TOPIC = 'kafka://events/crm.dbo.Customer'
const SINGLEVIEW = 'mongodb://singleview/singleview/customers'

interface Person {
  personId: string
  email: string | null
  mobile: string | null
  crmCustomerIds: number[]
  singleviewIds: string[]
}

/** Asset URN -> record key -> person id, from the manifest's records/ files. */
function manifestRecords(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const platform of ['postgres', 'mongodb'] as const) {
    const dir = path.join(DATA, 'records', platform)
    for (const file of readdirSync(dir)) {
      const parts = file.replace(/\.tsv$/, '').split('.')
      const urn =
        platform === 'postgres'
          ? `postgres://amper-pg/${parts.join('/')}`
          : `mongodb://singleview/${parts.join('/')}`
      const rows = new Map<string, string>()
      for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        const [key, person] = line.split('\t')
        if (key && person) rows.set(key, person)
      }
      out.set(urn, rows)
    }
  }
  return out
}

describe.skipIf(!up)('lookup plans on the reference estate', () => {
  let dir: string
  let host: ApiHost
  let base: Omit<PlanInput, 'identifier'>
  let assets: Map<string, CatalogAsset>
  const records = manifestRecords()
  const people = readFileSync(path.join(DATA, 'people.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Person)
  const singleview = new Map(
    readFileSync(path.join(DATA, 'expected', 'singleview.customers.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { _id: string; loyalty: { number: string } | null })
      .map((d) => [d._id, d]),
  )

  /** The stores the issue names, where the manifest has a record of the person. */
  function expectedAssets(personId: string, withTopics: boolean): string[] {
    const out: string[] = []
    for (const [urn, rows] of records) {
      if (
        !/^postgres:\/\/amper-pg\/(crm|orders)\/|^mongodb:\/\/singleview\/(singleview|fraud|callcentre)\//.test(
          urn,
        )
      )
        continue
      if (![...rows.values()].includes(personId)) continue
      out.push(urn)
      // A CDC topic holds every row of its table.
      const topic = urn.startsWith('postgres://')
        ? `kafka://events/${urn.split('/').slice(3).join('.')}`
        : undefined
      if (withTopics && topic && assets.has(topic)) out.push(topic)
    }
    return out.sort()
  }

  const plan = (typed: string, extra: Partial<PlanInput> = {}): LookupPlan => {
    const p = planLookup({ ...base, identifier: recogniseIdentifier(typed).best, ...extra })
    expect(planProblems(p)).toEqual([])
    return p
  }

  const asked = (p: LookupPlan) => new Set(p.steps.map((s) => s.assetUrn))

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-plan-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(dir, 'catalog'), { recursive: true })
    host = await createApiHost({
      workspaceDir: dir,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'tester',
      env: { ...process.env, ...env },
    })
    await crawlToEnd(host)
    const catalog = JSON.parse((await host.api.exportCatalog({ format: 'json' })).content) as {
      assets: CatalogAsset[]
    }
    assets = new Map(catalog.assets.map((a) => [a.urn, a]))
    const lineage = JSON.parse((await host.api.exportLineage({ format: 'json' })).content) as {
      edges: LineageEdge[]
    }
    const map = await host.api.getPersonalDataMap({})
    const categories = new Map<string, CategoryId>(
      map.entries.filter((e) => e.reviewState !== 'rejected').map((e) => [e.urn, e.category]),
    )
    base = {
      snapshot: { assets, sources: [] },
      edges: lineage.edges,
      categories,
      depth: 2,
      scans: 'warn',
    }
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  // A customer with a loyalty account, a fraud case and call-centre interactions.
  const rich = () => {
    const has = (urn: string, id: string) => [...(records.get(urn)?.values() ?? [])].includes(id)
    const person = people.find(
      (p) =>
        p.email &&
        p.mobile &&
        p.singleviewIds.length === 1 &&
        singleview.get(p.singleviewIds[0]!)?.loyalty &&
        has('mongodb://singleview/fraud/cases', p.personId) &&
        has('mongodb://singleview/callcentre/interactions', p.personId) &&
        has('postgres://amper-pg/orders/sales/orders', p.personId),
    )
    if (!person) throw new Error('the manifest has no customer with every kind of record')
    return { person, loyalty: singleview.get(person.singleviewIds[0]!)!.loyalty!.number }
  }

  it('asks every store holding the person’s records for an email, a phone, a customer number and a loyalty number', () => {
    const { person, loyalty } = rich()
    const want = expectedAssets(person.personId, false)
    expect(want).toEqual(
      expect.arrayContaining([
        'mongodb://singleview/fraud/cases',
        'mongodb://singleview/callcentre/interactions',
        SINGLEVIEW,
      ]),
    )
    const typed = {
      email: `  ${person.email!.toUpperCase()} `,
      phone: person.mobile!.replace('+44', '0'),
      'customer-number': person.singleviewIds[0]!,
      'loyalty-number': loyalty.toLowerCase(),
    }
    for (const [kind, value] of Object.entries(typed)) {
      const p = plan(value)
      expect(p.identifier.kind).toBe(kind)
      const missing = want.filter((urn) => !asked(p).has(urn))
      expect(missing, `${kind}: stores not asked`).toEqual([])
      // The single view is read by _id, never scanned (FerretDB pushes only _id down); a weak
      // identifier reads it once per route (each start field's records are followed).
      const sv = p.steps.filter((s) => s.assetUrn === SINGLEVIEW).map((s) => s.access)
      expect(sv.length).toBeGreaterThan(0)
      expect(new Set(sv)).toEqual(new Set(['primary-key']))
      // A strong identifier reads it once for its person, and once more per route asking who
      // else holds an email found (a field asked again with its own value: duplicates, households).
      const reopened = p.steps.filter(
        (s) => s.input.kind === 'pivot' && s.input.fromField === s.fieldUrn,
      ).length
      if (p.identifier.strength === 'strong') expect(sv.length).toBeLessThanOrEqual(1 + reopened)
      expect(JSON.stringify(p)).not.toContain(person.email!)
    }
  })

  it('reaches the CDC topics of the person’s rows at depth 3, by key partition', () => {
    const { person } = rich()
    const want = expectedAssets(person.personId, true)
    const p = plan(person.email!, { depth: 3 })
    expect(want.filter((urn) => !asked(p).has(urn))).toEqual([])
    for (const s of p.steps.filter((s) => s.platform === 'kafka' && s.assetUrn.includes('.dbo.')))
      expect(s.access).toBe('partition')
  })

  it('for C00000042, asks crm by primary key, the single view by _id, and knows the topic partition now', async () => {
    const p = plan('C00000042')
    const want = expectedAssets('P0000043', true)
    expect(want.filter((urn) => !asked(p).has(urn))).toEqual([])
    expect(
      p.steps.find((s) => s.fieldUrn === 'postgres://amper-pg/crm/dbo/Customer#CustomerId'),
    ).toMatchObject({ access: 'primary-key', input: { kind: 'identifier' } })
    expect(p.steps.find((s) => s.fieldUrn === `${SINGLEVIEW}#_id`)).toMatchObject({
      access: 'primary-key',
    })
    const topic = p.steps.find((s) => s.fieldUrn === `${CUSTOMER_TOPIC}#key.CustomerId`)!
    expect(topic.access).toBe('partition')
    expect(topic.partition).toBeTypeOf('number')

    // The key rebuilt from the catalogue is the broker's exact key, in the partition planned.
    const asset = assets.get(CUSTOMER_TOPIC)!
    const field = asset.fields.find((f) => f.path === 'key.CustomerId')!
    const { format } = keyFormatOf(asset, field)!
    const { keyBytes } = keyPartition(format, { CustomerId: 42 }, 6)
    const found = await partitionsHoldingKey('crm.dbo.Customer', keyBytes)
    expect(found).toEqual([topic.partition])
  })

  it('pivots from an email through crm CustomerId to the single view’s _id with the builder’s prefix-pad', () => {
    const { person } = rich()
    const p = plan(person.email!)
    const sv = p.steps.find((s) => s.assetUrn === SINGLEVIEW)!
    expect(sv.input).toMatchObject({
      kind: 'pivot',
      fromField: 'postgres://amper-pg/crm/dbo/Customer#CustomerId',
      transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
      inverted: false,
    })
    expect(sv.strength).toBe('strong')
    expect(sv.reason).toMatch(/singleview-builder/)
  })

  it('starts a phone lookup weak, and with scans refused lists crm as unreachable with the reason', () => {
    const { person } = rich()
    const typed = person.mobile!.replace('+44', '0')
    const warn = plan(typed)
    expect(warn.identifier.strength).toBe('weak')
    for (const s of warn.steps.filter((s) => s.input.kind === 'identifier'))
      expect(s.strength).toBe('weak')
    const skip = plan(typed, { scans: 'skip' })
    expect(skip.steps.filter((s) => s.access === 'scan')).toEqual([])
    expect(
      skip.unreachable.find((u) => u.assetUrn === 'postgres://amper-pg/crm/dbo/Customer')?.reason,
    ).toMatch(/scans were refused/)
  })

  /** Partitions of `topic` holding a record with exactly these key bytes (reads the topic). */
  async function partitionsHoldingKey(topic: string, key: Buffer): Promise<number[]> {
    const kafka = new Kafka({
      clientId: 'sightline-test-lookup-plan',
      brokers: [`${HOST}:${port('SIGHTLINE_KAFKA_PORT', 59092)}`],
      logLevel: logLevel.NOTHING,
    })
    const admin = kafka.admin()
    await admin.connect()
    const groupId = `sightline-test-lookup-plan-${process.pid}-${Date.now()}`
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false })
    const found = new Set<number>()
    try {
      const offsets = await admin.fetchTopicOffsets(topic)
      const remaining = new Map(
        offsets.filter((o) => o.high !== o.low).map((o) => [o.partition, Number(o.high)]),
      )
      await consumer.connect()
      await consumer.subscribe({ topics: [topic], fromBeginning: true })
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachBatch: async ({ batch }) => {
              for (const m of batch.messages) if (m.key?.equals(key)) found.add(batch.partition)
              const end = remaining.get(batch.partition)
              if (end !== undefined && Number(batch.lastOffset()) + 1 >= end)
                remaining.delete(batch.partition)
              if (remaining.size === 0) resolve()
            },
          })
          .catch(reject)
      })
    } finally {
      await consumer.disconnect()
      await admin.deleteGroups([groupId]).catch(() => undefined)
      await admin.disconnect()
    }
    return [...found]
  }
})

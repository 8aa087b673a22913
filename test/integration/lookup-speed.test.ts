import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kafka, logLevel } from 'kafkajs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import type { LookupHit, LookupQuery, ResolvedSource } from '../../src/main/connectors/connector'
import { KafkaLookup } from '../../src/main/connectors/kafka/lookup-kafka'
import { keyPartition } from '../../src/main/lookup/kafka/key-partition'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { LookupInput, LookupResult } from '../../src/shared/model/lookup'
import { crawlToEnd, jobEnd } from '../support/crawl-job'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'

/**
 * What keeps a lookup fast (issue 7, speed) on the small estate, checked by what was read, never
 * by time: a keyed Kafka read takes the lookup index's offsets and the partition's tail after
 * the index's position, not the whole partition (bytes fetched, against a whole read of the same
 * partition); without the index it reads at most the newest N messages and says so; a phone
 * lookup asks no field twice with the same values; FerretDB's `_id` is asked by point reads.
 * Skipped only on a developer's machine without the estate (serviceAvailable throws under CI).
 */
const env = estateEnv()
const HOST = '127.0.0.1'
const KAFKA_PORT = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const up =
  (await serviceAvailable('Kafka', HOST, KAFKA_PORT)) &&
  (await serviceAvailable('PostgreSQL', HOST, Number(env.SIGHTLINE_PG_PORT ?? 55432))) &&
  (await serviceAvailable('MongoDB (FerretDB)', HOST, Number(env.SIGHTLINE_MONGO_PORT ?? 57017)))

const TOPIC_URN = 'kafka://events/crm.dbo.Customer'
const CUSTOMER = 42
/** crm.dbo.Customer's key as Debezium writes it (the catalogue's schema, checked elsewhere). */
const KEY_SCHEMA = {
  type: 'struct' as const,
  fields: [{ type: 'int32' as const, optional: false, field: 'CustomerId' }],
  optional: false,
  name: 'crm.dbo.Customer.Key',
}

const source: ResolvedSource = {
  name: 'events',
  kind: 'kafka',
  url: `kafka://${HOST}:${KAFKA_PORT}`,
  options: {},
}

describe.skipIf(!up)('lookup speed: what a lookup reads', () => {
  const kafka = new KafkaLookup(source)
  const key = keyPartition(
    { kind: 'connect-json', schema: KEY_SCHEMA },
    { CustomerId: CUSTOMER },
    6,
  )
  const keyed: LookupQuery = {
    assetPath: ['crm.dbo.Customer'],
    fieldPath: 'key.CustomerId',
    values: [CUSTOMER],
    match: 'equals',
    partition: key.partition,
    keyBytesHex: [key.keyBytes.toString('hex')],
    rowCap: 100,
    timeoutMs: 20_000,
  }
  /** The key's messages read through the whole partition, and its high watermark. */
  let whole: { hits: LookupHit[]; bytes: number; high: bigint }
  let ws: string
  let host: ApiHost
  const lookUp = async (
    input: LookupInput,
    scans: 'skip' | 'warn' = 'skip',
  ): Promise<LookupResult> => {
    const started = await host.api.startLookup({
      input,
      reason: 'integration test: lookup speed',
      scans,
    })
    const job = await jobEnd(host, started.jobId)
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded')
    return host.api.getLookup({ lookupId: started.lookupId })
  }

  /** One query of crm as the reader, about CUSTOMER (`$1`): the truth the lookups are held to. */
  const crm = async <R extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({
      host: HOST,
      port: Number(env.SIGHTLINE_PG_PORT ?? 55432),
      user: env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader',
      password: env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass',
      database: 'crm',
    })
    await client.connect()
    return client.query<R>(sql, [CUSTOMER]).finally(() => client.end())
  }

  beforeAll(async () => {
    const out = await kafka.lookup(keyed)
    const admin = new Kafka({
      clientId: 'sightline-test-lookup-speed',
      brokers: [`${HOST}:${KAFKA_PORT}`],
      logLevel: logLevel.NOTHING,
    }).admin()
    await admin.connect()
    const offsets = await admin
      .fetchTopicOffsets('crm.dbo.Customer')
      .finally(() => admin.disconnect())
    const high = offsets.find((o) => o.partition === key.partition)!.high
    whole = { hits: out.hits, bytes: out.bytesFetched ?? 0, high: BigInt(high) }
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-speed-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(ws, 'catalog'), { recursive: true })
    host = await createApiHost({
      workspaceDir: ws,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'lookup-speed-tester',
      env: { ...process.env, ...env },
    })
    await crawlToEnd(host, { sampleSize: 50 })
  }, 300_000)

  afterAll(async () => {
    await kafka.close()
    await host?.close()
    if (ws) rmSync(ws, { recursive: true, force: true })
  })

  it('reads the whole key partition only when asked to (the baseline of the bounds below)', () => {
    expect(whole.hits.length).toBeGreaterThan(0)
    expect(whole.bytes).toBeGreaterThan(200 * 1024)
  })

  it('bounded to the newest messages, reads only those and says the rest was not read', async () => {
    const out = await kafka.lookup({ ...keyed, tailMessages: 20 })
    expect(out.incomplete).toMatch(/newest 20 of the \d+ messages of crm\.dbo\.Customer/)
    expect(out.bytesFetched!).toBeLessThan(whole.bytes / 4)
    // An index far behind (its position at the start) leaves the same bound on the tail.
    const behind = await kafka.lookup({ ...keyed, fromOffset: '0', tailMessages: 20 })
    expect(behind.incomplete).toMatch(/newest 20 of the \d+ messages/)
    expect(behind.bytesFetched!).toBeLessThan(whole.bytes / 4)
  })

  it("reads the index's offsets and the tail after its position: the same records, few bytes", async () => {
    const offsets = whole.hits.map((h) => ({
      partition: key.partition,
      offset: String(h.recordKey.offset),
    }))
    // As the index answers once it has caught up: its hits, and its position at the watermark.
    const out = await kafka.lookup({ ...keyed, offsets, fromOffset: String(whole.high) })
    expect(out.hits.map((h) => h.recordKey)).toEqual(whole.hits.map((h) => h.recordKey))
    expect(out.bytesFetched!).toBeLessThan(whole.bytes / 4)
    expect(out.incomplete).toBeUndefined()
  })

  it('a customer-number lookup through the built index: one partition, a few records, few bytes', async () => {
    const built = await host.api.controlLookupIndex({ action: 'build' })
    if (built.jobId) expect((await jobEnd(host, built.jobId)).state).toBe('succeeded')
    const result = await lookUp({ value: String(CUSTOMER), kind: 'customer-number' })
    const keyedSteps = result.plan.steps.filter(
      (s) => s.assetUrn === TOPIC_URN && s.access === 'partition',
    )
    expect(keyedSteps.length).toBeGreaterThan(0)
    const runs = (result.steps ?? []).filter((r) => keyedSteps.some((s) => s.id === r.stepId))
    const asked = runs.filter((r) => r.state === 'answered')
    expect(asked.length).toBeGreaterThan(0)
    for (const r of asked) {
      expect(r.bytesFetched!).toBeLessThan(whole.bytes / 4)
      expect(r.note).toBeUndefined()
    }
    // Every CDC message of the customer (whichever step found it first), from its partition.
    const found = result.records.filter(
      (r) => r.assetUrn === TOPIC_URN && r.recordKey.partition === key.partition,
    )
    const offsetsFound = new Set(found.map((r) => String(r.recordKey.offset)))
    for (const h of whole.hits) expect(offsetsFound).toContain(String(h.recordKey.offset))
    // The single view through FerretDB `_id` point reads (strings only: `_id` holds text).
    const sv = result.plan.steps.find(
      (s) =>
        s.assetUrn === 'mongodb://singleview/singleview/customers' && s.fieldUrn.endsWith('#_id'),
    )!
    const svRun = result.steps!.find((r) => r.stepId === sv.id)!
    expect(svRun.state).toBe('answered')
    expect(
      result.records.some((r) => r.recordKey._id === `C${String(CUSTOMER).padStart(8, '0')}`),
    ).toBe(true)
  })

  it("reads a CDC copy keyed by a column that is no identifier by the index's record keys", async () => {
    // crm.dbo.Address is keyed by AddressId: the lookup pivots to it from crm's rows. The index
    // holds every keyed topic's record keys, so the read takes their offsets, not the partition.
    const ids = await crm<{ id: number }>(
      'SELECT "AddressId" AS id FROM dbo."Address" WHERE "CustomerId" = $1',
    )
    expect(ids.rows.length).toBeGreaterThan(0)
    const addressKey = (id: number) =>
      keyPartition(
        {
          kind: 'connect-json',
          schema: {
            ...KEY_SCHEMA,
            name: 'crm.dbo.Address.Key',
            fields: [{ ...KEY_SCHEMA.fields[0]!, field: 'AddressId' }],
          },
        },
        { AddressId: id },
        6,
      )
    // The truth: every message of those keys, read partition by partition in full.
    const truth = new Set<string>()
    let wholeBytes = 0
    for (const row of ids.rows) {
      const k = addressKey(row.id)
      const out = await kafka.lookup({
        ...keyed,
        assetPath: ['crm.dbo.Address'],
        fieldPath: 'key.AddressId',
        values: [row.id],
        partition: k.partition,
        keyBytesHex: [k.keyBytes.toString('hex')],
      })
      wholeBytes += out.bytesFetched ?? 0
      for (const h of out.hits)
        truth.add(`${String(h.recordKey.partition)}:${String(h.recordKey.offset)}`)
    }
    expect(truth.size).toBeGreaterThanOrEqual(ids.rows.length)
    const result = await lookUp({ value: String(CUSTOMER), kind: 'customer-number' })
    const addressUrn = 'kafka://events/crm.dbo.Address'
    const keyedSteps = result.plan.steps.filter(
      (s) => s.assetUrn === addressUrn && s.access === 'partition',
    )
    const runs = (result.steps ?? []).filter(
      (r) => r.state === 'answered' && keyedSteps.some((s) => s.id === r.stepId),
    )
    expect(runs.length).toBeGreaterThan(0)
    for (const r of runs) {
      expect(r.note).toBeUndefined()
      expect(r.bytesFetched!).toBeLessThan(wholeBytes / 4)
    }
    const found = new Set(
      result.records
        .filter((r) => r.assetUrn === addressUrn)
        .map((r) => `${String(r.recordKey.partition)}:${String(r.recordKey.offset)}`),
    )
    for (const t of truth) expect(found).toContain(t)
  })

  it('a phone lookup asks no source twice for the same field and values', async () => {
    const row = await crm<{ phone: string }>(
      'SELECT "MobilePhone" AS phone FROM dbo."Customer" WHERE "CustomerId" = $1',
    )
    // Scans allowed (small estate): crm's MobilePhone (a scan) and the CDC topic's (the index)
    // both find the customer, and both routes pivot into the same fields with the same values.
    const result = await lookUp({ value: row.rows[0]!.phone, kind: 'phone' }, 'warn')
    const runs = result.steps ?? []
    expect(runs.length).toBeGreaterThan(0)
    // Two weak routes reach the customer; their pivots into the same fields are asked once.
    expect(
      runs.filter((r) => r.state === 'reused' || (r.reusedValues ?? 0) > 0).length,
    ).toBeGreaterThan(0)
    const steps = new Map(result.plan.steps.map((s) => [s.id, s]))
    const reused = runs.filter((r) => r.state === 'reused')
    for (const r of reused) {
      const s = steps.get(r.stepId)!
      const same = runs.filter(
        (o) =>
          o.state === 'answered' &&
          steps.get(o.stepId)?.fieldUrn === s.fieldUrn &&
          steps.get(o.stepId)?.access === s.access,
      )
      expect(same.length, `${s.fieldUrn} was answered once before its reuse`).toBeGreaterThan(0)
    }
    expect(result.records.some((r) => r.recordKey.CustomerId === CUSTOMER)).toBe(true)
  })
})

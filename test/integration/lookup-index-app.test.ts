import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { LookupIndexStatus, LookupResult } from '../../src/shared/model/lookup'
import { jobEnd } from '../support/crawl-job'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'

/**
 * The lookup index as the app runs it (issue 7 item 4), on the small estate's Kafka with a topic
 * of its own: the host indexes the identifier fields the crawl classified, keeps the index
 * current while started (a message produced later is found by a lookup through the index), says
 * how far behind it is while stopped, and never writes to Kafka.
 * Skipped only on a developer's machine without the estate (serviceAvailable throws under CI).
 */
const env = estateEnv()
const HOST = '127.0.0.1'
const PORT = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const up = await serviceAvailable('Kafka', HOST, PORT)
const REASON = 'integration test: lookup index kept current'

/**
 * Asks until `ok` holds (bounded: 120 rounds of 250 ms), returning the last status seen. The
 * index's status has no event of its own: the Lookup page polls it the same way.
 */
async function statusUntil(
  host: ApiHost,
  ok: (s: LookupIndexStatus) => boolean,
): Promise<LookupIndexStatus> {
  let last: LookupIndexStatus | undefined
  for (let i = 0; i < 120; i++) {
    last = (await host.api.getLookupIndexStatus({ source: 'events' }))[0]
    if (last && ok(last)) return last
    await new Promise((r) => setTimeout(r, 250))
  }
  return last!
}

describe.skipIf(!up)('the lookup index in the app', () => {
  const topic = `sightline-test-index-app-${process.pid}-${Date.now()}`
  const kafka = new Kafka({
    clientId: 'sightline-test-index-app',
    brokers: [`${HOST}:${PORT}`],
    logLevel: logLevel.NOTHING,
  })
  let admin: Admin
  let producer: Producer
  let ws: string
  let host: ApiHost
  const produce = (emails: string[]) =>
    producer.send({
      topic,
      messages: emails.map((e, i) => ({
        key: null,
        value: JSON.stringify({ requestId: `r${i}`, customerEmail: e, reason: 'faulty' }),
      })),
    })
  const lookUp = async (value: string): Promise<LookupResult> => {
    const started = await host.api.startLookup({ input: { value }, reason: REASON, scans: 'skip' })
    const job = await jobEnd(host, started.jobId)
    expect(job.state, JSON.stringify(job.error)).toBe('succeeded')
    return host.api.getLookup({ lookupId: started.lookupId })
  }
  const topicOf = (s: LookupIndexStatus) => s.freshness?.topics.find((t) => t.topic === topic)

  beforeAll(async () => {
    admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })
    producer = kafka.producer({ allowAutoTopicCreation: false })
    await producer.connect()
    await produce(
      Array.from({ length: 20 }, (_, i) => `sightline-test-${i}@example.com`).concat([
        'Sightline-Test-Ann@Example.com',
      ]),
    )
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-index-app-'))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(ws, 'catalog'), { recursive: true })
    host = await createApiHost({
      workspaceDir: ws,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      actor: 'index-tester',
      env: { ...process.env, ...env },
    })
    const crawl = await host.api.startCrawl({ sources: ['events', 'registry'], sampleSize: 50 })
    expect((await jobEnd(host, crawl.jobId)).state).toBe('succeeded')
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    if (ws) rmSync(ws, { recursive: true, force: true })
    await producer?.disconnect()
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
    await admin?.disconnect()
  })

  it('indexes the classified identifier fields and keeps them current while started', async () => {
    const before = (await host.api.getLookupIndexStatus({ source: 'events' }))[0]!
    expect(before).toMatchObject({ source: 'events', running: false, state: 'stopped' })
    expect(before.fields).toBeGreaterThan(0)

    const started = await host.api.controlLookupIndex({ action: 'start', source: 'events' })
    expect(started.status[0]?.running).toBe(true)
    // Other tests' topics may move meanwhile: this topic's partitions are what is checked.
    const current = await statusUntil(
      host,
      (s) => topicOf(s)?.lag === 0 && topicOf(s)!.partitions.every((p) => p.caughtUpAt),
    )
    expect(['current', 'behind', 'building']).toContain(current.state)
    expect(current.progress).toBeGreaterThan(0.9)
    expect(current.ageMs).toBeGreaterThanOrEqual(0)
    expect(topicOf(current)?.partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(21)

    // Through the index: the topic's customerEmail is not its key.
    const plan = await host.api.planLookup({ input: { value: 'sightline-test-ann@example.com' } })
    const step = plan.steps.find((s) => s.assetUrn === `kafka://events/${topic}`)
    expect(step?.access).toBe('lookup-index')
    const ann = await lookUp('  SIGHTLINE-TEST-ANN@example.com')
    expect(ann.records.filter((r) => r.assetUrn === `kafka://events/${topic}`)).toHaveLength(1)

    // A message produced now is indexed by the running loop, and found.
    await produce(['sightline-test-ann@example.com'])
    const again = await statusUntil(
      host,
      (s) => topicOf(s)?.partitions.reduce((n, p) => n + p.indexedOffset, 0) === 22,
    )
    expect(topicOf(again)?.lag).toBe(0)
    const twice = await lookUp('sightline-test-ann@example.com')
    expect(twice.records.filter((r) => r.assetUrn === `kafka://events/${topic}`)).toHaveLength(2)
    const events = twice.sources.find((s) => s.source === 'events')
    expect(events).toMatchObject({ state: 'answered', staleOffsets: 0 })
  }, 180_000)

  it('stopped, it says how far behind it is, in its status and in the plan', async () => {
    await host.api.controlLookupIndex({ action: 'stop', source: 'events' })
    await produce(['sightline-test-late@example.com'])
    const stopped = await statusUntil(host, (s) => topicOf(s)?.lag === 1)
    expect(stopped).toMatchObject({ running: false, state: 'stopped' })
    expect(topicOf(stopped)?.lag).toBe(1)
    const plan = await host.api.planLookup({ input: { value: 'sightline-test-late@example.com' } })
    const step = plan.steps.find((s) => s.assetUrn === `kafka://events/${topic}`)
    expect(step?.reason).toMatch(/the index is \d+ messages? behind/)
    // Not indexed yet: not found, and the source's status says why.
    const late = await lookUp('sightline-test-late@example.com')
    expect(late.records.filter((r) => r.assetUrn === `kafka://events/${topic}`)).toHaveLength(0)
    expect(late.sources.find((s) => s.source === 'events')?.note).toMatch(/behind/)

    // A build (a job) catches up once, with the index stopped.
    const built = await host.api.controlLookupIndex({ action: 'build', source: 'events' })
    expect((await jobEnd(host, built.jobId!)).state).toBe('succeeded')
    const caught = (await host.api.getLookupIndexStatus({ source: 'events' }))[0]!
    expect(topicOf(caught)?.lag).toBe(0)
    const found = await lookUp('sightline-test-late@example.com')
    expect(found.records.filter((r) => r.assetUrn === `kafka://events/${topic}`)).toHaveLength(1)
  }, 180_000)
})

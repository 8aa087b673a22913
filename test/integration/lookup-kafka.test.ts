import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResolvedSource } from '../../src/main/connectors/connector'
import { openKafkaClients, type KafkaClients } from '../../src/main/connectors/kafka/kafka-client'
import { KafkaLookup } from '../../src/main/connectors/kafka/lookup-kafka'
import {
  fetchOffsets,
  readPartitionRange,
  topicPartitions,
} from '../../src/main/connectors/kafka/lookup-fetch'
import { FetchedBatches } from '../../src/main/connectors/kafka/fetched-batches'
import { canFetchLazily } from '../../src/main/connectors/kafka/lazy-fetch'
import { parseKafkaSource } from '../../src/main/connectors/kafka/parse-url'
import { recogniseIdentifier } from '../../src/main/lookup/identifiers/recognise'
import { normaliseEmail } from '../../src/main/lookup/identifiers/normalise'
import {
  indexedFieldsOf,
  indexHmac,
  recordKeyField,
  recordKeyToken,
} from '../../src/main/lookup/kafka-index/index-fields'
import { KafkaLookupIndexer } from '../../src/main/lookup/kafka-index/kafka-lookup-indexer'
import { parseConnectJsonKey } from '../../src/main/lookup/kafka/connect-json-key'
import { keyPartition } from '../../src/main/lookup/kafka/key-partition'
import type { CategoryId } from '../../src/shared/model/personal-data'
import { openSqliteStore, type SqliteCatalogStore } from '../../src/main/store/sqlite-store'
import { estateEnv, serviceAvailable } from '../support/estate'

/**
 * Kafka lookups without unbounded scans (issue 7 item 4) against the reference estate: a keyed
 * lookup reads one partition; the lookup index finds what is not the key (emails in
 * returns.requests, clickstream events by emailSha256 and customerId); freshness follows new
 * messages on a topic the test creates and deletes. Ground truth: the estate's topic files.
 */
const env = estateEnv()
const host = '127.0.0.1'
const port = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const up = await serviceAvailable('Kafka', host, port)
const dataDir = path.join(
  env.SIGHTLINE_ESTATE_DIR ?? '.estate',
  'data',
  env.SIGHTLINE_ESTATE_SCALE ?? 'small',
)

const source: ResolvedSource = {
  name: 'events',
  kind: 'kafka',
  url: `kafka://${host}:${port}`,
  options: {},
}
const registry = {
  name: 'registry',
  url: env.SIGHTLINE_REGISTRY_URL ?? 'http://127.0.0.1:58081/apis/ccompat/v7',
  options: {},
}
const noAbort = <T>(p: Promise<T>) => p

interface TopicLine {
  key: string | null
  value: Record<string, unknown>
  personId: string | null
}

function topicFile(topic: string): TopicLine[] {
  return readFileSync(path.join(dataDir, 'topics', `${topic}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as TopicLine)
}

/** The manifest's classified fields of the application topics: what the catalogue would give. */
function applicationTopicFields() {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as {
    assets: Array<{
      kind: string
      path: string[]
      fields: Array<{ path: string; category: CategoryId | null }>
    }>
  }
  const topics = new Set(['returns.requests', 'web.clickstream.v1', 'fraud.scores'])
  return indexedFieldsOf(
    manifest.assets
      .filter((a) => a.kind === 'topic' && topics.has(a.path[0]!))
      .flatMap((a) =>
        a.fields
          .filter((f) => f.category !== null)
          .map((f) => ({ topic: a.path[0]!, path: f.path, category: f.category! })),
      ),
  )
}

describe.skipIf(!up)('Kafka lookups and the lookup index (estate)', () => {
  let clients: KafkaClients
  let lookup: KafkaLookup
  let dir: string
  let store: SqliteCatalogStore
  let indexer: KafkaLookupIndexer

  beforeAll(async () => {
    clients = openKafkaClients(parseKafkaSource(source), 15_000)
    await clients.cluster.connect()
    lookup = new KafkaLookup(source, registry)
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-test-lookup-kafka-'))
    store = openSqliteStore(path.join(dir, 'store.sqlite'))
    indexer = new KafkaLookupIndexer({
      source,
      schemaRegistry: registry,
      store,
      fields: applicationTopicFields(),
    })
    await indexer.catchUp()
  }, 120_000)

  afterAll(async () => {
    await indexer?.stop()
    await lookup?.close()
    await clients?.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('a keyed lookup of a crm CustomerId reads one partition and finds exactly its messages', async () => {
    const topic = 'crm.dbo.Customer'
    const partitions = await topicPartitions(clients.cluster, [topic], noAbort)
    // The whole topic, read here only to know the truth and its size.
    let totalBytes = 0
    const byKey = new Map<string, Array<{ partition: number; offset: string }>>()
    let schema: ReturnType<typeof parseConnectJsonKey>['schema'] | undefined
    for (const p of partitions)
      for await (const chunk of readPartitionRange(
        clients.cluster,
        { ...p, from: p.low, to: p.high },
        { abortable: noAbort },
      )) {
        totalBytes += chunk.bytes
        for (const r of chunk.records) {
          schema ??= parseConnectJsonKey(r.key!).schema
          const k = r.key!.toString('hex')
          byKey.set(k, [...(byKey.get(k) ?? []), { partition: p.partition, offset: r.offset }])
        }
      }
    const customerId = 42
    const { partition, keyBytes } = keyPartition(
      { kind: 'connect-json', schema: schema! },
      { CustomerId: customerId },
      partitions.length,
    )
    const expected = byKey.get(keyBytes.toString('hex')) ?? []
    expect(expected.length).toBeGreaterThan(0)

    const out = await lookup.lookup(
      {
        assetPath: [topic],
        fieldPath: 'key.CustomerId',
        values: [customerId],
        match: 'equals',
        partition,
        keyBytesHex: [keyBytes.toString('hex')],
        rowCap: 100,
        timeoutMs: 15_000,
      },
      {},
    )
    expect(
      out.hits.map((h) => ({ partition: h.recordKey.partition, offset: h.recordKey.offset })),
    ).toEqual(expected)
    for (const h of out.hits) {
      expect(h.values['key.CustomerId']).toBe(customerId)
      expect(h.values['after.CustomerId']).toBe(customerId)
      expect(typeof h.values['after.Email']).toBe('string')
    }
    // One partition of six: far less than the topic, and no other partition touched.
    expect(out.bytesFetched).toBeGreaterThan(0)
    expect(out.bytesFetched!).toBeLessThan(totalBytes / 3)
  })

  it("reads single offsets of Debezium's gzip batches lazily, the same records kafkajs decodes", async () => {
    const topic = 'crm.dbo.Customer'
    const p = (await topicPartitions(clients.cluster, [topic], noAbort)).sort((a, b) =>
      Number(b.high - b.low - (a.high - a.low)),
    )[0]!
    const broker = await clients.cluster.findBroker({ nodeId: String(p.leader) })
    expect(canFetchLazily(broker)).toBe(true)
    const span = p.high - p.low
    const wanted = [p.low, p.low + span / 3n, p.low + span / 2n, p.high - 1n]
    // Reference: kafkajs decoding every record of the partition, in order.
    const all = new Map<string, { key: string; value: string; timestamp: string }>()
    for await (const chunk of readPartitionRange(
      clients.cluster,
      { ...p, from: p.low, to: p.high },
      { abortable: noAbort },
    ))
      for (const r of chunk.records)
        all.set(r.offset, {
          key: r.key!.toString(),
          value: r.value?.toString() ?? '',
          timestamp: r.timestamp,
        })
    const got = await fetchOffsets(clients.cluster, p, wanted, { abortable: noAbort })
    expect(got.missing).toEqual([])
    expect(
      got.records.map((r) => [
        r.offset,
        { key: r.key!.toString(), value: r.value?.toString() ?? '', timestamp: r.timestamp },
      ]),
    ).toEqual(wanted.map((o) => [String(o), all.get(String(o))]))
    expect(got.bytes).toBeGreaterThan(0)
  })

  it('asks one batch per offset read: the batch holding the offset, whole, and no other', async () => {
    const topic = 'crm.dbo.Customer'
    const p = (await topicPartitions(clients.cluster, [topic], noAbort)).sort((a, b) =>
      Number(b.high - b.low - (a.high - a.low)),
    )[0]!
    const kept = new FetchedBatches()
    let requests = 0
    const read = (offset: bigint) =>
      fetchOffsets(clients.cluster, p, [offset], {
        abortable: noAbort,
        batches: kept,
        onRequest: () => requests++,
      })
    const middle = p.low + (p.high - p.low) / 2n
    expect((await read(middle)).records.map((r) => r.offset)).toEqual([String(middle)])
    const answer = kept.covering(topic, p.partition, middle)!
    expect(answer).toHaveLength(1)
    const batch = answer[0]!
    expect(batch.baseOffset <= middle && middle <= batch.lastOffset).toBe(true)
    // Far larger than the one byte asked (KIP-74: the first batch comes whole).
    expect(batch.heldBytes).toBeGreaterThan(1024)
    // The next batch was not sent with it: its first offset costs a Fetch of its own.
    const next = batch.lastOffset + 1n
    expect(next < p.high).toBe(true)
    expect(kept.covering(topic, p.partition, next)).toBeUndefined()
    expect((await read(next)).records.map((r) => r.offset)).toEqual([String(next)])
    expect(requests).toBe(2)
  })

  it('reads single offsets lazily over the SASL listener too (the Fetch connection authenticates itself)', async () => {
    const saslPort = Number(env.SIGHTLINE_KAFKA_SASL_PORT ?? 59093)
    const sasl = openKafkaClients(
      parseKafkaSource({
        ...source,
        url: `kafka://${host}:${saslPort}`,
        username: env.SIGHTLINE_KAFKA_USER ?? 'sightline',
        password: env.SIGHTLINE_KAFKA_PASSWORD ?? '',
      }),
      15_000,
    )
    try {
      await sasl.cluster.connect()
      const p = (await topicPartitions(sasl.cluster, ['crm.dbo.Customer'], noAbort)).find(
        (x) => x.high > x.low,
      )!
      const broker = await sasl.cluster.findBroker({ nodeId: String(p.leader) })
      expect(canFetchLazily(broker)).toBe(true)
      const viaSasl = await fetchOffsets(sasl.cluster, p, [p.low, p.high - 1n], {
        abortable: noAbort,
      })
      const plain = await fetchOffsets(clients.cluster, p, [p.low, p.high - 1n], {
        abortable: noAbort,
      })
      expect(viaSasl.records.map((r) => r.value?.toString())).toEqual(
        plain.records.map((r) => r.value?.toString()),
      )
      expect(viaSasl.records).toHaveLength(2)
    } finally {
      await sasl.close()
    }
  })

  it('a keyed lookup on a string-keyed Avro topic decodes values through the registry', async () => {
    const file = topicFile('fraud.scores')
    const customerId = Number(file[0]!.key)
    const expected = file.filter((l) => l.key === String(customerId))
    const { partition, keyBytes } = keyPartition({ kind: 'string' }, customerId, 6)
    const out = await lookup.lookup({
      assetPath: ['fraud.scores'],
      fieldPath: 'key',
      values: [String(customerId)],
      match: 'equals',
      partition,
      keyBytesHex: [keyBytes.toString('hex')],
      rowCap: 100,
      timeoutMs: 15_000,
    })
    expect(out.hits).toHaveLength(expected.length)
    expect(out.hits.map((h) => h.values.customerId)).toEqual(expected.map(() => customerId))
    expect(out.hits.map((h) => h.values.deviceId).sort()).toEqual(
      expected.map((l) => l.value.deviceId).sort(),
    )
  })

  it('keyed + index: the index gives what it covers, only the partition tail past it is read', async () => {
    const topic = 'crm.dbo.Customer'
    const cdc = new KafkaLookupIndexer({
      source,
      store,
      fields: [{ topic, path: 'after.CustomerId', kind: 'customer-number' }],
    })
    try {
      await cdc.catchUp()
      const partitions = await topicPartitions(clients.cluster, [topic], noAbort)
      // The key schema from one sampled key, as the catalogue keeps it for the planner.
      const schema = await sampledKeySchema(clients, topic)
      const customerId = 7
      const { partition, keyBytes } = keyPartition(
        { kind: 'connect-json', schema },
        { CustomerId: customerId },
        partitions.length,
      )
      const base = {
        assetPath: [topic],
        fieldPath: 'key.CustomerId',
        values: [customerId],
        match: 'equals' as const,
        partition,
        keyBytesHex: [keyBytes.toString('hex')],
        rowCap: 100,
        timeoutMs: 15_000,
      }
      const whole = await lookup.lookup(base)
      expect(whole.hits.length).toBeGreaterThan(0)
      const hits = await cdc.find(
        recogniseIdentifier(String(customerId), { kinds: ['customer-number'] }).best,
        { topics: [topic] },
      )
      const position = (await cdc.freshness()).topics[0]!.partitions.find(
        (p) => p.partition === partition,
      )!
      const combined = await lookup.lookup({
        ...base,
        fromOffset: String(position.indexedOffset),
        offsets: hits.map((h) => ({ partition: h.partition, offset: h.offset.toString() })),
      })
      const keys = (o: typeof whole) =>
        o.hits.map((h) => `${String(h.recordKey.partition)}:${String(h.recordKey.offset)}`).sort()
      expect(keys(combined)).toEqual(keys(whole))
      // The index's batches instead of the whole partition.
      expect(combined.bytesFetched!).toBeLessThan(whole.bytesFetched! / 4)
    } finally {
      await cdc.stop()
    }
  })

  it('refuses a lookup that would scan a whole topic', async () => {
    await expect(
      lookup.lookup({
        assetPath: ['returns.requests'],
        fieldPath: 'customerEmail',
        values: ['someone@example.com'],
        match: 'case-insensitive',
        rowCap: 10,
        timeoutMs: 5_000,
      }),
    ).rejects.toMatchObject({ code: 'unsupported' })
  })

  it("the index finds a person's returns.requests by email, and offsets mode fetches exactly them", async () => {
    const file = topicFile('returns.requests')
    const counts = new Map<string, number>()
    for (const l of file) {
      const e = normaliseEmail(String(l.value.customerEmail ?? ''))
      if (e) counts.set(e, (counts.get(e) ?? 0) + 1)
    }
    const [email] = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!
    const expectedOrders = file
      .filter((l) => normaliseEmail(String(l.value.customerEmail ?? '')) === email)
      .map((l) => l.value.orderId)
      .sort()
    // A messy form of the email: padded and upper-cased, as a caller might type it.
    const id = recogniseIdentifier(`  ${email.toUpperCase()} `, { kinds: ['email'] }).best
    const hits = await indexer.find(id, { topics: ['returns.requests'] })
    expect(hits.map((h) => h.field)).toEqual(expectedOrders.map(() => 'customerEmail'))

    const out = await lookup.lookup({
      assetPath: ['returns.requests'],
      fieldPath: 'customerEmail',
      values: [email],
      match: 'case-insensitive',
      offsets: hits.map((h) => ({ partition: h.partition, offset: h.offset.toString() })),
      rowCap: 100,
      timeoutMs: 15_000,
    })
    expect(out.hits.map((h) => h.values.orderId).sort()).toEqual(expectedOrders)
  })

  it('the index finds clickstream events by emailSha256 (from a typed email) and by customerId', async () => {
    const file = topicFile('web.clickstream.v1')
    // A person whose email's SHA-256 is in events that also carry their customerId.
    const shas = new Map<string, string>()
    for (const line of readFileSync(path.join(dataDir, 'people.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue
      const p = JSON.parse(line) as { email: string | null }
      if (p.email) shas.set(createHash('sha256').update(p.email).digest('hex'), p.email)
    }
    const first = file.find(
      (l) => l.value.customerId !== null && shas.has(String(l.value.emailSha256)),
    )!
    const customerId = first.value.customerId as number
    const sha = first.value.emailSha256 as string
    // Typed messily: the index matches the canonical form's hash.
    const crmEmail = ` ${shas.get(sha)!.toUpperCase()}`

    const bySha = await indexer.find(recogniseIdentifier(crmEmail, { kinds: ['email'] }).best, {
      topics: ['web.clickstream.v1'],
    })
    const expectedSha = file.filter((l) => l.value.emailSha256 === sha).length
    expect(bySha.filter((h) => h.field === 'emailSha256')).toHaveLength(expectedSha)

    const byId = await indexer.find(
      recogniseIdentifier(String(customerId), { kinds: ['customer-number'] }).best,
    )
    const expectedClicks = file.filter((l) => l.value.customerId === customerId).length
    const expectedFraud = topicFile('fraud.scores').filter(
      (l) => l.value.customerId === customerId,
    ).length
    expect(byId.filter((h) => h.topic === 'web.clickstream.v1')).toHaveLength(expectedClicks)
    expect(byId.filter((h) => h.topic === 'fraud.scores')).toHaveLength(expectedFraud)

    const out = await lookup.lookup({
      assetPath: ['web.clickstream.v1'],
      fieldPath: 'emailSha256',
      values: [sha],
      match: 'sha256-of',
      offsets: bySha.map((h) => ({ partition: h.partition, offset: h.offset.toString() })),
      rowCap: 1000,
      timeoutMs: 15_000,
    })
    expect(out.hits).toHaveLength(expectedSha)
    for (const h of out.hits) expect(h.values.emailSha256).toBe(sha)
  })

  it('a second indexer on the same store resumes from the stored positions', async () => {
    const again = new KafkaLookupIndexer({
      source,
      schemaRegistry: registry,
      store,
      fields: applicationTopicFields(),
    })
    try {
      const report = await again.catchUp()
      expect(report.records).toBe(0)
      const fresh = await again.freshness()
      expect(fresh.live).toBe(true)
      expect(fresh.topics.map((t) => t.topic)).toEqual([
        'fraud.scores',
        'returns.requests',
        'web.clickstream.v1',
      ])
      for (const t of fresh.topics) expect(t.partitions).toHaveLength(6)
      expect(fresh.entries).toBeGreaterThan(9_537)
    } finally {
      await again.stop()
    }
  })

  it('re-reads a topic from the start for a field its positions do not cover (record keys)', async () => {
    const topic = 'fraud.scores'
    const total = (await topicPartitions(clients.cluster, [topic], noAbort)).reduce(
      (n, p) => n + Number(p.high - p.low),
      0,
    )
    const withKeys = () =>
      new KafkaLookupIndexer({
        source,
        schemaRegistry: registry,
        store,
        fields: [...applicationTopicFields(), recordKeyField(topic)],
      })
    const first = withKeys()
    try {
      // The other topics are caught up and unchanged: only fraud.scores is read, all of it.
      expect((await first.catchUp()).records).toBe(total)
    } finally {
      await first.stop()
    }
    // Its oldest message is found by its key's exact bytes.
    const p0 = (await topicPartitions(clients.cluster, [topic], noAbort)).find(
      (p) => p.high > p.low,
    )!
    let oldest: { key: Buffer; offset: string } | undefined
    for await (const chunk of readPartitionRange(
      clients.cluster,
      { ...p0, from: p0.low, to: p0.low + 1n },
      {
        abortable: noAbort,
      },
    ))
      for (const r of chunk.records) oldest ??= { key: r.key!, offset: r.offset }
    const hmac = indexHmac(await store.workspaceKey(), recordKeyToken(oldest!.key)!)
    const hits = await store.lookupIndex.find('events', [hmac], { topics: [topic] })
    expect(hits).toContainEqual({
      topic,
      partition: p0.partition,
      offset: BigInt(oldest!.offset),
      field: '@key',
    })
    // Recorded: the next indexer with the same fields resumes, it does not re-read.
    const again = withKeys()
    try {
      expect((await again.catchUp()).records).toBe(0)
    } finally {
      await again.stop()
    }
  })

  describe('freshness on a topic of its own', () => {
    const topic = `sightline-test-lookup-index-${process.pid}-${Date.now()}`
    const kafka = new Kafka({
      clientId: 'sightline-test-lookup-kafka',
      brokers: [`${host}:${port}`],
      logLevel: logLevel.NOTHING,
    })
    let admin: Admin
    let producer: Producer
    let own: KafkaLookupIndexer
    const produce = (emails: string[]) =>
      producer.send({
        topic,
        messages: emails.map((e, i) => ({
          key: null,
          value: JSON.stringify({ n: i, customerEmail: e }),
        })),
      })

    beforeAll(async () => {
      admin = kafka.admin()
      await admin.connect()
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
      producer = kafka.producer({ allowAutoTopicCreation: false })
      await producer.connect()
      own = new KafkaLookupIndexer({
        source,
        store,
        fields: [{ topic, path: 'customerEmail', kind: 'email' }],
        pollMs: 50,
      })
    })

    afterAll(async () => {
      await own?.stop()
      await producer?.disconnect()
      await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
      await admin?.disconnect()
    })

    it('shows lag for new messages until a catch-up indexes them', async () => {
      await produce(['Ann@Example.com', 'bob@example.com', 'ann@example.com '])
      const before = await own.freshness()
      expect(before.topics[0]!.lag).toBe(3)
      expect(before.lastCatchUpAt).toBeUndefined()

      const first = await own.catchUp()
      expect(first.records).toBe(3)
      const after = await own.freshness()
      expect(after.topics[0]!.lag).toBe(0)
      expect(after.lastCatchUpAt).toBeDefined()
      const ann = recogniseIdentifier('ann@example.com', { kinds: ['email'] }).best
      expect(await own.find(ann)).toHaveLength(2)

      await produce(['ann@example.com', 'carol@example.com'])
      const behind = await own.freshness()
      expect(behind.topics[0]!.lag).toBe(2)
      expect(behind.topics[0]!.partitions.reduce((n, p) => n + p.highWatermark, 0)).toBe(5)

      const second = await own.catchUp()
      expect(second.records).toBe(2)
      const current = await own.freshness()
      expect(current.topics[0]!.lag).toBe(0)
      expect(current.lastCatchUpAt! >= after.lastCatchUpAt!).toBe(true)
      expect(await own.find(ann)).toHaveLength(3)
    })

    it('started, it keeps the index current by itself until stopped', async () => {
      own.start()
      await produce(['dave@example.com'])
      const dave = recogniseIdentifier('dave@example.com', { kinds: ['email'] }).best
      // Wait for what a user would see: the message indexed (bounded, not timed).
      for (let i = 0; i < 400 && (await own.find(dave)).length === 0; i++)
        await new Promise((r) => setTimeout(r, 50))
      expect(await own.find(dave)).toHaveLength(1)
      await own.stop()
      expect((await own.freshness()).topics[0]!.lag).toBe(0)
    })
  })
})

/** The Connect key schema of a topic, from its first record. */
async function sampledKeySchema(clients: KafkaClients, topic: string) {
  const p = (await topicPartitions(clients.cluster, [topic], noAbort)).find((x) => x.high > x.low)!
  const got = await fetchOffsets(clients.cluster, p, [p.low], { abortable: noAbort })
  return parseConnectJsonKey(got.records[0]!.key!).schema
}

import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import kafkajs from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../../src/main/connectors'
import type {
  CrawlAssetsBatch,
  CrawlBatch,
  CrawlOptions,
  CrawlPartErrorBatch,
} from '../../../src/main/connectors/crawl-model'
import type { CatalogAsset } from '../../../src/shared/model/catalog'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { HOST, PORTS, refusedPort, silentServer, source } from './estate-sources'

/**
 * The Kafka crawl against the estate (issue 4, item 1): every topic of the generator's manifest
 * with its fields (CDC topics' `after.<column>` against the tables' columns, fraud.scores' Avro
 * fields through the registry, web.clickstream.v1's inferred JSON fields), consumer lag, no
 * consumer group left behind, and the faults: a topic of non-UTF-8 bytes (ours, removed after),
 * a registry that is down, cancel, an unreachable broker.
 */
const env = estateEnv()
const up = await serviceAvailable('Kafka', HOST, PORTS.kafka)
const BROKER = `${HOST}:${PORTS.kafka}`
const REGISTRY_URL = `http://${HOST}:${PORTS.registry}/apis/ccompat/v7`
const BINARY_TOPIC = `sightline-test-binary-${randomBytes(4).toString('hex')}`

interface ManifestAsset {
  urn: string
  kind: string
  source: string
  path: string[]
  count: number
  createdBy: string
  fields: Array<{ path: string; urn: string }>
}

function loadManifest(): { sources: Record<string, string>; assets: ManifestAsset[] } {
  const dir = env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
  const file = path.join(dir, 'data', env.SIGHTLINE_ESTATE_SCALE ?? 'small', 'manifest.json')
  if (!existsSync(file)) throw new Error(`No estate manifest at ${file}: run npm run estate:up`)
  return JSON.parse(readFileSync(file, 'utf8')) as {
    sources: Record<string, string>
    assets: ManifestAsset[]
  }
}

const registry = (url = REGISTRY_URL) => ({ name: 'registry', url, options: {} })

async function crawl(url: string, opts: CrawlOptions = {}): Promise<CrawlBatch[]> {
  const connector = createConnector(source('kafka', url, { name: 'events' }))
  const out: CrawlBatch[] = []
  try {
    for await (const batch of connector.crawl!({ timeoutMs: 20_000, ...opts })) out.push(batch)
  } finally {
    await connector.close()
  }
  return out
}
const assetsOf = (batches: CrawlBatch[]) =>
  batches.filter((b): b is CrawlAssetsBatch => b.kind === 'assets').flatMap((b) => b.assets)
const partErrors = (batches: CrawlBatch[]) =>
  batches.filter((b): b is CrawlPartErrorBatch => b.kind === 'part-error')

describe.skipIf(!up)('Kafka crawl against the estate', () => {
  const kafka = new kafkajs.Kafka({ brokers: [BROKER], logLevel: kafkajs.logLevel.NOTHING })
  const admin = kafka.admin()
  const manifest = up ? loadManifest() : { sources: {}, assets: [] }
  let batches: CrawlBatch[] = []
  let topics = new Map<string, CatalogAsset>()

  beforeAll(async () => {
    await admin.connect()
    await admin.createTopics({
      topics: [{ topic: BINARY_TOPIC, numPartitions: 1 }],
      waitForLeaders: true,
    })
    const producer = kafka.producer({ createPartitioner: kafkajs.Partitioners.DefaultPartitioner })
    await producer.connect()
    try {
      await producer.send({
        topic: BINARY_TOPIC,
        messages: [
          {
            key: Buffer.from([0xff, 0xfe, 0x01]),
            value: Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x81]),
          },
          { value: Buffer.from([0xc3, 0x28, 0xa0, 0xa1]) },
          // Starts like the Confluent wire format, with a schema id no registry holds.
          { value: Buffer.from([0x00, 0x7f, 0xff, 0xff, 0xf0, 0x01, 0x02]) },
        ],
      })
    } finally {
      await producer.disconnect()
    }
    batches = await crawl(BROKER, { schemaRegistry: registry() })
    topics = new Map(
      assetsOf(batches)
        .filter((a) => a.kind === 'topic')
        .map((a) => [a.name, a]),
    )
  })

  afterAll(async () => {
    await admin.deleteTopics({ topics: [BINARY_TOPIC] }).catch(() => {})
    await admin.disconnect()
  })

  it('catalogues every topic of the manifest, internal ones hidden', () => {
    const expected = manifest.assets.filter(
      (a) => a.kind === 'topic' && a.source === manifest.sources.kafka,
    )
    expect(expected.length).toBeGreaterThanOrEqual(12)
    for (const m of expected) {
      const topic = topics.get(m.path[0]!)
      expect(topic, m.urn).toBeDefined()
      expect(topic!.urn).toBe(m.urn)
      expect(topic!.counts?.messages).toBeGreaterThanOrEqual(m.count)
      expect(topic!.counts?.partitions).toBe(6)
      expect(topic!.counts?.sampled).toBe(Math.min(100, topic!.counts!.messages!))
      const configs = topic!.properties?.configs as Record<string, string>
      expect(configs['cleanup.policy']).toBe('delete')
      expect(configs['retention.ms']).toBe('-1')
    }
    for (const name of topics.keys()) {
      expect(name.startsWith('__')).toBe(false)
      expect(name).not.toMatch(/connect-(configs|offsets|status)$/)
    }
    expect(partErrors(batches)).toEqual([])
  })

  it('reads CDC topics from the Debezium envelope: after.<column> for every table column, keys marked', () => {
    const cdc = manifest.assets.filter((a) => a.kind === 'topic' && a.createdBy === 'cdc')
    expect(cdc.length).toBeGreaterThanOrEqual(9)
    for (const m of cdc) {
      const topic = topics.get(m.path[0]!)!
      expect(topic.properties?.encoding).toBe('debezium-json')
      expect(topic.properties?.schemaSource).toBe('debezium-schema')
      const byPath = new Map(topic.fields.map((f) => [f.path, f]))
      for (const f of m.fields) {
        const field = byPath.get(f.path)
        expect(field, `${m.urn} ${f.path}`).toBeDefined()
        expect(field!.urn).toBe(f.urn)
        expect(field!.declaredType).toBeTruthy()
      }
      for (const p of ['op', 'ts_ms', 'source.table', 'before']) expect(byPath.has(p), p).toBe(true)
      const keyFields = topic.fields.filter((f) => f.primaryKey)
      expect(keyFields.length).toBeGreaterThan(0)
      expect(keyFields.every((f) => f.path.startsWith('key.'))).toBe(true)
    }
    const customer = topics.get('crm.dbo.Customer')!
    const dob = customer.fields.find((f) => f.path === 'after.DateOfBirth')!
    expect(dob.declaredType).toBe('io.debezium.time.Date')
    expect(customer.fields.find((f) => f.path === 'key.CustomerId')?.declaredType).toBe('int32')
  })

  it('decodes fraud.scores through the registry with its Avro fields', () => {
    const m = manifest.assets.find((a) => a.path[0] === 'fraud.scores')!
    const topic = topics.get('fraud.scores')!
    expect(topic.properties?.encoding).toBe('avro')
    expect(topic.properties?.schemaSource).toBe('registry')
    const values = topic.fields
      .filter((f) => !f.primaryKey && !f.path.endsWith('[]'))
      .map((f) => f.path)
    expect(values).toEqual(m.fields.map((f) => f.path))
    const types = Object.fromEntries(topic.fields.map((f) => [f.path, f.declaredType]))
    expect(types).toMatchObject({
      customerId: 'long',
      score: 'double',
      reasons: 'array<string>',
      'reasons[]': 'string',
      deviceId: 'string',
      scoredAt: 'long (timestamp-millis)',
    })
    expect(topic.fields.find((f) => f.path === 'deviceId')?.nullable).toBe(true)
  })

  it('infers web.clickstream.v1 from its JSON values', () => {
    const m = manifest.assets.find((a) => a.path[0] === 'web.clickstream.v1')!
    const topic = topics.get('web.clickstream.v1')!
    expect(topic.properties?.encoding).toBe('json')
    expect(topic.properties?.schemaSource).toBe('inferred')
    const paths = new Set(topic.fields.map((f) => f.path))
    for (const f of m.fields) expect(paths.has(f.path), f.path).toBe(true)
    const session = topic.fields.find((f) => f.path === 'sessionId')!
    expect(session.presence?.of).toBe(topic.counts?.sampled)
    expect(session.types?.[0]?.type).toBe('string')
    expect(topic.fields.find((f) => f.path === 'key')?.primaryKey).toBe(true)
  })

  it('yields raw samples by field URN, at most sampleSize per field', () => {
    const samples = Object.assign(
      {},
      ...batches
        .filter((b): b is CrawlAssetsBatch => b.kind === 'assets')
        .map((b) => b.samples ?? {}),
    ) as Record<string, unknown[]>
    const email = samples['kafka://events/crm.dbo.Customer#after.Email']
    expect(email?.length).toBeGreaterThan(0)
    expect(email!.length).toBeLessThanOrEqual(100)
    expect(samples['kafka://events/fraud.scores#score']?.every((v) => typeof v === 'number')).toBe(
      true,
    )
    const lists = Object.values(samples)
    expect(lists.every((values) => values.length <= 100)).toBe(true)
    expect(lists.every((values) => values.every((v) => v === null || typeof v !== 'object'))).toBe(
      true,
    )
  })

  it('reports brokers, the cluster id and the builder group with its lag', () => {
    const cluster = assetsOf(batches).find((a) => a.kind === 'cluster')!
    expect(cluster.urn).toBe('kafka://events')
    const props = cluster.properties as Record<string, unknown>
    expect(props.clusterId).toBeTruthy()
    expect(props.brokers).toEqual([
      expect.objectContaining({ id: expect.any(Number), host: HOST, port: PORTS.kafka }),
    ])
    const groups = props.consumerGroups as Array<{
      groupId: string
      topics: Array<{ topic: string; lag: number }>
    }>
    const builder = groups.find((g) => g.groupId === 'sightline-estate-builder')
    expect(builder, 'the estate builder group').toBeDefined()
    const lag = builder!.topics.find((t) => t.topic === 'crm.dbo.Customer')
    expect(lag?.lag).toBeGreaterThanOrEqual(0)
    const onTopic = topics.get('crm.dbo.Customer')!.properties?.consumerGroups as Array<{
      groupId: string
      lag: number
    }>
    expect(onTopic.find((g) => g.groupId === 'sightline-estate-builder')?.lag).toBe(lag!.lag)
    for (const t of topics.values()) expect(topics.get(t.name)!.parent).toBe(cluster.urn)
  })

  it('leaves no sightline consumer group and no committed offsets behind', async () => {
    const { groups } = await admin.listGroups()
    const ours = groups.filter((g) => g.groupId.startsWith('sightline-crawl'))
    expect(ours).toEqual([])
    for (const g of groups.filter(
      (x) => x.groupId.startsWith('sightline-') && x.protocolType === 'consumer',
    )) {
      // The only sightline-* consumer group is the estate's builder; it never reads our topic.
      const offsets = await admin.fetchOffsets({ groupId: g.groupId, topics: [BINARY_TOPIC] })
      expect(offsets.flatMap((t) => t.partitions).every((p) => p.offset === '-1')).toBe(true)
    }
  })

  it('keeps a topic of non-UTF-8 bytes as binary, without an error', () => {
    const topic = topics.get(BINARY_TOPIC)!
    expect(topic).toBeDefined()
    expect(topic.properties?.encoding).toBe('binary')
    expect(topic.counts?.sampled).toBe(3)
    expect(topic.fields.filter((f) => !f.primaryKey)).toEqual([])
    expect(topic.notes?.join(' ')).toMatch(/binary/)
  })

  it('shows internal topics on request', async () => {
    const all = assetsOf(await crawl(BROKER, { includeInternal: true, sampleSize: 0 }))
    const offsets = all.find((a) => a.name === '__consumer_offsets')
    expect(offsets?.properties?.internal).toBe(true)
    // sampleSize 0: no values read, so no encoding claimed and no fields.
    const customer = all.find((a) => a.name === 'crm.dbo.Customer')!
    expect(customer.properties?.encoding).toBeUndefined()
    expect(customer.fields).toEqual([])
    expect(all.some((a) => /connect-offsets$/.test(a.name))).toBe(true)
  })

  it('labels Avro topics when the registry is down, and the rest is fine', async () => {
    const port = await refusedPort()
    const out = await crawl(BROKER, {
      schemaRegistry: registry(`http://${HOST}:${port}/apis/ccompat/v7`),
    })
    const byName = new Map(assetsOf(out).map((a) => [a.name, a]))
    const fraud = byName.get('fraud.scores')!
    expect(fraud.notes?.join(' ')).toMatch(/registry unreachable/i)
    expect(fraud.fields.filter((f) => !f.primaryKey)).toEqual([])
    const errors = partErrors(out)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ part: 'schema-registry', error: { code: 'unreachable' } })
    // Our binary topic holds one message that looks like the wire format: it is affected too.
    expect(errors[0]!.error.details?.topics).toContain('fraud.scores')
    expect(byName.get(BINARY_TOPIC)?.properties?.encoding).toBe('binary')
    expect(byName.get('crm.dbo.Customer')!.fields.length).toBe(
      topics.get('crm.dbo.Customer')!.fields.length,
    )
    expect(byName.get('crm.dbo.Customer')!.notes).toBeUndefined()
  })

  it('ends with cancelled when cancelled before or during the crawl', async () => {
    const pre = new AbortController()
    pre.abort()
    await expect(crawl(BROKER, { signal: pre.signal })).rejects.toMatchObject({ code: 'cancelled' })
    const during = new AbortController()
    await expect(
      crawl(BROKER, {
        signal: during.signal,
        schemaRegistry: registry(),
        onProgress: (p) => {
          if (p.message === 'metadata') during.abort()
        },
      }),
    ).rejects.toMatchObject({ code: 'cancelled' })
    // While a request hangs: a registry that accepts and never answers, cancelled on connect.
    const silent = await silentServer()
    const hanging = new AbortController()
    silent.onConnection(() => hanging.abort())
    try {
      await expect(
        crawl(BROKER, {
          signal: hanging.signal,
          schemaRegistry: registry(`http://${HOST}:${silent.port}/apis/ccompat/v7`),
        }),
      ).rejects.toMatchObject({ code: 'cancelled' })
    } finally {
      await silent.close()
    }
  })

  it('crawls through the SASL/PLAIN listener too', async () => {
    // Without credentials the SASL listener drops the client: a translated error, not a hang.
    await expect(
      crawl(`${HOST}:${PORTS.kafkaSasl}`, { sampleSize: 5, timeoutMs: 5_000 }),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/unreachable|auth/),
    })
    const connector = createConnector(
      source('kafka', `${HOST}:${PORTS.kafkaSasl}`, {
        name: 'events',
        username: env.SIGHTLINE_KAFKA_USER ?? 'sightline',
        password: env.SIGHTLINE_KAFKA_PASSWORD ?? 'kafka-pass',
      }),
    )
    const wrong = createConnector(
      source('kafka', `${HOST}:${PORTS.kafkaSasl}`, {
        name: 'events',
        username: env.SIGHTLINE_KAFKA_USER ?? 'sightline',
        password: 'not-the-password',
      }),
    )
    const attempt = async () => {
      for await (const b of wrong.crawl!({ sampleSize: 5, timeoutMs: 5_000 })) void b
    }
    await expect(attempt()).rejects.toMatchObject({ code: 'auth' })
    const found: CrawlBatch[] = []
    for await (const b of connector.crawl!({ sampleSize: 5, timeoutMs: 20_000 })) found.push(b)
    const names = assetsOf(found)
      .filter((a) => a.kind === 'topic')
      .map((a) => a.name)
    expect(names).toContain('crm.dbo.Customer')
    expect(names.length).toBe(topics.size)
  })

  it('fails with a translated error when no broker can be reached', async () => {
    const port = await refusedPort()
    await expect(crawl(`${HOST}:${port}`, { timeoutMs: 3_000 })).rejects.toMatchObject({
      code: 'unreachable',
    })
  })
})

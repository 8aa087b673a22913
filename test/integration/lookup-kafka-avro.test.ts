import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector, type Connector, type LookupQuery } from '../../src/main/connectors'
import type { ResolvedSource } from '../../src/main/connectors/connector'
import { openKafkaClients, type KafkaClients } from '../../src/main/connectors/kafka/kafka-client'
import { topicPartitions } from '../../src/main/connectors/kafka/lookup-fetch'
import { withSchemaRegistry } from '../../src/main/connectors/kafka/lookup-registry'
import { parseKafkaSource } from '../../src/main/connectors/kafka/parse-url'
import { estateEnv, serviceAvailable } from '../support/estate'

/**
 * Avro values in lookups (issue 7): fraud.scores is written in Avro through Apicurio's ccompat
 * API. A lookup through the connector the lookup service opens (createConnector, then the
 * registry its `options.schemaRegistry` names, as lookup-wiring.ts does) decodes its values
 * into the catalogue's fields; without the registry they stay undecoded. Ground truth: the
 * estate's topic file. Skipped only on a developer's machine without the estate
 * (serviceAvailable throws under CI).
 */
const env = estateEnv()
const host = '127.0.0.1'
const port = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const registryPort = Number(env.SIGHTLINE_REGISTRY_PORT ?? 58081)
const up =
  (await serviceAvailable('Kafka', host, port)) &&
  (await serviceAvailable('Schema registry', host, registryPort))
const dataDir = path.join(
  env.SIGHTLINE_ESTATE_DIR ?? '.estate',
  'data',
  env.SIGHTLINE_ESTATE_SCALE ?? 'small',
)

const source: ResolvedSource = {
  name: 'events',
  kind: 'kafka',
  url: `kafka://${host}:${port}`,
  options: { schemaRegistry: 'registry' },
}
const registry = {
  name: 'registry',
  url: env.SIGHTLINE_REGISTRY_URL ?? `http://${host}:${registryPort}/apis/ccompat/v7`,
  options: {},
}
const noAbort = <T>(p: Promise<T>) => p

interface Score {
  customerId: number
  score: number
  deviceId: string
  ipAddress: string
  scoredAt: string
}

describe.skipIf(!up)('Avro values in Kafka lookups (estate)', () => {
  let clients: KafkaClients
  let offsets: NonNullable<LookupQuery['offsets']>
  const truth = new Set(
    readFileSync(path.join(dataDir, 'topics', 'fraud.scores.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const v = (JSON.parse(l) as { value: Score }).value
        return `${v.customerId}|${v.deviceId}|${v.ipAddress}|${v.score}`
      }),
  )
  const query = (): LookupQuery => ({
    assetPath: ['fraud.scores'],
    fieldPath: 'customerId',
    values: [],
    match: 'equals',
    offsets,
    rowCap: 100,
    timeoutMs: 15_000,
  })

  beforeAll(async () => {
    clients = openKafkaClients(parseKafkaSource(source), 15_000)
    await clients.cluster.connect()
    const partitions = await topicPartitions(clients.cluster, ['fraud.scores'], noAbort)
    // The first three records of every partition, as the lookup index would name them.
    offsets = partitions.flatMap((p) =>
      [0n, 1n, 2n]
        .map((d) => p.low + d)
        .filter((o) => o < p.high)
        .map((o) => ({ partition: p.partition, offset: o.toString() })),
    )
  }, 60_000)

  afterAll(async () => {
    await clients?.close()
  })

  it('decodes fraud.scores records read by offsets through the registry the source names', async () => {
    const connector: Connector = withSchemaRegistry(createConnector(source), registry)
    try {
      const out = await connector.lookup!(query(), {})
      expect(out.hits).toHaveLength(offsets.length)
      for (const h of out.hits) {
        expect(typeof h.values.customerId).toBe('number')
        expect(typeof h.values.score).toBe('number')
        expect(h.values.scoredAt).toBeDefined()
        const key = `${String(h.values.customerId)}|${String(h.values.deviceId)}|${String(h.values.ipAddress)}|${String(h.values.score)}`
        expect(truth.has(key), key).toBe(true)
        // The key is the CustomerId written as text (read as JSON, as the crawl reads it).
        expect(String(h.values.key)).toBe(String(h.values.customerId))
      }
    } finally {
      await connector.close?.()
    }
  })

  it('checks the stored value against the query when reading by offsets', async () => {
    const connector = withSchemaRegistry(createConnector(source), registry)
    try {
      const all = await connector.lookup!(query(), {})
      const one = all.hits[0]!.values.customerId as number
      const out = await connector.lookup!({ ...query(), values: [one] }, {})
      expect(out.hits.length).toBeGreaterThan(0)
      expect(out.hits.every((h) => h.values.customerId === one)).toBe(true)
    } finally {
      await connector.close?.()
    }
  })

  it('without the registry the values are not decoded (what the lookup service used to do)', async () => {
    const connector = createConnector(source)
    try {
      const out = await connector.lookup!(query(), {})
      expect(out.hits).toHaveLength(offsets.length)
      for (const h of out.hits) expect(h.values.customerId).toBeUndefined()
    } finally {
      await connector.close?.()
    }
  })
})

import {
  CompressionTypes,
  ConfigResourceTypes,
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type KafkaConfig,
  type KafkaMessage,
  type Producer,
} from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estateEnv, serviceAvailable } from '../../support/estate.js'

/**
 * kafkajs 2.2.4 (last released 2023) against the estate's Kafka 4.x, which dropped the old
 * protocol versions (KIP-896). Every Kafka API Sightline uses is exercised here against the real
 * broker, on the PLAINTEXT listener and again over SASL/PLAIN, so a client/broker mismatch shows
 * up as a failing test naming the API rather than as a connector bug later.
 */
const env = estateEnv()
const host = '127.0.0.1'
const plainPort = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const saslPort = Number(env.SIGHTLINE_KAFKA_SASL_PORT ?? 59093)
const user = env.SIGHTLINE_KAFKA_USER ?? 'sightline'
const password = env.SIGHTLINE_KAFKA_PASSWORD ?? 'kafka-pass'

const up = await serviceAvailable('Kafka', host, plainPort)

const runId = `${Date.now().toString(36)}-${process.pid}`
const PARTITIONS = 6
const KEYS = [
  'C00000001',
  'C00000002',
  'C00000003',
  'C00000004',
  'C00000005',
  'C00000006',
  'C00000007',
  'C00000008',
]
const ROUNDS = 3 // each key sent this many times: same key, same partition, every time

function client(config: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: `sightline-compat-${runId}`,
    brokers: [`${host}:${plainPort}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
    ...config,
  })
}

/** Runs `consumer` until `done(received)` holds; resolves with what it received. */
async function consumeUntil(
  consumer: Consumer,
  done: (received: { partition: number; message: KafkaMessage }[]) => boolean,
  afterStart?: () => void,
): Promise<{ partition: number; message: KafkaMessage }[]> {
  const received: { partition: number; message: KafkaMessage }[] = []
  return new Promise((resolve, reject) => {
    consumer
      .run({
        eachMessage: async ({ partition, message }) => {
          received.push({ partition, message })
          if (done(received)) resolve(received)
        },
      })
      .then(afterStart)
      .catch(reject)
  })
}

function sum(values: string[]): number {
  return values.reduce((total, v) => total + Number(v), 0)
}

describe.skipIf(!up)('kafkajs against the estate Kafka (PLAINTEXT)', () => {
  const kafka = client()
  const topic = `sightline-compat-${runId}`
  const groupId = `sightline-compat-group-${runId}`
  let admin: Admin
  let producer: Producer
  const opened: { disconnect(): Promise<void> }[] = []
  const oldTimestamp = Date.UTC(2024, 0, 1)
  const newTimestamp = Date.UTC(2025, 0, 1)

  beforeAll(async () => {
    admin = kafka.admin()
    producer = kafka.producer()
    await admin.connect()
    await producer.connect()
    opened.push(admin, producer)
  })

  afterAll(async () => {
    await admin?.deleteGroups([groupId]).catch(() => undefined)
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
    for (const c of opened.reverse()) await c.disconnect().catch(() => undefined)
  })

  it('describeCluster: one combined broker advertised on loopback, with a cluster id', async () => {
    const cluster = await admin.describeCluster()
    expect(cluster.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(cluster.brokers).toEqual([{ nodeId: cluster.controller, host, port: plainPort }])
  })

  it('createTopics with 6 partitions, then listTopics and fetchTopicMetadata see them led', async () => {
    expect(
      await admin.createTopics({
        topics: [{ topic, numPartitions: PARTITIONS }],
        waitForLeaders: true,
      }),
    ).toBe(true)
    expect(await admin.listTopics()).toContain(topic)
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] })
    expect(topics).toHaveLength(1)
    expect(topics[0]!.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2, 3, 4, 5])
    for (const p of topics[0]!.partitions) expect(p.leader).toBeGreaterThanOrEqual(0)
  })

  it('describeConfigs: a topic and the broker in one batched request', async () => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configNames: ['cleanup.policy', 'retention.ms'],
        },
        { type: ConfigResourceTypes.BROKER, name: '1' },
      ],
    })
    const topicConfig = resources.find((r) => r.resourceType === ConfigResourceTypes.TOPIC)!
    const brokerConfig = resources.find((r) => r.resourceType === ConfigResourceTypes.BROKER)!
    expect(topicConfig.errorCode).toBe(0)
    expect(topicConfig.configEntries.map((c) => c.configName).sort()).toEqual([
      'cleanup.policy',
      'retention.ms',
    ])
    expect(
      topicConfig.configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue,
    ).toBe('delete')
    expect(brokerConfig.errorCode).toBe(0)
    expect(
      brokerConfig.configEntries.find((c) => c.configName === 'num.partitions')?.configValue,
    ).toBe('6')
  })

  it('producer send with keys and gzip: one key always lands on one partition', async () => {
    const batches = [
      { timestamp: oldTimestamp, round: 0 },
      { timestamp: newTimestamp, round: 1 },
      { timestamp: newTimestamp, round: 2 },
    ]
    const partitionsByKey = new Map<string, Set<number>>()
    for (const { timestamp, round } of batches) {
      // One send per key, so each record's partition comes back in the broker's answer.
      for (const key of KEYS) {
        const [meta] = await producer.send({
          topic,
          compression: CompressionTypes.GZIP,
          messages: [{ key, value: JSON.stringify({ key, round }), timestamp: String(timestamp) }],
        })
        expect(meta!.errorCode).toBe(0)
        const seen = partitionsByKey.get(key) ?? new Set<number>()
        seen.add(meta!.partition)
        partitionsByKey.set(key, seen)
      }
    }
    for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1)
    // 8 keys over 6 partitions: the default (Java-compatible murmur2) partitioner spreads them.
    const used = new Set([...partitionsByKey.values()].flatMap((s) => [...s]))
    expect(used.size).toBeGreaterThan(1)
  })

  it('fetchTopicOffsets and fetchTopicOffsetsByTimestamp', async () => {
    const offsets = await admin.fetchTopicOffsets(topic)
    expect(offsets).toHaveLength(PARTITIONS)
    expect(sum(offsets.map((o) => o.high))).toBe(KEYS.length * ROUNDS)
    for (const o of offsets) expect(o.low).toBe('0')

    // The first round was stamped in 2024, the later ones in 2025: asking for 2025 skips round 0.
    const fromNew = await admin.fetchTopicOffsetsByTimestamp(topic, newTimestamp)
    const skipped = sum(fromNew.map((o) => o.offset))
    expect(skipped).toBe(KEYS.length)
    const fromOld = await admin.fetchTopicOffsetsByTimestamp(topic, oldTimestamp)
    expect(sum(fromOld.map((o) => o.offset))).toBe(0)
  })

  it('consumer group: subscribe + run reads everything, commits, then the admin sees the group', async () => {
    const consumer = kafka.consumer({ groupId, retry: { retries: 3 } })
    opened.push(consumer)
    await consumer.connect()
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    const received = await consumeUntil(consumer, (r) => r.length === KEYS.length * ROUNDS)
    const gzipValues = received.map(
      (r) => JSON.parse(r.message.value!.toString()) as { key: string },
    )
    expect(gzipValues.every((v, i) => v.key === received[i]!.message.key!.toString())).toBe(true)

    const { groups: live } = await admin.describeGroups([groupId])
    expect(live[0]!.state).toBe('Stable')
    expect(live[0]!.members).toHaveLength(1)
    await consumer.disconnect() // commits the consumed offsets on the way out

    const listed = await admin.listGroups()
    expect(listed.groups).toContainEqual({ groupId, protocolType: 'consumer' })
    const { groups } = await admin.describeGroups([groupId])
    expect(groups[0]!.state).toBe('Empty')

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
    const high = await admin.fetchTopicOffsets(topic)
    const byPartition = new Map(high.map((o) => [o.partition, o.high]))
    expect(committed[0]!.partitions).toHaveLength(PARTITIONS)
    // kafkajs says '-1' for a partition the group has nothing committed on (an empty one).
    for (const p of committed[0]!.partitions) {
      const highWatermark = byPartition.get(p.partition)
      expect(p.offset).toBe(highWatermark === '0' ? '-1' : highWatermark)
    }
    // Without topics: every topic the group committed to (OffsetFetch with a null topic list).
    const all = await admin.fetchOffsets({ groupId })
    expect(all.map((t) => t.topic)).toEqual([topic])
  })

  it('consumer fetch from a given offset (seek), the way Sightline samples a partition', async () => {
    const high = await admin.fetchTopicOffsets(topic)
    const target = high.find((o) => Number(o.high) >= 3)!
    const from = Number(target.high) - 2
    const consumer = kafka.consumer({ groupId: `${groupId}-seek`, retry: { retries: 3 } })
    opened.push(consumer)
    await consumer.connect()
    await consumer.subscribe({ topics: [topic], fromBeginning: false })
    const received = await consumeUntil(
      consumer,
      (r) => r.filter((m) => m.partition === target.partition).length === 2,
      () => consumer.seek({ topic, partition: target.partition, offset: String(from) }),
    )
    const offsets = received
      .filter((m) => m.partition === target.partition)
      .map((m) => Number(m.message.offset))
    expect(offsets).toEqual([from, from + 1])
    await consumer.disconnect()
    await admin.deleteGroups([`${groupId}-seek`])
  })

  it('deleteGroups removes an empty group', async () => {
    const [result] = await admin.deleteGroups([groupId])
    expect(result).toMatchObject({ groupId, errorCode: 0 })
    const { groups } = await admin.listGroups()
    expect(groups.map((g) => g.groupId)).not.toContain(groupId)
  })
})

describe.skipIf(!up)('kafkajs against the estate Kafka (SASL_PLAINTEXT, PLAIN)', () => {
  const kafka = client({
    brokers: [`${host}:${saslPort}`],
    sasl: { mechanism: 'plain', username: user, password },
  })
  const topic = `sightline-compat-sasl-${runId}`
  const groupId = `sightline-compat-sasl-group-${runId}`
  let admin: Admin

  beforeAll(async () => {
    admin = kafka.admin()
    await admin.connect()
  })

  afterAll(async () => {
    await admin?.deleteGroups([groupId]).catch(() => undefined)
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined)
    await admin?.disconnect()
  })

  it('metadata, configs, produce, consume and group admin all work over SASL/PLAIN', async () => {
    const cluster = await admin.describeCluster()
    // The broker advertises the listener the client came in on.
    expect(cluster.brokers).toEqual([{ nodeId: cluster.controller, host, port: saslPort }])
    await admin.createTopics({
      topics: [{ topic, numPartitions: PARTITIONS }],
      waitForLeaders: true,
    })
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] },
      ],
    })
    expect(resources[0]!.errorCode).toBe(0)

    // Idempotent: right after createTopics the broker can still answer NOT_LEADER_OR_FOLLOWER
    // for some partitions, and kafkajs then retries the whole multi-partition request, which
    // duplicates the partitions that had succeeded. With idempotence the broker drops the repeats.
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    await producer.send({
      topic,
      compression: CompressionTypes.GZIP,
      messages: KEYS.map((key) => ({ key, value: key })),
    })
    await producer.disconnect()
    expect(sum((await admin.fetchTopicOffsets(topic)).map((o) => o.high))).toBe(KEYS.length)

    const consumer = kafka.consumer({ groupId, retry: { retries: 3 } })
    await consumer.connect()
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    const received = await consumeUntil(consumer, (r) => r.length === KEYS.length)
    await consumer.disconnect()
    expect(received.map((r) => r.message.value!.toString()).sort()).toEqual([...KEYS].sort())

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
    // kafkajs reports '-1' for partitions the group has nothing committed on (empty ones).
    const committedTotal = sum(
      committed[0]!.partitions.map((p) => (p.offset === '-1' ? '0' : p.offset)),
    )
    expect(committedTotal).toBe(KEYS.length)
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).toContain(groupId)
  })
})

import { Kafka, logLevel, type Admin } from 'kafkajs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  parseConnectJsonKey,
  type ConnectValue,
} from '../../src/main/lookup/kafka/connect-json-key'
import { keyPartition } from '../../src/main/lookup/kafka/key-partition'
import { estateEnv, serviceAvailable } from '../support/estate'

/**
 * The lookup's partitioner against the running reference estate: for EVERY message of a
 * Debezium topic (Java producer, JsonConverter keys) and of application topics (kafkajs
 * DefaultPartitioner, string keys), the key rebuilt from the record's value and the partition
 * computed from it must be the key bytes and the partition the message is actually in.
 */
const env = estateEnv()
const host = '127.0.0.1'
const port = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const up = await serviceAvailable('Kafka', host, port)

interface Read {
  partition: number
  key: Buffer | null
  value: Buffer | null
}

/** Every record up to the end offsets at call time, through a fresh group deleted afterwards. */
async function readAll(kafka: Kafka, admin: Admin, topic: string): Promise<Read[]> {
  const offsets = await admin.fetchTopicOffsets(topic)
  const remaining = new Map(
    offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high)]),
  )
  const out: Read[] = []
  if (remaining.size === 0) return out
  const groupId = `sightline-test-lookup-partition-${process.pid}-${Date.now()}`
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false })
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error))
      consumer
        .run({
          eachBatch: async ({ batch }) => {
            for (const m of batch.messages) {
              out.push({ partition: batch.partition, key: m.key, value: m.value })
            }
            const end = remaining.get(batch.partition)
            if (end !== undefined && Number(batch.lastOffset()) + 1 >= end) {
              remaining.delete(batch.partition)
            }
            if (remaining.size === 0) resolve()
          },
        })
        .catch(reject)
    })
  } finally {
    await consumer.disconnect()
    await admin.deleteGroups([groupId]).catch(() => undefined)
  }
  return out
}

async function partitionCount(admin: Admin, topic: string): Promise<number> {
  const meta = await admin.fetchTopicMetadata({ topics: [topic] })
  return meta.topics[0]!.partitions.length
}

/** The Debezium row image's key column: `after` for creates/updates/reads, `before` for deletes. */
function keyColumnFromValue(value: Buffer | null, column: string): ConnectValue | undefined {
  if (value === null) return undefined // a tombstone: only its key says which row
  const payload = (JSON.parse(value.toString('utf8')) as { payload?: Record<string, unknown> })
    .payload
  const row = (payload?.after ?? payload?.before) as Record<string, ConnectValue> | undefined
  return row?.[column]
}

describe.skipIf(!up)('Kafka default partitioner over exact key bytes (estate)', () => {
  const kafka = new Kafka({
    clientId: 'sightline-test-lookup-partition',
    brokers: [`${host}:${port}`],
    logLevel: logLevel.NOTHING,
  })
  const admin = kafka.admin()

  beforeAll(async () => {
    await admin.connect()
  })
  afterAll(async () => {
    await admin.disconnect()
  })

  it('crm.dbo.Customer: a key rebuilt from each row is the exact key, in the exact partition', async () => {
    const topic = 'crm.dbo.Customer'
    const partitions = await partitionCount(admin, topic)
    expect(partitions).toBe(6)
    const messages = await readAll(kafka, admin, topic)
    expect(messages.length).toBeGreaterThan(100)

    // The schema comes from one sampled key, as the planner would take it from the catalogue.
    const { schema } = parseConnectJsonKey(messages[0]!.key!)
    const column = schema.fields?.[0]?.field
    expect(column).toBe('CustomerId')

    const seenPartitions = new Set<number>()
    let fromValue = 0
    for (const m of messages) {
      expect(m.key).not.toBeNull()
      const id = keyColumnFromValue(m.value, column!) ?? parseKeyId(m.key!, column!)
      if (m.value !== null) fromValue++
      const { keyBytes, partition } = keyPartition(
        { kind: 'connect-json', schema },
        { [column!]: id },
        partitions,
      )
      expect(keyBytes.equals(m.key!)).toBe(true)
      expect(partition).toBe(m.partition)
      seenPartitions.add(m.partition)
    }
    // Most keys come from the row image, not from the key itself (which would prove less).
    expect(fromValue).toBeGreaterThan(messages.length / 2)
    expect(seenPartitions.size).toBe(6)
  })

  it('orders.sales.orders: the same holds for another Debezium table', async () => {
    const topic = 'orders.sales.orders'
    const partitions = await partitionCount(admin, topic)
    const messages = await readAll(kafka, admin, topic)
    expect(messages.length).toBeGreaterThan(100)
    const { schema } = parseConnectJsonKey(messages[0]!.key!)
    const column = schema.fields![0]!.field
    for (const m of messages) {
      const id = keyColumnFromValue(m.value, column) ?? parseKeyId(m.key!, column)
      const { keyBytes, partition } = keyPartition(
        { kind: 'connect-json', schema },
        { [column]: id },
        partitions,
      )
      expect(keyBytes.equals(m.key!)).toBe(true)
      expect(partition).toBe(m.partition)
    }
  })

  it.each(['web.clickstream.v1', 'fraud.scores', 'returns.requests'])(
    '%s: every keyed message is in the partition of its string key',
    async (topic) => {
      const partitions = await partitionCount(admin, topic)
      const messages = await readAll(kafka, admin, topic)
      const keyed = messages.filter((m) => m.key !== null)
      expect(keyed.length).toBeGreaterThan(10)
      for (const m of keyed) {
        const { keyBytes, partition } = keyPartition(
          { kind: 'string' },
          m.key!.toString('utf8'),
          partitions,
        )
        expect(keyBytes.equals(m.key!)).toBe(true)
        expect(partition).toBe(m.partition)
      }
    },
  )

  it('fraud.scores: a customer id typed as a number lands where its records are', async () => {
    // fraud.scores is keyed by the crm CustomerId as a string: the lookup computes it from the
    // number it was given, without reading the topic.
    const messages = await readAll(kafka, admin, 'fraud.scores')
    const partitions = await partitionCount(admin, 'fraud.scores')
    const sample = messages.find((m) => m.key !== null)!
    const id = Number(sample.key!.toString('utf8'))
    expect(Number.isInteger(id)).toBe(true)
    const { partition } = keyPartition({ kind: 'string' }, id, partitions)
    const holding = new Set(
      messages.filter((m) => m.key?.toString('utf8') === String(id)).map((m) => m.partition),
    )
    expect([...holding]).toEqual([partition])
  })
})

/** For tombstones only: the key column's value as the key carries it. */
function parseKeyId(key: Buffer, column: string): ConnectValue {
  const { payload } = parseConnectJsonKey(key)
  return (payload as Record<string, ConnectValue>)[column]!
}

import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Partitioners, type Admin, type Kafka, type Message } from 'kafkajs'
import { encodeFraudScore, type FraudScoreValue } from './fraud-avro'

/** The application topics the generator writes as topics/<topic>.jsonl. */
export const APP_TOPICS = ['web.clickstream.v1', 'returns.requests', 'fraud.scores'] as const
export type AppTopic = (typeof APP_TOPICS)[number]
export const APP_TOPIC_PARTITIONS = 6

/** One line of a generator JSONL file. personId is ground truth: it never reaches Kafka. */
export interface GeneratedRecord {
  key: string | number | null
  value: Record<string, unknown>
  personId?: string
}

const SEND_CHUNK = 1000

export function jsonlPath(dataDir: string, topic: string): string {
  return path.join(dataDir, 'topics', `${topic}.jsonl`)
}

/** The SHA-256 of a file, to tell whether a topic was filled from this very file. */
export async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export async function readJsonl(file: string): Promise<GeneratedRecord[]> {
  if (!existsSync(file))
    throw new Error(`${file} is missing: run the generator (test/estate/seed/run.sh) first`)
  const records: GeneratedRecord[] = []
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  for await (const line of lines)
    if (line.trim() !== '') records.push(JSON.parse(line) as GeneratedRecord)
  return records
}

/** Creates the topics that do not exist yet, with 6 partitions each. */
export async function ensureTopics(admin: Admin, topics: readonly string[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics())
  const missing = topics.filter((t) => !existing.has(t))
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: APP_TOPIC_PARTITIONS,
        replicationFactor: 1,
      })),
    })
  }
  return missing
}

/** Records held by a topic: end minus start offset, summed over partitions. */
export async function recordCount(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic)
  return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0)
}

export function toMessage(
  topic: string,
  record: GeneratedRecord,
  fraudSchemaId: number | null,
): Message {
  const key = record.key === null || record.key === undefined ? null : String(record.key)
  if (topic === 'fraud.scores') {
    if (fraudSchemaId === null) throw new Error('fraud.scores needs its registry schema id')
    return {
      key,
      value: encodeFraudScore(fraudSchemaId, record.value as unknown as FraudScoreValue),
    }
  }
  return { key, value: JSON.stringify(record.value) }
}

export type ProduceOutcome = 'produced' | 'already-complete' | 'replaced'

/**
 * Produces the generated records unless the topic already holds exactly that many and they
 * came from the same file (a re-run must not duplicate them). A topic holding anything else (an
 * interrupted run, or data of another seed) has its records deleted first, then gets the whole
 * file. `producedFrom` is the content hash of the file the topic was last filled from, if known.
 */
export async function produceTopic(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  records: GeneratedRecord[],
  fraudSchemaId: number | null,
  sameFile: boolean,
): Promise<ProduceOutcome> {
  const held = await recordCount(admin, topic)
  if (held === records.length && sameFile) return 'already-complete'
  if (held > 0) {
    const offsets = await admin.fetchTopicOffsets(topic)
    await admin.deleteTopicRecords({
      topic,
      partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
    })
  }
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    // Idempotent, one request in flight: right after createTopics the broker may answer
    // NOT_LEADER for some partitions and kafkajs then resends the whole batch, duplicating
    // the partitions that had succeeded (seen here: 14-18 records for 8 sent).
    idempotent: true,
    maxInFlightRequests: 1,
  })
  await producer.connect()
  try {
    const messages = records.map((r) => toMessage(topic, r, fraudSchemaId))
    for (let i = 0; i < messages.length; i += SEND_CHUNK) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + SEND_CHUNK) })
    }
  } finally {
    await producer.disconnect()
  }
  return held > 0 ? 'replaced' : 'produced'
}

/**
 * The schema id the topic's first Avro message was written with, or null when it holds none.
 * The registry may keep schemas in memory only: after its restart the id registered now can
 * differ from the one the topic's records carry, and then the records must be written again.
 */
export async function schemaIdInTopic(
  kafka: Kafka,
  admin: Admin,
  topic: string,
): Promise<number | null> {
  const withRecords = (await admin.fetchTopicOffsets(topic)).filter((p) => p.high !== p.low)
  if (withRecords.length === 0) return null
  const consumer = kafka.consumer({
    groupId: `sightline-estate-streams-check-${process.pid}`,
    allowAutoTopicCreation: false,
  })
  await consumer.connect()
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true })
    return await new Promise<number>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (e) => reject(e.payload.error))
      consumer
        .run({
          eachMessage: async ({ message }) => {
            const value = message.value
            resolve(
              value && value.length >= 5 && value.readUInt8(0) === 0 ? value.readInt32BE(1) : -1,
            )
          },
        })
        .catch(reject)
    })
  } finally {
    await consumer.disconnect()
    await admin
      .deleteGroups([`sightline-estate-streams-check-${process.pid}`])
      .catch(() => undefined)
  }
}

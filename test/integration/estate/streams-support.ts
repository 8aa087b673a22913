import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Kafka, logLevel, type Admin } from 'kafkajs'
import pg from 'pg'
import { REPO_ROOT, estateEnv } from '../../support/estate'

/** Connection facts of the live estate for the streams tests (env file, then defaults). */
export function streamsEnv() {
  const env = estateEnv()
  const host = '127.0.0.1'
  const estateDir = env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
  const registryPort = Number(env.SIGHTLINE_REGISTRY_PORT ?? 58081)
  return {
    host,
    estateDir,
    dataDir: path.join(estateDir, 'data', env.SIGHTLINE_ESTATE_SCALE ?? 'small'),
    pgPort: Number(env.SIGHTLINE_PG_PORT ?? 55432),
    pgUser: env.SIGHTLINE_PG_ADMIN_USER ?? 'sightline_admin',
    pgPassword: env.SIGHTLINE_PG_ADMIN_PASSWORD ?? 'admin-pass',
    kafkaPort: Number(env.SIGHTLINE_KAFKA_PORT ?? 59092),
    connectPort: Number(env.SIGHTLINE_CONNECT_PORT ?? 58083),
    registryPort,
    registryUrl: env.SIGHTLINE_REGISTRY_URL ?? `http://${host}:${registryPort}/apis/ccompat/v7`,
    mongoPort: Number(env.SIGHTLINE_MONGO_PORT ?? 57017),
  }
}
export type StreamsEnv = ReturnType<typeof streamsEnv>

export async function pgQuery<T extends pg.QueryResultRow>(
  e: StreamsEnv,
  database: string,
  sql: string,
): Promise<T[]> {
  const client = new pg.Client({
    host: e.host,
    port: e.pgPort,
    user: e.pgUser,
    password: e.pgPassword,
    database,
  })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

export function kafkaFor(e: StreamsEnv): Kafka {
  return new Kafka({
    clientId: 'sightline-streams-test',
    brokers: [`${e.host}:${e.kafkaPort}`],
    logLevel: logLevel.NOTHING,
  })
}

export interface ReadMessage {
  partition: number
  offset: string
  key: Buffer | null
  value: Buffer | null
}

/**
 * Every message of a topic, from its start offsets up to the end offsets it had when called,
 * read with a throwaway consumer group (deleted afterwards).
 */
export async function readTopic(kafka: Kafka, admin: Admin, topic: string): Promise<ReadMessage[]> {
  const offsets = await admin.fetchTopicOffsets(topic)
  const remaining = new Map(
    offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high)]),
  )
  const messages: ReadMessage[] = []
  if (remaining.size === 0) return messages
  const groupId = `sightline-streams-test-${process.pid}-${Date.now()}`
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
              messages.push({
                partition: batch.partition,
                offset: m.offset,
                key: m.key,
                value: m.value,
              })
            }
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
  }
  return messages
}

/** The generator's records of an application topic (topics/<topic>.jsonl). */
export function generatedRecords(
  e: StreamsEnv,
  topic: string,
): { key: unknown; value: Record<string, unknown> }[] {
  const file = path.join(e.dataDir, 'topics', `${topic}.jsonl`)
  if (!existsSync(file)) throw new Error(`${file} is missing: the generator has not run`)
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { key: unknown; value: Record<string, unknown> })
}

/** JSON with object keys sorted, to compare documents regardless of key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  )
}

/** Polls until the condition holds (no fixed sleeps); fails with the last state on timeout. */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<string | true>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const result = await check()
    if (result === true) return
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${timeoutMs / 1000}s (${result})`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

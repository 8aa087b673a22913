/**
 * Per-source floors of the crawl benchmark (issue 4, item 6): how long the servers alone take to
 * answer the reads a crawl needs, sent raw through the same drivers with nothing done to the
 * answers (no mapping, decoding, inference or store).
 *
 * - PostgreSQL: the connector's own catalogue statements (crawl-queries.ts) per database in one
 *   READ ONLY transaction, databases in turn as the connector does; optionally also its value
 *   sample SELECTs (sample-rows.ts `sampleStatement`), four connections per database as the
 *   connector uses.
 * - Kafka: metadata, ListOffsets and Fetch of the newest N messages per topic, spread over the
 *   partitions, through the same raw kafkajs cluster the connector uses: no consumer group.
 * - MongoDB: listDatabases, listCollections, then find().limit(N).toArray() per collection,
 *   four collections at a time (the connector's concurrency).
 */
import { MongoClient } from 'mongodb'
import { isInternalTopic } from './coverage-model'
import pg from 'pg'
import { openKafkaClients } from '../../src/main/connectors/kafka/kafka-client'
import { parseKafkaSource } from '../../src/main/connectors/kafka/parse-url'
import {
  fetchSamples,
  planSamples,
  type PartitionOffsets,
} from '../../src/main/connectors/kafka/sample-messages'
import {
  PG_COLUMNS,
  PG_CONSTRAINTS,
  PG_DATABASE,
  PG_INDEXES,
  PG_RELATIONS,
} from '../../src/main/connectors/postgres/crawl-queries'

/** One floor measurement. */
export interface FloorResult {
  ms: number
  /** Statements / requests sent. */
  requests: number
  /** What was read: databases, topics, collections... */
  parts: number
  /** Rows / messages / documents returned. */
  items: number
  perPart?: Record<string, number>
}

export interface PgConnection {
  host: string
  port: number
  user: string
  password: string
}

const elapsed = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6

/** Runs `work` over `items`, `n` at a time. */
export async function eachLimited<T>(
  items: T[],
  n: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, lane))
}

async function pgClient(conn: PgConnection, database: string): Promise<pg.Client> {
  const client = new pg.Client({ ...conn, database, application_name: 'sightline-bench-floor' })
  client.on('error', () => {})
  await client.connect()
  return client
}

/** The catalogue statements of every database, raw: BEGIN, the five queries, COMMIT. */
export async function pgCatalogFloor(
  conn: PgConnection,
  databases: string[],
): Promise<FloorResult> {
  const t0 = process.hrtime.bigint()
  const perPart: Record<string, number> = {}
  let requests = 0
  let items = 0
  for (const db of databases) {
    const t = process.hrtime.bigint()
    const client = await pgClient(conn, db)
    try {
      await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
      for (const sql of [PG_DATABASE, PG_RELATIONS, PG_COLUMNS, PG_CONSTRAINTS, PG_INDEXES])
        items += (await client.query(sql)).rowCount ?? 0
      await client.query('COMMIT')
      requests += 7
    } finally {
      await client.end().catch(() => {})
    }
    perPart[db] = elapsed(t)
  }
  return { ms: elapsed(t0), requests, parts: databases.length, items, perPart }
}

/**
 * The value-sample SELECTs Sightline sends (one per table, given per database), raw, on
 * `concurrency` connections per database, databases in turn.
 */
export async function pgSampleFloor(
  conn: PgConnection,
  statements: Map<string, string[]>,
  concurrency = 4,
): Promise<FloorResult> {
  const t0 = process.hrtime.bigint()
  const perPart: Record<string, number> = {}
  let requests = 0
  let items = 0
  for (const [db, sqls] of statements) {
    const t = process.hrtime.bigint()
    const lanes = Math.max(1, Math.min(concurrency, Math.ceil(sqls.length / 16)))
    const clients = await Promise.all(Array.from({ length: lanes }, () => pgClient(conn, db)))
    try {
      // As the connector does: one READ ONLY transaction per connection, its share of tables in it.
      let next = 0
      await Promise.all(
        clients.map(async (client) => {
          await client.query('BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED READ ONLY')
          while (next < sqls.length) {
            const sql = sqls[next++] as string
            items += (await client.query(sql)).rowCount ?? 0
            requests++
          }
          await client.query('COMMIT')
        }),
      )
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => {})))
    }
    perPart[db] = elapsed(t)
  }
  return { ms: elapsed(t0), requests, parts: statements.size, items, perPart }
}

/** Metadata, offsets and a raw Fetch of the newest `sampleSize` messages of every topic. */
export async function kafkaFloor(
  brokers: string,
  sampleSize = 100,
  // The topics Sightline lists by default: not Kafka's own nor the Connect worker's.
  includeTopic: (topic: string) => boolean = (t) => !isInternalTopic(t),
): Promise<FloorResult & { incomplete: number }> {
  const target = parseKafkaSource({ url: brokers, options: {} })
  const t0 = process.hrtime.bigint()
  const clients = openKafkaClients(target, 30_000)
  try {
    const { cluster } = clients
    await cluster.connect()
    const meta = await cluster.metadata({ topics: [] })
    const topics = meta.topicMetadata.filter((t) => includeTopic(t.topic))
    const asked = topics.map((t) => ({
      topic: t.topic,
      partitions: t.partitionMetadata.map((p) => ({ partition: p.partitionId })),
    }))
    const [high, low] = await Promise.all([
      cluster.fetchTopicsOffset(asked.map((a) => ({ ...a, fromBeginning: false }))),
      cluster.fetchTopicsOffset(asked.map((a) => ({ ...a, fromBeginning: true }))),
    ])
    const lowOf = new Map<string, bigint>()
    for (const t of low)
      for (const p of t.partitions) lowOf.set(`${t.topic}/${p.partition}`, BigInt(p.offset))
    const leaderOf = new Map<string, number>()
    for (const t of topics)
      for (const p of t.partitionMetadata) leaderOf.set(`${t.topic}/${p.partitionId}`, p.leader)
    const partitions: PartitionOffsets[] = high.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.topic,
        partition: p.partition,
        leader: leaderOf.get(`${t.topic}/${p.partition}`) ?? -1,
        low: lowOf.get(`${t.topic}/${p.partition}`) ?? 0n,
        high: BigInt(p.offset),
      })),
    )
    const brokersUsed = new Set(partitions.map((p) => p.leader)).size
    const sampled = await fetchSamples(cluster, planSamples(partitions, sampleSize), {
      deadline: Date.now() + 120_000,
      abortable: (p) => p,
    })
    let items = 0
    for (const list of sampled.records.values()) items += list.length
    return {
      ms: elapsed(t0),
      // metadata + two ListOffsets per leader broker + the Fetch requests
      requests: 1 + 2 * brokersUsed + sampled.requests,
      parts: topics.length,
      items,
      incomplete: sampled.incomplete.length,
    }
  } finally {
    await clients.close()
  }
}

const MONGO_INTERNAL = new Set(['admin', 'config', 'local'])

/** listDatabases, listCollections and find().limit(sampleSize) of every collection. */
export async function mongoFloor(
  url: string,
  sampleSize = 100,
  concurrency = 4,
): Promise<FloorResult> {
  const t0 = process.hrtime.bigint()
  const client = new MongoClient(url, {
    maxPoolSize: concurrency * 2,
    serverSelectionTimeoutMS: 10_000,
  })
  try {
    await client.connect()
    let requests = 1
    const dbs = (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases
      .map((d) => d.name)
      .filter((n) => !MONGO_INTERNAL.has(n))
    const collections: Array<{ db: string; name: string }> = []
    await eachLimited(dbs, concurrency, async (db) => {
      requests++
      const infos = await client.db(db).listCollections({}, { nameOnly: true }).toArray()
      for (const c of infos)
        if (!c.name.startsWith('system.')) collections.push({ db, name: c.name })
    })
    let items = 0
    await eachLimited(collections, concurrency, async ({ db, name }) => {
      requests++
      const docs = await client.db(db).collection(name).find({}).limit(sampleSize).toArray()
      items += docs.length
    })
    return { ms: elapsed(t0), requests, parts: collections.length, items }
  } finally {
    await client.close().catch(() => {})
  }
}

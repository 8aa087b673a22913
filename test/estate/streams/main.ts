/**
 * Sets up the Kafka side of the reference estate (run by streams/run.sh after seeding):
 * the registry schema of fraud.scores, the application topics and their records, the Debezium
 * sources crm-cdc and orders-cdc, and the MongoDB sink returns-sink; then waits until every
 * connector and task runs, each CDC topic carries its snapshot and ops.returns its records.
 * Idempotent: a re-run changes nothing that is already in place.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as delay } from 'node:timers/promises'
import { Kafka, logLevel, type Admin } from 'kafkajs'
import { MongoClient } from 'mongodb'
import {
  APP_TOPICS,
  ensureTopics,
  fileHash,
  jsonlPath,
  produceTopic,
  readJsonl,
  recordCount,
  schemaIdInTopic,
} from './app-topics'
import { estateConfig, type EstateConfig } from './config'
import {
  connectorStatus,
  failureOf,
  isRunning,
  listPlugins,
  putConnectorConfig,
  resetConnector,
} from './connect-client'
import {
  CDC_SOURCES,
  RETURNS_COLLECTION,
  RETURNS_DATABASE,
  RETURNS_SINK,
  RETURNS_TOPIC,
  cdcConnectorConfig,
  returnsSinkConfig,
  type CdcSource,
} from './connectors'
import { fillerRecords, fillerTopicNames } from './filler-topics'
import { registerFraudSchema } from './fraud-avro'
import {
  capturedTables,
  dropSlotAndPublication,
  ensurePublication,
  publicationIsStale,
  type CapturedTable,
} from './postgres-cdc'

const ESTATE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const log = (msg: string) =>
  console.error(`[streams ${new Date().toISOString().slice(11, 19)}] ${msg}`)
// A bench snapshot (a million customers, ~12 million rows) takes far longer than a small one.
const TIMEOUT_MS =
  Number(
    process.env.SIGHTLINE_STREAMS_TIMEOUT_S ??
      (process.env.SIGHTLINE_ESTATE_SCALE === 'bench' ? '3600' : '600'),
  ) * 1000

/** A failure that waiting longer cannot cure. */
class Fatal extends Error {}

/**
 * Polls until check() returns true; describe() says what is still missing on timeout. Transient
 * errors (a partition leader moving while topics are created) are retried; a Fatal is not.
 */
async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  describe: () => Promise<string>,
): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS
  let lastReport = 0
  let lastError = ''
  for (;;) {
    try {
      if (await check()) return
    } catch (err) {
      if (err instanceof Fatal) throw err
      lastError = ` (last error: ${(err as Error).message})`
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what} not done after ${TIMEOUT_MS / 1000}s: ${await describe()}${lastError}`,
      )
    if (Date.now() - lastReport > 15_000) {
      lastReport = Date.now()
      log(`waiting for ${what}: ${await describe().catch((e: Error) => e.message)}${lastError}`)
    }
    await delay(500)
  }
}

async function waitConnectorRunning(cfg: EstateConfig, name: string): Promise<void> {
  await waitFor(
    `connector ${name} RUNNING`,
    async () => {
      const status = await connectorStatus(cfg.connectUrl, name)
      const failure = failureOf(status)
      if (failure)
        throw new Fatal(`connector ${name} FAILED:\n${failure.split('\n').slice(0, 12).join('\n')}`)
      return isRunning(status)
    },
    async () => JSON.stringify(await connectorStatus(cfg.connectUrl, name)),
  )
}

/** Sum of end offsets over a topic's partitions; 0 before Debezium has created the topic. */
async function endOffsetSum(admin: Admin, topic: string): Promise<number> {
  if (!(await admin.listTopics()).includes(topic)) return 0
  return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0)
}

async function waitSnapshot(admin: Admin, tables: CapturedTable[]): Promise<void> {
  const behind = async () => {
    const lagging: string[] = []
    for (const t of tables) {
      const events = await endOffsetSum(admin, t.topic)
      if (events < t.rows) lagging.push(`${t.topic} ${events}/${t.rows}`)
    }
    return lagging
  }
  await waitFor(
    'CDC snapshots',
    async () => (await behind()).length === 0,
    async () => (await behind()).join(', '),
  )
}

/**
 * After returns.requests was refilled, the documents the sink wrote for the deleted records
 * (their _id is "<topic>#<partition>#<offset>", offset below the partition's new start) go too.
 */
async function purgeSunkBelowStart(admin: Admin, mongo: MongoClient): Promise<number> {
  const start = new Map(
    (await admin.fetchTopicOffsets(RETURNS_TOPIC)).map((p) => [p.partition, Number(p.low)]),
  )
  const returns = mongo.db(RETURNS_DATABASE).collection<{ _id: string }>(RETURNS_COLLECTION)
  let removed = 0
  for (const { _id } of await returns.find({}, { projection: { _id: 1 } }).toArray()) {
    const m = /[#-](\d+)[#-](\d+)$/.exec(String(_id))
    if (m && Number(m[2]) < (start.get(Number(m[1])) ?? 0)) {
      await returns.deleteOne({ _id })
      removed++
    }
  }
  return removed
}

let restartBuilder = false
/** The builder's in-memory state is of data being replaced: stop it (up.sh starts it after us). */
function stopBuilder(): void {
  if (restartBuilder) return
  restartBuilder = true
  execFileSync('bash', [path.join(ESTATE_ROOT, 'services', 'builder.sh'), 'stop'], {
    stdio: 'inherit',
  })
}

/** Deletes the CDC connector with its offsets, slot, publication and topics, for a new snapshot. */
async function resetCdc(cfg: EstateConfig, admin: Admin, source: CdcSource): Promise<void> {
  await resetConnector(cfg.connectUrl, source.connector, false)
  await dropSlotAndPublication(cfg, source)
  const prefix = `${source.prefix}.${source.schema}.`
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix))
  if (topics.length > 0) await admin.deleteTopics({ topics })
  await waitFor(
    `deletion of ${topics.join(', ')}`,
    async () => !(await admin.listTopics()).some((t) => t.startsWith(prefix)),
    async () => (await admin.listTopics()).filter((t) => t.startsWith(prefix)).join(', '),
  )
}

/** True when the sink has committed the topic's end offsets yet the collection holds fewer documents. */
async function sinkLostDocuments(admin: Admin, held: number, documents: number): Promise<boolean> {
  if (documents >= held) return false
  const [committed] = await admin.fetchOffsets({
    groupId: `connect-${RETURNS_SINK}`,
    topics: [RETURNS_TOPIC],
  })
  const ends = await admin.fetchTopicOffsets(RETURNS_TOPIC)
  const end = ends.reduce((sum, p) => sum + Number(p.high), 0)
  const done = (committed?.partitions ?? []).reduce(
    (sum, p) => sum + Math.max(0, Number(p.offset)),
    0,
  )
  return done >= end
}

async function main(): Promise<void> {
  const cfg = estateConfig()
  const kafka = new Kafka({
    clientId: 'sightline-estate-streams',
    brokers: cfg.kafka.brokers,
    logLevel: logLevel.WARN,
  })
  const admin = kafka.admin()
  await admin.connect()
  const mongo = await MongoClient.connect(cfg.mongoUrl, { serverSelectionTimeoutMS: 10_000 })
  try {
    const schemaId = await registerFraudSchema(cfg.registryUrl)
    log(`registry: fraud.scores-value is schema id ${schemaId}`)

    // Application topics first: a sink subscribing to a missing topic would have the broker
    // auto-create it with one partition.
    const created = await ensureTopics(admin, APP_TOPICS)
    if (created.length > 0) log(`created topics ${created.join(', ')} (6 partitions)`)
    const markerFile = path.join(cfg.runDir, 'streams-produced.json')
    const marker = (
      existsSync(markerFile) ? JSON.parse(readFileSync(markerFile, 'utf8')) : {}
    ) as Record<string, string>
    for (const topic of APP_TOPICS) {
      const file = jsonlPath(cfg.dataDir, topic)
      const records = await readJsonl(file)
      const hash = await fileHash(file)
      // Without a marker (run/ cleaned, Kafka kept) the record count alone decides.
      let sameFile = marker[topic] === undefined || marker[topic] === hash
      if (topic === 'fraud.scores' && sameFile) {
        const idInTopic = await schemaIdInTopic(kafka, admin, topic)
        if (idInTopic !== null && idInTopic !== schemaId) {
          log(
            `fraud.scores was written with schema id ${idInTopic}, the registry now says ${schemaId}: rewriting`,
          )
          sameFile = false
        }
      }
      const outcome = await produceTopic(
        kafka,
        admin,
        topic,
        records,
        topic === 'fraud.scores' ? schemaId : null,
        sameFile,
      )
      marker[topic] = hash
      writeFileSync(markerFile, JSON.stringify(marker, null, 2) + '\n')
      if (outcome === 'replaced') {
        if (topic === 'fraud.scores') stopBuilder()
        log(`${topic} held records of an interrupted run or another data set: replaced`)
        if (topic === RETURNS_TOPIC)
          log(`removed ${await purgeSunkBelowStart(admin, mongo)} stale documents from ops.returns`)
      }
      log(`${topic}: ${records.length} records (${outcome})`)
    }

    const plugins = await listPlugins(cfg.connectUrl)
    const allTables: CapturedTable[] = []
    for (const source of CDC_SOURCES) {
      if (await publicationIsStale(cfg, source)) {
        log(
          `${source.database}.${source.schema} was re-seeded since ${source.connector} took its snapshot: resetting it`,
        )
        stopBuilder()
        await resetCdc(cfg, admin, source)
      }
      const how = await ensurePublication(cfg, source)
      if (how) log(`created publication ${source.publication} ${how}`)
      await putConnectorConfig(cfg.connectUrl, source.connector, cdcConnectorConfig(cfg, source))
      allTables.push(...(await capturedTables(cfg, source)))
    }
    const sinkConfig = returnsSinkConfig(cfg)
    if (!plugins.includes(sinkConfig['connector.class']!)) {
      throw new Error(
        `the Connect worker has no ${sinkConfig['connector.class']} plugin (installed: ${plugins.join(', ')})`,
      )
    }
    await putConnectorConfig(cfg.connectUrl, RETURNS_SINK, sinkConfig)

    if (cfg.scale === 'bench') {
      // Catalogue-only filler, made while the CDC snapshots run: 200 topics in all.
      const filler = fillerTopicNames(APP_TOPICS.length + allTables.length)
      const made = await ensureTopics(admin, filler)
      const outcomes: Record<string, number> = {}
      for (const topic of filler) {
        // Right after createTopics the broker may still answer NOT_LEADER for a new partition.
        for (let attempt = 1; ; attempt++) {
          try {
            const outcome = await produceTopic(
              kafka,
              admin,
              topic,
              fillerRecords(topic),
              null,
              true,
            )
            outcomes[outcome] = (outcomes[outcome] ?? 0) + 1
            break
          } catch (err) {
            if (attempt >= 10 || !(err as { retriable?: boolean }).retriable) throw err
            await new Promise((resolve) => setTimeout(resolve, 1000))
          }
        }
      }
      log(
        `bench filler topics: ${filler.length} (${made.length} created; ${JSON.stringify(outcomes)})`,
      )
    }

    for (const name of [...CDC_SOURCES.map((s) => s.connector), RETURNS_SINK]) {
      await waitConnectorRunning(cfg, name)
      log(`connector ${name} and its tasks are RUNNING`)
    }
    await waitSnapshot(admin, allTables)
    log(
      `CDC snapshots complete: ${allTables.length} tables, ${allTables.reduce((s, t) => s + t.rows, 0)} rows`,
    )

    const returns = mongo.db(RETURNS_DATABASE).collection(RETURNS_COLLECTION)
    const held = await recordCount(admin, RETURNS_TOPIC)
    if (await sinkLostDocuments(admin, held, await returns.countDocuments())) {
      // The seed drops ops.returns when it re-seeds: the sink, done with the topic, must re-read it.
      log(
        `${RETURNS_SINK} had sunk every record but ${RETURNS_DATABASE}.${RETURNS_COLLECTION} lacks some: re-reading`,
      )
      await resetConnector(cfg.connectUrl, RETURNS_SINK, true)
    }
    await waitFor(
      `${RETURNS_SINK} to write ${held} records`,
      async () => (await returns.countDocuments()) >= held,
      async () =>
        `${await returns.countDocuments()}/${held} in ${RETURNS_DATABASE}.${RETURNS_COLLECTION}`,
    )
    log(`${RETURNS_DATABASE}.${RETURNS_COLLECTION} holds the ${held} records of ${RETURNS_TOPIC}`)
    if (restartBuilder)
      log('the builder was stopped: services/builder.sh start rebuilds singleview.customers')
  } finally {
    await admin.disconnect()
    await mongo.close()
  }
}

main().catch((err: unknown) => {
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})

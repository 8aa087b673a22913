/**
 * The single-view builder of the reference estate: consumes the crm CDC topics,
 * orders.sales.orders and fraud.scores and maintains singleview.customers in FerretDB.
 * Run by services/builder.sh as `npx tsx test/estate/builder/main.ts`.
 *
 * It rebuilds its state from the beginning of every topic at each start (the topics are the
 * system of record), syncs the whole collection once when first caught up, then writes whole
 * documents by _id as changes arrive, and reports its progress to
 * $SIGHTLINE_ESTATE_DIR/run/builder-status.json.
 */
import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { Kafka, logLevel, type Admin, type EachBatchPayload } from 'kafkajs'
import { estateConfig } from '../streams/config'
import { WireDecoder } from '../streams/fraud-avro'
import { asInt, parseChangeEvent } from './debezium'
import { ProgressTracker, totalLag, writeStatus, type BuilderStatus } from './progress'
import { SingleViewState } from './single-view'
import { SingleViewStore } from './store'
import { BUILDER_GROUP_ID, BUILDER_TOPICS, CDC_TOPICS, FRAUD_TOPIC } from './topics'

const STATUS_INTERVAL_MS = 1000
const cfg = estateConfig()
const statusFile = path.join(cfg.runDir, 'builder-status.json')
const log = (msg: string) => console.log(`[builder ${new Date().toISOString()}] ${msg}`)

async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'sightline-estate-builder',
    brokers: cfg.kafka.brokers,
    logLevel: logLevel.WARN,
  })
  const admin = kafka.admin()
  await admin.connect()
  await waitForTopics(admin)
  await forgetCommittedOffsets(admin)

  const store = await SingleViewStore.open(cfg.mongoUrl)
  const state = new SingleViewState()
  const decoder = new WireDecoder(cfg.registryUrl)
  const progress = new ProgressTracker(BUILDER_TOPICS)
  const startedAt = new Date().toISOString()
  // Until the first catch-up the collection is synced whole, once; after it, changed customers
  // are written as their changes arrive.
  let synced = false
  let dirty = new Set<number>()

  const consumer = kafka.consumer({ groupId: BUILDER_GROUP_ID, allowAutoTopicCreation: false })
  await consumer.connect()
  await consumer.subscribe({ topics: BUILDER_TOPICS, fromBeginning: true })

  const markDirty = (ids: number[]) => {
    if (synced) for (const id of ids) dirty.add(id)
  }
  const handleBatch = async ({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
  }: EachBatchPayload) => {
    const table = CDC_TOPICS[batch.topic]
    for (const message of batch.messages) {
      if (table) {
        const event = parseChangeEvent(message.value)
        if (event) markDirty(state.applyChange(table, event))
      } else if (batch.topic === FRAUD_TOPIC && message.value) {
        const record = await decoder.decode(message.value)
        const customerId = asInt(record.customerId)
        if (customerId !== null) {
          const reasons = Array.isArray(record.reasons) ? record.reasons.map(String) : []
          markDirty(
            state.applyFraudScore({
              customerId,
              score: Number(record.score),
              reasons,
              scoredAt: Number(record.scoredAt),
            }),
          )
        }
      }
      resolveOffset(message.offset)
    }
    if (batch.messages.length > 0)
      progress.consumed(batch.topic, batch.partition, batch.lastOffset())
    await heartbeat()
    await commitOffsetsIfNecessary()
  }

  // The only place that writes to FerretDB, so writes never interleave.
  const writeAndReport = async (): Promise<void> => {
    const partitions = await progress.measure(admin)
    const lag = totalLag(partitions)
    if (!synced && lag === 0) {
      const result = await store.syncAll(state)
      synced = true
      log(`caught up: ${state.customerCount} customers (${JSON.stringify(result)})`)
    } else if (synced && dirty.size > 0) {
      const ids = dirty
      dirty = new Set()
      try {
        await store.write(state, ids)
      } catch (err) {
        for (const id of ids) dirty.add(id)
        throw err
      }
    }
    const status: BuilderStatus = {
      pid: process.pid,
      startedAt,
      updatedAt: new Date().toISOString(),
      lag,
      pendingDocuments: synced ? dirty.size : state.customerCount,
      caughtUp: synced && lag === 0 && dirty.size === 0,
      documents: synced ? state.customerCount - dirty.size : null,
      partitions,
    }
    writeStatus(statusFile, status)
  }

  let stopping = false
  const statusLoop = (async () => {
    while (!stopping) {
      try {
        await writeAndReport()
      } catch (err) {
        log(`writing or reporting failed (retrying): ${(err as Error).message}`)
      }
      await new Promise((resolve) => setTimeout(resolve, STATUS_INTERVAL_MS))
    }
  })()

  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal}: stopping`)
    // Leaving the group promptly lets the next start reset it; never hang on the way down.
    setTimeout(() => process.exit(0), 10_000).unref()
    await consumer.disconnect().catch(() => undefined)
    await statusLoop
    await admin.disconnect().catch(() => undefined)
    await store.close().catch(() => undefined)
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  consumer.on(consumer.events.CRASH, (e) => {
    log(`consumer crashed: ${e.payload.error.message}`)
    if (!e.payload.restart) process.exit(1)
  })

  await consumer.run({ eachBatchAutoResolve: false, eachBatch: handleBatch })
  log(`consuming ${BUILDER_TOPICS.join(', ')} as ${BUILDER_GROUP_ID}`)
}

/** Topics the builder reads must exist; Debezium creates its topics only with its first event. */
async function waitForTopics(admin: Admin): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const existing = new Set(await admin.listTopics())
    const missing = BUILDER_TOPICS.filter((t) => !existing.has(t))
    if (missing.length === 0) return
    if (attempt % 20 === 0) log(`waiting for topics: ${missing.join(', ')}`)
    await delay(500)
  }
}

/**
 * Deletes the group's committed offsets so that the consumer starts from the beginning and the
 * in-memory state is rebuilt whole. A previous member that died without leaving keeps the group
 * non-empty until its session times out: retry until then.
 */
async function forgetCommittedOffsets(admin: Admin): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const groups = await admin.listGroups()
    if (!groups.groups.some((g) => g.groupId === BUILDER_GROUP_ID)) return
    try {
      await admin.deleteGroups([BUILDER_GROUP_ID])
      return
    } catch (err) {
      if (attempt >= 120) throw err
      if (attempt % 10 === 0)
        log(`waiting for the previous builder's session to expire: ${(err as Error).message}`)
      await delay(500)
    }
  }
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exit(1)
})

import kafkajs, { type Admin, type Kafka, type SASLOptions } from 'kafkajs'
import { installGzipCodec } from './gzip-codec'
import type { KafkaTarget } from './parse-url'

/**
 * kafkajs' internal Cluster, as far as the crawl uses it. kafkajs exposes no way to send Fetch or
 * ListOffsets for many topics at once without a consumer group (its Consumer always joins one),
 * so the crawl borrows the Cluster a Kafka client builds for its own producers and consumers:
 * metadata for all topics in one request, ListOffsets and Fetch batched per leader broker.
 * Checked against kafkajs 2.2.4 (package.json pins it exactly); if a later kafkajs drops these,
 * `openRawCluster` fails loudly rather than sampling wrongly.
 */
export interface RawCluster {
  connect(): Promise<void>
  disconnect(): Promise<void>
  /** Metadata request; an empty list means every topic. */
  metadata(args?: { topics?: string[] }): Promise<RawMetadata>
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>
  findBroker(args: { nodeId: string }): Promise<RawBroker>
  fetchTopicsOffset(
    topics: Array<{
      topic: string
      partitions: Array<{ partition: number }>
      fromBeginning: boolean
    }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>
}

export interface RawMetadata {
  brokers: Array<{ nodeId: number; host: string; port: number; rack?: string | null }>
  clusterId: string
  controllerId: number
  topicMetadata: Array<{
    topic: string
    isInternal?: boolean
    topicErrorCode?: number
    partitionMetadata: Array<{
      partitionId: number
      leader: number
      replicas: number[]
      isr: number[]
      offlineReplicas?: number[]
      partitionErrorCode?: number
    }>
  }>
}

/** A record as kafkajs' RecordBatch decoder returns it. */
export interface RawRecord {
  offset: string
  key: Buffer | null
  value: Buffer | null
  timestamp: string
  isControlRecord?: boolean
  headers?: Record<string, unknown>
}

export interface RawFetchPartition {
  partition: number
  errorCode: number
  highWatermark: string
  messages: RawRecord[]
}

export interface RawBroker {
  /**
   * ListOffsets; `timestamp` -2 is the earliest offset, -1 the latest (the high watermark).
   * Optional only so that test doubles of Fetch need not have it; kafkajs' Broker always has it.
   */
  listOffsets?(args: {
    replicaId?: number
    isolationLevel: number
    topics: Array<{ topic: string; partitions: Array<{ partition: number; timestamp: number }> }>
  }): Promise<{
    responses: Array<{
      topic: string
      partitions: Array<{ partition: number; errorCode: number; offset: string }>
    }>
  }>
  fetch(args: {
    replicaId?: number
    isolationLevel: number
    maxWaitTime: number
    minBytes: number
    maxBytes: number
    topics: Array<{
      topic: string
      partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }>
    }>
  }): Promise<{ responses: Array<{ topicName: string; partitions: RawFetchPartition[] }> }>
}

export interface KafkaClients {
  kafka: Kafka
  admin: Admin
  cluster: RawCluster
  /** Disconnects everything; safe to call more than once, never rejects. */
  close(): Promise<void>
}

/** kafkajs ISOLATION_LEVEL.READ_UNCOMMITTED: offsets are high watermarks, as message counts need. */
const READ_UNCOMMITTED = 0

export function brokerList(target: KafkaTarget): string[] {
  return target.brokers.map((b) => `${b.host.includes(':') ? `[${b.host}]` : b.host}:${b.port}`)
}

/** One Kafka client for the crawl: an admin and a raw cluster, all requests bounded by timeoutMs. */
export function openKafkaClients(target: KafkaTarget, timeoutMs: number): KafkaClients {
  installGzipCodec()
  const kafka = new kafkajs.Kafka({
    clientId: 'sightline-crawl',
    brokers: brokerList(target),
    ssl: target.tls ? { rejectUnauthorized: true } : false,
    sasl: target.sasl as SASLOptions | undefined,
    connectionTimeout: Math.min(timeoutMs, 10_000),
    authenticationTimeout: Math.min(timeoutMs, 10_000),
    requestTimeout: timeoutMs,
    enforceRequestTimeout: true,
    // A crawl reports the first failure; the pipeline decides about retrying the source.
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 1_000 },
    logLevel: kafkajs.logLevel.NOTHING,
  })
  const admin = kafka.admin({ retry: { retries: 1, initialRetryTime: 100 } })
  const cluster = openRawCluster(kafka)
  let closing: Promise<void> | undefined
  return {
    kafka,
    admin,
    cluster,
    close: () =>
      (closing ??= Promise.all([
        admin.disconnect().catch(() => {}),
        cluster.disconnect().catch(() => {}),
      ]).then(() => {})),
  }
}

function openRawCluster(kafka: Kafka): RawCluster {
  const create = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  )
  const factory = create ? (kafka as unknown as Record<symbol, unknown>)[create] : undefined
  if (typeof factory !== 'function')
    throw new Error('kafkajs internals changed: no cluster factory (the crawl needs kafkajs 2.2.x)')
  // allowAutoTopicCreation false: a metadata request must never create a topic (the estate's
  // broker has auto.create.topics.enable=true, and Sightline never writes to a source).
  const cluster = (factory as (o: object) => RawCluster)({
    allowAutoTopicCreation: false,
    isolationLevel: READ_UNCOMMITTED,
    metadataMaxAge: 300_000,
  })
  for (const m of [
    'connect',
    'metadata',
    'findLeaderForPartitions',
    'findBroker',
    'fetchTopicsOffset',
  ])
    if (typeof (cluster as unknown as Record<string, unknown>)[m] !== 'function')
      throw new Error(`kafkajs internals changed: Cluster.${m} is missing`)
  return cluster
}

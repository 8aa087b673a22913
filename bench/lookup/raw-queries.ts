/**
 * The floor of the speed bench: each store's raw indexed point query for one customer, through
 * the plain drivers, no Sightline code in the path except the key-partition arithmetic (murmur2
 * over Debezium's exact key bytes, src/main/lookup/kafka).
 *
 * - PostgreSQL: `crm.dbo."Customer"` by primary key; `orders.sales.orders` by its customer_id
 *   index (for information).
 * - FerretDB: `singleview.customers` by `_id` (`C` + 8 digits).
 * - Kafka: one Fetch of the customer's `crm.dbo.Customer` partition (murmur2 of the key) at a
 *   known offset: the person's record's offset when the lookup found it, else the partition's
 *   first offset. Kafka has no point query; this is what one keyed read at a known offset costs.
 */
import { MongoClient, type Collection } from 'mongodb'
import pg from 'pg'
import {
  openKafkaClients,
  type KafkaClients,
  type RawBroker,
} from '../../src/main/connectors/kafka/kafka-client'
import {
  parseConnectJsonKey,
  type ConnectSchema,
} from '../../src/main/lookup/kafka/connect-json-key'
import { keyPartition } from '../../src/main/lookup/kafka/key-partition'
import { ONE_BATCH_BYTES } from '../../src/main/connectors/kafka/lookup-fetch'

export interface RawTimes {
  pgPk: number
  pgIndex: number
  /** Absent when not timed for this customer. */
  mongoId?: number
  kafkaFetch: number
  kafkaBytes: number
  kafkaPartition: number
  kafkaOffsetFrom: 'lookup' | 'partition start'
}

const CDC_TOPIC = 'crm.dbo.Customer'

export class RawQueries {
  private constructor(
    private readonly crm: pg.Client,
    private readonly orders: pg.Client,
    private readonly mongo: MongoClient,
    private readonly customers: Collection<{ _id: string }>,
    private readonly kafka: KafkaClients,
    private readonly broker: RawBroker,
    private readonly keySchema: ConnectSchema,
    private readonly partitions: number,
    private readonly lowOffsets: Map<number, string>,
    /** FerretDB's plan for the `_id` query (its SQLite statement), for the report. */
    readonly mongoPlan: string,
  ) {}

  static async open(env: Record<string, string>): Promise<RawQueries> {
    const pgConf = (database: string) => ({
      host: '127.0.0.1',
      port: Number(env.SIGHTLINE_PG_PORT ?? 55432),
      user: env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader',
      password: env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass',
      database,
    })
    const crm = new pg.Client(pgConf('crm'))
    const orders = new pg.Client(pgConf('orders'))
    await Promise.all([crm.connect(), orders.connect()])
    const mongo = new MongoClient(`mongodb://127.0.0.1:${env.SIGHTLINE_MONGO_PORT ?? 57017}/`)
    await mongo.connect()
    const kafka = openKafkaClients(
      {
        brokers: [{ host: '127.0.0.1', port: Number(env.SIGHTLINE_KAFKA_PORT ?? 59092) }],
        tls: false,
      },
      30_000,
    )
    await kafka.cluster.connect()
    const meta = await kafka.cluster.metadata({ topics: [CDC_TOPIC] })
    const topic = meta.topicMetadata.find((t) => t.topic === CDC_TOPIC)
    if (!topic) throw new Error(`${CDC_TOPIC} is not in the cluster`)
    const partitions = topic.partitionMetadata.length
    const leader = topic.partitionMetadata[0]!.leader
    const broker = await kafka.cluster.findBroker({ nodeId: String(leader) })
    const starts = await kafka.cluster.fetchTopicsOffset([
      {
        topic: CDC_TOPIC,
        partitions: topic.partitionMetadata.map((p) => ({ partition: p.partitionId })),
        fromBeginning: true,
      },
    ])
    const lowOffsets = new Map(starts[0]!.partitions.map((p) => [p.partition, p.offset]))
    // The key schema from one record, as the catalogue learns it.
    const first = await fetchOnce(broker, 0, lowOffsets.get(0)!, 64 * 1024)
    const sample = first.messages.find((m) => m.key)
    if (!sample?.key) throw new Error(`no keyed record at the start of ${CDC_TOPIC} partition 0`)
    const { schema } = parseConnectJsonKey(sample.key)
    const customers = mongo.db('singleview').collection<{ _id: string }>('customers')
    const explained = (await customers.find({ _id: 'C00000001' }).explain()) as Record<
      string,
      unknown
    >
    const plan = JSON.stringify(explained.queryPlanner ?? explained)
    return new RawQueries(
      crm,
      orders,
      mongo,
      customers,
      kafka,
      broker,
      schema,
      partitions,
      lowOffsets,
      plan,
    )
  }

  /** The customer's partition of crm.dbo.Customer (what the lookup should read, and only it). */
  partitionOf(customerId: number): number {
    return keyPartition(
      { kind: 'connect-json', schema: this.keySchema },
      { CustomerId: customerId },
      this.partitions,
    ).partition
  }

  get topicPartitions(): number {
    return this.partitions
  }

  async time(
    customerId: number,
    opts: { knownOffset?: string | undefined; mongo: boolean },
  ): Promise<RawTimes> {
    const knownOffset = opts.knownOffset
    const t0 = performance.now()
    await this.crm.query('SELECT * FROM dbo."Customer" WHERE "CustomerId" = $1', [customerId])
    const t1 = performance.now()
    await this.orders.query('SELECT * FROM sales.orders WHERE customer_id = $1', [customerId])
    const t2 = performance.now()
    if (opts.mongo) await this.customers.findOne({ _id: `C${String(customerId).padStart(8, '0')}` })
    const t3 = performance.now()
    const partition = this.partitionOf(customerId)
    const offset = knownOffset ?? this.lowOffsets.get(partition) ?? '0'
    // Asked as the lookup's offset reads ask (lookup-fetch.ts): the one batch holding the offset.
    const fetched = await fetchOnce(this.broker, partition, offset, ONE_BATCH_BYTES)
    const t4 = performance.now()
    const bytes = fetched.messages.reduce(
      (n, m) => n + (m.key?.length ?? 0) + (m.value?.length ?? 0),
      0,
    )
    return {
      pgPk: t1 - t0,
      pgIndex: t2 - t1,
      ...(opts.mongo ? { mongoId: t3 - t2 } : {}),
      kafkaFetch: t4 - t3,
      kafkaBytes: bytes,
      kafkaPartition: partition,
      kafkaOffsetFrom: knownOffset ? 'lookup' : 'partition start',
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([
      this.crm.end(),
      this.orders.end(),
      this.mongo.close(),
      this.kafka.close(),
    ])
  }
}

/** One Fetch request for one partition from an offset, at most `maxBytes`, no waiting. */
async function fetchOnce(broker: RawBroker, partition: number, offset: string, maxBytes: number) {
  const res = await broker.fetch({
    isolationLevel: 0,
    maxWaitTime: 0,
    minBytes: 1,
    maxBytes,
    topics: [{ topic: CDC_TOPIC, partitions: [{ partition, fetchOffset: offset, maxBytes }] }],
  })
  const p = res.responses[0]?.partitions[0]
  if (!p || p.errorCode !== 0)
    throw new Error(`fetch ${CDC_TOPIC}/${partition}@${offset}: error ${p?.errorCode}`)
  return p
}

import type { EstateConfig } from './config'

/**
 * The estate's Kafka Connect connectors. Debezium's PostgreSQL sources capture whole schemas
 * into `<prefix>.<schema>.<table>` topics of 6 partitions; the MongoDB sink copies
 * returns.requests into FerretDB.
 */

export interface CdcSource {
  connector: string
  database: string
  schema: string
  prefix: string
  slot: string
  publication: string
}

export const CDC_SOURCES: CdcSource[] = [
  {
    connector: 'crm-cdc',
    database: 'crm',
    schema: 'dbo',
    prefix: 'crm',
    slot: 'sightline_crm',
    publication: 'sightline_crm_pub',
  },
  {
    connector: 'orders-cdc',
    database: 'orders',
    schema: 'sales',
    prefix: 'orders',
    slot: 'sightline_orders',
    publication: 'sightline_orders_pub',
  },
]

export const RETURNS_SINK = 'returns-sink'
export const RETURNS_TOPIC = 'returns.requests'
export const RETURNS_DATABASE = 'ops'
export const RETURNS_COLLECTION = 'returns'

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter'

/**
 * Bench only: the schema + payload envelope makes each change event 3-4 KB of JSON (about 45 GB
 * for a bench snapshot of ~12 million rows), so the producer compresses its batches. gzip
 * because it is the only codec kafkajs (the builder, Sightline) decodes without a plugin.
 * Batch size and linger stay Kafka's defaults (16 KB, 5 ms), as a Connect worker nobody tuned
 * has them: a consumer reading one record at an offset gets the whole compressed batch holding
 * it, so the batch size is what a keyed lookup pays per read. Until stop 10 this was 512 KB
 * (`batch.size=524288`, `linger.ms=100`): ~1.6 MB fetched and ~30x that inflated per read
 * (bench/results/lookup.md).
 */
const BENCH_PRODUCER: Record<string, string> = {
  'producer.override.compression.type': 'gzip',
}

export function cdcConnectorConfig(cfg: EstateConfig, source: CdcSource): Record<string, string> {
  return {
    ...(cfg.scale === 'bench' ? BENCH_PRODUCER : {}),
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'tasks.max': '1',
    'database.hostname': cfg.host,
    'database.port': String(cfg.pg.port),
    'database.user': cfg.pg.cdcUser,
    // Connect keeps connector configs in its config topic: in a real deployment this would be
    // a ConfigProvider reference; the estate's passwords are throwaway test defaults.
    'database.password': cfg.pg.cdcPassword,
    'database.dbname': source.database,
    'topic.prefix': source.prefix,
    'plugin.name': 'pgoutput',
    'slot.name': source.slot,
    'publication.name': source.publication,
    // streams/run.sh creates the publication with the admin role: the cdc role may not.
    'publication.autocreate.mode': 'disabled',
    'schema.include.list': source.schema,
    'snapshot.mode': 'initial',
    'decimal.handling.mode': 'string',
    'topic.creation.default.partitions': '6',
    'topic.creation.default.replication.factor': '1',
    'key.converter': JSON_CONVERTER,
    'key.converter.schemas.enable': 'true',
    'value.converter': JSON_CONVERTER,
    'value.converter.schemas.enable': 'true',
  }
}

/**
 * Bench only: FerretDB/SQLite commits each replace-upsert on its own (~14 a second measured at
 * bench, so ~2 hours for the 94k returns), while an insert batch is one commit. _ids are
 * "<topic>#<partition>#<offset>", so a record redelivered after a restart is the very document
 * already there: its duplicate-key error is tolerated (unordered bulk, so the rest of the batch
 * is still written) and nothing is duplicated.
 */
const BENCH_SINK: Record<string, string> = {
  'writemodel.strategy':
    'com.mongodb.kafka.connect.sink.writemodel.strategy.InsertOneDefaultStrategy',
  'bulk.write.ordered': 'false',
  'mongo.errors.tolerance': 'all',
}

export function returnsSinkConfig(cfg: EstateConfig): Record<string, string> {
  return {
    'connector.class': 'com.mongodb.kafka.connect.MongoSinkConnector',
    'tasks.max': '1',
    topics: RETURNS_TOPIC,
    'connection.uri': cfg.mongoUrl,
    database: RETURNS_DATABASE,
    collection: RETURNS_COLLECTION,
    // Keys are plain strings (or null), not JSON documents.
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': JSON_CONVERTER,
    'value.converter.schemas.enable': 'false',
    // _id = "<topic>#<partition>#<offset>", replaced by _id: a record redelivered after a
    // worker restart overwrites itself instead of being inserted twice.
    'document.id.strategy':
      'com.mongodb.kafka.connect.sink.processor.id.strategy.KafkaMetaDataStrategy',
    'writemodel.strategy':
      'com.mongodb.kafka.connect.sink.writemodel.strategy.ReplaceOneDefaultStrategy',
    ...(cfg.scale === 'bench' ? BENCH_SINK : {}),
  }
}

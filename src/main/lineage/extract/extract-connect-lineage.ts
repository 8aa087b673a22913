import type { EdgeBatch, LineageSnapshot } from '../lineage-inputs'
import { checkActiveTopics } from './active-topics'
import { CatalogIndex } from './catalog-index'
import { extractDebeziumMongo, MONGODB_SOURCE_CLASS } from './debezium-mongodb'
import { extractDebeziumRelational, RELATIONAL_CLASSES } from './debezium-relational'
import { connectorRef, EdgeWriter } from './edge-writer'
import type { ExtractContext } from './emit-record'
import { extractJdbcSink, JDBC_SINK_CLASSES } from './jdbc-sink'
import { extractMongoSink, MONGO_SINK_CLASS } from './mongo-sink'

/**
 * Lineage extracted from Kafka Connect configurations (issue 6 item 1): every connector asset of
 * the snapshot is read by the extractor of its class (Debezium SQL Server / PostgreSQL / MySQL /
 * MongoDB sources, the MongoDB and JDBC sinks), its SMT chain applied, and the result drawn as
 * asset- and field-level edges via the connector, each saying which config keys decided it.
 * What cannot be resolved against the catalogue (a database no source has, a topic not
 * catalogued, an untranslatable regex) becomes an insight instead of a guess. Pure: reads the
 * snapshot only.
 */
export function extractConnectLineage(snapshot: LineageSnapshot): EdgeBatch {
  const ctx: ExtractContext = { index: new CatalogIndex(snapshot), out: new EdgeWriter() }
  const connectors = [...snapshot.assets.values()]
    .filter((a) => a.kind === 'connector')
    .sort((a, b) => a.urn.localeCompare(b.urn))
  for (const asset of connectors) {
    const c = connectorRef(asset)
    const relational = RELATIONAL_CLASSES[c.cls]
    const jdbc = JDBC_SINK_CLASSES[c.cls]
    if (relational) extractDebeziumRelational(ctx, c, relational)
    else if (c.cls === MONGODB_SOURCE_CLASS) extractDebeziumMongo(ctx, c)
    else if (c.cls === MONGO_SINK_CLASS) extractMongoSink(ctx, c)
    else if (jdbc) extractJdbcSink(ctx, c, jdbc)
    else {
      ctx.out.dangling(
        c,
        `connector class ${c.cls || '(none)'} is not one lineage extraction reads; declare its lineage in catalog/lineage/.`,
        [],
        'info',
      )
      continue
    }
    checkActiveTopics(c, ctx.out.result(), ctx.out)
  }
  return { edges: ctx.out.result(), insights: ctx.out.insights }
}

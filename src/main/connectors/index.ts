import { ApiError } from '../../shared/api'
import type { Connector, ResolvedSource } from './connector'
import { KafkaConnector } from './kafka/kafka-connector'
import { KafkaConnectConnector } from './kafka-connect/kafka-connect-connector'
import { MongoConnector } from './mongodb/mongodb-connector'
import { PostgresConnector } from './postgres/postgres-connector'
import { SchemaRegistryConnector } from './schema-registry/schema-registry-connector'
import { SqlServerConnector } from './sqlserver/sqlserver-connector'

export type {
  CheckOptions,
  Connector,
  CrawlBatch,
  CrawlOptions,
  LookupHit,
  LookupQuery,
  ResolvedSource,
} from './connector'
export { DEFAULT_CHECK_TIMEOUT_MS } from './connector'

/**
 * The one composition point for connectors: a resolved source -> its kind's connector. Creating a
 * connector opens nothing; URL problems surface from `check()` as `bad-input` results.
 */
export function createConnector(source: ResolvedSource): Connector {
  switch (source.kind) {
    case 'postgres':
      return new PostgresConnector(source)
    case 'sqlserver':
      return new SqlServerConnector(source)
    case 'kafka':
      return new KafkaConnector(source)
    case 'kafka-connect':
      return new KafkaConnectConnector(source)
    case 'schema-registry':
      return new SchemaRegistryConnector(source)
    case 'mongodb':
      return new MongoConnector(source)
    default:
      throw new ApiError(
        'bad-input',
        `Unknown source kind "${String((source as { kind: unknown }).kind)}".`,
        {
          reason: 'unknown-kind',
        },
      )
  }
}

import type { Connector } from '../connector'
import type { ResolvedSourceRef } from '../crawl-model'

/*
 * Types only: the API's composition root imports this at start, and the connectors (kafkajs,
 * pg, mssql...) load on first use.
 */

/**
 * A Kafka connector whose lookups decode Avro values through `schemaRegistry` (the source named
 * by the Kafka source's `options.schemaRegistry`, resolved with its secret as the crawl pipeline
 * resolves it): every query carries it unless it names one itself. Other connectors unchanged.
 */
export function withSchemaRegistry<C extends Connector>(
  connector: C,
  schemaRegistry: ResolvedSourceRef | undefined,
): C {
  const lookup = connector.lookup?.bind(connector)
  if (connector.kind !== 'kafka' || !schemaRegistry || !lookup) return connector
  connector.lookup = (q, opts) => lookup({ schemaRegistry, ...q }, opts)
  return connector
}

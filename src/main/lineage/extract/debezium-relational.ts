import type { CatalogAsset } from '../../../shared/model/catalog'
import type { ConnectorRef } from './edge-writer'
import { emitToKafka, type ExtractContext } from './emit-record'
import { cdcOf, ConfigFilter, messageKeyColumns, pick } from './debezium-config'
import { JavaRegexError, splitRegexList } from './java-regex'
import type { FlowField, FlowRecord } from './record-flow'
import { runChain } from './smt-chain'

/**
 * Debezium's relational sources: SQL Server (`database.names`, several databases per connector;
 * topic `<prefix>.<db>.<schema>.<table>`), PostgreSQL (`database.dbname`; `<prefix>.<schema>.
 * <table>`) and MySQL (`<prefix>.<db>.<table>`). Which tables are captured follows the include /
 * exclude lists as Debezium reads them (debezium-config.ts). Each captured column X feeds the
 * topic's `after.X` and `before.X`; primary-key (or `message.key.columns`) columns feed `key.X`.
 */

export type RelationalFlavor = 'sqlserver' | 'postgres' | 'mysql'

export const RELATIONAL_CLASSES: Record<string, RelationalFlavor> = {
  'io.debezium.connector.sqlserver.SqlServerConnector': 'sqlserver',
  'io.debezium.connector.postgresql.PostgresConnector': 'postgres',
  'io.debezium.connector.mysql.MySqlConnector': 'mysql',
  'io.debezium.connector.mariadb.MariaDbConnector': 'mysql',
}

const DEFAULT_PORTS: Record<RelationalFlavor, string> = {
  sqlserver: '1433',
  postgres: '5432',
  mysql: '3306',
}

/**
 * Debezium's default topic of a table. `withDatabase`: SQL Server configured with
 * `database.names` (2.x); the legacy `database.dbname` (1.x) left the database out.
 */
export function debeziumTopic(
  flavor: RelationalFlavor,
  prefix: string,
  db: string,
  schema: string,
  table: string,
  withDatabase: boolean,
): string {
  if (flavor === 'mysql') return `${prefix}.${db}.${table}`
  if (flavor === 'sqlserver' && withDatabase) return `${prefix}.${db}.${schema}.${table}`
  return `${prefix}.${schema}.${table}`
}

export function extractDebeziumRelational(
  ctx: ExtractContext,
  c: ConnectorRef,
  flavor: RelationalFlavor,
): void {
  const cfg = c.config
  const { index, out } = ctx
  const prefix = pick(cfg, 'topic.prefix', 'database.server.name')
  if (!prefix)
    return out.dangling(c, 'neither topic.prefix nor database.server.name is set.', [], 'error')
  const kafka = index.resolveKafka(c.kafkaClusterId)
  if (!kafka.source)
    return out.dangling(c, 'the Kafka cluster it writes to is not a source of the workspace.')
  const host = cfg['database.hostname']
  const hosts = host ? [`${host}:${cfg['database.port'] ?? DEFAULT_PORTS[flavor]}`] : []
  const where = hosts.join(', ') || 'an unnamed host'
  if (flavor === 'mysql')
    return out.dangling(
      c,
      `captures MySQL at ${where}: Sightline has no MySQL sources, so its tables are not catalogued.`,
    )

  const names = flavor === 'sqlserver' ? pick(cfg, 'database.names') : undefined
  const dbname = names ? undefined : pick(cfg, 'database.dbname')
  const dbKey = names ?? dbname
  if (!dbKey)
    return out.dangling(c, 'names no database (database.names / database.dbname).', [], 'error')
  const databases = names ? splitRegexList(names.value) : [dbname!.value]

  let schemas: ConfigFilter, tables: ConfigFilter, columns: ConfigFilter
  try {
    schemas = new ConfigFilter(cfg, 'schema')
    tables = new ConfigFilter(cfg, 'table')
    columns = new ConfigFilter(cfg, 'column')
  } catch (err) {
    if (err instanceof JavaRegexError) return out.dangling(c, err.message, [], 'error')
    throw err
  }
  const baseKeys = [prefix.key, dbKey.key, schemas.key, tables.key, columns.key].filter(
    (k): k is string => !!k,
  )

  for (const db of databases) {
    const resolved = index.resolveByHost([flavor], hosts, db)
    if (!resolved.source) {
      out.dangling(c, `names database "${db}" on ${where}, which no ${flavor} source has.`)
      continue
    }
    const source = resolved.source
    if (!index.hasDatabase(source.name, db)) {
      out.dangling(c, `names database "${db}", which the catalogue of ${source.name} lacks.`)
      continue
    }
    const notes = [kafka.note, resolved.note].filter((n): n is string => !!n)
    const candidates = index
      .assetsOf(source.name, 'table')
      .filter((t) => t.path.length === 3 && t.path[0] === db)
    // A PostgreSQL connector streams the tables of its publication: when the catalogue knows
    // which tables are in it, that narrows the selection (autocreate `disabled` or pre-made).
    const publication = cfg['publication.name'] ?? 'dbz_publication'
    const byPublication =
      flavor === 'postgres' && candidates.some((t) => cdcOf(t)?.publications?.includes(publication))
    for (const t of candidates) {
      const [, schema = '', name = ''] = t.path
      const ids =
        flavor === 'sqlserver'
          ? [`${schema}.${name}`, `${db}.${schema}.${name}`]
          : [`${schema}.${name}`]
      if (!schemas.passes([schema]) || !tables.passes(ids)) continue
      const keys = [...baseKeys]
      if (byPublication) {
        if (!cdcOf(t)?.publications?.includes(publication)) continue
        keys.push('publication.name')
      }
      if (flavor === 'sqlserver' && cdcOf(t)?.tracked === false) {
        out.insight({
          kind: 'captured-without-cdc',
          severity: 'warning',
          urn: t.urn,
          message: `${c.name} selects ${db}.${schema}.${name}, but CDC is not enabled on it: Debezium captures nothing from it.`,
          related: [c.urn],
        })
        continue
      }
      try {
        const record = tableRecord(t, {
          topic: debeziumTopic(flavor, prefix.value, db, schema, name, !!names),
          keys,
          columnPasses: (col) => columns.passes(ids.map((id) => `${id}.${col}`)),
          keyColumns: messageKeyColumns(cfg['message.key.columns'], ids),
        })
        const routed = runChain(cfg, record)
        if (routed) emitToKafka(ctx, c, routed, kafka.source, notes)
      } catch (err) {
        if (err instanceof JavaRegexError) return out.dangling(c, err.message, [], 'error')
        throw err
      }
    }
  }
}

function tableRecord(
  t: CatalogAsset,
  o: {
    topic: string
    keys: string[]
    columnPasses: (column: string) => boolean
    keyColumns?: string[]
  },
): FlowRecord {
  const pk = new Set(
    o.keyColumns ??
      t.primaryKey?.columns ??
      t.fields.filter((f) => f.primaryKey).map((f) => f.path),
  )
  const fields: FlowField[] = []
  for (const f of t.fields) {
    // Excluded columns leave the value; the key keeps its columns regardless.
    if (o.columnPasses(f.path)) {
      fields.push({ from: f.urn, path: `after.${f.path}`, configKeys: [] })
      fields.push({ from: f.urn, path: `before.${f.path}`, configKeys: [] })
    }
    if (pk.has(f.path))
      fields.push({
        from: f.urn,
        path: `key.${f.path}`,
        configKeys: o.keyColumns ? ['message.key.columns'] : [],
      })
  }
  return { fromAsset: t.urn, topic: o.topic, fields, configKeys: o.keys, dynamic: false, notes: [] }
}

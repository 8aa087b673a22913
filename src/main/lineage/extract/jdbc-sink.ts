import type { CatalogAsset } from '../../../shared/model/catalog'
import type { SourceKind } from '../../../shared/model/sources'
import { pick } from './debezium-config'
import type { ConnectorRef } from './edge-writer'
import { emitRecord, type ExtractContext } from './emit-record'
import { isKeyPath, type FlowField, type FlowRecord } from './record-flow'
import { sinkInput } from './sink-topics'

export type JdbcSinkFlavor = 'confluent' | 'debezium'

export const JDBC_SINK_CLASSES: Record<string, JdbcSinkFlavor> = {
  'io.confluent.connect.jdbc.JdbcSinkConnector': 'confluent',
  'io.debezium.connector.jdbc.JdbcSinkConnector': 'debezium',
}

export interface JdbcTarget {
  kind?: SourceKind
  subprotocol: string
  hosts: string[]
  database?: string
}

/** `jdbc:postgresql://h:p/db?...`, `jdbc:sqlserver://h:p;databaseName=db;...`, `jdbc:mysql://...`. */
export function parseJdbcUrl(url: string | undefined): JdbcTarget | undefined {
  const m = /^jdbc:([a-z0-9]+):\/\/([^/;?]*)(.*)$/i.exec(url?.trim() ?? '')
  if (!m) return undefined
  const subprotocol = m[1]!.toLowerCase()
  const kinds: Record<string, SourceKind> = { postgresql: 'postgres', sqlserver: 'sqlserver' }
  const ports: Record<string, number> = { postgresql: 5432, sqlserver: 1433, mysql: 3306 }
  const hostPart = m[2]!.replace(/^[^@]*@/, '').replace(/\\[^:]*/, '') // credentials, \instance
  const hosts = hostPart
    .split(',')
    .filter(Boolean)
    .map((h) => h.toLowerCase())
    .map((h) => (/:\d+$/.test(h) ? h : `${h}:${ports[subprotocol] ?? ''}`))
  const rest = m[3]!
  const database =
    /[;?&](?:databaseName|database)=([^;&]+)/i.exec(rest)?.[1] ?? /^\/([^/?;]+)/.exec(rest)?.[1]
  const target: JdbcTarget = { subprotocol, hosts }
  if (kinds[subprotocol]) target.kind = kinds[subprotocol]
  if (database) target.database = decodeURIComponent(database)
  return target
}

const DEFAULT_SCHEMA: Partial<Record<SourceKind, string>> = { postgres: 'public', sqlserver: 'dbo' }

/**
 * The JDBC sinks (Confluent's and Debezium's): topic -> table by `table.name.format` (Debezium:
 * `collection.name.format`, dots becoming underscores) with `${topic}`; value fields -> columns
 * of the same name (Debezium's sink unwraps change events itself: `after.X` -> `X`), restricted by
 * `fields.whitelist` / `field.include.list`; with `pk.mode=record_key` the key fields feed the
 * primary-key columns.
 */
export function extractJdbcSink(
  ctx: ExtractContext,
  c: ConnectorRef,
  flavor: JdbcSinkFlavor,
): void {
  const { index, out } = ctx
  const cfg = c.config
  const target = parseJdbcUrl(cfg['connection.url'])
  if (!target) return out.dangling(c, 'has no readable connection.url.', [], 'error')
  if (!target.kind)
    return out.dangling(
      c,
      `writes to a ${target.subprotocol} database, which Sightline does not catalogue.`,
    )
  const input = sinkInput(ctx, c)
  if (!input) return
  const resolved = index.resolveByHost([target.kind], target.hosts, target.database)
  if (!resolved.source)
    return out.dangling(
      c,
      `writes to ${target.hosts.join(', ')}${target.database ? `/${target.database}` : ''}, which no ${target.kind} source has.`,
    )
  const source = resolved.source
  const format = (flavor === 'debezium'
    ? pick(cfg, 'collection.name.format', 'table.name.format')
    : pick(cfg, 'table.name.format')) ?? { key: '', value: '${topic}' }
  const pkMode = pick(cfg, flavor === 'debezium' ? 'primary.key.mode' : 'pk.mode')
  const pkFields = (cfg[flavor === 'debezium' ? 'primary.key.fields' : 'pk.fields'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const include = pick(cfg, 'field.include.list', 'fields.whitelist')
  const exclude = pick(cfg, 'field.exclude.list')
  for (const record of input.records) {
    let name = format.value.replace(/\$\{topic\}/g, record.topic)
    if (flavor === 'debezium') name = name.replace(/\./g, '_')
    const table = findTable(
      index.assetsOf(source.name, 'table'),
      name,
      target.database,
      target.kind,
    )
    const path = table?.path ?? [target.database ?? '', DEFAULT_SCHEMA[target.kind] ?? '', name]
    const listed = (list: string | undefined, field: string) =>
      (list ?? '')
        .split(',')
        .map((s) => s.trim())
        .some((e) => e === field || e === `${record.topic}:${field}`)
    const envelope = record.fields.some((f) => f.path.startsWith('after.'))
    const notes = [...input.notes, ...(resolved.note ? [resolved.note] : [])]
    if (envelope && flavor === 'confluent')
      notes.push(
        "Confluent's JDBC sink needs flat records: without an unwrap SMT it fails on this change-event topic.",
      )
    const fields: FlowField[] = []
    for (const f of record.fields) {
      if (isKeyPath(f.path)) {
        if (pkMode?.value !== 'record_key') continue
        const col = f.path === 'key' ? (pkFields[0] ?? '__connect_key') : f.path.slice(4)
        if (col.includes('.') || (pkFields.length > 0 && !pkFields.includes(col))) continue
        fields.push({ ...f, path: col, configKeys: [...f.configKeys, pkMode.key] })
        continue
      }
      let col = f.path
      if (envelope) {
        if (flavor === 'confluent' || !col.startsWith('after.')) continue
        col = col.slice(6)
      }
      if (col.includes('.') || col.includes('[]')) continue // columns are top-level fields only
      if (include && !listed(include.value, col)) continue
      if (exclude && listed(exclude.value, col)) continue
      fields.push({
        ...f,
        path: col,
        configKeys: include ? [...f.configKeys, include.key] : f.configKeys,
      })
    }
    // Column names as the table spells them (unquoted identifiers fold case).
    for (const f of fields) {
      const hit = table?.fields.find((tf) => tf.path.toLowerCase() === f.path.toLowerCase())
      if (hit) f.path = hit.path
    }
    const mapped: FlowRecord = {
      ...record,
      fields,
      configKeys: [
        ...record.configKeys,
        ...[format.key, pkMode?.key].filter((k): k is string => !!k),
      ],
      notes: [
        ...record.notes,
        ...(cfg['insert.mode'] ? [`insert.mode=${cfg['insert.mode']}.`] : []),
      ],
    }
    if (!table)
      out.dangling(
        c,
        `writes topic "${record.topic}" to table ${name}, which is not in the catalogue of ${source.name}.`,
        [record.fromAsset],
        'info',
      )
    emitRecord(ctx, c, mapped, { source, path, ...(table ? { asset: table } : {}) }, notes)
  }
}

/** `name` as `table`, `schema.table` or `db.schema.table`, case-insensitively, in `db`. */
function findTable(
  tables: CatalogAsset[],
  name: string,
  db: string | undefined,
  kind: SourceKind,
): CatalogAsset | undefined {
  const parts = name.toLowerCase().split('.')
  const inDb = tables.filter((t) => t.path.length === 3 && (db === undefined || t.path[0] === db))
  const lower = (t: CatalogAsset) => t.path.map((p) => p.toLowerCase())
  const hits = inDb.filter((t) => {
    const p = lower(t)
    if (parts.length === 1) return p[2] === parts[0]
    if (parts.length === 2) return p[1] === parts[0] && p[2] === parts[1]
    return p.join('.') === parts.join('.')
  })
  return hits.find((t) => t.path[1] === DEFAULT_SCHEMA[kind]) ?? hits[0]
}

import type { CatalogAsset, JsonValue } from '../../../shared/model/catalog'
import type { LineageEdge } from '../../../shared/model/lineage'
import type { SourceKind } from '../../../shared/model/sources'
import { buildUrn } from '../../../shared/urn'
import type { EdgeBatch, LineageSnapshot, LineageSourceRef } from '../lineage-inputs'

/**
 * Small snapshots for the extraction unit tests: catalogue assets shaped as the crawlers make
 * them (URNs from src/shared/urn.ts), and readable views of the resulting edges. Test-only.
 */

export const CONNECT = 'connect'

export function source(
  name: string,
  kind: SourceKind,
  aliases: string[] = [],
  url = '',
): LineageSourceRef {
  return { name, kind, url, aliases }
}

function asset(
  kind: CatalogAsset['kind'],
  src: string,
  platform: SourceKind,
  path: string[],
  fields: string[],
  extra: Partial<CatalogAsset> = {},
): CatalogAsset {
  const urn = buildUrn(platform, src, path)
  return {
    urn,
    source: src,
    platform,
    kind,
    name: path[path.length - 1] ?? src,
    path,
    fields: fields.map((p) => ({
      urn: buildUrn(platform, src, path, p),
      path: p,
      name: p.split('.').pop()!,
    })),
    ...extra,
  }
}

export interface TableOptions {
  platform?: 'postgres' | 'sqlserver'
  pk?: string[]
  cdc?: { tracked?: boolean; publications?: string[] }
}

/** A table `[db, schema, name]` with columns; the first column is the primary key by default. */
export function table(
  src: string,
  path: [string, string, string],
  columns: string[],
  o: TableOptions = {},
): CatalogAsset {
  const pk = o.pk ?? columns.slice(0, 1)
  const t = asset('table', src, o.platform ?? 'postgres', path, columns, {
    primaryKey: { name: `${path[2]}_pkey`, columns: pk },
    ...(o.cdc ? { properties: { cdc: o.cdc } } : {}),
  })
  for (const f of t.fields) if (pk.includes(f.path)) f.primaryKey = true
  return t
}

/** A database asset, so that the catalogue "has" the database even without tables. */
export function database(src: string, platform: SourceKind, name: string): CatalogAsset {
  return asset('database', src, platform, [name], [])
}

export function topic(src: string, name: string, fields: string[] = []): CatalogAsset {
  return asset('topic', src, 'kafka', [name], fields)
}

export function kafkaCluster(src: string, clusterId: string): CatalogAsset {
  return asset('cluster', src, 'kafka', [], [], { properties: { clusterId } })
}

export function collection(
  src: string,
  db: string,
  name: string,
  fields: string[] = [],
): CatalogAsset {
  return asset('collection', src, 'mongodb', [db, name], fields)
}

export function connector(
  name: string,
  config: Record<string, string>,
  o: { kafkaClusterId?: string; topics?: string[]; type?: string } = {},
): CatalogAsset {
  const properties: Record<string, JsonValue> = {
    class: config['connector.class'] ?? '',
    type: o.type ?? 'source',
    config,
    status: { state: 'RUNNING' },
    tasks: [],
  }
  if (o.kafkaClusterId) properties.kafkaClusterId = o.kafkaClusterId
  if (o.topics) properties.topics = o.topics
  return {
    urn: buildUrn('kafka-connect', CONNECT, [name]),
    source: CONNECT,
    platform: 'kafka-connect',
    kind: 'connector',
    parent: buildUrn('kafka-connect', CONNECT, []),
    name,
    path: [name],
    properties,
    fields: [],
  }
}

export function snapshot(sources: LineageSourceRef[], assets: CatalogAsset[]): LineageSnapshot {
  return { sources, assets: new Map(assets.map((a) => [a.urn, a])) }
}

/** `postgres:crm.dbo.Customer#Email`, `kafka:crm.dbo.Customer#after.Email`: scheme, path, field. */
export function short(urn: string): string {
  const [assetPart = '', field] = urn.split('#')
  const m = /^([a-z-]+):\/\/[^/]+\/?(.*)$/.exec(assetPart)
  const name = (m?.[2] ?? '').split('/').map(decodeURIComponent).join('.')
  const base = `${m?.[1] ?? ''}:${name}`
  return field === undefined ? base : `${base}#${decodeURIComponent(field)}`
}

/** Field edges as `from -> to`, short, sorted. */
export function fieldEdges(batch: EdgeBatch): string[] {
  return batch.edges
    .filter((e) => e.level === 'field')
    .map((e) => `${short(e.from)} -> ${short(e.to)}`)
    .sort()
}

export function assetEdges(batch: EdgeBatch): string[] {
  return batch.edges
    .filter((e) => e.level === 'asset')
    .map((e) => `${short(e.from)} -> ${short(e.to)}`)
    .sort()
}

/** The edge between two short names. */
export function edge(batch: EdgeBatch, from: string, to: string): LineageEdge | undefined {
  return batch.edges.find((e) => short(e.from) === from && short(e.to) === to)
}

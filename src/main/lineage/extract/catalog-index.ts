import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { SourceKind } from '../../../shared/model/sources'
import { buildUrn } from '../../../shared/urn'
import type { LineageSnapshot, LineageSourceRef } from '../lineage-inputs'

/**
 * The lookups extraction needs over one LineageSnapshot: assets by source and path, fields by
 * path, and sources by the host:port a connector config names. Built once per extraction.
 */

/** The URN scheme of each source kind (DESIGN.md §4): the same word as the kind. */
const scheme = (kind: SourceKind) => kind

const DEFAULT_PORT: Partial<Record<SourceKind, number>> = {
  postgres: 5432,
  sqlserver: 1433,
  mongodb: 27017,
  kafka: 9092,
}

/** `host:port` pairs of a URL or a comma-separated host list (`rs0/h1:27017,h2:27017`). */
export function hostPorts(value: string | undefined, defaultPort?: number): string[] {
  if (!value) return []
  let rest = value.trim()
  const scheme = /^[a-z][a-z0-9+.:-]*:\/\//i.exec(rest)
  if (scheme) rest = rest.slice(scheme[0].length)
  rest = rest.replace(/^[^/@]*@/, '') // credentials (redacted or not)
  rest = rest.split(/[/;?]/)[0] ?? ''
  rest = rest.replace(/^[^/]*\//, '') // a replica-set name before the hosts
  return rest
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '' && !h.startsWith('$'))
    .map((h) => (/:\d+$/.test(h) || defaultPort === undefined ? h : `${h}:${defaultPort}`))
}

export class CatalogIndex {
  private readonly bySource = new Map<string, CatalogAsset[]>()
  private readonly byKey = new Map<string, CatalogAsset>()
  private readonly fieldsByAsset = new Map<string, Map<string, CatalogField>>()

  constructor(readonly snapshot: LineageSnapshot) {
    for (const asset of snapshot.assets.values()) {
      const list = this.bySource.get(asset.source) ?? []
      list.push(asset)
      this.bySource.set(asset.source, list)
      this.byKey.set(this.key(asset.source, asset.kind, asset.path), asset)
    }
  }

  private key(source: string, kind: string, path: readonly string[]): string {
    return [source, kind === 'view' ? 'table' : kind, ...path].join('\u0000')
  }

  source(name: string): LineageSourceRef | undefined {
    return this.snapshot.sources.find((s) => s.name === name)
  }

  sourcesOfKind(kind: SourceKind): LineageSourceRef[] {
    return this.snapshot.sources.filter((s) => s.kind === kind)
  }

  assetsOf(source: string, kind?: CatalogAsset['kind']): CatalogAsset[] {
    const all = this.bySource.get(source) ?? []
    return kind === undefined ? all : all.filter((a) => a.kind === kind)
  }

  /** A table or view by its path (`[db, schema, table]`), exact names. */
  table(source: string, path: readonly string[]): CatalogAsset | undefined {
    return this.byKey.get(this.key(source, 'table', path))
  }

  topic(source: string, name: string): CatalogAsset | undefined {
    return this.byKey.get(this.key(source, 'topic', [name]))
  }

  collection(source: string, db: string, collection: string): CatalogAsset | undefined {
    return this.byKey.get(this.key(source, 'collection', [db, collection]))
  }

  /** Whether the source's catalogue knows the database (a database asset or anything under it). */
  hasDatabase(source: string, db: string): boolean {
    return this.assetsOf(source).some((a) => a.path[0] === db)
  }

  field(asset: CatalogAsset, path: string): CatalogField | undefined {
    let map = this.fieldsByAsset.get(asset.urn)
    if (!map) {
      map = new Map(asset.fields.map((f) => [f.path, f]))
      this.fieldsByAsset.set(asset.urn, map)
    }
    return map.get(path)
  }

  /** The URN of an asset, catalogued or not. */
  assetUrn(source: LineageSourceRef, path: readonly string[]): string {
    return buildUrn(scheme(source.kind), source.name, path)
  }

  /** The URN of a field of an asset, catalogued or not. */
  fieldUrn(source: LineageSourceRef, path: readonly string[], field: string): string {
    return buildUrn(scheme(source.kind), source.name, path, field)
  }

  /**
   * The sources of `kinds` reachable at one of `hosts` (by alias or URL host:port, or by a
   * host-only alias). Several candidates are narrowed to those whose catalogue has `database`.
   * With no match by host, a single source of the kind that has the database is used and the
   * note says so (a connector inside Docker names hosts the workspace does not).
   */
  resolveByHost(
    kinds: readonly SourceKind[],
    hosts: readonly string[],
    database?: string,
  ): { source?: LineageSourceRef; note?: string } {
    const candidates = this.snapshot.sources.filter((s) => kinds.includes(s.kind))
    const wanted = new Set(hosts.map((h) => h.toLowerCase()))
    const wantedHosts = new Set(hosts.map((h) => h.toLowerCase().replace(/:\d+$/, '')))
    const byHost = candidates.filter((s) => {
      const own = [
        ...s.aliases.map((a) => a.toLowerCase()),
        ...hostPorts(s.url, DEFAULT_PORT[s.kind]),
      ]
      return own.some((a) => wanted.has(a) || (!a.includes(':') && wantedHosts.has(a)))
    })
    const withDb = (list: LineageSourceRef[]) =>
      database === undefined ? list : list.filter((s) => this.hasDatabase(s.name, database))
    if (byHost.length === 1) return { source: byHost[0] }
    if (byHost.length > 1) {
      const narrowed = withDb(byHost)
      return { source: narrowed[0] ?? byHost[0] }
    }
    const fallback = withDb(candidates)
    if (fallback.length === 1 && candidates.length >= 1) {
      return {
        source: fallback[0],
        note: `No ${kinds.join('/')} source has ${hosts.join(', ') || 'the configured host'} among its aliases; matched "${fallback[0]!.name}" by ${database === undefined ? 'being the only one' : `database "${database}"`}.`,
      }
    }
    return {}
  }

  defaultPort(kind: SourceKind): number | undefined {
    return DEFAULT_PORT[kind]
  }

  /**
   * The Kafka source a Connect worker writes to: the connector's `kafkaClusterId` against Kafka
   * sources' aliases and their cluster asset's `clusterId`; else the only Kafka source, noted.
   */
  resolveKafka(clusterId: string | undefined): { source?: LineageSourceRef; note?: string } {
    const kafkas = this.sourcesOfKind('kafka')
    if (clusterId) {
      const hit = kafkas.find(
        (s) =>
          s.aliases.includes(clusterId) ||
          this.assetsOf(s.name, 'cluster').some((c) => c.properties?.clusterId === clusterId),
      )
      if (hit) return { source: hit }
    }
    if (kafkas.length === 1)
      return {
        source: kafkas[0],
        note: `Kafka cluster ${clusterId ? `"${clusterId}" ` : ''}not matched by id; "${kafkas[0]!.name}" is the workspace's only Kafka source.`,
      }
    return {}
  }
}

import type { LineageEdge, LineageGraph, LineageNode } from '../../src/shared/model/lineage'

/**
 * A synthetic asset-level lineage overview for bench/graph: 5,000 nodes and 10,000 edges with
 * the estate's platform mix and flow (SQL tables -> CDC connectors -> topics -> registry subjects,
 * topics -> sink/builder -> collections -> the single-view model), from a fixed seed so every
 * run draws the same graph. Pure TypeScript: the bench page imports it in the browser.
 */
export const OVERVIEW = {
  postgres: 2200,
  sqlserver: 1000,
  connectors: 80,
  topics: 1000,
  subjects: 300,
  collections: 400,
  models: 20,
  edges: 10_000,
} as const

/** mulberry32: tiny, deterministic, good enough to scatter edges. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pad = (n: number, w = 4) => String(n).padStart(w, '0')

interface Built {
  graph: LineageGraph
  tables: string[]
  topics: string[]
  /** topic URN -> the tables that feed it. */
  topicSources: Map<string, string[]>
}

export function overviewGraph(seed = 6): Built {
  const random = rng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const nodes: LineageNode[] = []
  const asset = (
    urn: string,
    platform: LineageNode['platform'],
    kind: LineageNode['kind'],
    source: string,
    label: string,
  ) => {
    nodes.push({
      urn,
      level: 'asset',
      platform,
      kind,
      source,
      label,
      catalogued: true,
      fieldCount: 12,
    })
    return urn
  }
  const tables: string[] = []
  for (let i = 0; i < OVERVIEW.postgres; i++) {
    const db = `app${pad(i % 40, 2)}`
    tables.push(
      asset(
        `postgres://amper-pg/${db}/public/t_${pad(i)}`,
        'postgres',
        'table',
        'amper-pg',
        `${db}.public.t_${pad(i)}`,
      ),
    )
  }
  for (let i = 0; i < OVERVIEW.sqlserver; i++) {
    const db = `crm${pad(i % 12, 2)}`
    tables.push(
      asset(
        `sqlserver://crm-sql/${db}/dbo/T${pad(i)}`,
        'sqlserver',
        'table',
        'crm-sql',
        `${db}.dbo.T${pad(i)}`,
      ),
    )
  }
  const connectors: string[] = []
  for (let i = 0; i < OVERVIEW.connectors; i++) {
    connectors.push(
      asset(
        `kafka-connect://connect/cdc-${pad(i, 3)}`,
        'kafka-connect',
        'connector',
        'connect',
        `cdc-${pad(i, 3)}`,
      ),
    )
  }
  const topics: string[] = []
  for (let i = 0; i < OVERVIEW.topics; i++) {
    topics.push(
      asset(`kafka://events/cdc.t${pad(i)}`, 'kafka', 'topic', 'events', `cdc.t${pad(i)}`),
    )
  }
  const subjects: string[] = []
  for (let i = 0; i < OVERVIEW.subjects; i++) {
    subjects.push(
      asset(
        `schema-registry://registry/cdc.t${pad(i)}-value`,
        'schema-registry',
        'subject',
        'registry',
        `cdc.t${pad(i)}-value`,
      ),
    )
  }
  const collections: string[] = []
  for (let i = 0; i < OVERVIEW.collections; i++) {
    collections.push(
      asset(
        `mongodb://singleview/sv${i % 8}/c_${pad(i, 3)}`,
        'mongodb',
        'collection',
        'singleview',
        `sv${i % 8}.c_${pad(i, 3)}`,
      ),
    )
  }
  const models: string[] = []
  for (let i = 0; i < OVERVIEW.models; i++) {
    models.push(
      asset(`model://model/view${pad(i, 2)}`, 'model', 'model', 'model', `view${pad(i, 2)}`),
    )
  }

  const edges: LineageEdge[] = []
  const seen = new Set<string>()
  const link = (from: string, to: string, via: string) => {
    const key = `${from} ${to}`
    if (from === to || seen.has(key) || edges.length >= OVERVIEW.edges) return
    seen.add(key)
    edges.push({
      id: `e${edges.length}`,
      level: 'asset',
      from,
      to,
      via: { kind: 'connector', name: via },
      origin: {
        kind: 'extracted',
        connectorUrn: `kafka-connect://connect/${via}`,
        connector: via,
        connectorClass: 'SqlServerConnector',
        configKeys: ['topic.prefix', 'table.include.list'],
      },
    })
  }
  const topicSources = new Map<string, string[]>()
  topics.forEach((topic, i) => {
    // CDC: one table per topic (plus a router merging a second now and then).
    const first = tables[(i * 3) % tables.length]!
    const sources = random() < 0.25 ? [first, pick(tables)] : [first]
    topicSources.set(topic, sources)
    const connector = connectors[i % connectors.length]!
    for (const t of sources) link(t, connector, connector.split('/').pop()!)
    link(connector, topic, connector.split('/').pop()!)
    if (i < subjects.length) link(topic, subjects[i]!, 'registry')
  })
  topics.forEach((topic, i) => {
    for (let k = 0; k < 2; k++)
      link(topic, collections[(i * 2 + k * 7) % collections.length]!, 'builder')
  })
  collections.forEach((c, i) => link(c, models[i % models.length]!, 'model'))
  // The rest: ETL from operational tables into reporting ones (the last fifth of each
  // platform's tables), so lineage stays a few hops deep as in the estate, and more sinks.
  const reporting = (i: number) => i % 5 === 4
  const operational = tables.filter((_t, i) => !reporting(i))
  const derived = tables.filter((_t, i) => reporting(i))
  while (edges.length < OVERVIEW.edges) {
    if (random() < 0.7) {
      const j = Math.floor(random() * derived.length)
      const near = Math.floor((j / derived.length) * operational.length)
      const i = Math.min(operational.length - 1, near + Math.floor(random() * 40))
      link(operational[i]!, derived[j]!, 'etl')
    } else {
      link(pick(topics), pick(collections), 'builder')
    }
  }
  return { graph: { nodes, edges, frontier: [] }, tables, topics, topicSources }
}

/**
 * The overview plus one topic's 50 fields and their field edges from its source table (which
 * stays collapsed, so the edges are redrawn to it): what expanding that topic adds.
 */
export function withExpandedTopic(built: Built, topic: string, fields = 50): LineageGraph {
  const sources = built.topicSources.get(topic) ?? []
  const nodes = [...built.graph.nodes]
  const edges = [...built.graph.edges]
  for (let i = 0; i < fields; i++) {
    const path = `after.col_${pad(i, 2)}`
    const urn = `${topic}#${path}`
    nodes.push({
      urn,
      level: 'field',
      platform: 'kafka',
      kind: 'topic',
      source: 'events',
      assetUrn: topic,
      label: path,
      path,
      catalogued: true,
    })
    const table = sources[i % Math.max(1, sources.length)]
    if (table) {
      const from = `${table}#col_${pad(i, 2)}`
      nodes.push({
        urn: from,
        level: 'field',
        platform: 'postgres',
        kind: 'table',
        source: 'amper-pg',
        assetUrn: table,
        label: `col_${pad(i, 2)}`,
        path: `col_${pad(i, 2)}`,
        catalogued: true,
      })
      edges.push({
        ...edges[0]!,
        id: `f${i}`,
        level: 'field',
        from,
        to: urn,
        transform: { type: 'rename', from: `col_${pad(i, 2)}`, to: path },
      })
    }
  }
  return { ...built.graph, nodes, edges }
}

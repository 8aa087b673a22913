import type { CatalogAsset, CatalogField } from '../../src/shared/model/catalog'
import type { LineageEdge } from '../../src/shared/model/lineage'
import { LineageIndex } from '../../src/main/lineage/graph/lineage-index'
import { neighbourhood } from '../../src/main/lineage/graph/lineage-queries'
import { rng } from './synth-graph'

/**
 * The depth-5 lineage query at bench scale (issue 6: ≤ 50 ms). The bench estate is not always
 * running, so this builds a synthetic catalogue of its size (5,000 tables, 200 topics, 300
 * collections, test/estate/README.md "Bench scale") with field edges in the estate's pattern:
 * ETL between tables, Debezium CDC (column -> after./before.), the single-view builder
 * (topic fields -> collection fields) and the model (collection fields -> model fields). Then
 * it times `neighbourhood()` (src/main/lineage/graph), the function the lineage API calls.
 */
/** A CDC-captured table's column at field level; the table, and a topic, at asset level. */
export type QueryKind = 'field' | 'table' | 'topic'

/** The lineage API's default fan-out cut (src/main/api/lineage-api.ts DEFAULT_MAX_FAN_OUT). */
const MAX_FAN_OUT = 25

export interface QueryBenchResult {
  assets: number
  fields: number
  fieldEdges: number
  indexBuildMs: number[]
  /** Per round: the median and max of every query of the round. */
  rounds: Array<Record<QueryKind, { median: number; max: number }>>
  /** Nodes and edges of the first query of each kind. */
  resultSize: Record<QueryKind, { nodes: number; edges: number }>
  queries: number
}

const COLUMNS = 12
const pad = (n: number, w = 4) => String(n).padStart(w, '0')

function asset(
  urn: string,
  platform: CatalogAsset['platform'],
  kind: CatalogAsset['kind'],
  source: string,
  path: string[],
  fieldPaths: string[],
): CatalogAsset {
  const fields: CatalogField[] = fieldPaths.map((p, i) => ({
    urn: `${urn}#${p}`,
    path: p,
    name: p.split('.').pop()!,
    ordinal: i + 1,
  }))
  return { urn, source, platform, kind, name: path[path.length - 1]!, path, fields }
}

export function benchCatalogue(seed = 6) {
  const random = rng(seed)
  const cols = Array.from({ length: COLUMNS }, (_v, i) => `c${pad(i, 2)}`)
  const assets: CatalogAsset[] = []
  const tables: CatalogAsset[] = []
  for (let i = 0; i < 5000; i++) {
    const db = `db${pad(i % 50, 2)}`
    const t = asset(
      `postgres://amper-pg/${db}/public/t${pad(i)}`,
      'postgres',
      'table',
      'amper-pg',
      [db, 'public', `t${pad(i)}`],
      cols,
    )
    tables.push(t)
    assets.push(t)
  }
  const topics: CatalogAsset[] = []
  for (let i = 0; i < 200; i++) {
    const paths = cols.flatMap((c) => [`before.${c}`, `after.${c}`])
    const t = asset(
      `kafka://events/cdc.t${pad(i)}`,
      'kafka',
      'topic',
      'events',
      [`cdc.t${pad(i)}`],
      paths,
    )
    topics.push(t)
    assets.push(t)
  }
  const collections: CatalogAsset[] = []
  for (let i = 0; i < 300; i++) {
    const c = asset(
      `mongodb://singleview/sv/c${pad(i, 3)}`,
      'mongodb',
      'collection',
      'singleview',
      ['sv', `c${pad(i, 3)}`],
      cols.map((c) => `doc.${c}`),
    )
    collections.push(c)
    assets.push(c)
  }
  const edges: LineageEdge[] = []
  const edge = (from: string, to: string, via: string, kind: 'extracted' | 'declared') => {
    edges.push({
      id: `e${edges.length}`,
      level: 'field',
      from,
      to,
      via: { kind: kind === 'extracted' ? 'connector' : 'process', name: via },
      origin:
        kind === 'extracted'
          ? {
              kind,
              connectorUrn: `kafka-connect://connect/${via}`,
              connector: via,
              connectorClass: 'PostgresConnector',
              configKeys: ['topic.prefix'],
            }
          : { kind, file: 'catalog/lineage/builder.yaml', line: edges.length + 1, process: via },
    })
  }
  // ETL: the last 2,000 tables are each fed column by column from two earlier tables.
  for (let i = 3000; i < 5000; i++) {
    for (let k = 0; k < 2; k++) {
      const src = tables[Math.floor(random() * 3000)]!
      for (let c = k; c < COLUMNS; c += 2)
        edge(src.fields[c]!.urn, tables[i]!.fields[c]!.urn, 'etl', 'declared')
    }
  }
  // CDC: topic i captures table 3000 + i*10 (a derived table, so paths run ETL -> CDC -> ...).
  topics.forEach((topic, i) => {
    const table = tables[3000 + i * 10]!
    table.fields.forEach((f, c) => {
      edge(f.urn, topic.fields[c * 2]!.urn, `cdc-${i % 20}`, 'extracted')
      edge(f.urn, topic.fields[c * 2 + 1]!.urn, `cdc-${i % 20}`, 'extracted')
    })
  })
  // Builder: each collection from the after image of two topics.
  collections.forEach((coll, i) => {
    for (let k = 0; k < 2; k++) {
      const topic = topics[(i + k * 97) % topics.length]!
      for (let c = k; c < COLUMNS; c += 2)
        edge(topic.fields[c * 2 + 1]!.urn, coll.fields[c]!.urn, 'singleview-builder', 'declared')
    }
  })
  // A second hop inside Mongo (a view per collection pair) to reach depth 5 from a source column.
  for (let i = 0; i < 150; i++) {
    const a = collections[i]!
    const b = collections[150 + i]!
    for (let c = 0; c < COLUMNS; c++)
      edge(a.fields[c]!.urn, b.fields[c]!.urn, 'mongo-view', 'declared')
  }
  return { assets, edges, tables, topics, collections }
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b)
  return { median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! }
}

export async function runQueryBench(rounds: number, queries = 50): Promise<QueryBenchResult> {
  const cat = benchCatalogue()
  const result: QueryBenchResult = {
    assets: cat.assets.length,
    fields: cat.assets.reduce((n, a) => n + a.fields.length, 0),
    fieldEdges: cat.edges.length,
    indexBuildMs: [],
    rounds: [],
    resultSize: {
      field: { nodes: 0, edges: 0 },
      table: { nodes: 0, edges: 0 },
      topic: { nodes: 0, edges: 0 },
    },
    queries,
  }
  for (let round = 0; round < rounds; round++) {
    const t0 = performance.now()
    const index = new LineageIndex({ assets: cat.assets, edges: cat.edges })
    result.indexBuildMs.push(performance.now() - t0)
    const times: Record<QueryKind, number[]> = { field: [], table: [], topic: [] }
    for (let q = 0; q < queries; q++) {
      // Columns of CDC-captured tables: upstream ETL, downstream topic, collections, views.
      const table = cat.tables[3000 + ((q * 10) % 2000)]!
      const urns: Record<QueryKind, string> = {
        field: table.fields[q % COLUMNS]!.urn,
        table: table.urn,
        topic: cat.topics[q % cat.topics.length]!.urn,
      }
      for (const kind of ['field', 'table', 'topic'] as const) {
        const t = performance.now()
        const g = neighbourhood(index, {
          urn: urns[kind],
          direction: 'both',
          depth: 5,
          maxFanOut: MAX_FAN_OUT,
        })
        times[kind].push(performance.now() - t)
        if (round === 0 && q === 0)
          result.resultSize[kind] = { nodes: g.nodes.length, edges: g.edges.length }
      }
    }
    result.rounds.push({
      field: stats(times.field),
      table: stats(times.table),
      topic: stats(times.topic),
    })
  }
  return result
}

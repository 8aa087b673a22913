import path from 'node:path'
import type { ManifestAsset } from './manifest.js'
import { collectionUrn, tableUrn } from './lineage.js'
import type { Rng } from './prng.js'
import type { Scale } from './scale.js'
import { SOURCES, fieldUrn } from './urn.js'
import { LineWriter } from './writers.js'

/**
 * Catalogue-only bulk for the bench scale: thousands of small tables and hundreds of small
 * collections with no personal data, so the crawl and the catalogue meet a realistic size.
 * Each database's DDL and rows are one SQL file, sent in a few big batches.
 */
const SCHEMAS = ['core', 'reporting', 'audit', 'import']
const STEMS = [
  'dim_product',
  'fact_sales',
  'stg_feed',
  'ref_code',
  'agg_daily',
  'log_job',
  'tmp_extract',
  'map_sku',
  'hist_price',
  'cfg_param',
]
const COLUMN_SETS: readonly (readonly [string, string][])[] = [
  [
    ['id', 'integer PRIMARY KEY'],
    ['code', 'varchar(20)'],
    ['description', 'text'],
    ['created_at', 'timestamptz'],
  ],
  [
    ['id', 'integer PRIMARY KEY'],
    ['sku', 'varchar(20)'],
    ['quantity', 'integer'],
    ['amount_gbp', 'numeric(12,2)'],
    ['loaded_at', 'timestamptz'],
  ],
  [
    ['id', 'integer PRIMARY KEY'],
    ['job_name', 'varchar(60)'],
    ['status', 'varchar(20)'],
    ['rows_processed', 'bigint'],
    ['started_at', 'timestamptz'],
    ['finished_at', 'timestamptz'],
  ],
  [
    ['id', 'integer PRIMARY KEY'],
    ['key', 'varchar(40)'],
    ['value', 'text'],
  ],
]
export const TABLES_PER_BATCH = 250

function sqlValue(type: string, rng: Rng, row: number): string {
  if (type.startsWith('integer') || type === 'bigint') return String(row + rng.int(0, 1000))
  if (type.startsWith('numeric')) return (rng.int(0, 1_000_000) / 100).toFixed(2)
  if (type === 'timestamptz')
    return `'2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')} 10:00:00+00'`
  return `'${rng.pick(['alpha', 'beta', 'gamma', 'ok', 'failed', 'A1', 'B2', 'default'])}-${rng.int(1, 999)}'`
}

export function generateFiller(scale: Scale, rng: Rng, dir: string): ManifestAsset[] {
  const assets: ManifestAsset[] = []
  const perDb = Math.ceil(scale.fillerTables / Math.max(1, scale.fillerDatabases.length))
  let made = 0
  for (const database of scale.fillerDatabases) {
    const sql = new LineWriter(path.join(dir, 'pg', 'filler', `${database}.sql`))
    sql.write(SCHEMAS.map((s) => `CREATE SCHEMA ${s};`).join(' '))
    for (let n = 0; n < perDb && made < scale.fillerTables; n++, made++) {
      const schema = SCHEMAS[n % SCHEMAS.length]!
      const name = `${STEMS[Math.floor(n / SCHEMAS.length) % STEMS.length]}_${String(n).padStart(4, '0')}`
      const columns = rng.pick(COLUMN_SETS)
      const rows = rng.weighted([
        [0, 3],
        [1, 2],
        [3, 3],
        [10, 2],
      ] as const)
      let statement = `CREATE TABLE ${schema}.${name} (${columns.map(([c, t]) => `${c} ${t}`).join(', ')});`
      if (rows > 0) {
        const values = Array.from(
          { length: rows },
          (_, r) =>
            `(${columns.map(([, t], i) => (i === 0 ? String(r + 1) : sqlValue(t, rng, r))).join(', ')})`,
        )
        statement += ` INSERT INTO ${schema}.${name} VALUES ${values.join(', ')};`
      }
      // A blank line ends a batch: the seeder sends each batch as one multi-statement query.
      sql.write(statement + ((n + 1) % TABLES_PER_BATCH === 0 ? '\n' : ''))
      const urn = tableUrn(database, schema, name)
      assets.push({
        urn,
        kind: 'table',
        source: SOURCES.postgres,
        path: [database, schema, name],
        count: rows,
        createdBy: 'seed',
        primaryKey: 'id',
        filler: true,
        fields: columns.map(([c]) => ({ path: c, urn: fieldUrn(urn, c), category: null })),
      })
    }
    sql.close()
  }
  const collDbs = ['telemetry', 'archive', 'cms']
  for (let n = 0; n < scale.fillerCollections; n++) {
    const database = collDbs[n % collDbs.length]!
    const collection = `${rng.pick(['events', 'pages', 'metrics', 'snapshots', 'jobs'])}_${String(n).padStart(3, '0')}`
    const docs = rng.int(2, 12)
    const file = new LineWriter(
      path.join(dir, 'mongo', 'filler', `${database}.${collection}.jsonl`),
    )
    for (let d = 0; d < docs; d++)
      file.write(
        JSON.stringify({
          _id: `${collection}-${d + 1}`,
          kind: collection.split('_')[0],
          value: rng.int(0, 10_000),
          tags: [rng.pick(['a', 'b', 'c'])],
        }),
      )
    file.close()
    const urn = collectionUrn(database, collection)
    assets.push({
      urn,
      kind: 'collection',
      source: SOURCES.mongodb,
      path: [database, collection],
      count: docs,
      createdBy: 'seed',
      primaryKey: '_id',
      filler: true,
      dataFile: `mongo/filler/${database}.${collection}.jsonl`,
      fields: ['_id', 'kind', 'value', 'tags[]'].map((p) => ({
        path: p,
        urn: fieldUrn(urn, p),
        category: null,
      })),
    })
  }
  return assets
}

import { createReadStream, readFileSync } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { SCALES } from '../data/scale.js'
import { TABLES, type TableDef } from '../data/schema.js'
import type { Manifest } from '../data/manifest.js'

/** Connection facts from test/estate/env.sh (SIGHTLINE_PG_*). */
export interface PgSettings {
  host: string
  port: number
  user: string
  password: string
}

export function pgSettings(env: Record<string, string | undefined> = process.env): PgSettings {
  return {
    host: env.ESTATE_HOST ?? '127.0.0.1',
    port: Number(env.SIGHTLINE_PG_PORT ?? 55432),
    user: env.SIGHTLINE_PG_ADMIN_USER ?? 'sightline_admin',
    password: env.SIGHTLINE_PG_ADMIN_PASSWORD ?? 'admin-pass',
  }
}

export async function withDb<T>(
  settings: PgSettings,
  database: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    ...settings,
    database,
    application_name: 'sightline-estate-seed',
    connectionTimeoutMillis: 30_000,
  })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

const MARKER_PREFIX = 'sightline-seed '
/** The seed marker lives in the crm database's comment: invisible to a crawl of tables. */
const MARKER_DB = 'crm'

export async function seededHash(settings: PgSettings): Promise<string | null> {
  return withDb(settings, 'postgres', async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [MARKER_DB],
    )
    const comment = rows[0]?.comment ?? null
    return comment?.startsWith(MARKER_PREFIX) ? comment.slice(MARKER_PREFIX.length) : null
  })
}

export async function setSeededHash(settings: PgSettings, hash: string | null): Promise<void> {
  await withDb(settings, 'postgres', async (client) => {
    const literal = hash === null ? 'NULL' : client.escapeLiteral(MARKER_PREFIX + hash)
    await client.query(`COMMENT ON DATABASE ${client.escapeIdentifier(MARKER_DB)} IS ${literal}`)
  })
}

function createTableSql(t: TableDef, q: (id: string) => string): string {
  const columns = t.columns.map(
    (c) => `${q(c.name)} ${c.type}${c.nullable === false ? ' NOT NULL' : ''}`,
  )
  columns.push(`PRIMARY KEY (${q(t.primaryKey)})`)
  return `CREATE TABLE ${q(t.schema)}.${q(t.name)} (\n  ${columns.join(',\n  ')}\n)`
}

/** Drops and recreates the estate's schemas in one database, then bulk-loads them with COPY. */
async function seedDatabase(
  settings: PgSettings,
  database: string,
  dataDir: string,
): Promise<void> {
  const tables = TABLES.filter((t) => t.database === database)
  await withDb(settings, database, async (client) => {
    const q = (id: string) => client.escapeIdentifier(id)
    await client.query('BEGIN')
    for (const schema of new Set(tables.map((t) => t.schema))) {
      await client.query(`DROP SCHEMA IF EXISTS ${q(schema)} CASCADE`)
      await client.query(`CREATE SCHEMA ${q(schema)}`)
    }
    for (const t of tables) {
      await client.query(createTableSql(t, q))
      const columns = t.columns.map((c) => q(c.name)).join(', ')
      const file = path.join(dataDir, 'pg', t.database, `${t.schema}.${t.name}.copy`)
      await pipeline(
        createReadStream(file),
        client.query(copyFrom(`COPY ${q(t.schema)}.${q(t.name)} (${columns}) FROM STDIN`)),
      )
      // Debezium needs full before-images on update and delete.
      if (t.cdcPrefix)
        await client.query(`ALTER TABLE ${q(t.schema)}.${q(t.name)} REPLICA IDENTITY FULL`)
    }
    // Foreign keys after the load: checking them row by row during COPY is far slower.
    for (const t of tables) {
      for (const fk of t.foreignKeys ?? []) {
        await client.query(
          `ALTER TABLE ${q(t.schema)}.${q(t.name)} ADD FOREIGN KEY (${q(fk.column)}) REFERENCES ${q(t.schema)}.${q(fk.table)} (${q(fk.references)})`,
        )
      }
      const indexed = new Set([
        ...(t.foreignKeys ?? []).map((fk) => fk.column),
        ...t.columns.map((c) => c.name).filter((n) => /^customer_?id$/i.test(n)),
      ])
      indexed.delete(t.primaryKey)
      for (const column of indexed)
        await client.query(`CREATE INDEX ON ${q(t.schema)}.${q(t.name)} (${q(column)})`)
    }
    await client.query('COMMIT')
    await client.query('ANALYZE')
  })
}

/** Bench only: catalogue-only databases, created in a few big multi-statement batches. */
export async function seedFillerDatabases(
  settings: PgSettings,
  manifest: Manifest,
  dataDir: string,
): Promise<void> {
  const wanted = SCALES[manifest.scale as keyof typeof SCALES]?.fillerDatabases ?? []
  const known = new Set(Object.values(SCALES).flatMap((s) => s.fillerDatabases))
  await withDb(settings, 'postgres', async (client) => {
    for (const db of known) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(db)} WITH (FORCE)`)
    }
    for (const db of wanted) {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(db)} OWNER ${client.escapeIdentifier(settings.user)}`,
      )
    }
  })
  for (const db of wanted) {
    const batches = readFileSync(path.join(dataDir, 'pg', 'filler', `${db}.sql`), 'utf8')
      .split('\n\n')
      .filter((b) => b.trim())
    await withDb(settings, db, async (client) => {
      for (const batch of batches) await client.query(batch)
    })
  }
}

export async function seedPostgres(
  settings: PgSettings,
  manifest: Manifest,
  dataDir: string,
): Promise<void> {
  for (const database of new Set(TABLES.map((t) => t.database)))
    await seedDatabase(settings, database, dataDir)
  await seedFillerDatabases(settings, manifest, dataDir)
}

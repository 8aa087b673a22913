import { setTimeout as delay } from 'node:timers/promises'
import pg from 'pg'
import type { EstateConfig } from './config'
import type { CdcSource } from './connectors'

/** A captured table and the number of rows it holds now. */
export interface CapturedTable {
  schema: string
  table: string
  rows: number
  /** The Debezium topic of the table: `<prefix>.<schema>.<table>`. */
  topic: string
}

async function withAdmin<T>(
  cfg: EstateConfig,
  database: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({
    host: cfg.host,
    port: cfg.pg.port,
    user: cfg.pg.adminUser,
    password: cfg.pg.adminPassword,
    database,
    connectionTimeoutMillis: 10_000,
  })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** Every base table of the source's schema with its row count. */
export function capturedTables(cfg: EstateConfig, source: CdcSource): Promise<CapturedTable[]> {
  return withAdmin(cfg, source.database, async (client) => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [source.schema],
    )
    const result: CapturedTable[] = []
    for (const { table_name } of rows) {
      const count = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${quoteIdent(source.schema)}.${quoteIdent(table_name)}`,
      )
      result.push({
        schema: source.schema,
        table: table_name,
        rows: Number(count.rows[0]!.n),
        topic: `${source.prefix}.${source.schema}.${table_name}`,
      })
    }
    return result
  })
}

/**
 * Creates the connector's publication with the admin role when it does not exist. FOR TABLES
 * IN SCHEMA needs superuser; an admin that only owns the tables falls back to listing them.
 * Returns how it was created, or null when it already existed.
 */
export function ensurePublication(cfg: EstateConfig, source: CdcSource): Promise<string | null> {
  return withAdmin(cfg, source.database, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [
      source.publication,
    ])
    if (existing.rowCount) return null
    const pub = quoteIdent(source.publication)
    try {
      await client.query(
        `CREATE PUBLICATION ${pub} FOR TABLES IN SCHEMA ${quoteIdent(source.schema)}`,
      )
      return `FOR TABLES IN SCHEMA ${source.schema}`
    } catch {
      const { rows } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
          WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
        [source.schema],
      )
      const tables = rows.map((r) => `${quoteIdent(source.schema)}.${quoteIdent(r.table_name)}`)
      if (tables.length === 0)
        throw new Error(`schema ${source.database}.${source.schema} has no tables to publish`)
      await client.query(`CREATE PUBLICATION ${pub} FOR TABLE ${tables.join(', ')}`)
      return `FOR TABLE (${tables.length} tables)`
    }
  })
}

/**
 * True when the publication exists but no longer covers every table of the schema: the seed
 * dropped and recreated the schema, so the connector's snapshot and stream are of old tables.
 */
export function publicationIsStale(cfg: EstateConfig, source: CdcSource): Promise<boolean> {
  return withAdmin(cfg, source.database, async (client) => {
    const { rows } = await client.query<{ published: string; tables: string; exists: boolean }>(
      `SELECT (SELECT count(*) FROM pg_publication_tables WHERE pubname = $1 AND schemaname = $2) AS published,
              (SELECT count(*) FROM information_schema.tables WHERE table_schema = $2 AND table_type = 'BASE TABLE') AS tables,
              EXISTS (SELECT 1 FROM pg_publication WHERE pubname = $1) AS exists`,
      [source.publication, source.schema],
    )
    const r = rows[0]!
    return r.exists && Number(r.published) < Number(r.tables)
  })
}

/** Drops the connector's replication slot (ending the walsender that may still hold it) and publication. */
export function dropSlotAndPublication(cfg: EstateConfig, source: CdcSource): Promise<void> {
  return withAdmin(cfg, source.database, async (client) => {
    const deadline = Date.now() + 60_000
    for (;;) {
      const { rows } = await client.query<{ active_pid: number | null }>(
        'SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1',
        [source.slot],
      )
      if (rows.length === 0) break
      if (rows[0]!.active_pid !== null) {
        await client.query('SELECT pg_terminate_backend($1)', [rows[0]!.active_pid])
      } else {
        try {
          await client.query('SELECT pg_drop_replication_slot($1)', [source.slot])
          break
        } catch (err) {
          if (Date.now() > deadline) throw err
        }
      }
      if (Date.now() > deadline) throw new Error(`replication slot ${source.slot} stays active`)
      await delay(500)
    }
    await client.query(`DROP PUBLICATION IF EXISTS ${quoteIdent(source.publication)}`)
  })
}

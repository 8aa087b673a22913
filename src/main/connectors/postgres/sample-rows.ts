import pg from 'pg'
import type { CrawlTable } from '../crawl-model'

/**
 * Relational value sampling for PostgreSQL (issue 4: sampled-value statistics, and the classifier
 * of issue 5). One SELECT per table, never string-built from anything but escapeIdentifier'd
 * names and numbers we computed; in READ ONLY transactions, each statement bounded by a
 * statement_timeout that never loosens one the DBA set on the role. Large or binary values are
 * skipped or cut, so a sample stays small whatever the table holds.
 */

/** Text values are cut to this many characters (enough to classify an email or a postcode). */
export const MAX_SAMPLE_TEXT = 256
/** Per-statement bound of a sample SELECT, ms (lowered to the crawl's own timeout if smaller). */
export const SAMPLE_STATEMENT_TIMEOUT_MS = 5_000
/** Connections that sample one database at once (the catalogue's own included). */
export const SAMPLE_CONCURRENCY = 4
/** TABLESAMPLE reads at least this many rows' worth of pages (tens of pages). */
const TABLESAMPLE_MIN_ROWS = 2_000
/** Tables per extra connection: small databases are sampled on the catalogue's connection. */
const TABLES_PER_CONNECTION = 16

export type SampleValue = string | number | boolean | null

/** How one column is read: as it is, as ISO text, as cut text, or not at all. */
export type ColumnRead = 'native' | 'iso' | 'text' | 'skip'

/** Decided from the declared type (pg_catalog.format_type), so no extra catalogue read. */
export function columnRead(declaredType: string): ColumnRead {
  const t = declaredType.toLowerCase()
  if (t.endsWith('[]')) return 'text'
  if (/^(bytea|tsvector|tsquery|oid|lo|pg_lsn|txid_snapshot|pg_snapshot)$/.test(t)) return 'skip'
  if (/^(smallint|integer|bigint|real|double precision|boolean|uuid)$|^numeric\b/.test(t))
    return 'native'
  if (/^(date|timestamp|time)\b/.test(t)) return 'iso'
  return 'text'
}

export interface SampleStatement {
  sql: string
  /** Field URNs in select-list order (skipped columns absent). */
  fields: string[]
}

/**
 * The one SELECT that samples `table`: TABLESAMPLE SYSTEM where the estimate says the table is
 * more than ten times the sample (reading a few pages, not the table), else a plain LIMIT.
 * Undefined when no column can be sampled.
 */
export function sampleStatement(
  table: CrawlTable,
  sampleSize: number,
): SampleStatement | undefined {
  const select: string[] = []
  const fields: string[] = []
  for (const field of table.fields) {
    const read = columnRead(field.declaredType)
    if (read === 'skip') continue
    const col = pg.escapeIdentifier(field.name)
    const alias = `c${fields.length}`
    if (read === 'native') select.push(`${col} AS ${alias}`)
    // to_json prints dates and timestamps as ISO 8601, independent of the session's DateStyle.
    else if (read === 'iso') select.push(`to_json(${col}) #>> '{}' AS ${alias}`)
    else select.push(`left(${col}::text, ${MAX_SAMPLE_TEXT}) AS ${alias}`)
    fields.push(field.urn)
  }
  if (fields.length === 0) return undefined
  const from = `${pg.escapeIdentifier(table.schema)}.${pg.escapeIdentifier(table.name)}`
  const limit = Math.max(1, Math.floor(sampleSize))
  const rows = table.rowCount ?? 0
  let tablesample = ''
  if (rows > 10 * limit) {
    // SYSTEM picks whole pages at random: aim at four times the sample, and at least
    // TABLESAMPLE_MIN_ROWS rows' worth of pages, so LIMIT is reached even where a page holds many.
    const percent = (100 * Math.max(4 * limit, TABLESAMPLE_MIN_ROWS)) / rows
    if (percent < 100)
      tablesample = ` TABLESAMPLE SYSTEM (${Number(Math.max(percent, 0.0001).toPrecision(4))})`
  }
  return { sql: `SELECT ${select.join(', ')} FROM ${from}${tablesample} LIMIT ${limit}`, fields }
}

/** Scalars only: numbers, strings, booleans, null (dates arrive as ISO text already). */
export function toSampleValue(value: unknown): SampleValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (value instanceof Date) return value.toISOString()
  return String(value).slice(0, MAX_SAMPLE_TEXT)
}

/** What sampling needs of a connection; lets unit tests fake one. */
export interface SampleConnection {
  query(sql: string): Promise<Array<Record<string, unknown>>>
}

export interface SampleResult {
  samples: Record<string, SampleValue[]>
  /** Sample SELECTs sent: one per sampled table. */
  statements: number
  /** Tables that could not be sampled, and why (never a value). */
  notes: string[]
}

export interface SampleOptions {
  sampleSize: number
  timeoutMs: number
  signal?: AbortSignal
  /** Opens one more connection to the same database (closed by the caller via the returned fn). */
  openExtra?: () => Promise<{ connection: SampleConnection; close: () => Promise<void> }>
  concurrency?: number
}

/**
 * BEGIN READ ONLY and a statement_timeout of min(the role's, ours), in one round trip. pg_settings
 * gives the current value in ms (0 = none), so a shorter one set by the DBA stays in force.
 */
export function beginSampling(timeoutMs: number): string {
  const ms = Math.max(1, Math.floor(timeoutMs))
  return `BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT pg_catalog.set_config('statement_timeout', (SELECT CASE WHEN s.setting::int8 = 0 OR s.setting::int8 > ${ms}
  THEN ${ms} ELSE s.setting::int8 END FROM pg_catalog.pg_settings s WHERE s.name = 'statement_timeout')::text, true)`
}

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown })?.code
  if (code === '42501') return 'permission denied (42501)'
  if (code === '57014') return 'statement timeout (57014)'
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return `SQLSTATE ${code}`
  if (err instanceof Error && /timeout/i.test(err.message)) return 'no answer in time'
  return 'the connection failed'
}

/** A connection that is gone cannot sample anything more; other errors concern one table. */
function connectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code
  if (typeof code === 'string' && /^(57P0[1-3]|08)/.test(code)) return true
  const message = err instanceof Error ? err.message : ''
  // A client-side timeout leaves the statement running on that connection: give it up too.
  return (
    code === undefined && /terminated|ended|not queryable|timeout|ECONNRESET|EPIPE/i.test(message)
  )
}

/**
 * Samples `tables` (views are not sampled: a view's query may be arbitrarily expensive) on
 * `primary` and up to `concurrency - 1` extra connections. A table that fails gets a note; the
 * others go on. Throws only when cancelled.
 */
export async function samplePostgresTables(
  primary: SampleConnection,
  tables: CrawlTable[],
  opts: SampleOptions,
): Promise<SampleResult> {
  const result: SampleResult = { samples: {}, statements: 0, notes: [] }
  if (opts.sampleSize <= 0) return result
  const work = tables.filter((t) => t.kind === 'table')
  // Below the client's own query timeout (timeoutMs), so the server cancels first and the
  // connection stays usable for the next table.
  const stmtTimeout = Math.min(Math.floor(opts.timeoutMs * 0.8), SAMPLE_STATEMENT_TIMEOUT_MS)
  const wanted = Math.min(
    opts.concurrency ?? SAMPLE_CONCURRENCY,
    Math.ceil(work.length / TABLES_PER_CONNECTION),
  )
  const extras = opts.openExtra
    ? await Promise.all(
        Array.from({ length: Math.max(0, wanted - 1) }, () =>
          opts.openExtra!().catch(() => undefined),
        ),
      )
    : []
  const connections = [primary, ...extras.flatMap((e) => (e ? [e.connection] : []))]
  let next = 0
  const worker = async (conn: SampleConnection) => {
    let open = false
    try {
      while (next < work.length && !opts.signal?.aborted) {
        const table = work[next++]!
        const stmt = sampleStatement(table, opts.sampleSize)
        if (!stmt) continue
        if (!open) {
          await conn.query(beginSampling(stmtTimeout))
          open = true
        }
        try {
          result.statements++
          const rows = await conn.query(stmt.sql)
          stmt.fields.forEach((urn, i) => {
            result.samples[urn] = rows.map((row) => toSampleValue(row[`c${i}`]))
          })
        } catch (err) {
          if (opts.signal?.aborted) return
          const label = `${table.database}.${table.schema}.${table.name}`
          result.notes.push(`Values of ${label} were not sampled: ${reasonOf(err)}.`)
          if (connectionLost(err)) return
          // The transaction is aborted after an error: start a fresh one for the next table.
          await conn.query('ROLLBACK').catch(() => {})
          open = false
        }
      }
    } catch (err) {
      if (!opts.signal?.aborted)
        result.notes.push(`Value sampling stopped early on one connection: ${reasonOf(err)}.`)
    } finally {
      if (open) await conn.query('COMMIT').catch(() => {})
    }
  }
  try {
    await Promise.all(connections.map(worker))
  } finally {
    await Promise.all(extras.map((e) => e?.close()))
  }
  const left = work.length - next
  if (left > 0 && !opts.signal?.aborted)
    result.notes.push(`${left} table(s) were not sampled: every sampling connection was lost.`)
  return result
}

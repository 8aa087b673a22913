import type { CrawlTable } from '../crawl-model'

/**
 * Relational value sampling for SQL Server (issue 4), the counterpart of postgres/sample-rows.ts:
 * one batch per table, `SELECT TOP (n) ...` with TABLESAMPLE SYSTEM for big tables.
 *
 * Locking: no NOLOCK. Dirty reads could sample rows that never existed, and READ COMMITTED
 * SNAPSHOT cannot be assumed on a customer's database, so each SELECT runs at the login's
 * default READ COMMITTED, preceded in the same batch by SET LOCK_TIMEOUT: a table held by a
 * writer's lock is given up after that long (error 1222) with a note, rather than waiting on it
 * or blocking it. SQL Server has no server-side statement timeout: the client's requestTimeout
 * (the crawl's timeoutMs) bounds each batch. Read-only by construction: only SELECTs are sent
 * (tests parse each as T-SQL), through a connection with ApplicationIntent=ReadOnly.
 */

/** Text values are cut to this many characters. */
export const MS_MAX_SAMPLE_TEXT = 256
/** How long a sample SELECT waits for a lock before giving the table up, ms. */
export const MS_SAMPLE_LOCK_TIMEOUT_MS = 2_000
/** Sample batches in flight at once (the pool's connections). */
export const MS_SAMPLE_CONCURRENCY = 4
const TABLESAMPLE_MIN_ROWS = 2_000

export type MsSampleValue = string | number | boolean | null
export type MsColumnRead = 'native' | 'iso' | 'iso-offset' | 'text' | 'skip'

/** From the declared type as crawl-map.ts prints it (nvarchar(200), datetime2(7)...). */
export function msColumnRead(declaredType: string): MsColumnRead {
  const t = declaredType.toLowerCase().replace(/\(.*\)$/, '')
  if (/^(binary|varbinary|image|timestamp|rowversion|geography|geometry|hierarchyid)$/.test(t))
    return 'skip'
  if (
    /^(bit|tinyint|smallint|int|bigint|decimal|numeric|float|real|money|smallmoney|uniqueidentifier)$/.test(
      t,
    )
  )
    return 'native'
  if (t === 'datetimeoffset') return 'iso-offset'
  if (/^(date|datetime|datetime2|smalldatetime|time)$/.test(t)) return 'iso'
  return 'text'
}

/** QUOTENAME: brackets, with `]` doubled. */
export function quoteName(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`
}

export interface MsSampleStatement {
  /** The SELECT alone (what the T-SQL tests parse). */
  select: string
  /** What is sent: SET LOCK_TIMEOUT and the SELECT, one batch, one round trip. */
  batch: string
  fields: string[]
}

/** The one batch that samples `table`; undefined when no column can be sampled. */
export function msSampleStatement(
  table: CrawlTable,
  sampleSize: number,
  lockTimeoutMs = MS_SAMPLE_LOCK_TIMEOUT_MS,
): MsSampleStatement | undefined {
  const select: string[] = []
  const fields: string[] = []
  for (const field of table.fields) {
    const read = msColumnRead(field.declaredType)
    if (read === 'skip') continue
    const col = quoteName(field.name)
    const alias = `c${fields.length}`
    if (read === 'native') select.push(`${col} AS ${alias}`)
    // Styles 126 / 127: ISO 8601, whatever the login's language and DATEFORMAT.
    else if (read === 'iso') select.push(`CONVERT(varchar(40), ${col}, 126) AS ${alias}`)
    else if (read === 'iso-offset') select.push(`CONVERT(varchar(40), ${col}, 127) AS ${alias}`)
    else select.push(`LEFT(CONVERT(nvarchar(max), ${col}), ${MS_MAX_SAMPLE_TEXT}) AS ${alias}`)
    fields.push(field.urn)
  }
  if (fields.length === 0) return undefined
  const top = Math.max(1, Math.floor(sampleSize))
  const rows = table.rowCount ?? 0
  let tablesample = ''
  if (rows > 10 * top) {
    const percent = (100 * Math.max(4 * top, TABLESAMPLE_MIN_ROWS)) / rows
    if (percent < 100)
      tablesample = ` TABLESAMPLE SYSTEM (${Number(Math.max(percent, 0.0001).toPrecision(4))} PERCENT)`
  }
  const sql = `SELECT TOP (${top}) ${select.join(', ')} FROM ${quoteName(table.schema)}.${quoteName(table.name)}${tablesample}`
  const lock = Math.max(0, Math.floor(lockTimeoutMs))
  return { select: sql, batch: `SET LOCK_TIMEOUT ${lock};\n${sql}`, fields }
}

/** Scalars only; tedious gives bigint as a string and dates already arrive as ISO text. */
export function toMsSampleValue(value: unknown): MsSampleValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (value instanceof Date) return value.toISOString()
  return String(value).slice(0, MS_MAX_SAMPLE_TEXT)
}

function reasonOf(err: unknown): string {
  const number = (err as { number?: unknown; originalError?: { info?: { number?: unknown } } })
    ?.number
  if (number === 229) return 'permission denied (229)'
  if (number === 1222) return 'lock timeout (1222)'
  if (typeof number === 'number') return `error ${number}`
  const code = (err as { code?: unknown })?.code
  if (code === 'ETIMEOUT') return 'no answer in time'
  return 'the connection failed'
}

function connectionLost(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code
  return code === 'ECONNCLOSED' || code === 'ESOCKET' || code === 'ENOTOPEN'
}

export interface MsSampleResult {
  samples: Record<string, MsSampleValue[]>
  statements: number
  notes: string[]
}

/**
 * Samples the tables (not views) with up to `concurrency` batches in flight on `run` (a pool
 * request per batch). A table that fails gets a note; a lost connection stops sampling with one.
 */
export async function sampleSqlServerTables(
  run: (sql: string) => Promise<Array<Record<string, unknown>>>,
  tables: CrawlTable[],
  opts: { sampleSize: number; signal?: AbortSignal; concurrency?: number },
): Promise<MsSampleResult> {
  const result: MsSampleResult = { samples: {}, statements: 0, notes: [] }
  if (opts.sampleSize <= 0) return result
  const work = tables.filter((t) => t.kind === 'table')
  let next = 0
  let lost = false
  const worker = async () => {
    while (next < work.length && !lost && !opts.signal?.aborted) {
      const table = work[next++]!
      const stmt = msSampleStatement(table, opts.sampleSize)
      if (!stmt) continue
      result.statements++
      try {
        const rows = await run(stmt.batch)
        stmt.fields.forEach((urn, i) => {
          result.samples[urn] = rows.map((row) => toMsSampleValue(row[`c${i}`]))
        })
      } catch (err) {
        if (opts.signal?.aborted) return
        const label = `${table.database}.${table.schema}.${table.name}`
        result.notes.push(`Values of ${label} were not sampled: ${reasonOf(err)}.`)
        if (connectionLost(err)) lost = true
      }
    }
  }
  const n = Math.max(1, Math.min(opts.concurrency ?? MS_SAMPLE_CONCURRENCY, work.length))
  await Promise.all(Array.from({ length: n }, worker))
  const left = work.length - next
  if (left > 0 && !opts.signal?.aborted)
    result.notes.push(`${left} table(s) were not sampled: the connection was lost.`)
  return result
}

import mssql from 'mssql'
import { ApiError } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import {
  DEFAULT_CRAWL_TIMEOUT_MS,
  DEFAULT_SAMPLE_SIZE,
  type CrawlBatch,
  type CrawlOptions,
} from '../crawl-model'
import {
  mapSqlServerCatalog,
  type MsCaptureInstanceRow,
  type MsCatalogRows,
  type MsColumnRow,
  type MsDatabaseRow,
  type MsForeignKeyColumnRow,
  type MsIndexColumnRow,
  type MsKeyColumnRow,
  type MsObjectRow,
  type MsSchemaRow,
} from './crawl-map'
import {
  MS_CDC_CAPTURE_INSTANCES,
  MS_COLUMNS,
  MS_DATABASE,
  MS_DATABASES,
  MS_FOREIGN_KEY_COLUMNS,
  MS_INDEX_COLUMNS,
  MS_KEY_COLUMNS,
  MS_OBJECTS,
  MS_SCHEMAS,
} from './crawl-queries'
import { parseSqlServerSource, type SqlServerTarget } from './parse-connection'
import { MS_SAMPLE_CONCURRENCY, sampleSqlServerTables } from './sample-rows'
import { translateSqlServerError } from './translate-error'

/** The one thing the crawl needs of a connection, so tests can count and fake statements. */
export interface MsQueryRunner {
  query<R>(sql: string): Promise<R[]>
}

/**
 * One database's catalogue: seven queries, eight where CDC is on. The count depends on the
 * database's CDC switch, never on how many tables it holds.
 */
export async function readSqlServerCatalog(
  runner: MsQueryRunner,
): Promise<{ rows: MsCatalogRows; statements: number }> {
  let statements = 0
  const q = <R>(sql: string) => {
    statements++
    return runner.query<R>(sql)
  }
  const [database] = await q<MsDatabaseRow>(MS_DATABASE)
  if (!database) throw new Error('DB_ID() matched no row of sys.databases')
  const rows: MsCatalogRows = {
    database,
    schemas: await q<MsSchemaRow>(MS_SCHEMAS),
    objects: await q<MsObjectRow>(MS_OBJECTS),
    columns: await q<MsColumnRow>(MS_COLUMNS),
    keyColumns: await q<MsKeyColumnRow>(MS_KEY_COLUMNS),
    foreignKeyColumns: await q<MsForeignKeyColumnRow>(MS_FOREIGN_KEY_COLUMNS),
    indexColumns: await q<MsIndexColumnRow>(MS_INDEX_COLUMNS),
  }
  if (database.isCdcEnabled)
    rows.captureInstances = await q<MsCaptureInstanceRow>(MS_CDC_CAPTURE_INSTANCES)
  return { rows, statements }
}

/** The caller's list, else options.databases, else the connection's database, else all it can open. */
export function listedSqlServerDatabases(
  source: ResolvedSource,
  target: SqlServerTarget,
  opts: CrawlOptions,
): string[] | undefined {
  if (opts.databases && opts.databases.length > 0) return opts.databases
  const option = source.options.databases
  if (typeof option === 'string' && option.trim() !== '')
    return option
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean)
  return target.database ? [target.database] : undefined
}

/** Crawls each database with its own pool; a failing database yields an error batch only. */
export async function* crawlSqlServer(
  source: ResolvedSource,
  opts: CrawlOptions,
): AsyncGenerator<CrawlBatch> {
  const target = parseSqlServerSource(source)
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_CRAWL_TIMEOUT_MS
  const errorContext = {
    kind: 'sqlserver' as const,
    endpoint: target.endpoint,
    tlsRequested: target.encrypt,
    secrets: [source.password ?? '', target.password ?? ''],
  }
  let databases = listedSqlServerDatabases(source, target, opts)
  if (!databases) {
    const rows = await withPool(target, undefined, timeoutMs, opts.signal, (run) =>
      run<{ databaseName: string }>(MS_DATABASES),
    ).catch((err: unknown) => {
      if (opts.signal?.aborted) throw cancelled()
      const shape = translateSqlServerError(err, errorContext)
      throw new ApiError(shape.code, shape.message, shape.details)
    })
    databases = rows.map((r) => r.databaseName)
  }
  for (const database of databases) {
    if (opts.signal?.aborted) throw cancelled()
    try {
      const sampleSize = opts.sampleSize ?? DEFAULT_SAMPLE_SIZE
      const batch = await withPool(target, database, timeoutMs, opts.signal, async (run) => {
        const { rows, statements } = await readSqlServerCatalog({ query: run })
        const mapped = mapSqlServerCatalog(source.name, rows, statements)
        // Value sampling after the catalogue, on the same pool (sample-rows.ts); its failures
        // are notes, so the catalogue is never lost to them.
        if (sampleSize > 0) {
          const sampled = await sampleSqlServerTables(run, mapped.tables, {
            sampleSize,
            ...(opts.signal ? { signal: opts.signal } : {}),
          })
          mapped.samples = sampled.samples
          mapped.sampleStatements = sampled.statements
          mapped.notes.push(...sampled.notes)
        }
        return mapped
      })
      if (opts.signal?.aborted) throw cancelled()
      yield batch
    } catch (err) {
      if (opts.signal?.aborted) throw cancelled()
      const error =
        err instanceof ApiError ? err.toJSON() : translateSqlServerError(err, errorContext)
      yield { kind: 'error', database, error }
    }
  }
}

async function withPool<T>(
  target: SqlServerTarget,
  database: string | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  body: (run: <R>(sql: string) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  const pool = new mssql.ConnectionPool({
    server: target.endpoint.host,
    port: target.instanceName ? undefined : target.endpoint.port,
    database,
    user: target.user,
    password: target.password,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    // One connection for the catalogue; sampling may use a few more at once.
    pool: { min: 0, max: MS_SAMPLE_CONCURRENCY },
    options: {
      encrypt: target.encrypt,
      trustServerCertificate: target.trustServerCertificate,
      instanceName: target.instanceName,
      appName: 'sightline-crawl',
      // Lets an availability group route the crawl to a readable secondary.
      readOnlyIntent: true,
    },
  })
  pool.on('error', () => {})
  const onAbort = () => void pool.close().catch(() => {})
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    await pool.connect()
    return await body(async <R>(sql: string) => (await pool.request().query<R>(sql)).recordset)
  } finally {
    signal?.removeEventListener('abort', onAbort)
    await pool.close().catch(() => {})
  }
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'SQL Server crawl cancelled.', { reason: 'cancelled' })
}

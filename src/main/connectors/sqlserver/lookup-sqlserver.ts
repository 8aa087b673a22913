import mssql from 'mssql'
import { ApiError } from '../../../shared/api'
import type { JsonValue } from '../../../shared/model/catalog'
import type { LookupHit, LookupOutcome, LookupQuery, ResolvedSource } from '../connector'
import { errorChain } from '../errors'
import {
  assetParts,
  cancelledError,
  lookupValues,
  pickTimestamp,
  rowLimit,
  stepTimeout,
  toJsonValue,
  untilAborted,
} from '../shared/lookup-values'
import {
  MS_LOOKUP_TABLE,
  msLookupStatement,
  type MsLookupColumn,
  type MsLookupTable,
} from './lookup-queries'
import { parseSqlServerSource, type SqlServerTarget } from './parse-connection'
import { quoteName } from './sample-rows'
import { translateSqlServerError } from './translate-error'

/** A writer's lock is waited for at most this long (error 1222 then), whatever the step's timeout. */
const LOOKUP_LOCK_TIMEOUT_MS = 2_000

interface Pool {
  pool: mssql.ConnectionPool
  ready: Promise<unknown>
}

/**
 * SQL Server lookups (issue 7): one pool of one connection per database for the life of the
 * connector (a lookup opens it once), ApplicationIntent=ReadOnly; each step is one batch (SET
 * LOCK_TIMEOUT, READ COMMITTED, one parameterised SELECT TOP (rowCap + 1)), bounded by the
 * request's timeout (SQL Server has no server-side statement timeout) and cancelled with an
 * attention signal (request.cancel) when the caller aborts.
 */
export class SqlServerLookup {
  private readonly pools = new Map<string, Pool>()
  private readonly tables = new Map<string, MsLookupTable | null>()
  private target: SqlServerTarget | undefined

  constructor(private readonly source: ResolvedSource) {}

  async lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    const [database, schema, name] = assetParts(q, 3, 'database, schema and table')
    const values = lookupValues(q)
    const { cap, fetch } = rowLimit(q.rowCap)
    const timeoutMs = stepTimeout(q.timeoutMs)
    const signal = opts.signal
    if (signal?.aborted) throw cancelledError('SQL Server')
    if (values.length === 0) return { hits: [], capped: false, statements: 0 }
    let statements = 0
    let current: mssql.Request | undefined
    const onAbort = () => current?.cancel()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const { pool, ready } = this.pool(database!, timeoutMs)
      await untilAborted(ready, signal, 'SQL Server')
      const run = async <R>(sql: string, params: (r: mssql.Request) => void) => {
        if (signal?.aborted) throw cancelledError('SQL Server')
        current = newRequest(pool, timeoutMs)
        params(current)
        statements++
        return (await current.query<R>(sql)).recordset ?? []
      }
      const table = await this.table({ database: database!, schema: schema!, name: name! }, run)
      const column = table.columns.find((c) => c.name === q.fieldPath)
      if (!column)
        throw new ApiError(
          'not-found',
          `Column ${q.fieldPath} is not in ${database}.${schema}.${name} any more: crawl the source again.`,
          { reason: 'no-such-column' },
        )
      const lockMs = Math.min(LOOKUP_LOCK_TIMEOUT_MS, timeoutMs)
      const stmt = msLookupStatement(table, column, q.match, values, fetch, lockMs, q.fields)
      if (!stmt) return { hits: [], capped: false, statements }
      const rows = await run<Record<string, unknown>>(stmt.batch, (r) => {
        for (const p of stmt.params) {
          const type = p.length ? mssql.TYPES[p.type](p.length) : mssql.TYPES[p.type]
          r.input(p.name, type as mssql.ISqlType, p.value)
        }
      })
      const hits = rows.slice(0, cap).map((row) => toHit(row, stmt.columns, table))
      return { hits, capped: rows.length > cap, statements }
    } catch (err) {
      if (signal?.aborted) throw cancelledError('SQL Server')
      throw this.translate(err, timeoutMs)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()]
    this.pools.clear()
    await Promise.all(all.map((p) => p.pool.close().catch(() => {})))
  }

  private async table(
    where: { database: string; schema: string; name: string },
    run: <R>(sql: string, params: (r: mssql.Request) => void) => Promise<R[]>,
  ): Promise<MsLookupTable> {
    const key = JSON.stringify([where.database, where.schema, where.name])
    let table = this.tables.get(key)
    if (table === undefined) {
      const object = `${quoteName(where.schema)}.${quoteName(where.name)}`
      const rows = await run<MsLookupColumn>(MS_LOOKUP_TABLE, (r) =>
        r.input('p0', mssql.NVarChar(600), object),
      )
      table =
        rows.length === 0
          ? null
          : {
              schema: where.schema,
              name: where.name,
              columns: rows,
              primaryKey: rows
                .filter((c) => c.keyOrdinal !== null && c.keyOrdinal > 0)
                .sort((a, b) => a.keyOrdinal! - b.keyOrdinal!)
                .map((c) => c.name),
            }
      this.tables.set(key, table)
    }
    if (!table)
      throw new ApiError(
        'not-found',
        `${where.database}.${where.schema}.${where.name} is not on this SQL Server any more (or this login cannot see it): crawl the source again.`,
        { reason: 'no-such-table' },
      )
    return table
  }

  private pool(database: string, timeoutMs: number): Pool {
    const existing = this.pools.get(database)
    if (existing) return existing
    const target = (this.target ??= parseSqlServerSource(this.source))
    const pool = new mssql.ConnectionPool({
      server: target.endpoint.host,
      port: target.instanceName ? undefined : target.endpoint.port,
      database,
      user: target.user,
      password: target.password,
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      pool: { min: 0, max: 1 },
      options: {
        encrypt: target.encrypt,
        trustServerCertificate: target.trustServerCertificate,
        instanceName: target.instanceName,
        appName: 'sightline-lookup',
        readOnlyIntent: true,
      },
    })
    pool.on('error', () => {})
    const ready = pool.connect().catch(async (err: unknown) => {
      if (this.pools.get(database)?.pool === pool) this.pools.delete(database)
      await pool.close().catch(() => {})
      throw err
    })
    ready.catch(() => {})
    const entry = { pool, ready }
    this.pools.set(database, entry)
    return entry
  }

  private translate(err: unknown, timeoutMs: number): ApiError {
    if (err instanceof ApiError) return err
    const chain = errorChain(err)
    if (chain.some((e) => e.code === 'ETIMEOUT' && /request|timeout/i.test(String(e.message))))
      if (!chain.some((e) => /connect/i.test(String(e.message))))
        return new ApiError(
          'timeout',
          `SQL Server did not answer the lookup within ${timeoutMs} ms.`,
          {
            reason: 'query-timeout',
          },
        )
    if (chain.some((e) => e.number === 1222))
      return new ApiError('timeout', 'A writer held a lock on the table too long (error 1222).', {
        reason: 'lock-timeout',
      })
    const target = (this.target ??= parseSqlServerSource(this.source))
    const shape = translateSqlServerError(err, {
      kind: 'sqlserver',
      endpoint: target.endpoint,
      tlsRequested: target.encrypt,
      secrets: [this.source.password ?? '', target.password ?? ''],
    })
    return new ApiError(shape.code, shape.message, shape.details)
  }
}

/** mssql >= 10 takes a per-request timeout as a second argument; its typings do not say so yet. */
const RequestWithTimeout = mssql.Request as unknown as new (
  pool: mssql.ConnectionPool,
  overrides: { requestTimeout: number },
) => mssql.Request
function newRequest(pool: mssql.ConnectionPool, timeoutMs: number): mssql.Request {
  return new RequestWithTimeout(pool, { requestTimeout: timeoutMs })
}

function toHit(row: Record<string, unknown>, columns: string[], table: MsLookupTable): LookupHit {
  const values: Record<string, unknown> = {}
  columns.forEach((name, i) => {
    values[name] = row[`c${i}`]
  })
  const recordKey: Record<string, JsonValue> = {}
  for (const k of table.primaryKey) recordKey[k] = toJsonValue(values[k])
  const timestamp = pickTimestamp(values)
  return { recordKey, values, ...(timestamp ? { timestamp } : {}) }
}

import pg from 'pg'
import { ApiError } from '../../../shared/api'
import type { JsonValue } from '../../../shared/model/catalog'
import type { LookupHit, LookupOutcome, LookupQuery, ResolvedSource } from '../connector'
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
import { pgClientConfig } from './client-config'
import {
  PG_LOOKUP_TABLE,
  pgLookupSession,
  pgLookupStatement,
  type PgLookupColumn,
  type PgLookupTable,
} from './lookup-queries'
import { parsePostgresSource, type PostgresTarget } from './parse-url'
import { translatePostgresError } from './translate-error'

/** Client-side backstop beyond the server's statement_timeout, for a server that stops talking. */
const CLIENT_GRACE_MS = 2_000

/**
 * Connections per database a connector opens at most: a lookup's steps whose input is ready run
 * at once (crm's Customer, Address and LoyaltyAccount by CustomerId), each on its own
 * connection, instead of one after another on one.
 */
export const PG_LOOKUP_CONNECTIONS = 3

interface Connection {
  client: pg.Client
  connected: Promise<void>
  /** Steps on one connection run one after another: each is its own transaction. */
  tail: Promise<unknown>
  /** The statement_timeout its session was set up for (pgLookupSession); undefined before. */
  sessionTimeoutMs: number | undefined
  /** Steps queued or running on it. */
  load: number
  dead: boolean
}

/**
 * PostgreSQL lookups (issue 7): up to PG_LOOKUP_CONNECTIONS connections per database for the life
 * of the connector (the lookup service pools connectors across lookups), a step on an idle one
 * (or the least loaded when all are busy), each step one
 * parameterised SELECT, LIMIT rowCap + 1, in the implicit transaction of a session whose
 * transactions are READ ONLY and whose statement_timeout = min(the role's, the step's)
 * (pgLookupSession, set once per connection). Cancelling sends pg_cancel_backend from a second connection,
 * as a statement outliving its caller would otherwise hold the backend until its timeout.
 */
export class PostgresLookup {
  private readonly connections = new Map<string, Connection[]>()
  private readonly tables = new Map<string, PgLookupTable | null>()
  private target: PostgresTarget | undefined

  constructor(private readonly source: ResolvedSource) {}

  async lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    const [database, schema, name] = assetParts(q, 3, 'database, schema and table')
    const values = lookupValues(q)
    const { cap, fetch } = rowLimit(q.rowCap)
    const timeoutMs = stepTimeout(q.timeoutMs)
    if (opts.signal?.aborted) throw cancelledError('PostgreSQL')
    if (values.length === 0) return { hits: [], capped: false, statements: 0 }
    const conn = this.connection(database!, timeoutMs)
    conn.load++
    const run = conn.tail.then(() =>
      this.step(conn, { database: database!, schema: schema!, name: name! }, q, values, {
        cap,
        fetch,
        timeoutMs,
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
    )
    conn.tail = run.catch(() => {})
    return run.finally(() => void conn.load--)
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()].flat()
    this.connections.clear()
    await Promise.all(all.map((c) => c.client.end().catch(() => {})))
  }

  private async step(
    conn: Connection,
    where: { database: string; schema: string; name: string },
    q: LookupQuery,
    values: Array<string | number>,
    limits: { cap: number; fetch: number; timeoutMs: number; signal?: AbortSignal },
  ): Promise<LookupOutcome> {
    const { signal, timeoutMs } = limits
    let statements = 0
    const query = async <R extends pg.QueryResultRow>(text: string, params?: unknown[]) => {
      statements++
      const res = await conn.client.query<R>({
        text,
        ...(params ? { values: params } : {}),
        query_timeout: timeoutMs + CLIENT_GRACE_MS,
      } as pg.QueryConfig)
      return res
    }
    const onAbort = () => void this.cancelBackend(conn, where.database, timeoutMs)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await untilAborted(conn.connected, signal, 'PostgreSQL')
      if (signal?.aborted) throw cancelledError('PostgreSQL')
      if (conn.sessionTimeoutMs !== timeoutMs) {
        // READ ONLY and the statement_timeout: one round trip, two statements.
        await query(pgLookupSession(timeoutMs))
        statements++
        conn.sessionTimeoutMs = timeoutMs
      }
      const table = await this.table(where, (sql, params) => query(sql, params))
      const column = table.columns.find((c) => c.name === q.fieldPath)
      if (!column)
        throw new ApiError(
          'not-found',
          `Column ${q.fieldPath} is not in ${where.database}.${where.schema}.${where.name} any more: crawl the source again.`,
          { reason: 'no-such-column' },
        )
      const stmt = pgLookupStatement(table, column, q.match, values, limits.fetch, q.fields)
      const rows = stmt ? (await query<Record<string, unknown>>(stmt.sql, stmt.params)).rows : []
      const hits = rows.slice(0, limits.cap).map((row) => toHit(row, stmt!.columns, table))
      return { hits, capped: rows.length > limits.cap, statements }
    } catch (err) {
      if (err instanceof Error && /Query read timeout/i.test(err.message)) {
        // The statement may still run on the server: this connection is given up, not reused.
        this.forget(where.database, conn)
        void conn.client.end().catch(() => {})
      }
      if (signal?.aborted) throw cancelledError('PostgreSQL')
      throw this.translate(err, timeoutMs)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  /** Columns, types and primary key of one table: read once per connector, in the step's transaction. */
  private async table(
    where: { database: string; schema: string; name: string },
    query: (sql: string, params: unknown[]) => Promise<pg.QueryResult<Record<string, unknown>>>,
  ): Promise<PgLookupTable> {
    const key = JSON.stringify([where.database, where.schema, where.name])
    let table = this.tables.get(key)
    if (table === undefined) {
      const { rows } = await query(PG_LOOKUP_TABLE, [where.schema, where.name])
      const row = rows[0]
      table = row
        ? {
            schema: where.schema,
            name: where.name,
            relkind: String(row.relkind),
            columns: (row.columns as PgLookupColumn[] | null) ?? [],
            primaryKey: (row.primary_key as string[] | null) ?? [],
          }
        : null
      this.tables.set(key, table)
    }
    if (!table)
      throw new ApiError(
        'not-found',
        `${where.database}.${where.schema}.${where.name} is not on this PostgreSQL server any more (or this login cannot see it): crawl the source again.`,
        { reason: 'no-such-table' },
      )
    return table
  }

  /** Marks a connection dead and takes it out of its database's list. */
  private forget(database: string, conn: Connection): void {
    conn.dead = true
    const list = this.connections.get(database)
    const i = list?.indexOf(conn) ?? -1
    if (list && i >= 0) list.splice(i, 1)
  }

  /** An idle connection, else a new one (up to the bound), else the least loaded. */
  private connection(database: string, timeoutMs: number): Connection {
    const list = (this.connections.get(database) ?? []).filter((c) => !c.dead)
    this.connections.set(database, list)
    const idle = list.find((c) => c.load === 0)
    if (idle) return idle
    if (list.length >= PG_LOOKUP_CONNECTIONS)
      return list.reduce((a, b) => (b.load < a.load ? b : a))
    this.target ??= parsePostgresSource(this.source)
    const config = pgClientConfig(this.target, database, timeoutMs, 'sightline-lookup')
    // Per-query timeouts are set by each step; the connection itself only bounds connecting.
    delete config.query_timeout
    const client = new pg.Client(config)
    const conn: Connection = {
      client,
      connected: Promise.resolve(),
      tail: Promise.resolve(),
      sessionTimeoutMs: undefined,
      load: 0,
      dead: false,
    }
    const drop = () => this.forget(database, conn)
    client.on('error', drop)
    client.on('end', drop)
    conn.connected = client.connect().then(
      () => undefined,
      (err: unknown) => {
        drop()
        void client.end().catch(() => {})
        throw err
      },
    )
    // The rejection is the step's to report; an unobserved one must not crash main.
    conn.connected.catch(() => {})
    list.push(conn)
    return conn
  }

  /**
   * pg_cancel_backend(pid) from a short-lived second connection (a role may cancel its own
   * backends); when that fails too, the connection is ended and the server notices on its own.
   */
  private async cancelBackend(
    conn: Connection,
    database: string,
    timeoutMs: number,
  ): Promise<void> {
    const pid = (conn.client as unknown as { processID?: number }).processID
    let cancelled = false
    if (pid && this.target) {
      const side = new pg.Client(
        pgClientConfig(
          this.target,
          database,
          Math.min(timeoutMs, 5_000),
          'sightline-lookup-cancel',
        ),
      )
      side.on('error', () => {})
      try {
        await side.connect()
        const res = await side.query<{ ok: boolean }>('SELECT pg_cancel_backend($1) AS ok', [pid])
        cancelled = res.rows[0]?.ok === true
      } catch {
        cancelled = false
      } finally {
        await side.end().catch(() => {})
      }
    }
    if (!cancelled) {
      this.forget(database, conn)
      await conn.client.end().catch(() => {})
    }
  }

  private translate(err: unknown, timeoutMs: number): ApiError {
    if (err instanceof ApiError) return err
    const code = (err as { code?: unknown })?.code
    const message = err instanceof Error ? err.message : ''
    if (code === '57014' || /Query read timeout/i.test(message))
      return new ApiError(
        'timeout',
        `PostgreSQL did not answer the lookup within ${timeoutMs} ms.`,
        {
          reason: 'query-timeout',
        },
      )
    const target = this.target ?? parsePostgresSource(this.source)
    const shape = translatePostgresError(err, {
      kind: 'postgres',
      endpoint: target.endpoint,
      tlsRequested: target.sslMode !== 'disable',
      secrets: [this.source.password ?? '', target.password ?? ''],
    })
    return new ApiError(shape.code, shape.message, shape.details)
  }
}

/** A row as a hit: values by column name, the primary key (or ctid) as the record key. */
function toHit(row: Record<string, unknown>, columns: string[], table: PgLookupTable): LookupHit {
  const values: Record<string, unknown> = {}
  columns.forEach((name, i) => {
    values[name] = row[`c${i}`]
  })
  const recordKey: Record<string, JsonValue> = {}
  for (const k of table.primaryKey) recordKey[k] = toJsonValue(values[k])
  if (table.primaryKey.length === 0 && typeof row.k_ctid === 'string') recordKey.ctid = row.k_ctid
  const timestamp = pickTimestamp(values)
  return { recordKey, values, ...(timestamp ? { timestamp } : {}) }
}

import pg from 'pg'
import { ApiError, type ApiErrorShape } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import {
  DEFAULT_CRAWL_TIMEOUT_MS,
  DEFAULT_SAMPLE_SIZE,
  type CrawlBatch,
  type CrawlDatabaseBatch,
  type CrawlOptions,
} from '../crawl-model'
import {
  mapPostgresCatalog,
  type PgCatalogRows,
  type PgColumnRow,
  type PgConstraintRow,
  type PgDatabaseRow,
  type PgIndexRow,
  type PgRelationRow,
} from './crawl-map'
import { pgClientConfig } from './client-config'
import { PG_COLUMNS, PG_CONSTRAINTS, PG_DATABASE, PG_INDEXES, PG_RELATIONS } from './crawl-queries'
import { parsePostgresSource, type PostgresTarget } from './parse-url'
import { samplePostgresTables, type SampleConnection } from './sample-rows'
import { translatePostgresError } from './translate-error'

/** The one thing the crawl needs of a connection: lets tests count (and fake) statements. */
export interface QueryRunner {
  query<R>(sql: string): Promise<R[]>
}

/** Wraps a runner and counts what goes through it: the proof that statements stay constant. */
export function countingRunner(inner: QueryRunner): QueryRunner & { count: () => number } {
  let n = 0
  return {
    count: () => n,
    query<R>(sql: string) {
      n++
      return inner.query<R>(sql)
    },
  }
}

/**
 * One database's catalogue in one READ ONLY transaction (a consistent snapshot, and a server-side
 * guarantee that the crawl cannot write): BEGIN, five catalogue queries, COMMIT.
 */
export async function readPostgresCatalog(runner: QueryRunner): Promise<PgCatalogRows> {
  await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
  try {
    const [database] = await runner.query<PgDatabaseRow>(PG_DATABASE)
    if (!database) throw new Error('current_database() returned no row')
    const rows: PgCatalogRows = {
      database,
      relations: await runner.query<PgRelationRow>(PG_RELATIONS),
      columns: await runner.query<PgColumnRow>(PG_COLUMNS),
      constraints: await runner.query<PgConstraintRow>(PG_CONSTRAINTS),
      indexes: await runner.query<PgIndexRow>(PG_INDEXES),
    }
    await runner.query('COMMIT')
    return rows
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => {})
    throw err
  }
}

/** Databases to crawl: the caller's list, else options.databases, else the URL's database. */
export function postgresCrawlDatabases(target: PostgresTarget, opts: CrawlOptions): string[] {
  if (opts.databases && opts.databases.length > 0) return opts.databases
  return [target.database, ...target.extraDatabases]
}

/**
 * Crawls each database in turn; a database that fails yields an error batch and the others go
 * on. Cancelling ends the connection at once, so a long catalogue query does not outlive it.
 */
export async function* crawlPostgres(
  source: ResolvedSource,
  opts: CrawlOptions,
): AsyncGenerator<CrawlBatch> {
  const target = parsePostgresSource(source)
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_CRAWL_TIMEOUT_MS
  for (const database of postgresCrawlDatabases(target, opts)) {
    if (opts.signal?.aborted) throw cancelled()
    const client = newClient(target, database, timeoutMs)
    const onAbort = () => void client.end().catch(() => {})
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await client.connect()
      const runner = countingRunner({
        query: async <R>(sql: string) => (await client.query(sql)).rows as R[],
      })
      const rows = await readPostgresCatalog(runner)
      const batch = mapPostgresCatalog(source.name, rows, runner.count())
      await addSamples(batch, client, { target, database, timeoutMs, opts })
      if (opts.signal?.aborted) throw cancelled()
      yield batch
    } catch (err) {
      if (opts.signal?.aborted) throw cancelled()
      yield { kind: 'error', database, error: crawlError(err, target, source, timeoutMs) }
    } finally {
      opts.signal?.removeEventListener('abort', onAbort)
      await client.end().catch(() => {})
    }
  }
}

/** Rows of the last statement of a (possibly multi-statement) simple query. */
function sampleConnection(client: pg.Client): SampleConnection {
  return {
    query: async (sql) => {
      const res = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[]
      return (Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows) as Array<
        Record<string, unknown>
      >
    },
  }
}

/**
 * Value sampling after the catalogue (sample-rows.ts): on this database's connection and, for
 * larger databases, a few more. Failures become notes; the catalogue is never lost to them.
 */
async function addSamples(
  batch: CrawlDatabaseBatch,
  client: pg.Client,
  ctx: { target: PostgresTarget; database: string; timeoutMs: number; opts: CrawlOptions },
): Promise<void> {
  const sampleSize = ctx.opts.sampleSize ?? DEFAULT_SAMPLE_SIZE
  if (sampleSize <= 0) return
  const extras = new Set<pg.Client>()
  const onAbort = () => {
    for (const extra of extras) void extra.end().catch(() => {})
  }
  ctx.opts.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    const sampled = await samplePostgresTables(sampleConnection(client), batch.tables, {
      sampleSize,
      timeoutMs: ctx.timeoutMs,
      ...(ctx.opts.signal ? { signal: ctx.opts.signal } : {}),
      openExtra: async () => {
        const extra = newClient(ctx.target, ctx.database, ctx.timeoutMs)
        extras.add(extra)
        try {
          await extra.connect()
        } catch (err) {
          extras.delete(extra)
          await extra.end().catch(() => {})
          throw err
        }
        return {
          connection: sampleConnection(extra),
          close: async () => {
            extras.delete(extra)
            await extra.end().catch(() => {})
          },
        }
      },
    })
    batch.samples = sampled.samples
    batch.sampleStatements = sampled.statements
    batch.notes.push(...sampled.notes)
  } finally {
    ctx.opts.signal?.removeEventListener('abort', onAbort)
  }
}

function newClient(target: PostgresTarget, database: string, timeoutMs: number): pg.Client {
  const client = new pg.Client(pgClientConfig(target, database, timeoutMs, 'sightline-crawl'))
  client.on('error', () => {})
  return client
}

function crawlError(
  err: unknown,
  target: PostgresTarget,
  source: ResolvedSource,
  timeoutMs: number,
): ApiErrorShape {
  if (err instanceof ApiError) return err.toJSON()
  if (err instanceof Error && /Query read timeout/i.test(err.message))
    return new ApiError(
      'timeout',
      `PostgreSQL did not answer a catalogue query within ${timeoutMs} ms.`,
      {
        reason: 'query-timeout',
      },
    ).toJSON()
  const shape = translatePostgresError(err, {
    kind: 'postgres',
    endpoint: target.endpoint,
    tlsRequested: target.sslMode !== 'disable',
    secrets: [source.password ?? '', target.password ?? ''],
  })
  if (shape.details?.reason === 'statement-timeout')
    shape.message =
      'PostgreSQL cancelled a catalogue query (57014): the login\u2019s statement_timeout is shorter than the crawl needs.'
  return shape
}

function cancelled(): ApiError {
  return new ApiError('cancelled', 'PostgreSQL crawl cancelled.', { reason: 'cancelled' })
}

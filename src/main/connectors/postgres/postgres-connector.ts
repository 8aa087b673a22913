import pg from 'pg'
import type { ConnectionCheck } from '../../../shared/api'
import type {
  CheckOptions,
  Connector,
  LookupOutcome,
  LookupQuery,
  ResolvedSource,
} from '../connector'
import type { CrawlBatch, CrawlOptions } from '../crawl-model'
import { pgClientConfig } from './client-config'
import { crawlPostgres } from './crawl-postgres'
import { PostgresLookup } from './lookup-postgres'
import { runCheck, type CheckContext, type CheckOutcome } from '../shared/run-check'
import { parsePostgresSource, type PostgresTarget } from './parse-url'
import { translatePostgresError } from './translate-error'

/** PostgreSQL: `select version()` as the real request; options.databases are each proven. */
export class PostgresConnector implements Connector {
  readonly kind = 'postgres' as const

  private lookups: PostgresLookup | undefined

  constructor(private readonly source: ResolvedSource) {}

  check(opts: CheckOptions = {}): Promise<ConnectionCheck> {
    return runCheck(
      {
        kind: this.kind,
        secrets: [this.source.password ?? ''],
        translate: translatePostgresError,
        run: (ctx) => this.runCheck(ctx),
      },
      opts,
    )
  }

  private async runCheck(ctx: CheckContext): Promise<CheckOutcome> {
    const target = parsePostgresSource(this.source)
    ctx.setTarget([target.endpoint], target.sslMode !== 'disable')
    await ctx.preflight()
    // An SSLRequest answers in one byte: a non-PostgreSQL port is named now, not at the timeout.
    await ctx.probeProtocol()
    const client = await connect(target, target.database, ctx)
    const row = await ctx.timed(async () => {
      const res = await client.query<{
        version: string
        server_version: string
        current_user: string
        ssl: boolean | null
      }>(
        `select version() as version, current_setting('server_version') as server_version, current_user,
                (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as ssl`,
      )
      return res.rows[0]
    })
    ctx.markAuthenticated()
    // Every extra database is opened in turn: the check must prove the user can read each one.
    for (const database of target.extraDatabases) {
      const extra = await connect(target, database, ctx)
      await extra.query('select 1')
    }
    const version = row?.server_version.split(' ')[0] ?? 'unknown'
    return {
      serverVersion: `PostgreSQL ${version}`,
      details: {
        host: target.endpoint.host,
        port: target.endpoint.port,
        database: target.database,
        user: row?.current_user ?? '',
        tls: row?.ssl === true,
        databasesChecked: 1 + target.extraDatabases.length,
        versionString: row?.version ?? '',
      },
    }
  }

  /** Set-based pg_catalog reads per database, each in a READ ONLY transaction (crawl-queries.ts). */
  crawl(opts: CrawlOptions = {}): AsyncIterable<CrawlBatch> {
    return crawlPostgres(this.source, opts)
  }

  /** One parameterised, read-only SELECT per step on a connection kept until close (lookup-postgres.ts). */
  lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    this.lookups ??= new PostgresLookup(this.source)
    return this.lookups.lookup(q, opts)
  }

  async close(): Promise<void> {
    // check() and crawl() close their own connections; lookups keep theirs until now.
    const lookups = this.lookups
    this.lookups = undefined
    await lookups?.close()
  }
}

async function connect(
  target: PostgresTarget,
  database: string,
  ctx: CheckContext,
): Promise<pg.Client> {
  const client = new pg.Client(
    pgClientConfig(target, database, Math.max(1, ctx.remainingMs()), 'sightline-check'),
  )
  // Errors after connect (server restarts, resets) arrive as events; the check reports them.
  client.on('error', () => {})
  ctx.defer(() => client.end())
  await client.connect()
  return client
}

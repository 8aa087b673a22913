import mssql from 'mssql'
import type { ConnectionCheck } from '../../../shared/api'
import type {
  CheckOptions,
  Connector,
  LookupOutcome,
  LookupQuery,
  ResolvedSource,
} from '../connector'
import type { CrawlBatch, CrawlOptions } from '../crawl-model'
import { crawlSqlServer } from './crawl-sqlserver'
import { SqlServerLookup } from './lookup-sqlserver'
import { runCheck, type CheckContext, type CheckOutcome } from '../shared/run-check'
import { parseSqlServerSource, type SqlServerTarget } from './parse-connection'
import { translateSqlServerError } from './translate-error'

interface VersionRow {
  version: string
  productVersion: string
  edition: string
  login: string
  databaseName: string
}

/** SQL Server through mssql/tedious: `SELECT @@VERSION, SERVERPROPERTY('ProductVersion')`. */
export class SqlServerConnector implements Connector {
  readonly kind = 'sqlserver' as const

  private lookups: SqlServerLookup | undefined

  constructor(private readonly source: ResolvedSource) {}

  check(opts: CheckOptions = {}): Promise<ConnectionCheck> {
    let secrets = [this.source.password ?? '']
    return runCheck(
      {
        kind: this.kind,
        get secrets() {
          return secrets
        },
        translate: translateSqlServerError,
        run: (ctx) =>
          this.runCheck(ctx, (target) => {
            secrets = [...secrets, target.password ?? '']
          }),
      },
      opts,
    )
  }

  private async runCheck(
    ctx: CheckContext,
    onTarget: (t: SqlServerTarget) => void,
  ): Promise<CheckOutcome> {
    const target = parseSqlServerSource(this.source)
    onTarget(target)
    ctx.setTarget([target.endpoint], target.encrypt)
    // A named instance's port comes from the SQL Browser (UDP 1434): no TCP preflight then.
    if (!target.instanceName) await ctx.preflight()
    const pool = new mssql.ConnectionPool(poolConfig(target, ctx.remainingMs()))
    pool.on('error', () => {})
    ctx.defer(() => pool.close())
    await pool.connect()
    const result = await ctx.timed(() =>
      pool.request().query<VersionRow>(
        `SELECT @@VERSION AS version, CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS productVersion,
                CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition, SUSER_SNAME() AS login, DB_NAME() AS databaseName`,
      ),
    )
    ctx.markAuthenticated()
    const row = result.recordset[0]
    const release = /Microsoft SQL Server (\d{4})/.exec(row?.version ?? '')?.[1]
    return {
      serverVersion: `SQL Server ${release ? `${release} ` : ''}(${row?.productVersion ?? 'unknown'})`,
      details: {
        host: target.endpoint.host,
        port: target.endpoint.port,
        database: row?.databaseName ?? '',
        login: row?.login ?? '',
        edition: row?.edition ?? '',
        encrypt: target.encrypt,
      },
    }
  }

  /** Set-based sys.* reads per database (crawl-queries.ts); one pool per database, then closed. */
  crawl(opts: CrawlOptions = {}): AsyncIterable<CrawlBatch> {
    return crawlSqlServer(this.source, opts)
  }

  /** One parameterised SELECT TOP batch per step on a pool kept until close (lookup-sqlserver.ts). */
  lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    this.lookups ??= new SqlServerLookup(this.source)
    return this.lookups.lookup(q, opts)
  }

  async close(): Promise<void> {
    // check() and crawl() close their own pools; lookups keep theirs until now.
    const lookups = this.lookups
    this.lookups = undefined
    await lookups?.close()
  }
}

function poolConfig(target: SqlServerTarget, budgetMs: number): mssql.config {
  const budget = Math.max(1, budgetMs)
  return {
    server: target.endpoint.host,
    port: target.instanceName ? undefined : target.endpoint.port,
    database: target.database,
    user: target.user,
    password: target.password,
    connectionTimeout: budget,
    requestTimeout: budget,
    pool: { min: 0, max: 1 },
    options: {
      encrypt: target.encrypt,
      trustServerCertificate: target.trustServerCertificate,
      instanceName: target.instanceName,
      appName: 'sightline-check',
    },
  }
}

/**
 * Sightline's side of the crawl benchmark: the whole estate crawled through the one API
 * (createApiHost on a temporary workspace, startCrawl as a job, then the JSON export), the
 * PostgreSQL connector alone (per-database statements and the sample SELECTs the SQL floor
 * replays), and the cancel latency.
 */
import { rmSync } from 'node:fs'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { createConnector, type Connector, type ResolvedSource } from '../../src/main/connectors'
import type { CrawlTable } from '../../src/main/connectors/crawl-model'
import { sampleStatement } from '../../src/main/connectors/postgres/sample-rows'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { CrawlJobResult, CrawlSummary } from '../../src/shared/model/catalog'
import type { JobView } from '../../src/shared/model/jobs'
import { makeWorkspace, pgSource, type EstateEnv, type PgLogin } from './bench-workspace'

const FINISHED = new Set(['succeeded', 'failed', 'cancelled'])
const now = (): number => Number(process.hrtime.bigint()) / 1e6

/** Connectors as the API creates them, with the moment each close() resolved. */
function trackedConnectors(): {
  create: (source: ResolvedSource) => Connector
  closedAt: Map<string, number>
  created: Set<string>
} {
  const closedAt = new Map<string, number>()
  const created = new Set<string>()
  const create = (source: ResolvedSource): Connector => {
    const inner = createConnector(source)
    const id = `${source.name}#${created.size}`
    created.add(id)
    return Object.assign(Object.create(inner) as Connector, {
      async close() {
        await inner.close()
        closedAt.set(id, now())
      },
    })
  }
  return { create, closedAt, created }
}

/** Where and as whom the benchmark crawls. */
export interface Target {
  env: EstateEnv
  databases: string[]
  login: PgLogin
}

async function openHost(target: Target, create: (s: ResolvedSource) => Connector) {
  const { env } = target
  const dir = makeWorkspace(env, target.databases, target.login)
  const host = await createApiHost({
    workspaceDir: dir,
    mode: 'serve',
    secretStore: new MemorySecretStore(),
    actor: 'bench',
    env: { ...process.env, ...env },
    createConnector: create,
  })
  return { dir, host }
}

/** Resolves with the job's view once it is succeeded, failed or cancelled. */
function jobEnd(host: ApiHost, jobId: string): Promise<{ job: JobView; at: number }> {
  return new Promise((resolve) => {
    const off = host.subscribe((e) => {
      if (e.topic === 'job' && e.job.id === jobId && FINISHED.has(e.job.state)) {
        off()
        resolve({ job: e.job, at: now() })
      }
    })
    void host.api.getJob({ id: jobId }).then((job) => {
      if (FINISHED.has(job.state)) {
        off()
        resolve({ job, at: now() })
      }
    })
  })
}

export interface ApiCrawlResult {
  wallMs: number
  state: JobView['state']
  error?: string
  crawls: CrawlSummary[]
  exportJson?: string
  exportError?: string
}

/** What one API crawl asks for: every source with the default sample unless told. */
export interface CrawlRequest {
  sources?: string[]
  sampleSize?: number
  /** Export the catalogue as JSON after the job (default true). */
  exportJson?: boolean
}

/**
 * startCrawl (every source unless `request.sources`), timed from the call to the job's end, on a
 * fresh workspace; then the JSON export.
 */
export async function crawlViaApi(
  target: Target,
  request: CrawlRequest = {},
): Promise<ApiCrawlResult> {
  const tracked = trackedConnectors()
  const { dir, host } = await openHost(target, tracked.create)
  try {
    const t0 = now()
    const { jobId } = await host.api.startCrawl({
      ...(request.sources ? { sources: request.sources } : {}),
      ...(request.sampleSize !== undefined ? { sampleSize: request.sampleSize } : {}),
    })
    const { job, at } = await jobEnd(host, jobId)
    const crawls = (job.result as CrawlJobResult | undefined)?.crawls ?? []
    const out: ApiCrawlResult = { wallMs: at - t0, state: job.state, crawls }
    if (job.error) out.error = `${job.error.code}: ${job.error.message}`
    if (request.exportJson === false) return out
    try {
      out.exportJson = (await host.api.exportCatalog({ format: 'json' })).content
    } catch (err) {
      out.exportError = err instanceof Error ? err.message : String(err)
    }
    return out
  } finally {
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface CancelResult {
  /** From cancelJob to the job's `cancelled` event. */
  jobCancelledMs: number
  /** From cancelJob to the last connector's close() resolving (undefined: none was open). */
  connectorsClosedMs?: number
  /** From cancelJob until the host closed, which waits for the crawl's work to settle. */
  settledMs: number
  connectorsCreated: number
  connectorsClosed: number
  state: JobView['state']
}

/** Starts a whole-estate crawl, cancels it after `afterMs`, and times how long that takes. */
export async function measureCancel(target: Target, afterMs = 1000): Promise<CancelResult> {
  const tracked = trackedConnectors()
  const { dir, host } = await openHost(target, tracked.create)
  let closed = false
  try {
    const { jobId } = await host.api.startCrawl({})
    const end = jobEnd(host, jobId)
    await new Promise((r) => setTimeout(r, afterMs))
    const t0 = now()
    await host.api.cancelJob({ id: jobId })
    const { job, at } = await end
    // Close() of connectors still open at the cancel comes from the pipeline's own clean-up.
    const deadline = Date.now() + 10_000
    while (tracked.closedAt.size < tracked.created.size && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5))
    const closes = [...tracked.closedAt.values()].filter((t) => t >= t0)
    await host.close()
    closed = true
    const settled = now()
    return {
      jobCancelledMs: at - t0,
      ...(closes.length > 0 ? { connectorsClosedMs: Math.max(...closes) - t0 } : {}),
      settledMs: settled - t0,
      connectorsCreated: tracked.created.size,
      connectorsClosed: tracked.closedAt.size,
      state: job.state,
    }
  } finally {
    if (!closed) await host.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export interface PgConnectorResult {
  ms: number
  databases: Array<{
    database: string
    tables: number
    views: number
    statements: number
    sampleStatements: number
    ms: number
    error?: string
  }>
  /** The sample SELECTs the connector sends, per database, for the raw sample floor. */
  sampleSql: Map<string, string[]>
}

/** The PostgreSQL connector alone (no pipeline, no store): timing and statements per database. */
export async function crawlPgConnector(
  target: Target,
  sampleSize = 100,
): Promise<PgConnectorResult> {
  const connector = createConnector(pgSource(target.env, target.databases, target.login))
  const out: PgConnectorResult = { ms: 0, databases: [], sampleSql: new Map() }
  const t0 = now()
  let t = t0
  try {
    for await (const batch of connector.crawl!({ sampleSize })) {
      const at = now()
      if (batch.kind === 'database') {
        const tables: CrawlTable[] = batch.tables
        out.databases.push({
          database: batch.database,
          tables: tables.filter((x) => x.kind === 'table').length,
          views: tables.filter((x) => x.kind === 'view').length,
          statements: batch.statements,
          sampleStatements: batch.sampleStatements ?? 0,
          ms: at - t,
        })
        out.sampleSql.set(
          batch.database,
          // Views are not sampled (sample-rows.ts): neither are they in the floor.
          tables.flatMap((x) =>
            x.kind === 'table' ? (sampleStatement(x, sampleSize)?.sql ?? []) : [],
          ),
        )
      } else if (batch.kind === 'error') {
        out.databases.push({
          database: batch.database,
          tables: 0,
          views: 0,
          statements: 0,
          sampleStatements: 0,
          ms: at - t,
          error: `${batch.error.code}: ${batch.error.message}`,
        })
      }
      t = now()
    }
  } finally {
    await connector.close()
  }
  out.ms = now() - t0
  return out
}

export interface ConnectorAloneResult {
  source: string
  ms: number
  assets: number
  statements: number
  partErrors: number
}

/**
 * One non-relational source's connector alone (no pipeline, no store, no other source beside it):
 * what the source costs before the pipeline and the concurrency of a whole-estate job add theirs.
 */
export async function crawlConnectorAlone(
  source: ResolvedSource,
  opts: { schemaRegistry?: ResolvedSource } = {},
): Promise<ConnectorAloneResult> {
  const connector = createConnector(source)
  const out: ConnectorAloneResult = {
    source: source.name,
    ms: 0,
    assets: 0,
    statements: 0,
    partErrors: 0,
  }
  const t0 = now()
  try {
    for await (const batch of connector.crawl!({
      sampleSize: 100,
      ...(opts.schemaRegistry ? { schemaRegistry: opts.schemaRegistry } : {}),
    })) {
      if (batch.kind === 'assets') {
        out.assets += batch.assets.length
        out.statements += batch.statements ?? 0
      } else if (batch.kind === 'part-error' || batch.kind === 'error') out.partErrors++
    }
  } finally {
    await connector.close()
  }
  out.ms = now() - t0
  return out
}

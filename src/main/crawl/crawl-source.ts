import { ApiError, toApiError, type ApiErrorShape } from '../../shared/api/errors'
import type { CatalogAsset, CrawlStatus, CrawlSummary } from '../../shared/model/catalog'
import type { SourceKind } from '../../shared/model/sources'
import { buildUrn } from '../../shared/urn'
import type { Connector, ResolvedSource } from '../connectors/connector'
import type { CrawlBatch, CrawlOptions } from '../connectors/crawl-model'
import { redactDeep } from '../secrets/redact'
import type { CatalogRepository } from '../store/catalog-repository'
import { relationalAssets } from './relational-assets'
import { valueStats } from './value-stats'

/**
 * Issue 5's classifier plugs in here: it sees the assets and the raw samples of one source's crawl
 * before they are stored, and returns the assets to store (with classifications added).
 */
export type ClassifyHook = (
  assets: CatalogAsset[],
  samples: ReadonlyMap<string, readonly unknown[]>,
) => CatalogAsset[] | Promise<CatalogAsset[]>

/**
 * Issue 6's lineage inference plugs in here: it sees the assets and raw samples of a committed
 * crawl (succeeded or partial) after the commit, and keeps sketches of keyed hashes of them.
 * Its failure never fails the crawl.
 */
export type SketchHook = (crawl: {
  source: string
  assets: readonly CatalogAsset[]
  samples: ReadonlyMap<string, readonly unknown[]>
}) => Promise<void>

export interface SourceProgressUpdate {
  state: 'running' | Exclude<CrawlStatus, 'running'>
  done: number
  total?: number
  assets: number
  message?: string
  crawlId?: string
  error?: ApiErrorShape
}

export interface CrawlSourceDeps {
  repository: CatalogRepository
  createConnector: (source: ResolvedSource) => Connector
  classify?: ClassifyHook
  sketch?: SketchHook
  now: () => Date
}

export interface CrawlSourceRequest {
  name: string
  platform: SourceKind
  /** Resolves the source (and, for Kafka, its schema registry) to what a connector takes. */
  resolve: () => Promise<{ source: ResolvedSource; schemaRegistry?: ResolvedSource }>
  sampleSize?: number
  /** The job's signal: cancelling it records the crawl as `cancelled`. */
  signal: AbortSignal
  timeoutMs: number
  onProgress: (update: SourceProgressUpdate) => void
}

export interface CrawlSourceResult {
  summary: CrawlSummary
  /** Raw samples of a committed crawl (succeeded / partial), for the sample cache. */
  samples?: Map<string, unknown[]>
}

/** Stays below a human's notice but lets a hung driver's close not hold the job. */
const CLOSE_GRACE_MS = 2_000

/**
 * One source's crawl, start to finish: record it, stream the connector's batches into catalogue
 * assets and value statistics, decide its status and commit it (DESIGN.md §6). Never rejects for
 * the source's own problems: they end up in the returned crawl's error.
 */
export async function crawlOneSource(
  deps: CrawlSourceDeps,
  req: CrawlSourceRequest,
): Promise<CrawlSourceResult> {
  const startedAt = deps.now().toISOString()
  const crawlId = await deps.repository.beginCrawl({
    source: req.name,
    platform: req.platform,
    startedAt,
  })
  const assets: CatalogAsset[] = []
  const samples = new Map<string, unknown[]>()
  const partErrors: Array<{ part: string; error: ApiErrorShape }> = []
  const carryForward: string[] = []
  let statements = 0
  let done = 0
  let total: number | undefined
  let secrets: Array<string | undefined> = []
  // Connectors that do not report progress themselves count a part per batch.
  let connectorCounts = false
  const report = (extra: Partial<SourceProgressUpdate> = {}) =>
    req.onProgress({
      state: 'running',
      done,
      assets: assets.length,
      crawlId,
      ...(total === undefined ? {} : { total }),
      ...extra,
    })

  // The source's own signal: the job's cancel, or this source's overall timeout.
  const controller = new AbortController()
  const onJobAbort = () => controller.abort(req.signal.reason)
  if (req.signal.aborted) onJobAbort()
  else req.signal.addEventListener('abort', onJobAbort, { once: true })
  const timer = setTimeout(
    () =>
      controller.abort(
        new ApiError(
          'timeout',
          `The crawl of ${req.name} did not finish within ${Math.round(req.timeoutMs / 1000)} s.`,
          {
            reason: 'crawl-timeout',
          },
        ),
      ),
    req.timeoutMs,
  )
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(controller.signal.reason)
    if (controller.signal.aborted) fail()
    else controller.signal.addEventListener('abort', fail, { once: true })
  })
  aborted.catch(() => undefined)

  let connector: Connector | undefined
  let failure: ApiErrorShape | undefined
  try {
    report()
    const resolved = await Promise.race([req.resolve(), aborted])
    secrets = [resolved.source.password, resolved.schemaRegistry?.password]
    connector = deps.createConnector(resolved.source)
    if (!connector.crawl)
      throw new ApiError(
        'unsupported',
        `Crawling ${req.platform} sources is not available in this build yet.`,
        {
          kind: req.platform,
        },
      )
    const opts: CrawlOptions = {
      signal: controller.signal,
      onProgress: (p) => {
        connectorCounts = true
        done = p.done
        if (p.total !== undefined) total = p.total
        report(p.message === undefined ? {} : { message: p.message })
      },
    }
    if (req.sampleSize !== undefined) opts.sampleSize = req.sampleSize
    if (resolved.schemaRegistry) opts.schemaRegistry = resolved.schemaRegistry
    const iterator = connector.crawl(opts)[Symbol.asyncIterator]()
    try {
      for (;;) {
        // Raced against the signal: a connector that ignores it cannot hold the crawl.
        const next = await Promise.race([iterator.next(), aborted])
        if (next.done) break
        statements += takeBatch(next.value, req, assets, samples, partErrors, carryForward)
        if (!connectorCounts) done++
        report()
      }
    } finally {
      if (controller.signal.aborted)
        void Promise.resolve(iterator.return?.()).catch(() => undefined)
    }
  } catch (err) {
    failure = toApiError(err)
  } finally {
    clearTimeout(timer)
    req.signal.removeEventListener('abort', onJobAbort)
    // After a cancel or timeout the close is not waited for: the crawl's record must not wait on
    // a driver that ignored the signal.
    if (connector) {
      if (controller.signal.aborted) void closeQuietly(connector)
      else await closeQuietly(connector)
    }
  }

  const status: Exclude<CrawlStatus, 'running'> = req.signal.aborted
    ? 'cancelled'
    : failure
      ? 'failed'
      : partErrors.length > 0 && assets.length === 0
        ? 'failed'
        : partErrors.length > 0
          ? 'partial'
          : 'succeeded'
  if (status === 'cancelled') failure = { code: 'cancelled', message: 'The crawl was cancelled.' }
  if (status === 'failed' && !failure)
    failure =
      partErrors.length === 1
        ? partErrors[0]!.error
        : {
            code: partErrors[0]!.error.code,
            message: `Every part of ${req.name} failed (${partErrors.length}); the first: ${partErrors[0]!.error.message}`,
          }

  for (const asset of assets)
    for (const field of asset.fields) {
      const values = samples.get(field.urn)
      if (values && values.length > 0) field.values = valueStats(values)
    }
  let stored = assets
  if (deps.classify && (status === 'succeeded' || status === 'partial'))
    stored = await deps.classify(assets, samples)

  const outcome = redactDeep(
    {
      status,
      endedAt: deps.now().toISOString(),
      ...(failure ? { error: failure } : {}),
      ...(partErrors.length > 0 ? { partErrors } : {}),
      ...(status === 'partial' && carryForward.length > 0 ? { carryForward } : {}),
      statements,
    },
    secrets,
  )
  const summary = await deps.repository.finishCrawl(crawlId, { ...outcome, assets: stored })
  if (deps.sketch && (status === 'succeeded' || status === 'partial'))
    // Sketches are an aid to lineage inference: a failure to keep them leaves the crawl as it is.
    await deps.sketch({ source: req.name, assets: stored, samples }).catch(() => undefined)
  req.onProgress({
    state: status,
    done,
    ...(total === undefined ? {} : { total }),
    assets: stored.length,
    crawlId,
    ...(outcome.error ? { error: outcome.error } : {}),
  })
  return status === 'succeeded' || status === 'partial' ? { summary, samples } : { summary }
}

/** Folds one batch into the crawl; returns the statements it reports. */
function takeBatch(
  batch: CrawlBatch,
  req: CrawlSourceRequest,
  assets: CatalogAsset[],
  samples: Map<string, unknown[]>,
  partErrors: Array<{ part: string; error: ApiErrorShape }>,
  carryForward: string[],
): number {
  const addSamples = (s: Record<string, unknown[]> | undefined) => {
    for (const [urn, values] of Object.entries(s ?? {})) samples.set(urn, values)
  }
  switch (batch.kind) {
    case 'database':
      assets.push(...relationalAssets(batch, req.platform))
      addSamples(batch.samples)
      return batch.statements
    case 'assets': {
      const first = batch.assets[0]
      if (first && batch.notes?.length) first.notes = [...(first.notes ?? []), ...batch.notes]
      assets.push(...batch.assets)
      addSamples(batch.samples)
      return batch.statements ?? 0
    }
    case 'error':
      partErrors.push({ part: batch.database, error: batch.error })
      carryForward.push(buildUrn(req.platform, req.name, [batch.database]))
      return 0
    case 'part-error':
      partErrors.push({ part: batch.part, error: batch.error })
      // Parts that name a URN carry forward what was under them; others (`topics`) name no asset.
      carryForward.push(
        batch.part.includes('://') ? batch.part : buildUrn(req.platform, req.name, [batch.part]),
      )
      return 0
  }
}

async function closeQuietly(connector: Connector): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    connector.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_GRACE_MS)
    }),
  ])
  clearTimeout(timer)
}

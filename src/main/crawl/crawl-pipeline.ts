import type { ApiErrorShape } from '../../shared/api/errors'
import type { CrawlJobResult, CrawlSourceProgress, CrawlSummary } from '../../shared/model/catalog'
import type { SourceKind } from '../../shared/model/sources'
import type { ResolvedSource } from '../connectors/connector'
import { crawlOneSource, type CrawlSourceDeps, type SourceProgressUpdate } from './crawl-source'
import type { SampleCache } from './sample-cache'

export type { ClassifyHook, SketchHook } from './crawl-source'

export const DEFAULT_CRAWL_CONCURRENCY = 4
export const DEFAULT_SOURCE_TIMEOUT_MS = 10 * 60_000
/** Progress of one source is pushed at most this often (state changes go at once). */
export const PROGRESS_INTERVAL_MS = 100

export interface CrawlPipelineDeps extends CrawlSourceDeps {
  sampleCache: SampleCache
  /** A source of sources.yaml by name, resolved (env references, secret) for a connector. */
  resolveSource: (name: string) => Promise<ResolvedSource>
}

export interface CrawlRunOptions {
  sources: Array<{ name: string; kind: SourceKind }>
  sampleSize?: number
  signal: AbortSignal
  /** How many sources crawl at once (default 4). */
  concurrency?: number
  /** Overall budget of one source's crawl (default 10 min). */
  sourceTimeoutMs?: number
  /** Every change of a source's progress, throttled to ~10 a second per source. */
  onProgress: (progress: CrawlSourceProgress) => void
  /** Sources finished so far, for the job's own progress. */
  onSourceDone?: (done: number, total: number) => void
}

/**
 * The crawl pipeline (DESIGN.md §3, §6): connector batches -> catalogue assets and value
 * statistics -> (classify, issue 5) -> the store, per source, with bounded concurrency. A failing,
 * hanging or slow source never stops the others; each ends as its own crawl record.
 */
export async function runCrawl(
  deps: CrawlPipelineDeps,
  opts: CrawlRunOptions,
): Promise<CrawlJobResult> {
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CRAWL_CONCURRENCY)
  const timeoutMs = opts.sourceTimeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS
  const throttles = opts.sources.map((s) => progressThrottle(s.name, s.kind, opts.onProgress))
  throttles.forEach((t) => t.push({ state: 'queued', done: 0, assets: 0 }, true))

  const crawls: Array<CrawlSummary | undefined> = new Array(opts.sources.length)
  let next = 0
  let finished = 0
  const worker = async () => {
    while (next < opts.sources.length && !opts.signal.aborted) {
      const index = next++
      const source = opts.sources[index]!
      const throttle = throttles[index]!
      const result = await crawlOneSource(deps, {
        name: source.name,
        platform: source.kind,
        resolve: () => resolveWithRegistry(deps, source.name),
        ...(opts.sampleSize === undefined ? {} : { sampleSize: opts.sampleSize }),
        signal: opts.signal,
        timeoutMs,
        onProgress: (update) =>
          throttle.push(update, update.state !== 'running' || update.done === 0),
      }).catch((err: unknown) => {
        // Only the store can fail here (beginCrawl / finishCrawl): report it for this source.
        const error: ApiErrorShape = {
          code: 'internal',
          message: `The crawl of ${source.name} could not be recorded: ${err instanceof Error ? err.message : 'store failure'}`,
        }
        throttle.push({ state: 'failed', done: 0, assets: 0, error }, true)
        return undefined
      })
      throttle.close()
      if (result) {
        crawls[index] = result.summary
        if (result.samples)
          deps.sampleCache.put(
            source.name,
            Object.fromEntries(result.samples),
            result.summary.endedAt ?? result.summary.startedAt,
          )
      }
      opts.onSourceDone?.(++finished, opts.sources.length)
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(concurrency, opts.sources.length) }, () => worker()),
  )
  return { crawls: crawls.filter((c): c is CrawlSummary => c !== undefined) }
}

/** The source, and for Kafka the schema registry named by its options.schemaRegistry. */
async function resolveWithRegistry(
  deps: CrawlPipelineDeps,
  name: string,
): Promise<{ source: ResolvedSource; schemaRegistry?: ResolvedSource }> {
  const source = await deps.resolveSource(name)
  const registryName = source.options.schemaRegistry
  if (source.kind !== 'kafka' || typeof registryName !== 'string' || registryName === '')
    return { source }
  return { source, schemaRegistry: await deps.resolveSource(registryName) }
}

interface ProgressThrottle {
  push(
    update: SourceProgressUpdate | Omit<CrawlSourceProgress, 'source' | 'platform'>,
    now: boolean,
  ): void
  close(): void
}

/** Keeps the newest progress of one source and sends it at most every PROGRESS_INTERVAL_MS. */
function progressThrottle(
  source: string,
  platform: SourceKind,
  send: (progress: CrawlSourceProgress) => void,
): ProgressThrottle {
  let pending: CrawlSourceProgress | undefined
  let lastSent = 0
  let timer: NodeJS.Timeout | undefined
  let closed = false
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!pending) return
    const progress = pending
    pending = undefined
    lastSent = Date.now()
    send(progress)
  }
  return {
    push(update, now) {
      if (closed) return
      pending = { source, platform, ...update }
      const wait = lastSent + PROGRESS_INTERVAL_MS - Date.now()
      if (now || wait <= 0) flush()
      else timer ??= setTimeout(flush, wait)
    },
    close() {
      flush()
      closed = true
    },
  }
}

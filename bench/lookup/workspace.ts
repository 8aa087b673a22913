/**
 * A workspace for the lookup benches, made the way the integration tests make one
 * (test/integration/lookup-api.test.ts): a copy of the repository's catalog/ (sources, lineage,
 * model, decisions), opened with createApiHost in `serve` mode, crawled through the API. A `dir`
 * that already holds a crawled store is reused as it is (bench-scale runs cache it under /tmp).
 */
import { cpSync, existsSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { workspacePaths } from '../../src/main/workspace/workspace'
import type { LookupInput, LookupResult } from '../../src/shared/model/lookup'
import { crawlToEnd, jobEnd } from '../../test/support/crawl-job'
import { REPO_ROOT } from './results-file'

export interface LookupWorkspace {
  dir: string
  host: ApiHost
  /** Crawl wall time, or null when an already crawled workspace was reused. */
  crawlMs: number | null
  /** Wall time of the lookup index build (catch-up) before the first lookup. */
  indexMs: number
}

export async function openLookupWorkspace(opts: {
  env: Record<string, string>
  dir?: string
  sampleSize?: number
  /** Build (catch up) the lookup index before returning; quality needs it, speed decides itself. */
  buildIndex?: boolean
}): Promise<LookupWorkspace> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'sightline-lookup-bench-'))
  const crawled = existsSync(workspacePaths(dir).storeFile)
  if (!existsSync(path.join(dir, 'catalog')))
    cpSync(path.join(REPO_ROOT, 'catalog'), path.join(dir, 'catalog'), { recursive: true })
  const host = await createApiHost({
    workspaceDir: dir,
    mode: 'serve',
    secretStore: new MemorySecretStore(),
    actor: 'bench-lookup',
    env: { ...process.env, ...opts.env } as Record<string, string>,
  })
  let crawlMs: number | null = null
  if (!crawled) {
    const started = performance.now()
    await crawlToEnd(host, { sampleSize: opts.sampleSize ?? 50 })
    crawlMs = performance.now() - started
  }
  // Topics reachable only through the lookup index (null keys, identifiers inside values) are
  // found only once it has caught up: build it once, as `sightline lookup-index build` does.
  const indexStarted = performance.now()
  if (!opts.buildIndex) return { dir, host, crawlMs, indexMs: 0 }
  const built = await host.api.controlLookupIndex({ action: 'build' })
  if (built.jobId) {
    const job = await jobEnd(host, built.jobId)
    if (job.state !== 'succeeded')
      throw new Error(`lookup index build ${job.state}: ${job.error?.message ?? ''}`)
  }
  return { dir, host, crawlMs, indexMs: performance.now() - indexStarted }
}

export interface LookupOutcome {
  result?: LookupResult
  error?: string
  ms: number
}

/** One whole lookup through the API, start to merged result, timed. Errors are returned. */
export async function lookUp(
  host: ApiHost,
  input: LookupInput,
  opts: { scans: 'skip' | 'warn' | 'allow'; timeoutMs?: number; reason?: string },
): Promise<LookupOutcome> {
  const started = performance.now()
  try {
    const { jobId, lookupId } = await host.api.startLookup({
      input,
      reason: opts.reason ?? 'bench/lookup: quality and speed measurement',
      scans: opts.scans,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    })
    const job = await jobEnd(host, jobId)
    if (job.state !== 'succeeded')
      return {
        error: `job ${job.state}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`,
        ms: performance.now() - started,
      }
    const result = await host.api.getLookup({ lookupId })
    return { result, ms: performance.now() - started }
  } catch (e) {
    const err = e as { code?: string; message?: string; details?: { reason?: string } }
    return {
      error: `${err.code ?? 'error'}${err.details?.reason ? ` (${err.details.reason})` : ''}: ${err.message ?? String(e)}`,
      ms: performance.now() - started,
    }
  }
}

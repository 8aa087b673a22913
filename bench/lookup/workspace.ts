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
}

export async function openLookupWorkspace(opts: {
  env: Record<string, string>
  dir?: string
  sampleSize?: number
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
  if (crawled) return { dir, host, crawlMs: null }
  const started = performance.now()
  await crawlToEnd(host, { sampleSize: opts.sampleSize ?? 50 })
  return { dir, host, crawlMs: performance.now() - started }
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

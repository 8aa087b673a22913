/**
 * A temporary workspace of the reference estate for the lineage quality bench: the repository's
 * sources.yaml only (no catalog/lineage/, no catalog/model/, no decisions), crawled through the
 * one API with a given sample size. The workspace is kept until `dispose`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { CrawlJobResult } from '../../src/shared/model/catalog'

export interface CrawledWorkspace {
  dir: string
  crawl: CrawlJobResult
  crawlMs: number
  dispose(): void
}

export async function crawlEstateWorkspace(opts: {
  repoRoot: string
  env: Record<string, string>
  sampleSize: number
  dir?: string
}): Promise<CrawledWorkspace> {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'sightline-lineage-bench-'))
  mkdirSync(path.join(dir, 'catalog'), { recursive: true })
  copyFileSync(
    path.join(opts.repoRoot, 'catalog', 'sources.yaml'),
    path.join(dir, 'catalog', 'sources.yaml'),
  )
  const host: ApiHost = await createApiHost({
    workspaceDir: dir,
    mode: 'serve',
    secretStore: new MemorySecretStore(),
    actor: 'bench',
    env: { ...process.env, ...opts.env },
  })
  const started = performance.now()
  try {
    const { jobId } = await host.api.startCrawl({ sampleSize: opts.sampleSize })
    for (;;) {
      const job = await host.api.getJob({ id: jobId })
      if (job.state === 'succeeded') {
        return {
          dir,
          crawl: job.result as CrawlJobResult,
          crawlMs: performance.now() - started,
          dispose: () => rmSync(dir, { recursive: true, force: true }),
        }
      }
      if (job.state !== 'running') throw new Error(`crawl ${job.state}: ${job.error?.message}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await host.close()
  }
}

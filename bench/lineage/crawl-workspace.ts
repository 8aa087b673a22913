/**
 * A temporary workspace of the reference estate for the lineage quality bench: the repository's
 * sources.yaml only (no catalog/lineage/, no catalog/model/, no decisions), where jobs run
 * through the one API as a user would run them: the everyday crawl (`startCrawl`, at the crawl's
 * default sample or a given one) and "Find suggestions" (`findLineageSuggestions`, the profile).
 * The workspace is kept until `dispose`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import type { SightlineApi } from '../../src/shared/api/contract'
import type { CrawlJobResult } from '../../src/shared/model/catalog'

export interface EstateWorkspace {
  dir: string
  /** Runs one job to its end in a fresh host on the workspace; its result and wall time. */
  run(start: (api: SightlineApi) => Promise<{ jobId: string }>): Promise<JobRun>
  dispose(): void
}

export interface JobRun {
  result: CrawlJobResult
  ms: number
}

export function estateWorkspace(opts: {
  repoRoot: string
  env: Record<string, string>
  dir?: string
}): EstateWorkspace {
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'sightline-lineage-bench-'))
  mkdirSync(path.join(dir, 'catalog'), { recursive: true })
  copyFileSync(
    path.join(opts.repoRoot, 'catalog', 'sources.yaml'),
    path.join(dir, 'catalog', 'sources.yaml'),
  )
  return {
    dir,
    async run(start) {
      const host: ApiHost = await createApiHost({
        workspaceDir: dir,
        mode: 'serve',
        secretStore: new MemorySecretStore(),
        actor: 'bench',
        env: { ...process.env, ...opts.env },
      })
      const started = performance.now()
      try {
        const { jobId } = await start(host.api)
        for (;;) {
          const job = await host.api.getJob({ id: jobId })
          if (job.state === 'succeeded')
            return { result: job.result as CrawlJobResult, ms: performance.now() - started }
          if (job.state !== 'running') throw new Error(`job ${job.state}: ${job.error?.message}`)
          await new Promise((r) => setTimeout(r, 200))
        }
      } finally {
        await host.close()
      }
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  }
}

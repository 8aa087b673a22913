/**
 * One worker process of the quality bench (bench/lookup/quality.ts `--workers N`): its share of
 * the lookups, a few at a time, against its own copy of the crawled workspace (one SQLite store
 * per process, nothing shared but the estate), each scored against the truth as it ends and
 * appended to a JSON-lines file the parent reads. A Node process computes on one core; on the
 * shared 2-core machine a second process gets the lookups a share of the other.
 *
 *   npx tsx bench/lookup/quality-worker.ts --job FILE   (written by quality.ts)
 */
import { appendFileSync, readFileSync } from 'node:fs'
import { estateEnvFrom } from './env'
import { scoreLookup, type CaseScore } from './score'
import { loadFileTruth, loadServerTruth } from './truth'
import type { LookupCase } from './variants'
import { lookUp, openLookupWorkspace } from './workspace'

/** What the parent hands a worker. */
export interface WorkerJob {
  envFile: string
  dataDir: string
  workspace: string
  cases: LookupCase[]
  concurrency: number
  scans: 'allow' | 'warn' | 'skip'
  timeoutMs: number
  /** Epoch ms after which no lookup starts. */
  deadline: number
  out: string
}

/** A CaseScore as one JSON line (its per-asset map as entries). */
export function scoreToLine(s: CaseScore): string {
  return `${JSON.stringify({ ...s, assets: [...s.assets] })}\n`
}

export function scoreFromLine(line: string): CaseScore {
  const raw = JSON.parse(line) as Omit<CaseScore, 'assets'> & {
    assets: Array<[string, CaseScore['assets'] extends Map<string, infer V> ? V : never]>
  }
  return { ...raw, assets: new Map(raw.assets) }
}

async function main(): Promise<void> {
  const jobFile = process.argv[process.argv.indexOf('--job') + 1]!
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as WorkerJob
  const env = estateEnvFrom(job.envFile)
  const truth = loadFileTruth(job.dataDir)
  await loadServerTruth(truth, job.dataDir, env)
  const ws = await openLookupWorkspace({ env, dir: job.workspace, buildIndex: true })
  let next = 0
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.cases.length && Date.now() < job.deadline) {
        const c = job.cases[next++]!
        const outcome = await lookUp(ws.host, c.input, {
          scans: job.scans,
          timeoutMs: job.timeoutMs,
        })
        appendFileSync(
          job.out,
          scoreToLine(scoreLookup(truth, c, outcome.result, outcome.ms, outcome.error)),
        )
      }
    }),
  )
  await ws.host.close()
}

if (process.argv.includes('--job'))
  await main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e)
      process.exit(1)
    },
  )

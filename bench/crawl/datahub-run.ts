/**
 * Runs bench/crawl/run-datahub.sh (the DataHub CLI peer) and reads what it wrote: per recipe the
 * whole process's wall time, DataHub's own pipeline time ("produced N events in X seconds"), exit
 * code and failure lines, and the coverage of its file-sink output.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { datahubCoverage } from './coverage-datahub'
import type { Coverage } from './coverage-model'

export interface DatahubRecipeRun {
  source: string
  /** Wall time of the `datahub ingest` process, Python start-up included. */
  seconds: number
  /** DataHub's own pipeline time, from its closing line; undefined if it did not print one. */
  pipelineSeconds?: number
  exitCode: number
  records: number
  events?: number
  /** The first error lines of a failed run (an exception's last line). */
  failure?: string
}

export interface DatahubRun {
  out: string
  recipes: DatahubRecipeRun[]
  totalSeconds: number
  coverage: Coverage
}

function readLog(file: string): { pipelineSeconds?: number; events?: number; failure?: string } {
  if (!existsSync(file)) return {}
  const log = readFileSync(file, 'utf8')
  // The closing line, e.g. "Pipeline finished successfully; produced 8595 events in 3 minutes and
  // 2.5 seconds." (humanfriendly durations); progress lines say "so far" and are not it.
  const done = /^Pipeline finished[^\n]*?produced (\d+) events in ([^\n]*)$/m.exec(log)
  const out: { pipelineSeconds?: number; events?: number; failure?: string } = {}
  if (done) {
    out.events = Number(done[1])
    const unit = { hour: 3600, minute: 60, second: 1 } as const
    let seconds = 0
    for (const m of (done[2] ?? '').matchAll(/([\d.]+) (hour|minute|second)s?/g))
      seconds += Number(m[1]) * unit[m[2] as keyof typeof unit]
    out.pipelineSeconds = seconds
  }
  const errors = log
    .split('\n')
    .filter((l) => /^\w+(\.\w+)*(Error|Failure|Exception): /.test(l))
    .map((l) => l.slice(0, 300))
  if (errors.length > 0) out.failure = errors.at(-1)
  return out
}

/** Runs every recipe once against the estate of `envFile`, output under `out`. */
export async function runDatahub(
  root: string,
  envFile: string,
  out: string,
  login: 'reader' | 'admin' = 'reader',
): Promise<DatahubRun> {
  const script = path.join(root, 'bench/crawl/run-datahub.sh')
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn('bash', [script, '--env', envFile, '--out', out, '--login', login], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let text = ''
    child.stdout.on('data', (d: Buffer) => (text += d.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`run-datahub.sh exited with ${code}`)),
    )
  })
  const recipes: DatahubRecipeRun[] = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => {
      const r = JSON.parse(l) as {
        source: string
        seconds: number
        exitCode: number
        records: number
      }
      return { ...r, ...readLog(path.join(out, `${r.source}.log`)) }
    })
  const totalSeconds = recipes.reduce((s, r) => s + r.seconds, 0)
  return { out, recipes, totalSeconds, coverage: datahubCoverage([out]).coverage }
}

import { execFileSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'
import { codeLine, codeVersion } from '../shared/code-version'
import { procStat, stealShare } from '../shared/machine-cpu'

/** What every bench/graph report says of its run: when, on what, which code, how loaded. */
export interface RunHeader {
  started: Date
  load: number[]
  loadAfter: number[]
  /** Share of the machine's CPU time the host stole over the run (absent before stop 17). */
  steal?: number
  machine: string
  /** Which code ran (bench/shared/code-version.ts); absent in raw results from before stop 14. */
  code?: string
  chromium: string
}

/** Call at the run's start; the function it returns gives the header at its end. */
export function startRun(chromiumPath: string): () => RunHeader {
  const started = new Date()
  const load = loadavg()
  const stat = procStat()
  const chromium = execFileSync(chromiumPath, ['--version']).toString().trim()
  return () => ({
    started,
    load,
    loadAfter: loadavg(),
    steal: stealShare(stat, procStat()),
    code: codeLine(codeVersion()),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    chromium,
  })
}

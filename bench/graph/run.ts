import { procStat, stealShare } from '../shared/machine-cpu'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import type { BenchApi, EngineSetup, ExpandResult, PanResult } from './page/api'
import { benchPageConfig, PAGE_OUT } from './vite.config'
import { runQueryBench, type QueryBenchResult } from './query-bench'
import { startRun } from './run-header'
import { servePage } from './serve-page'
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium'
import { median, writeReport, type ReportInput } from './report'

/**
 * bench/graph (issue 6): the lineage graph engine against cytoscape's default configuration,
 * side by side in one Chromium, plus the main-side depth-5 lineage query. Writes
 * bench/results/graph.md and bench/results/raw/graph.json. See bench/README.md.
 */
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    steps: { type: 'string', default: '60' },
    // Default: bench/results/graph.md, or graph-as-page.md with --as-page.
    out: { type: 'string' },
    'skip-query': { type: 'boolean', default: false },
    // The elements as the Lineage page draws them (displayElements, its stylesheet).
    'as-page': { type: 'boolean', default: false },
    'report-from': { type: 'string' },
  },
})
const rounds = Number(values.rounds)
const steps = Number(values.steps)

export type PanMode = 'drag' | 'panBy'
export type PanView = 'fit' | 'zoom1'

export interface GraphRound {
  round: number
  /** Share of the machine's CPU time the host stole during the round (Linux; bench/shared/machine-cpu.ts). */
  steal?: number
  setup: EngineSetup
  defaultAddMs: number
  pan: Record<PanMode, Record<PanView, { engine: PanResult; default: PanResult; order: string }>>
  /** The same steps on an empty cytoscape instance: what any redraw costs at least here. */
  floor: Record<PanMode, PanResult>
  expand: ExpandResult
}

async function main() {
  const executablePath = chromiumPath()
  const header = startRun(executablePath)
  console.log(`building the bench page (${PAGE_OUT})`)
  await build(benchPageConfig)
  const { server, url } = await servePage(PAGE_OUT)
  const results: GraphRound[] = []
  try {
    for (let round = 1; round <= rounds; round++) {
      const roundStat = procStat()
      const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
      try {
        const page = await browser.newPage({ viewport: { width: 2600, height: 820 } })
        page.on('pageerror', (e) => console.error('page error:', e.message))
        await page.goto(url)
        await page.waitForFunction("document.title === 'ready'")
        const call = <T>(fn: (api: BenchApi, arg: unknown) => T | Promise<T>, arg?: unknown) =>
          page.evaluate(
            ([source, a]) => {
              const f = new Function('api', 'arg', `return (${source})(api, arg)`)
              return f((globalThis as unknown as { graphBench: BenchApi }).graphBench, a)
            },
            [fn.toString(), arg] as const,
          ) as Promise<T>
        const counts = await call((api) => api.counts())
        console.log(`round ${round}: ${counts.nodes} nodes, ${counts.edges} edges; ELK layout…`)
        const setup = await call((api, a) => api.setupEngine(a as boolean), values['as-page'])
        console.log(
          `  layout ${Math.round(setup.layoutMs)} ms, long tasks during: ${setup.longTasksDuringLayout.length}`,
        )
        const defaultAdd = await call((api) => api.setupDefault())
        await call((api) => api.setupFloor())
        const floor = {} as GraphRound['floor']
        for (const mode of ['drag', 'panBy'] as const) {
          floor[mode] = await call(
            (api, a) => {
              const opts = { zoom: 1, steps: (a as { steps: number }).steps, warmupFrames: 60 }
              return (a as { mode: PanMode }).mode === 'drag'
                ? api.drag('floor', opts)
                : api.pan('floor', opts)
            },
            { mode, steps },
          )
          console.log(`  floor ${mode}: ${median(floor[mode].samples).toFixed(2)} ms`)
        }
        const pan = { drag: {}, panBy: {} } as GraphRound['pan']
        for (const mode of ['drag', 'panBy'] as const) {
          for (const zoom of ['fit', 1] as const) {
            const view: PanView = zoom === 'fit' ? 'fit' : 'zoom1'
            // Alternate which goes first, round by round and view by view.
            const order =
              (round + (zoom === 'fit' ? 0 : 1)) % 2 === 1
                ? ['engine', 'default']
                : ['default', 'engine']
            const got: Record<string, PanResult> = {}
            for (const which of order) {
              got[which] = await call(
                (api, a) => {
                  const arg = a as {
                    mode: PanMode
                    which: 'engine' | 'default'
                    zoom: number | 'fit'
                    steps: number
                  }
                  const opts = { zoom: arg.zoom, steps: arg.steps, warmupFrames: 60 }
                  return arg.mode === 'drag' ? api.drag(arg.which, opts) : api.pan(arg.which, opts)
                },
                { mode, which, zoom, steps },
              )
            }
            pan[mode][view] = {
              engine: got.engine!,
              default: got.default!,
              order: order.join(' then '),
            }
            console.log(
              `  ${mode} ${zoom}: engine ${median(got.engine!.samples).toFixed(1)} ms, default ${median(got.default!.samples).toFixed(1)} ms`,
            )
          }
        }
        const expand = await call((api) => api.expand())
        console.log(`  expand 50 fields: ${expand.totalMs.toFixed(0)} ms`)
        const steal = stealShare(roundStat, procStat())
        results.push({ round, steal, setup, defaultAddMs: defaultAdd.addMs, pan, floor, expand })
      } finally {
        await browser.close()
      }
    }
  } finally {
    server.close()
  }
  let query: QueryBenchResult | undefined
  if (!values['skip-query']) query = await runQueryBench(rounds)
  const input: ReportInput = {
    ...header(),
    steps,
    results,
    query,
    ...(values['as-page'] ? { asPage: true } : {}),
  }
  mkdirSync('bench/results/raw', { recursive: true })
  const raw = values['as-page'] ? 'graph-as-page.json' : 'graph.json'
  writeFileSync(`bench/results/raw/${raw}`, JSON.stringify(input, null, 2))
  const report = writeReport(input)
  writeFileSync(outFile(input), report)
  console.log(report)
}

/** `--out`, or the run's own file: graph.md, graph-as-page.md for `--as-page`. */
function outFile(input: ReportInput): string {
  return values.out ?? (input.asPage ? 'bench/results/graph-as-page.md' : 'bench/results/graph.md')
}

/** `--report-from FILE`: write the report again from a run's raw JSON (no browser, no runs). */
function reportFrom(file: string) {
  const input = JSON.parse(readFileSync(file, 'utf8')) as ReportInput & { started: string }
  const report = writeReport({ ...input, started: new Date(input.started) })
  writeFileSync(outFile(input), report)
  console.log(report)
}

if (values['report-from']) reportFrom(values['report-from'])
else await main()

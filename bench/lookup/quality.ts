/**
 * Lookup quality on the small estate (issue 7, "Quality, speed and tests"): 500 random people
 * (fixed seed) looked up through the API by every identifier kind they have, clean and messy;
 * recall of their records per store and asset, records of other people merged in, shared phones
 * linked not merged, and the rank of the right person for name lookups. Writes the `quality`
 * section of bench/results/lookup.md and every miss to /tmp/lookup-quality-misses.md.
 *
 *   npx tsx bench/lookup/quality.ts [--people 500] [--seed lookup-quality-1]
 *     [--variants clean+one|all|one] [--kinds email,mobile,...] [--concurrency 2]
 *     [--scans allow|warn|skip] [--max-minutes M] [--env .estate/estate.env] [--no-write]
 *     [--misses /tmp/lookup-quality-misses.md]
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { Rng } from '../../test/estate/data/prng'
import { estateEnvFrom } from './env'
import { missesFile, qualitySection, type QualityMeta } from './quality-report'
import { arg, commandLine, flag, machineLine, REPO_ROOT, writeSection } from './results-file'
import { scoreLookup, type CaseScore } from './score'
import { loadFileTruth, loadServerTruth } from './truth'
import { casesFor, CASE_KINDS, type CaseKind, type LookupCase } from './variants'
import { lookUp, openLookupWorkspace } from './workspace'

const MISSES_FILE = arg('misses', '/tmp/lookup-quality-misses.md')!

const envFile = arg('env', path.join(REPO_ROOT, '.estate', 'estate.env'))!
const peopleAsked = Number(arg('people', '500'))
const seed = arg('seed', 'lookup-quality-1')!
const mode = arg('variants', 'clean+one') as 'clean+one' | 'all' | 'one'
const kinds = (arg('kinds')?.split(',') ?? CASE_KINDS) as CaseKind[]
const concurrency = Number(arg('concurrency', '2'))
const scans = arg('scans', 'allow') as 'allow' | 'warn' | 'skip'
const maxMinutes = Number(arg('max-minutes', '0'))
const log = (m: string) =>
  console.error(`[bench:lookup ${new Date().toISOString().slice(11, 19)}] ${m}`)

const started = performance.now()
const when = new Date().toISOString()
const machineStart = machineLine()
const env = estateEnvFrom(envFile)
const dataDir = path.join(
  env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate'),
  'data',
  'small',
)

log(`truth from ${dataDir}`)
const truth = loadFileTruth(dataDir)
await loadServerTruth(truth, dataDir, env)
log(
  `truth: ${truth.owners.size} assets${truth.notLoaded.length ? `, not loaded: ${truth.notLoaded.join('; ')}` : ''}`,
)

// 500 people, drawn without replacement by a seeded Fisher-Yates shuffle.
const rng = new Rng(seed)
const order = [...truth.people]
for (let i = order.length - 1; i > 0; i--) {
  const j = rng.int(0, i)
  ;[order[i], order[j]] = [order[j]!, order[i]!]
}
const chosen = order.slice(0, peopleAsked)
const cases: LookupCase[] = chosen.flatMap((p) =>
  casesFor(p, truth.loyalty.get(p.personId) ?? [], rng.fork(p.personId), mode, kinds),
)
log(`${chosen.length} people, ${cases.length} lookups (${mode}), concurrency ${concurrency}`)

const ws = await openLookupWorkspace({ env, buildIndex: true })
log(
  `workspace ${ws.dir}, crawl ${ws.crawlMs === null ? 'reused' : `${Math.round(ws.crawlMs)} ms`}, lookup index ${Math.round(ws.indexMs)} ms`,
)

const scores: CaseScore[] = []
let next = 0
let stoppedEarly = false
const deadline = maxMinutes > 0 ? started + maxMinutes * 60_000 : Infinity
const meta = (): QualityMeta => ({
  command: commandLine('bench/lookup/quality.ts'),
  when,
  machineStart,
  machineEnd: machineLine(),
  seed,
  peopleAsked,
  peopleDone: new Set(scores.map((s) => s.lookup.personId)).size,
  mode,
  scans,
  crawlMs: ws.crawlMs,
  stoppedEarly,
  notLoaded: truth.notLoaded,
  wallMs: performance.now() - started,
})
let lastWrite = performance.now()
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < cases.length) {
      if (performance.now() > deadline) {
        stoppedEarly = true
        return
      }
      const c = cases[next++]!
      const outcome = await lookUp(ws.host, c.input, { scans })
      scores.push(scoreLookup(truth, c, outcome.result, outcome.ms, outcome.error))
      if (scores.length % 100 === 0) log(`${scores.length} of ${cases.length} lookups`)
      // The misses list is refreshed as the run goes, so the planner's owner can start early.
      if (performance.now() - lastWrite > 120_000) {
        lastWrite = performance.now()
        writeFileSync(
          MISSES_FILE,
          `> PARTIAL: run in progress\n\n${missesFile(scores, truth, meta())}`,
        )
      }
    }
  }),
)
// Cases in their planned order, so a report reads the same whichever finished first.
const rank = new Map(cases.map((c, i) => [c, i]))
scores.sort((a, b) => rank.get(a.lookup)! - rank.get(b.lookup)!)
// Only people all of whose lookups ran are reported when the run was cut short.
const done = stoppedEarly
  ? scores.filter((s) => {
      const mine = cases.filter((c) => c.personId === s.lookup.personId).length
      return scores.filter((x) => x.lookup.personId === s.lookup.personId).length === mine
    })
  : scores
scores.splice(0, scores.length, ...done)
await ws.host.close()

writeFileSync(MISSES_FILE, missesFile(scores, truth, meta()))
const section = qualitySection(scores, truth, meta())
if (!flag('no-write')) writeSection('quality', section)
console.log(section)
log(
  `wrote ${flag('no-write') ? '' : 'bench/results/lookup.md (quality) and '}${MISSES_FILE}; workspace left in ${ws.dir}`,
)
process.exit(0)

/**
 * Lookup quality on the small estate (issue 7, "Quality, speed and tests"): 500 random people
 * (fixed seed) looked up through the API by every identifier kind they have, clean and messy;
 * recall of their records per store and asset, records of other people merged in, shared phones
 * linked not merged, and the rank of the right person for name lookups. Writes the `quality`
 * section of bench/results/lookup.md and every miss to /tmp/lookup-quality-misses.md.
 *
 *   npx tsx bench/lookup/quality.ts [--people 500] [--seed lookup-quality-1]
 *     [--variants clean+one|all|one] [--kinds email,mobile,...] [--concurrency 4]
 *     [--scans allow|warn|skip] [--max-minutes M] [--env .estate/estate.env] [--no-write]
 *     [--workspace DIR] [--timeout-ms 30000] [--workers 1] [--misses /tmp/lookup-quality-misses.md]
 *
 * Lookups run `--concurrency` at a time (each is one API job, as the app runs them; the machine
 * is shared, so a few at a time, not all). `--workspace DIR` reuses a workspace an earlier run
 * crawled (its catalogue and lookup index; the index is caught up again before the first lookup),
 * so a rerun spends its minutes on lookups. `--workers N` splits the people between N processes
 * (quality-worker.ts), each with its own copy of the crawled workspace and `--concurrency`
 * lookups in flight: one Node process computes on one core. Nothing is cached between lookups: each asks the
 * stores afresh, and the truth is read from the estate's files and servers, never from results.
 */
import { codeLine, codeVersion } from '../shared/code-version'
import { spawn } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Rng } from '../../test/estate/data/prng'
import { estateEnvFrom } from './env'
import { DOB_HELD, EMAIL_HELD, peopleHolding } from './quality-held'
import { missesFile, qualitySection, type QualityMeta } from './quality-report'
import { arg, commandLine, flag, machineLine, REPO_ROOT, writeSection } from './results-file'
import { scoreLookup, type CaseScore } from './score'
import { loadFileTruth, loadServerTruth } from './truth'
import { casesFor, CASE_KINDS, type CaseKind, type LookupCase } from './variants'
import { scoreFromLine, type WorkerJob } from './quality-worker'
import { lookUp, openLookupWorkspace } from './workspace'

const MISSES_FILE = arg('misses', '/tmp/lookup-quality-misses.md')!

const envFile = arg('env', path.join(REPO_ROOT, '.estate', 'estate.env'))!
const peopleAsked = Number(arg('people', '500'))
const seed = arg('seed', 'lookup-quality-1')!
const mode = arg('variants', 'clean+one') as 'clean+one' | 'all' | 'one'
const kinds = (arg('kinds')?.split(',') ?? CASE_KINDS) as CaseKind[]
const concurrency = Math.max(1, Number(arg('concurrency', '4')))
const workspaceDir = arg('workspace')
// Per-source timeout: recall is measured here, not speed; the shared machine's load must not cut
// a source short (bench/lookup/speed.ts measures time with the default).
const timeoutMs = Number(arg('timeout-ms', '30000'))
const workers = Math.max(1, Number(arg('workers', '1')))
const scans = arg('scans', 'allow') as 'allow' | 'warn' | 'skip'
const maxMinutes = Number(arg('max-minutes', '0'))
const log = (m: string) =>
  console.error(`[bench:lookup ${new Date().toISOString().slice(11, 19)}] ${m}`)

const started = performance.now()
const when = new Date().toISOString()
const machineStart = machineLine()
const code = codeLine(codeVersion())
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
// An email, or a name with a date of birth, is asked only of people some record holds it for.
const held = new Map<CaseKind, Set<string>>([
  ['email', peopleHolding(dataDir, truth, EMAIL_HELD)],
  ['name-dob', peopleHolding(dataDir, truth, DOB_HELD)],
])
const drawn: LookupCase[] = chosen.flatMap((p) =>
  casesFor(p, truth.loyalty.get(p.personId) ?? [], rng.fork(p.personId), mode, kinds),
)
const cases = drawn.filter((c) => held.get(c.kind)?.has(c.personId) ?? true)
const leftOut = [...held.keys()].map((kind) => {
  const out = drawn.filter((c) => c.kind === kind && !cases.includes(c))
  return { kind, lookups: out.length, people: new Set(out.map((c) => c.personId)).size }
})
log(`${chosen.length} people, ${cases.length} lookups (${mode}), concurrency ${concurrency}`)

const ws = await openLookupWorkspace({
  env,
  buildIndex: true,
  ...(workspaceDir ? { dir: workspaceDir } : {}),
})
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
  code,
  machineStart,
  machineEnd: machineLine(),
  seed,
  peopleAsked,
  peopleDone: new Set(scores.map((s) => s.lookup.personId)).size,
  mode,
  scans,
  crawlMs: ws.crawlMs,
  indexMs: ws.indexMs,
  concurrency,
  workers,
  timeoutMs,
  workspaceReused: ws.crawlMs === null,
  leftOut,
  stoppedEarly,
  notLoaded: truth.notLoaded,
  wallMs: performance.now() - started,
})
let lastWrite = performance.now()
if (workers > 1) {
  // Each worker its own copy of the crawled, indexed workspace (closed first: one writer each).
  await ws.host.close()
  const byPerson = new Map<string, LookupCase[]>()
  for (const c of cases) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c])
  const shares: LookupCase[][] = Array.from({ length: workers }, () => [])
  ;[...byPerson.values()].forEach((mine, i) => shares[i % workers]!.push(...mine))
  const outs = await Promise.all(
    shares.map(async (share, i) => {
      const dir = `${ws.dir}-w${i}`
      rmSync(dir, { recursive: true, force: true })
      cpSync(ws.dir, dir, { recursive: true })
      const out = `${dir}.scores.jsonl`
      rmSync(out, { force: true })
      const job: WorkerJob = {
        envFile,
        dataDir,
        workspace: dir,
        cases: share,
        concurrency,
        scans,
        timeoutMs,
        deadline: Number.isFinite(deadline)
          ? Date.now() + (deadline - performance.now())
          : Date.now() + 864e5,
        out,
      }
      writeFileSync(`${dir}.job.json`, JSON.stringify(job))
      const worker = path.join(REPO_ROOT, 'bench', 'lookup', 'quality-worker.ts')
      const child = spawn(
        process.execPath,
        [...process.execArgv, worker, '--job', `${dir}.job.json`],
        {
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      )
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
      log(`worker ${i}: exit ${code}`)
      return out
    }),
  )
  for (const out of outs)
    if (existsSync(out))
      for (const line of readFileSync(out, 'utf8').split('\n'))
        if (line) scores.push(scoreFromLine(line))
  stoppedEarly = scores.length < cases.length
}
await Promise.all(
  Array.from({ length: workers > 1 ? 0 : concurrency }, async () => {
    while (next < cases.length) {
      if (performance.now() > deadline) {
        stoppedEarly = true
        return
      }
      const c = cases[next++]!
      const outcome = await lookUp(ws.host, c.input, { scans, timeoutMs })
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
const caseKey = (c: LookupCase) => `${c.personId}|${c.kind}|${c.variant}`
const rank = new Map(cases.map((c, i) => [caseKey(c), i]))
scores.sort((a, b) => rank.get(caseKey(a.lookup))! - rank.get(caseKey(b.lookup))!)
// Only people all of whose lookups ran are reported when the run was cut short.
const done = stoppedEarly
  ? scores.filter((s) => {
      const mine = cases.filter((c) => c.personId === s.lookup.personId).length
      return scores.filter((x) => x.lookup.personId === s.lookup.personId).length === mine
    })
  : scores
scores.splice(0, scores.length, ...done)
if (workers === 1) await ws.host.close()

writeFileSync(MISSES_FILE, missesFile(scores, truth, meta()))
const section = qualitySection(scores, truth, meta())
if (!flag('no-write')) writeSection('quality', section)
console.log(section)
log(
  `wrote ${flag('no-write') ? '' : 'bench/results/lookup.md (quality) and '}${MISSES_FILE}; workspace left in ${ws.dir}`,
)
process.exit(0)

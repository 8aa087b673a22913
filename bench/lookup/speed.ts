/**
 * Lookup speed at bench scale (issue 7, "Quality, speed and tests"): warm, ≥ 200 whole lookups of
 * random customers through the API (start -> job end -> merged result, all stores), side by side
 * in the same run with each store's raw indexed point query for the same customer
 * (raw-queries.ts). Target: lookup p95 ≤ 1.5 × the slowest store's point-query p95 + 5 ms. Keyed
 * Kafka reads: bytes fetched per lookup and the partitions read. Writes the `speed` section of
 * bench/results/lookup.md.
 *
 *   source /work/bench-estate/env.sh
 *   npx tsx bench/lookup/speed.ts [--env /work/bench-estate/estate/estate.env] [--lookups 200]
 *     [--warmup 20] [--seed lookup-speed-1] [--scans skip] [--workspace DIR] [--customers N]
 *     [--mongo-samples N (default: every lookup)] [--max-minutes 20] [--build-index]
 *
 * `--scans skip` (default): steps with no index and no pushdown (FerretDB's call-centre, fraud
 * and segment collections, crm's unindexed phone and email columns) are left out, as the plan
 * says; the target is about indexed lookups. Per lookup the result's `steps` (start, time,
 * values, records, bytes, reused) give the per-step profile and the critical path in the report.
 *
 * The crawled workspace is cached (default /tmp/sightline-lookup-speed-<estate>/) and reused.
 */
import { codeLine, codeVersion } from '../shared/code-version'
import path from 'node:path'
import { Rng } from '../../test/estate/data/prng'
import type { LookupResult } from '../../src/shared/model/lookup'
import { estateEnvFrom } from './env'
import { RawQueries, type RawTimes } from './raw-queries'
import { arg, commandLine, machineLine, writeSection, flag } from './results-file'
import { criticalPath } from './critical-path'
import { speedSection, type SpeedSample } from './speed-report'
import { lookUp, openLookupWorkspace } from './workspace'
import { cpuSnapshot, cpuUse, type CpuSnapshot, type CpuUse } from '../shared/machine-cpu'

const envFile = arg('env', '/work/bench-estate/estate/estate.env')!
const lookups = Number(arg('lookups', '200'))
const warmup = Number(arg('warmup', '20'))
const seed = arg('seed', 'lookup-speed-1')!
const mongoSamples = Number(arg('mongo-samples', String(lookups)))
const scans = arg('scans', 'skip') as 'allow' | 'warn' | 'skip'
const maxMinutes = Number(arg('max-minutes', '20'))
const env = estateEnvFrom(envFile)
const customers = Number(
  arg('customers', env.SIGHTLINE_ESTATE_SCALE === 'small' ? '2014' : '999974'),
)
const estateName = path.basename(path.dirname(envFile))
const wsDir = arg('workspace', `/tmp/sightline-lookup-speed-${estateName}`)!
const log = (m: string) =>
  console.error(`[bench:lookup-speed ${new Date().toISOString().slice(11, 19)}] ${m}`)

const when = new Date().toISOString()
const machineStart = machineLine()
const code = codeLine(codeVersion())
const started = performance.now()
// `--build-index`: catch the lookup index up first (the small estate's takes seconds; the bench
// estate's is built apart, bench/lookup/index-build.ts, and only reused here).
const ws = await openLookupWorkspace({
  env,
  dir: wsDir,
  sampleSize: 100,
  buildIndex: flag('build-index'),
})
log(
  `workspace ${ws.dir} (${ws.crawlMs === null ? 'reused' : `crawled in ${Math.round(ws.crawlMs)} ms`})`,
)
// As `sightline serve` and the app do once started: the store's pages kept in memory
// (store/resident-pages.ts). The run waits for the first pass, which a user's first lookups
// after start would not; `--no-resident` measures without it.
/** The machine's CPU per measured lookup (its interleaved point queries included). */
function machineCpuOver(
  from: { at: number; cpu: CpuSnapshot | undefined } | undefined,
  lookups: number,
): CpuUse | undefined {
  const now = cpuSnapshot()
  if (!from?.cpu || !now || lookups === 0) return undefined
  return cpuUse(from.cpu, now, { units: lookups, wallMs: performance.now() - from.at })
}

const residency = flag('no-resident')
  ? ({ state: 'off', fileBytes: 0 } as const)
  : await ws.host.keepStoreResident()
log(`store residency: ${JSON.stringify(residency)}`)
const raw = await RawQueries.open(env)

const rng = new Rng(seed)
const ids = Array.from({ length: warmup + lookups }, () => rng.int(1, customers))
const samples: SpeedSample[] = []
const cdcUrn = 'kafka://events/crm.dbo.Customer'

/** The per-step profile of one lookup (LookupResult.steps), by step kind. */
function stepFacts(result: LookupResult | undefined): SpeedSample['steps'] {
  const plan = new Map((result?.plan.steps ?? []).map((s) => [s.id, s]))
  const runs = result?.steps ?? []
  const count = (state: string) => runs.filter((r) => r.state === state).length
  const keyed = runs.filter((r) => {
    const s = plan.get(r.stepId)
    return s?.assetUrn === cdcUrn && s.access === 'partition' && r.state === 'answered'
  })
  return {
    planned: plan.size,
    answered: count('answered'),
    reused: count('reused'),
    noValues: count('no-values'),
    failed: count('failed'),
    timings: runs.flatMap((r) => {
      const s = plan.get(r.stepId)
      if (!s || r.ms === undefined || r.state !== 'answered') return []
      const asset = s.assetUrn.replace(/^[a-z]+:\/\/[^/]+\//, '')
      return [{ label: `${s.platform} ${s.access} ${asset}`, ms: r.ms, bytes: r.bytesFetched }]
    }),
    cdcKey: keyed.map((r) => ({
      bytes: r.bytesFetched ?? 0,
      records: r.records,
      bounded: r.note ? 'tail' : 'index',
    })),
    // Every keyed partition read, per topic: what one read costs in bytes, index or tail.
    keyedReads: runs.flatMap((r) => {
      const s = plan.get(r.stepId)
      if (s?.platform !== 'kafka' || s.access !== 'partition' || r.state !== 'answered') return []
      return [
        {
          topic: s.assetUrn.replace(/^kafka:\/\/[^/]+\//, ''),
          bytes: r.bytesFetched ?? 0,
          records: r.records,
          bounded: r.note ? ('tail' as const) : ('index' as const),
        },
      ]
    }),
  }
}

function kafkaFacts(result: LookupResult | undefined) {
  const events = result?.sources.find((s) => s.platform === 'kafka')
  const partitionsByTopic = new Map<string, Set<number>>()
  for (const r of result?.records ?? [])
    if (r.platform === 'kafka') {
      const topic = String(r.recordKey.topic)
      const set = partitionsByTopic.get(topic) ?? new Set<number>()
      partitionsByTopic.set(topic, set)
      set.add(Number(r.recordKey.partition))
    }
  const steps = result?.plan.steps.filter((s) => s.platform === 'kafka') ?? []
  const cdcOffset = result?.records.find((r) => r.assetUrn === cdcUrn)?.recordKey.offset
  return {
    bytes: events?.bytesFetched,
    state: events?.state,
    partitionsByTopic,
    partitionSteps: steps.filter((s) => s.access === 'partition').length,
    otherKafkaSteps: steps.filter((s) => s.access !== 'partition').map((s) => s.access),
    cdcOffset: cdcOffset === undefined ? undefined : String(cdcOffset),
  }
}

const index = (await ws.host.api.getLookupIndexStatus({})).map((s) => ({
  source: s.source,
  state: s.state,
  entries: s.freshness?.entries ?? 0,
  cdcLag: s.freshness?.topics.find((t) => t.topic === 'crm.dbo.Customer')?.lag,
  topics: s.freshness?.topics.length ?? 0,
}))
log(`lookup index: ${JSON.stringify(index)}`)
const deadline = started + maxMinutes * 60_000
/** Where the measured stretch began, for the machine's CPU per lookup (bench/shared/machine-cpu.ts). */
let measuredFrom: { at: number; cpu: CpuSnapshot | undefined } | undefined
let stoppedEarly = false
for (const [i, id] of ids.entries()) {
  if (performance.now() > deadline) {
    stoppedEarly = true
    log(`stopping at the ${maxMinutes} min limit after ${samples.length} lookups`)
    break
  }
  if (i === warmup) measuredFrom = { at: performance.now(), cpu: cpuSnapshot() }
  const input = { value: String(id), kind: 'customer-number' as const }
  // FerretDB's `_id` query: timed for the first --mongo-samples (all by default; where it scans,
  // see the plan in the report, ask fewer).
  const withMongo = i >= warmup && i < warmup + mongoSamples
  // Alternate which goes first, so neither always meets the caches the other warmed; the raw
  // Kafka fetch reads at the offset the lookup found when the lookup went first.
  let rawTimes: RawTimes | undefined
  if (i % 2 === 1) rawTimes = await raw.time(id, { mongo: withMongo })
  const cpuBefore = process.cpuUsage()
  const outcome = await lookUp(ws.host, input, { scans })
  const cpu = process.cpuUsage(cpuBefore)
  const facts = kafkaFacts(outcome.result)
  if (i % 2 === 0) rawTimes = await raw.time(id, { mongo: withMongo, knownOffset: facts.cdcOffset })
  if (i < warmup) continue
  samples.push({
    customerId: id,
    lookupMs: outcome.ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    error: outcome.error,
    raw: rawTimes!,
    sources: (outcome.result?.sources ?? []).map((s) => ({
      source: s.source,
      state: s.state,
      ms: s.durationMs,
      records: s.records,
    })),
    records: outcome.result?.records.length ?? 0,
    steps: stepFacts(outcome.result),
    critical: outcome.result ? criticalPath(outcome.result) : undefined,
    phases: outcome.result?.phases,
    kafka: { ...facts, expectedPartition: raw.partitionOf(id) },
  })
  if (samples.length % 10 === 0) log(`${samples.length} of ${lookups}`)
}
const measuredCpu = machineCpuOver(measuredFrom, samples.length)
await raw.close()
await ws.host.close()

const section = speedSection(samples, {
  command: commandLine('bench/lookup/speed.ts'),
  when,
  code,
  machineStart,
  machineEnd: machineLine(),
  envFile,
  scale: env.SIGHTLINE_ESTATE_SCALE ?? '?',
  workspace: ws.dir,
  crawlMs: ws.crawlMs,
  warmup,
  scans,
  topicPartitions: raw.topicPartitions,
  mongoPlan: raw.mongoPlan,
  mongoSamples,
  wallMs: performance.now() - started,
  lookupsAsked: lookups,
  stoppedEarly,
  maxMinutes,
  index,
  residency,
  machineCpu: measuredCpu,
})
if (!flag('no-write')) writeSection('speed', section)
console.log(section)
process.exit(0)

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
 *     [--warmup 20] [--seed lookup-speed-1] [--scans warn] [--workspace DIR] [--customers N]
 *     [--mongo-samples 10]
 *
 * The crawled workspace is cached (default /tmp/sightline-lookup-speed-<estate>/) and reused.
 */
import path from 'node:path'
import { Rng } from '../../test/estate/data/prng'
import type { LookupResult } from '../../src/shared/model/lookup'
import { estateEnvFrom } from './env'
import { RawQueries, type RawTimes } from './raw-queries'
import { arg, commandLine, machineLine, writeSection, flag } from './results-file'
import { speedSection, type SpeedSample } from './speed-report'
import { lookUp, openLookupWorkspace } from './workspace'

const envFile = arg('env', '/work/bench-estate/estate/estate.env')!
const lookups = Number(arg('lookups', '200'))
const warmup = Number(arg('warmup', '20'))
const seed = arg('seed', 'lookup-speed-1')!
const mongoSamples = Number(arg('mongo-samples', '10'))
const scans = arg('scans', 'warn') as 'allow' | 'warn' | 'skip'
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
const started = performance.now()
const ws = await openLookupWorkspace({ env, dir: wsDir, sampleSize: 100 })
log(
  `workspace ${ws.dir} (${ws.crawlMs === null ? 'reused' : `crawled in ${Math.round(ws.crawlMs)} ms`})`,
)
const raw = await RawQueries.open(env)

const rng = new Rng(seed)
const ids = Array.from({ length: warmup + lookups }, () => rng.int(1, customers))
const samples: SpeedSample[] = []
const cdcUrn = 'kafka://events/crm.dbo.Customer'

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

for (const [i, id] of ids.entries()) {
  const input = { value: String(id), kind: 'customer-number' as const }
  // FerretDB's `_id` query scans (see the plan in the report): timed for the first few only.
  const withMongo = i >= warmup && i < warmup + mongoSamples
  // Alternate which goes first, so neither always meets the caches the other warmed; the raw
  // Kafka fetch reads at the offset the lookup found when the lookup went first.
  let rawTimes: RawTimes | undefined
  if (i % 2 === 1) rawTimes = await raw.time(id, { mongo: withMongo })
  const outcome = await lookUp(ws.host, input, { scans })
  const facts = kafkaFacts(outcome.result)
  if (i % 2 === 0) rawTimes = await raw.time(id, { mongo: withMongo, knownOffset: facts.cdcOffset })
  if (i < warmup) continue
  samples.push({
    customerId: id,
    lookupMs: outcome.ms,
    error: outcome.error,
    raw: rawTimes!,
    sources: (outcome.result?.sources ?? []).map((s) => ({
      source: s.source,
      state: s.state,
      ms: s.durationMs,
      records: s.records,
    })),
    records: outcome.result?.records.length ?? 0,
    kafka: { ...facts, expectedPartition: raw.partitionOf(id) },
  })
  if (samples.length % 10 === 0) log(`${samples.length} of ${lookups}`)
}
await raw.close()
await ws.host.close()

const section = speedSection(samples, {
  command: commandLine('bench/lookup/speed.ts'),
  when,
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
})
if (!flag('no-write')) writeSection('speed', section)
console.log(section)
process.exit(0)

/**
 * Lookup-index build rate and memory (issue 7, "Lookup-index build rate and memory reported";
 * docs/lookup-design.md §3): builds the Kafka lookup index of a crawled workspace through the API
 * (`controlLookupIndex build|rebuild`, the job `sightline lookup-index build` runs), in this
 * process, and reports records/s, entries/s, wall time, peak RSS and heap, the store's size on
 * disk, and per topic. With `--max-minutes` the job is cancelled at the bound (what was read is
 * committed) and the whole build is extrapolated from the rate measured, said so in the report.
 * Writes the `index` section of bench/results/lookup.md.
 *
 *   npx tsx bench/lookup/index-build.ts [--env /work/bench-estate/estate/estate.env]
 *     [--workspace DIR] [--rebuild] [--max-minutes 3] [--no-write]
 *
 * `--rebuild` drops the index first; without it a build resumes where the stored positions are.
 */
import { codeLine, codeVersion } from '../shared/code-version'
import { statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { LookupIndexStatus } from '../../src/shared/model/lookup'
import { workspacePaths } from '../../src/main/workspace/workspace'
import { jobEnd } from '../../test/support/crawl-job'
import { estateEnvFrom } from './env'
import { indexSection, type TopicTimeline } from './index-build-report'
import { arg, commandLine, flag, machineLine, writeSection } from './results-file'
import { openLookupWorkspace } from './workspace'

const envFile = arg('env', '/work/bench-estate/estate/estate.env')!
const env = estateEnvFrom(envFile)
const estateName = path.basename(path.dirname(envFile))
const wsDir = arg('workspace', `/tmp/sightline-lookup-speed-${estateName}`)!
const maxMinutes = Number(arg('max-minutes', '0'))
const rebuild = flag('rebuild')
const log = (m: string) =>
  console.error(`[bench:lookup-index ${new Date().toISOString().slice(11, 19)}] ${m}`)

const when = new Date().toISOString()
const machineStart = machineLine()
const code = codeLine(codeVersion())
const ws = await openLookupWorkspace({ env, dir: wsDir })
const storeFile = workspacePaths(ws.dir).storeFile
const sizeOf = () =>
  ['', '-wal'].reduce((n, s) => {
    try {
      return n + statSync(storeFile + s).size
    } catch {
      return n
    }
  }, 0)

const before = await ws.host.api.getLookupIndexStatus({})
const sizeBefore = sizeOf()
const indexedOf = (all: readonly LookupIndexStatus[]) => {
  const m = new Map<string, number>()
  for (const s of all)
    for (const t of s.freshness?.topics ?? [])
      m.set(
        t.topic,
        t.partitions.reduce((n, p) => n + Math.max(0, p.indexedOffset - (p.lowWatermark ?? 0)), 0),
      )
  return m
}
/**
 * Where each partition stood when the run began, read from the store itself: the status' live
 * high watermarks may time out (a broker just started) and fall back to stored ones, which for a
 * resumed build made every topic look done. Low watermarks are taken as 0 here (the bench topics
 * keep everything) and corrected at the end from the status after the build.
 */
const startPositions = new Map<string, Map<number, number>>()
if (!rebuild) {
  const sdb = new Database(storeFile, { readonly: true })
  for (const r of sdb
    .prepare(
      `SELECT t.topic, p.partition, p.next_offset AS next FROM lookup_index_positions p
       JOIN lookup_index_topics t ON t.id = p.topic_id`,
    )
    .all() as Array<{ topic: string; partition: number; next: number }>) {
    const m = startPositions.get(r.topic) ?? new Map<number, number>()
    m.set(r.partition, Number(r.next))
    startPositions.set(r.topic, m)
  }
  sdb.close()
}
const startIndexed = new Map(
  [...startPositions].map(([t, m]) => [t, [...m.values()].reduce((a, b) => a + b, 0)]),
)
log(
  `workspace ${ws.dir}; resuming: ${[...startIndexed.values()].reduce((a, b) => a + b, 0)} records indexed before`,
)

// Memory and progress, sampled while the job runs (the indexer runs in this process).
let peakHeap = 0
let peakRss = 0
const timeline = new Map<string, TopicTimeline>()
const started = performance.now()
const cpuStart = process.cpuUsage()
const sample = async () => {
  const m = process.memoryUsage()
  peakHeap = Math.max(peakHeap, m.heapUsed)
  peakRss = Math.max(peakRss, m.rss)
  const now = performance.now() - started
  for (const [topic, n] of indexedOf(await ws.host.api.getLookupIndexStatus({}))) {
    const done = n - (startIndexed.get(topic) ?? 0)
    const t = timeline.get(topic) ?? { topic, records: 0 }
    if (done > t.records) {
      t.firstMs ??= now
      t.lastMs = now
      t.records = done
    }
    timeline.set(topic, t)
  }
}
const memTick = setInterval(() => {
  const m = process.memoryUsage()
  peakHeap = Math.max(peakHeap, m.heapUsed)
  peakRss = Math.max(peakRss, m.rss)
}, 250)
const progressTick = setInterval(() => void sample().catch(() => undefined), 2_000)

const { jobId } = await ws.host.api.controlLookupIndex({ action: rebuild ? 'rebuild' : 'build' })
let bounded = false
const bound =
  maxMinutes > 0
    ? setTimeout(() => {
        bounded = true
        log(`${maxMinutes} min bound reached: cancelling (what was read is committed)`)
        void ws.host.api.cancelJob({ id: jobId! })
      }, maxMinutes * 60_000)
    : undefined
const job = await jobEnd(ws.host, jobId!)
const wallMs = performance.now() - started
const cpu = process.cpuUsage(cpuStart)
clearTimeout(bound)
clearInterval(memTick)
clearInterval(progressTick)
await sample()
if (job.state !== 'succeeded' && !(bounded && job.state === 'cancelled'))
  throw new Error(`lookup index build ${job.state}: ${job.error?.message ?? ''}`)
log(`job ${job.state} after ${Math.round(wallMs / 1000)} s`)

// Entries per topic, read from the store file itself (a second, read-only connection).
const db = new Database(storeFile, { readonly: true })
const entriesByTopic = new Map(
  (
    db
      .prepare(
        `SELECT t.topic, COUNT(*) AS n FROM lookup_index_entries e
         JOIN lookup_index_topics t ON t.id = e.topic_id GROUP BY t.topic`,
      )
      .all() as Array<{ topic: string; n: number }>
  ).map((r) => [r.topic, r.n]),
)
const pageSize = db.pragma('page_size', { simple: true }) as number
db.close()
const after = await ws.host.api.getLookupIndexStatus({})
// What the run had to index: from each partition's start to the high watermark the build read.
const toIndex = new Map<string, number>()
const indexedBefore = new Map<string, number>()
for (const s of after)
  for (const t of s.freshness?.topics ?? []) {
    let todo = 0
    let prior = 0
    for (const p of t.partitions) {
      const low = p.lowWatermark ?? 0
      const start = Math.max(low, startPositions.get(t.topic)?.get(p.partition) ?? low)
      todo += Math.max(0, p.highWatermark - start)
      prior += start - low
    }
    toIndex.set(t.topic, todo)
    indexedBefore.set(t.topic, prior)
  }
await ws.host.close()
// After close: SQLite has checkpointed its WAL into the file.
const sizeAfter = sizeOf()

const markdown = indexSection({
  when,
  command: commandLine('bench/lookup/index-build.ts'),
  code,
  machineStart,
  machineEnd: machineLine(),
  workspace: ws.dir,
  estate: env.SIGHTLINE_ESTATE_SCALE ?? estateName,
  rebuild,
  maxMinutes,
  bounded,
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  toIndex,
  indexedBefore,
  timeline: [...timeline.values()],
  entriesByTopic,
  entriesBefore: rebuild ? 0 : before.reduce((a, s) => a + (s.freshness?.entries ?? 0), 0),
  storeBytesBefore: sizeBefore,
  storeBytesAfter: sizeAfter,
  pageSize,
  peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
  peakHeap,
  lagAfter: after.reduce(
    (n, s) => n + (s.freshness?.topics ?? []).reduce((m, t) => m + t.lag, 0),
    0,
  ),
})
process.stdout.write(`${markdown}\n`)
if (!flag('no-write')) writeSection('index', markdown)
process.exit(0)

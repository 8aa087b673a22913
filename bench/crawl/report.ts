/**
 * bench/results/crawl.md from the numbers run.ts gathered: what was measured, how, the ratios
 * and whether each target of issue 4 is met. Pure: results in, markdown out.
 */
import type { CrawlSummary } from '../../src/shared/model/catalog'
import { COVERAGE_ROWS, type Coverage } from './coverage-model'
import type { DatahubRun } from './datahub-run'
import type { FloorResult } from './floors'
import { datahubDetail, PEER_FINDINGS } from './report-datahub'
import type {
  ApiCrawlResult,
  CancelResult,
  ConnectorAloneResult,
  PgConnectorResult,
} from './sightline-crawl'

export interface Round {
  sightline?: ApiCrawlResult
  datahub?: DatahubRun | { error: string }
  /** 1-minute load average when each tool's part of the round started (shared machine). */
  sightlineLoad?: number
  datahubLoad?: number
}

export interface BenchResults {
  startedAt: string
  endedAt?: string
  machine: {
    cpus: number
    cpuModel: string
    memoryGiB: number
    os: string
    node: string
    loadAtStart: number[]
    loadAtEnd?: number[]
  }
  /** Which code ran (bench/shared/code-version.ts); absent in results from before stop 14. */
  code?: string
  estate: { envFile: string; scale: string; dir: string; databases: string[] }
  login: string
  command: string
  rounds: Round[]
  sightlineCoverage?: Coverage
  sightlineSubjects?: number
  pgConnector?: Omit<PgConnectorResult, 'sampleSql'>
  connectorsAlone?: ConnectorAloneResult[]
  floors?: {
    pgCatalog: FloorResult
    pgSamples: FloorResult
    kafka: FloorResult
    mongo: FloorResult
  }
  cancel?: CancelResult
  kafkaRebalanceDelay: string
  datahubVersion: string
  note?: string
}

/** Which DataHub recipe and which floors stand beside each Sightline source. */
const SOURCES: Array<{
  source: string
  datahub?: string
  floors: Array<keyof NonNullable<BenchResults['floors']>>
}> = [
  { source: 'amper-pg', datahub: 'postgres', floors: ['pgCatalog', 'pgSamples'] },
  { source: 'events', datahub: 'kafka', floors: ['kafka'] },
  { source: 'singleview', datahub: 'mongodb', floors: ['mongo'] },
  { source: 'connect', datahub: 'kafka-connect', floors: [] },
  { source: 'registry', floors: [] },
]

const s = (ms: number | undefined): string =>
  ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`
const x = (r: number | undefined): string =>
  r === undefined || !Number.isFinite(r) ? '–' : `${r.toFixed(2)}×`
const median = (xs: number[]): number | undefined => {
  if (xs.length === 0) return undefined
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
const isRun = (d: Round['datahub']): d is DatahubRun => d !== undefined && !('error' in d)

function crawlOf(round: Round, source: string): CrawlSummary | undefined {
  return round.sightline?.crawls.find((c) => c.source === source)
}

/** Median over rounds of a Sightline source's duration (ms). */
function sightlineMs(r: BenchResults, source: string): number | undefined {
  return median(r.rounds.flatMap((round) => crawlOf(round, source)?.durationMs ?? []))
}

/** Median over rounds of a DataHub recipe's process time (ms). */
function datahubMs(r: BenchResults, recipe: string): number | undefined {
  return median(
    r.rounds
      .flatMap((round) =>
        isRun(round.datahub)
          ? (round.datahub.recipes.find((x) => x.source === recipe)?.seconds ?? [])
          : [],
      )
      .map((sec) => sec * 1000),
  )
}

function header(r: BenchResults): string[] {
  const m = r.machine
  return [
    '# Crawl benchmark: Sightline against its floors and the DataHub CLI',
    '',
    `Produced by \`${r.command}\` (bench/crawl/run.ts; bench/README.md says how to run it). Raw`,
    'outputs (DataHub file-sink JSON and logs, Sightline export) under bench/results/raw/ (not committed).',
    '',
    `- When: ${r.startedAt} to ${r.endedAt ?? '?'}`,
    ...(r.code ? [`- ${r.code.replace(/^code: /, 'Code: ')}`] : []),
    `- Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}. Load average at start ${m.loadAtStart.join(' / ')}, at end ${m.loadAtEnd?.join(' / ') ?? '?'}: the machine was shared with other engineers' builds and tests, so every time here is an upper bound`,
    `- Estate: scale \`${r.estate.scale}\` (${r.estate.dir}, env ${r.estate.envFile}); PostgreSQL databases crawled: ${r.estate.databases.join(', ')}`,
    `- PostgreSQL login of both tools: ${r.login}`,
    `- Peer: ${r.datahubVersion} (acryl-datahub from PyPI, recipes in bench/crawl/datahub/recipes/, file sink)`,
    `- Sample sizes: Sightline's defaults (100 messages per topic, newest; 100 documents per collection to start, grown to at most 1,000 while new paths appear, at most 4 MiB of documents per collection on FerretDB in databases of more than 4 MiB per collection; document counts within a 1 s budget, a count not back in time left out with a note; 100 rows per table); DataHub: up to 100 messages per topic (schema_resolution, earliest), schemaSamplingSize 100, profiling off`,
    `- Rounds: ${r.rounds.length} (alternating which tool goes first)`,
    ...(r.note ? [`- Note: ${r.note}`] : []),
    '',
  ]
}

function wholeEstate(r: BenchResults): string[] {
  const lines = [
    '## Whole estate',
    '',
    '| round | Sightline (API crawl job, all sources concurrently) | state | DataHub CLI (4 recipes one after another, process time) | DataHub pipeline time (sum) | DataHub slowest recipe (a lower bound, were the recipes run in parallel) | DataHub / Sightline | load average (1 min) at the start: Sightline / DataHub |',
    '|---|---:|---|---:|---:|---:|---:|---|',
  ]
  r.rounds.forEach((round, i) => {
    const sl = round.sightline
    const dh = round.datahub
    const dhMs = isRun(dh) ? dh.totalSeconds * 1000 : undefined
    const pipe = isRun(dh)
      ? dh.recipes.reduce((t, x) => t + (x.pipelineSeconds ?? 0), 0) * 1000
      : undefined
    const slowest = isRun(dh) ? Math.max(...dh.recipes.map((y) => y.seconds)) * 1000 : undefined
    lines.push(
      `| ${i + 1} | ${s(sl?.wallMs)} | ${sl ? sl.state + (sl.error ? ` (${sl.error})` : '') : '–'} | ${dh && 'error' in dh ? dh.error : s(dhMs)} | ${s(pipe)} | ${s(slowest)} | ${x(dhMs !== undefined && sl ? dhMs / sl.wallMs : undefined)} | ${load(round.sightlineLoad)} / ${load(round.datahubLoad)} |`,
    )
  })
  return [...lines, '']
}

function perSource(r: BenchResults): string[] {
  const f = r.floors
  const lines = [
    '## Per source',
    '',
    "Sightline in the job: the source's CrawlSummary duration inside the whole-estate job (median over rounds; sources run concurrently, four at a time, on 2 cores, and the pipeline computes value statistics and commits to the store). Connector alone: the same source's connector by itself, no pipeline, no store, nothing beside it. Floors: run alone, after the crawls (bench/crawl/floors.ts).",
    '',
    '| source | Sightline in the job | connector alone | statements / requests | assets | fields | state | floor | in the job / floor | alone / floor | DataHub (process) | DataHub / Sightline in the job |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|',
  ]
  const last = r.rounds.at(-1)
  for (const src of SOURCES) {
    const c = last ? crawlOf(last, src.source) : undefined
    const ms = sightlineMs(r, src.source)
    const floorMs =
      f && src.floors.length > 0 ? src.floors.reduce((t, k) => t + f[k].ms, 0) : undefined
    const dh = src.datahub ? datahubMs(r, src.datahub) : undefined
    const alone =
      src.source === 'amper-pg'
        ? r.pgConnector?.ms
        : r.connectorsAlone?.find((a) => a.source === src.source)?.ms
    lines.push(
      `| ${src.source} | ${s(ms)} | ${s(alone)} | ${c?.statements ?? '–'} | ${c?.assets ?? '–'} | ${c?.fields ?? '–'} | ${c ? c.status + (c.error ? `: ${c.error.code} ${c.error.message.slice(0, 120)}` : '') : 'not crawled'} | ${src.floors.length ? `${s(floorMs)} (${src.floors.join(' + ')})` : 'none measured'} | ${x(ms !== undefined && floorMs ? ms / floorMs : undefined)} | ${x(alone !== undefined && floorMs ? alone / floorMs : undefined)} | ${src.datahub ? s(dh) : 'in kafka'} | ${x(dh !== undefined && ms ? dh / ms : undefined)} |`,
    )
  }
  lines.push('')
  if (f) {
    lines.push(
      '| floor | time | requests | parts | items read |',
      '|---|---:|---:|---:|---:|',
      `| PostgreSQL catalogue statements, raw (BEGIN + 5 SELECTs + COMMIT per database) | ${s(f.pgCatalog.ms)} | ${f.pgCatalog.requests} | ${f.pgCatalog.parts} databases | ${f.pgCatalog.items} rows |`,
      `| PostgreSQL value-sample SELECTs, raw (the connector's own statements, 4 connections per database) | ${s(f.pgSamples.ms)} | ${f.pgSamples.requests} | ${f.pgSamples.parts} databases | ${f.pgSamples.items} rows |`,
      `| Kafka: metadata, ListOffsets, raw Fetch of the newest 100 messages per topic (no decoding, no group) | ${s(f.kafka.ms)} | ${f.kafka.requests} | ${f.kafka.parts} topics | ${f.kafka.items} messages |`,
      `| MongoDB: listDatabases, listCollections, find().limit(100).toArray() per collection, 4 at a time | ${s(f.mongo.ms)} | ${f.mongo.requests} | ${f.mongo.parts} collections | ${f.mongo.items} documents |`,
      '',
    )
  }
  return lines
}

function sqlPart(r: BenchResults): string[] {
  const pg = r.pgConnector
  if (!pg) return []
  const lines = [
    '## SQL part: statements per database',
    '',
    `The PostgreSQL connector alone (no pipeline, no store), ${s(pg.ms)} for every database in turn. Catalogue statements stay 7 per database whatever its size; value sampling adds one SELECT per table (views are not sampled). The catalogue-only comparison with its floor, over several rounds, is bench/results/sql-floor.md (bench/crawl/sql-floor.ts).`,
    '',
    '| database | tables | views | catalogue statements | sample SELECTs | time |',
    '|---|---:|---:|---:|---:|---:|',
  ]
  for (const d of pg.databases)
    lines.push(
      `| ${d.database} | ${d.tables} | ${d.views} | ${d.statements} | ${d.sampleStatements} | ${d.error ?? s(d.ms)} |`,
    )
  return [...lines, '']
}

function coverage(r: BenchResults): string[] {
  const sl = r.sightlineCoverage
  const dh = [...r.rounds]
    .reverse()
    .map((x) => x.datahub)
    .find(isRun)?.coverage
  const lines = [
    '## Coverage (counted the same way for both: bench/crawl/coverage-model.ts)',
    '',
    '| | Sightline | DataHub CLI | Sightline ≥ DataHub |',
    '|---|---:|---:|---|',
  ]
  for (const row of COVERAGE_ROWS) {
    const a = sl?.[row.key]
    const b = dh?.[row.key]
    const verdict =
      a === undefined || b === undefined
        ? '–'
        : !row.likeForLike
          ? 'not compared'
          : a >= b
            ? 'yes'
            : '**no**'
    lines.push(`| ${row.label} | ${a ?? '–'} | ${b ?? '–'} | ${verdict} |`)
  }
  lines.push(
    `| schema-registry subjects | ${r.sightlineSubjects ?? '–'} | not catalogued | – |`,
    '',
  )
  lines.push(
    "Counting rules: fields are leaf paths (an object that has listed children is not counted again), array markers dropped; DataHub's v2 field paths lose their `[type=…]` annotations; a Debezium JSON envelope DataHub inferred (`schema.*` beside `payload.*`) counts only its payload, named as Sightline names it (`after.Email`). Views of MongoDB count as collections. DataHub lists extension views (pg_stat_statements) and the Connect worker's storage topics, which Sightline leaves out by design (extension-owned objects, internal topics): those two rows are shown but not compared; every other row is.",
    '',
  )
  return lines
}

function targets(r: BenchResults): string[] {
  const last = r.rounds.at(-1)
  const wall = median(r.rounds.flatMap((x) => x.sightline?.wallMs ?? []))
  const f = r.floors
  const pgMs = sightlineMs(r, 'amper-pg')
  const pgAlone = r.pgConnector?.ms
  const pgFloor = f ? f.pgCatalog.ms + f.pgSamples.ms : undefined
  const perSourceRatios = SOURCES.filter((x) => x.floors.length && f).map((src) => {
    const floor = src.floors.reduce((t, k) => t + (f?.[k].ms ?? 0), 0)
    const ms = sightlineMs(r, src.source)
    return { source: src.source, ratio: ms !== undefined ? ms / floor : undefined }
  })
  const dhTotal = median(
    r.rounds.flatMap((x) => (isRun(x.datahub) ? [x.datahub.totalSeconds * 1000] : [])),
  )
  const dhPipe = median(
    r.rounds.flatMap((x) =>
      isRun(x.datahub)
        ? [x.datahub.recipes.reduce((t, y) => t + (y.pipelineSeconds ?? y.seconds), 0) * 1000]
        : [],
    ),
  )
  const sl = r.sightlineCoverage
  const dhCov = [...r.rounds]
    .reverse()
    .map((x) => x.datahub)
    .find(isRun)?.coverage
  const like = COVERAGE_ROWS.filter((row) => row.likeForLike)
  const covShort =
    sl && dhCov
      ? like.filter((row) => sl[row.key] < dhCov[row.key]).map((row) => row.label)
      : undefined
  const allOk = last?.sightline?.crawls.every((c) => c.status === 'succeeded') ?? false
  const yes = (b: boolean | undefined) =>
    b === undefined ? 'not measured' : b ? '**met**' : '**not met**'
  const cancelMs = r.cancel
    ? Math.max(r.cancel.connectorsClosedMs ?? 0, r.cancel.jobCancelledMs)
    : undefined
  return [
    '## Targets (issue 4)',
    '',
    '| target | measured | |',
    '|---|---|---|',
    `| whole bench-scale estate crawled in ≤ 30 s | ${s(wall)} (median), every source succeeded: ${allOk ? 'yes' : 'no'} | ${r.estate.scale === 'bench' ? yes(wall === undefined ? undefined : wall <= 30_000 && allOk) : 'not the bench estate'} |`,
    `| …or within 1.5× of the per-source floor | ${perSourceRatios.map((p) => `${p.source} ${x(p.ratio)}`).join(', ')} (in the job, beside the other sources on 2 cores) | ${wall !== undefined && wall <= 30_000 && allOk ? 'not needed: the 30 s bound is met' : yes(perSourceRatios.length === 0 ? undefined : perSourceRatios.every((p) => p.ratio !== undefined && p.ratio <= 1.5))} |`,
    `| SQL part ≤ 1.5× the raw catalogue-query floor | the PostgreSQL connector alone, its catalogue statements and value samples, ${s(pgAlone)} against the same reads raw ${s(pgFloor)} = ${x(pgAlone && pgFloor ? pgAlone / pgFloor : undefined)}; catalogue only: bench/results/sql-floor.md (b/a); for information, amper-pg inside the whole-estate job ${s(pgMs)} = ${x(pgMs && pgFloor ? pgMs / pgFloor : undefined)} (it shares 2 cores with four other sources, and its time includes the pipeline), and the SQL source's crawl job alone with the store commit: sql-floor.md (c/a) | ${yes(pgAlone !== undefined && pgFloor !== undefined ? pgAlone <= 1.5 * pgFloor : undefined)} (the reads, like for like) |`,
    `| ≥ 10× faster than the DataHub CLI | DataHub process time ${s(dhTotal)} / Sightline ${s(wall)} = ${x(dhTotal && wall ? dhTotal / wall : undefined)}; DataHub's own pipeline time (Python start-up and imports left out) ${s(dhPipe)} / Sightline = ${x(dhPipe && wall ? dhPipe / wall : undefined)} | ${dhTotal && wall && dhPipe ? (dhPipe / wall >= 10 ? '**met**' : dhTotal / wall >= 10 ? '**met on process time only**' : '**not met**') : 'not measured'} |`,
    `| …with at least its coverage | ${covShort === undefined ? '–' : covShort.length === 0 ? 'every row' : `short on: ${covShort.join('; ')}`} | ${yes(covShort === undefined ? undefined : covShort.length === 0)} |`,
    `| cancel takes effect within 250 ms | ${r.cancel ? `job cancelled ${r.cancel.jobCancelledMs.toFixed(0)} ms, last connector closed ${r.cancel.connectorsClosedMs?.toFixed(0) ?? '–'} ms, work settled ${r.cancel.settledMs.toFixed(0)} ms after cancelJob (${r.cancel.connectorsClosed}/${r.cancel.connectorsCreated} connectors closed)` : '–'} | ${yes(cancelMs === undefined ? undefined : cancelMs <= 250)} |`,
    '',
  ]
}

/** The whole report. `notes` are findings written by hand, appended at the end. */
export function renderReport(r: BenchResults, notes = ''): string {
  return [
    ...header(r),
    ...targets(r),
    ...wholeEstate(r),
    ...perSource(r),
    ...sqlPart(r),
    ...coverage(r),
    '## Cancel',
    '',
    r.cancel
      ? `A whole-estate crawl started, cancelJob after 1 s: the job reported \`${r.cancel.state}\` ${r.cancel.jobCancelledMs.toFixed(0)} ms later; the last of the connectors open at the cancel closed ${r.cancel.connectorsClosedMs?.toFixed(0) ?? '–'} ms after it; the host closed (which waits for the crawl work to settle) ${r.cancel.settledMs.toFixed(0)} ms after it.`
      : 'Not measured in this run.',
    '',
    '## Kafka sampling and group.initial.rebalance.delay.ms',
    '',
    `The estate's broker sets group.initial.rebalance.delay.ms = ${r.kafkaRebalanceDelay}. Kafka's default is 3000 ms: the first member joining an empty group waits that long. Sightline's sampler joins no group at all (raw Fetch requests through kafkajs' cluster, src/main/connectors/kafka/sample-messages.ts), so the setting cannot change its time; DataHub's schema inference creates a new consumer group per topic and pass, each of which would wait the 3 s on a default broker (longer than its 2 s sample timeout). The estate's broker is shared and was not restarted; the default is measured on a private broker instead (bench/crawl/kafka-default-delay.ts, its table at the end of this report when it was run).`,
    '',
    ...PEER_FINDINGS,
    ...datahubDetail(r),
    notes,
  ].join('\n')
}

function load(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(1)
}

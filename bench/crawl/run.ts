/**
 * The crawl benchmark (issue 4, item 6), whole: Sightline crawling the whole estate through the
 * API, the DataHub CLI on the same estate (alternating, N rounds), per-source floors, the
 * coverage of both counted one way, and the cancel latency. Prints the report and writes it to
 * bench/results/crawl.md (and the numbers to crawl.json beside it; raw outputs under
 * bench/results/raw/, not committed).
 *
 *   npx tsx bench/crawl/run.ts [--env FILE] [--login reader|admin] [--rounds N]
 *                              [--skip-datahub] [--skip-cancel] [--out FILE.md] [--note TEXT]
 *
 * --env: the estate's env file (default .estate/estate.env; the bench estate's is
 * $SIGHTLINE_ESTATE_DIR/estate.env). --login: the PostgreSQL role both tools log in as (see
 * bench-workspace.ts). Needs the estate up (`bash test/estate/status`).
 */
import { codeLine, codeVersion } from '../shared/code-version'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  listPgDatabases,
  otherSources,
  pgLogin,
  readEstateEnv,
  type PgLogin,
} from './bench-workspace'
import { sightlineCoverage } from './coverage-sightline'
import { runDatahub, type DatahubRun } from './datahub-run'
import { kafkaFloor, mongoFloor, pgCatalogFloor, pgSampleFloor } from './floors'
import { renderReport, type BenchResults, type Round } from './report'
import {
  crawlConnectorAlone,
  crawlPgConnector,
  crawlViaApi,
  measureCancel,
  type Target,
} from './sightline-crawl'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface Args {
  envFile: string
  login: PgLogin
  rounds: number
  skipDatahub: boolean
  skipCancel: boolean
  out: string
  /** What the estate was doing meanwhile (e.g. a CDC snapshot still running), for the report. */
  note?: string
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const login = get('--login') ?? 'reader'
  if (login !== 'reader' && login !== 'admin') throw new Error('--login is reader or admin')
  return {
    envFile: path.resolve(get('--env') ?? path.join(ROOT, '.estate', 'estate.env')),
    login,
    rounds: Math.max(1, Number(get('--rounds') ?? 1)),
    skipDatahub: argv.includes('--skip-datahub'),
    skipCancel: argv.includes('--skip-cancel'),
    out: path.resolve(get('--out') ?? path.join(ROOT, 'bench', 'results', 'crawl.md')),
    ...(get('--note') ? { note: get('--note') } : {}),
  }
}

const log = (msg: string) =>
  console.error(`[bench:crawl ${new Date().toISOString().slice(11, 19)}] ${msg}`)

function machine(): BenchResults['machine'] {
  const cpus = os.cpus()
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAtStart: os.loadavg().map((l) => Math.round(l * 10) / 10),
  }
}

/** The broker's group.initial.rebalance.delay.ms as the estate rendered it (or its template). */
function rebalanceDelay(estateDir: string | undefined): string {
  const files = [
    ...(estateDir ? [path.join(estateDir, 'kafka', 'server.properties')] : []),
    path.join(ROOT, 'test/estate/config/server.properties.template'),
  ]
  for (const file of files) {
    if (!existsSync(file)) continue
    const m = /^group\.initial\.rebalance\.delay\.ms=(.*)$/m.exec(readFileSync(file, 'utf8'))
    return m ? `${m[1]} (${path.relative(ROOT, file)})` : `not set: Kafka's default 3000 (${file})`
  }
  return 'unknown'
}

function datahubVersion(): string {
  const venv =
    process.env.SIGHTLINE_DATAHUB_VENV ??
    path.join(os.homedir(), '.cache/sightline-bench/datahub-venv')
  try {
    return (
      execFileSync(path.join(venv, 'bin', 'datahub'), ['version'], { encoding: 'utf8' })
        .split('\n')
        .find((l) => l.includes('CLI version'))
        ?.trim() ?? 'unknown'
    )
  } catch {
    return 'not installed yet'
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    // Usage only: without this, an unknown flag runs the whole benchmark and rewrites crawl.md.
    const doc = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0] ?? ''
    console.log(doc.replace(/^\/\*\*\n?|^ \* ?/gm, ''))
    return
  }
  const args = parseArgs(process.argv.slice(2))
  const env = readEstateEnv(args.envFile)
  const scale = env.SIGHTLINE_ESTATE_SCALE ?? 'small'
  const rawDir = path.join(ROOT, 'bench', 'results', 'raw')
  mkdirSync(rawDir, { recursive: true })
  const databases = await listPgDatabases(pgLogin(env, args.login))
  const target: Target = { env, databases, login: args.login }
  const startedAt = new Date().toISOString()
  const results: BenchResults = {
    startedAt,
    machine: machine(),
    code: codeLine(codeVersion()),
    estate: { envFile: args.envFile, scale, dir: env.SIGHTLINE_ESTATE_DIR ?? '?', databases },
    login: `${args.login} (${pgLogin(env, args.login).user})`,
    command: `npx tsx bench/crawl/run.ts ${process.argv
      .slice(2)
      .map((a) => (/\s/.test(a) ? `'${a}'` : a))
      .join(' ')}`.trim(),
    rounds: [],
    kafkaRebalanceDelay: rebalanceDelay(env.SIGHTLINE_ESTATE_DIR),
    datahubVersion: datahubVersion(),
    ...(args.note ? { note: args.note } : {}),
  }
  log(
    `estate ${scale} (${args.envFile}), ${databases.length} PostgreSQL databases, login ${args.login}`,
  )

  let lastExport: string | undefined
  for (let r = 0; r < args.rounds; r++) {
    const round: Round = {}
    // Alternate who goes first: caches warmed by one must not always favour the other.
    const order = r % 2 === 0 ? ['sightline', 'datahub'] : ['datahub', 'sightline']
    for (const who of order) {
      if (who === 'sightline') {
        log(`round ${r + 1}: Sightline crawls the whole estate through the API`)
        // The machine is shared: each tool's round says how busy it was when it started.
        round.sightlineLoad = os.loadavg()[0]
        const crawl = await crawlViaApi(target)
        if (crawl.exportJson) lastExport = crawl.exportJson
        delete crawl.exportJson
        round.sightline = crawl
        log(`  ${crawl.state} in ${Math.round(crawl.wallMs)} ms`)
      } else if (!args.skipDatahub) {
        log(`round ${r + 1}: DataHub CLI`)
        round.datahubLoad = os.loadavg()[0]
        const out = path.join(rawDir, `datahub-${scale}-round${r + 1}`)
        let run: DatahubRun | { error: string }
        try {
          run = await runDatahub(ROOT, args.envFile, out, args.login)
        } catch (err) {
          run = { error: err instanceof Error ? err.message : String(err) }
        }
        round.datahub = run
      }
    }
    results.rounds.push(round)
  }
  if (lastExport) {
    const file = path.join(rawDir, `sightline-export-${scale}.json`)
    writeFileSync(file, lastExport)
    const counted = sightlineCoverage(JSON.parse(lastExport))
    results.sightlineCoverage = counted.coverage
    results.sightlineSubjects = counted.subjects
  }

  log('PostgreSQL connector alone (statements per database, sample SELECTs for the floor)')
  const pgRun = await crawlPgConnector(target)
  results.pgConnector = { ms: pgRun.ms, databases: pgRun.databases }
  log('Kafka, Connect, registry and MongoDB connectors alone')
  const others = otherSources(env)
  results.connectorsAlone = [
    await crawlConnectorAlone(others.kafka, { schemaRegistry: others.registry }),
    await crawlConnectorAlone(others.connect),
    await crawlConnectorAlone(others.registry),
    await crawlConnectorAlone(others.mongodb),
  ]
  log('floors: PostgreSQL catalogue, PostgreSQL value samples, Kafka fetch, MongoDB find')
  const conn = pgLogin(env, args.login)
  results.floors = {
    pgCatalog: await pgCatalogFloor(conn, databases),
    pgSamples: await pgSampleFloor(conn, pgRun.sampleSql),
    kafka: await kafkaFloor(env.SIGHTLINE_KAFKA_BROKERS ?? ''),
    mongo: await mongoFloor(env.SIGHTLINE_MONGO_URL ?? ''),
  }
  if (!args.skipCancel) {
    log('cancel latency: crawl, cancel after 1 s')
    results.cancel = await measureCancel(target, 1000)
  }
  results.machine.loadAtEnd = os.loadavg().map((l) => Math.round(l * 10) / 10)
  results.endedAt = new Date().toISOString()

  // Measured apart, on a private broker (kafka-default-delay.ts): folded in when present.
  const delayFile = path.join(ROOT, 'bench', 'results', 'kafka-default-delay.md')
  // Asked again: the first DataHub round installs the CLI when it is missing.
  results.datahubVersion = datahubVersion()
  const markdown = renderReport(
    results,
    existsSync(delayFile) ? readFileSync(delayFile, 'utf8') : '',
  )
  mkdirSync(path.dirname(args.out), { recursive: true })
  writeFileSync(args.out, markdown)
  writeFileSync(args.out.replace(/\.md$/, '.json'), `${JSON.stringify(results, null, 2)}\n`)
  console.log(markdown)
  log(`wrote ${path.relative(ROOT, args.out)}`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

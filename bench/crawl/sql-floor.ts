/**
 * The SQL part of the crawl against its floor (issue 4, item 6; target: ≤ 1.5× the floor).
 *
 * Side by side in one run, alternating which goes first, N rounds:
 *   (a) floor: the connector's own catalogue statements (imported from crawl-queries.ts) sent raw
 *       through `pg`, one connection per database, databases in turn, in the same READ ONLY
 *       transaction, rows discarded;
 *   (b) Sightline: crawlPostgres (sampleSize 0: catalogue only) over the same databases, batches
 *       mapped as the product maps them;
 *   (c) Sightline, the whole product path: a crawl job of the PostgreSQL source alone through the
 *       API (createApiHost on a fresh temporary workspace, startCrawl with sampleSize 0, timed to
 *       the job's end event), so the pipeline's per-asset work and the atomic commit to the
 *       SQLite store (history, search index) are included.
 * Prints the median of each, the ratio b/a, and the catalogue statements per database next to
 * its table count (they must not grow with it). Writes bench/results/sql-floor.md (one section
 * per estate, the other sections kept).
 *
 *   npx tsx bench/crawl/sql-floor.ts [--env FILE] [--bench] [--databases a,b] [--rounds N]
 *
 * --env: the estate's env file (default /work/main/.estate/estate.env); SIGHTLINE_* variables of
 * the process override it (so `source /work/bench-estate/env.sh` works before that estate has
 * written its file). --bench: /work/bench-estate/estate/estate.env and the bench databases.
 * --login admin: crawl as the estate's admin role instead of the reader (the crawl only reads
 * either way; for an estate whose reader lacks grants on some databases).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import type { CrawlBatch } from '../../src/main/connectors/crawl-model'
import { SOURCE_NAMES } from './bench-workspace'
import { crawlViaApi } from './sightline-crawl'
import { crawlPostgres } from '../../src/main/connectors/postgres/crawl-postgres'
import {
  PG_COLUMNS,
  PG_CONSTRAINTS,
  PG_DATABASE,
  PG_INDEXES,
  PG_RELATIONS,
} from '../../src/main/connectors/postgres/crawl-queries'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SMALL_DATABASES = ['crm', 'orders', 'legacy']
const BENCH_FILLER = ['warehouse', 'finance_archive', 'marketing_mart', 'ops_logs', 'staging']

interface Args {
  envFile: string
  databases: string[]
  rounds: number
  label: string
  login: 'READER' | 'ADMIN'
  note?: string
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const bench = argv.includes('--bench')
  const envFile =
    get('--env') ??
    (bench ? '/work/bench-estate/estate/estate.env' : path.join(ROOT, '.estate', 'estate.env'))
  const list = get('--databases')
  return {
    envFile,
    databases: list
      ? list
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean)
      : bench
        ? [...SMALL_DATABASES, ...BENCH_FILLER]
        : SMALL_DATABASES,
    rounds: Math.max(1, Number(get('--rounds') ?? 7)),
    label: get('--label') ?? (bench ? 'bench' : 'small'),
    login: get('--login') === 'admin' ? 'ADMIN' : 'READER',
    ...(get('--note') ? { note: get('--note')! } : {}),
  }
}

function readEnv(file: string): Record<string, string> {
  const vars: Record<string, string> = {}
  if (existsSync(file))
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line)
      if (m) vars[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2')
    }
  for (const [k, v] of Object.entries(process.env))
    if (k.startsWith('SIGHTLINE_') && v !== undefined) vars[k] = v
  return vars
}

/** The command line without --note's text (shown on its own line). */
function commandArgs(): string[] {
  const argv = process.argv.slice(2)
  const i = argv.indexOf('--note')
  return i >= 0 ? [...argv.slice(0, i), '--note …', ...argv.slice(i + 2)] : argv
}

const now = () => process.hrtime.bigint()
const ms = (t0: bigint) => Number(now() - t0) / 1e6
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

interface Conn {
  host: string
  port: number
  user: string
  password: string
}

/** (a) The floor: the same statements, raw, one connection per database, rows discarded. */
async function rawFloor(
  conn: Conn,
  databases: string[],
): Promise<{ ms: number; statements: Record<string, number> }> {
  const statements: Record<string, number> = {}
  const t0 = now()
  for (const database of databases) {
    const client = new pg.Client({ ...conn, database, application_name: 'sightline-floor' })
    await client.connect()
    let n = 0
    const q = async (sql: string) => {
      n++
      await client.query(sql)
    }
    await q('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    for (const sql of [PG_DATABASE, PG_RELATIONS, PG_COLUMNS, PG_CONSTRAINTS, PG_INDEXES])
      await q(sql)
    await q('COMMIT')
    await client.end()
    statements[database] = n
  }
  return { ms: ms(t0), statements }
}

interface SightlineRun {
  ms: number
  perDatabase: Record<string, { statements: number; tables: number; fields: number }>
  errors: string[]
}

/** (b) Sightline's crawlPostgres, catalogue only. */
async function sightline(conn: Conn, databases: string[]): Promise<SightlineRun> {
  const source = {
    name: 'bench-pg',
    kind: 'postgres' as const,
    url: `postgres://${conn.host}:${conn.port}/${databases[0]}`,
    username: conn.user,
    password: conn.password,
    options: {},
  }
  const out: SightlineRun = { ms: 0, perDatabase: {}, errors: [] }
  const batches: CrawlBatch[] = []
  const t0 = now()
  for await (const batch of crawlPostgres(source, { databases, sampleSize: 0 })) batches.push(batch)
  out.ms = ms(t0)
  for (const b of batches) {
    if (b.kind === 'database')
      out.perDatabase[b.database] = {
        statements: b.statements,
        tables: b.tables.length,
        fields: b.tables.reduce((n, t) => n + t.fields.length, 0),
      }
    else if (b.kind === 'error') out.errors.push(`${b.database}: ${b.error.message}`)
  }
  return out
}

async function serverVersion(conn: Conn, database: string): Promise<string> {
  const client = new pg.Client({ ...conn, database })
  await client.connect()
  const { rows } = await client.query<{ v: string }>(
    "SELECT current_setting('server_version') AS v",
  )
  await client.end()
  return rows[0]!.v
}

function writeSection(label: string, body: string): string {
  const file = path.join(ROOT, 'bench', 'results', 'sql-floor.md')
  mkdirSync(path.dirname(file), { recursive: true })
  const begin = `<!-- sql-floor:${label} -->`
  const end = `<!-- /sql-floor:${label} -->`
  const header = `# SQL crawl against its floor (PostgreSQL)

Produced by \`bench/crawl/sql-floor.ts\` (see its header for the method). The floor (a) is the
connector's own catalogue statements from \`crawl-queries.ts\` sent raw through \`pg\`, one
connection per database, in the same READ ONLY transaction, rows discarded; Sightline (b) is
\`crawlPostgres\` with \`sampleSize: 0\` (catalogue only: value sampling is measured with the
other floors in bench/results/crawl.md). Both include connecting to each database. Rounds
alternate which of (a) and (b) goes first. Each section below is one run on one estate.
`
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header
  const block = `${begin}\n${body.trim()}\n${end}`
  const re = new RegExp(`${begin}[\\s\\S]*?${end}`)
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`
  writeFileSync(file, text)
  return file
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const env = readEnv(args.envFile)
  const conn: Conn = {
    host: env.SIGHTLINE_PG_HOST ?? '127.0.0.1',
    port: Number(env.SIGHTLINE_PG_PORT ?? 55432),
    user:
      env[`SIGHTLINE_PG_${args.login}_USER`] ??
      (args.login === 'ADMIN' ? 'sightline_admin' : 'sightline_reader'),
    password:
      env[`SIGHTLINE_PG_${args.login}_PASSWORD`] ??
      (args.login === 'ADMIN' ? 'admin-pass' : 'reader-pass'),
  }
  const version = await serverVersion(conn, args.databases[0]!)
  console.log(
    `PostgreSQL ${version} at ${conn.host}:${conn.port}; databases ${args.databases.join(', ')}; ${args.rounds} rounds`,
  )
  // One warm-up of each, not counted: the first connection pays for catalogue caches.
  await rawFloor(conn, args.databases)
  await sightline(conn, args.databases)
  const target = {
    env,
    databases: args.databases,
    login: args.login === 'ADMIN' ? ('admin' as const) : ('reader' as const),
  }
  const productJob = async (): Promise<number> => {
    const run = await crawlViaApi(target, {
      sources: [SOURCE_NAMES.postgres],
      sampleSize: 0,
      exportJson: false,
    })
    if (run.state !== 'succeeded') throw new Error(`crawl job ${run.state}: ${run.error ?? ''}`)
    return run.wallMs
  }
  await productJob()

  const floor: number[] = []
  const ours: number[] = []
  const product: number[] = []
  let last: SightlineRun | undefined
  let rawStatements: Record<string, number> = {}
  for (let round = 0; round < args.rounds; round++) {
    const runA = async () => {
      const a = await rawFloor(conn, args.databases)
      floor.push(a.ms)
      rawStatements = a.statements
    }
    const runB = async () => {
      last = await sightline(conn, args.databases)
      ours.push(last.ms)
    }
    const runC = async () => {
      product.push(await productJob())
    }
    // Rotate which goes first: caches warmed by one must not always favour another.
    const runs = [runA, runB, runC]
    for (let i = 0; i < runs.length; i++) await runs[(round + i) % runs.length]!()
    console.log(
      `round ${round + 1}: floor ${floor.at(-1)!.toFixed(1)} ms, crawlPostgres ${ours.at(-1)!.toFixed(1)} ms, crawl job ${product.at(-1)!.toFixed(1)} ms`,
    )
  }
  if (!last) throw new Error('no round ran')
  if (last.errors.length > 0) throw new Error(`crawl errors: ${last.errors.join('; ')}`)
  const a = median(floor)
  const b = median(ours)
  const c = median(product)
  const rows = args.databases.map((d) => {
    const p = last!.perDatabase[d]
    return `| ${d} | ${p?.tables ?? '?'} | ${p?.fields ?? '?'} | ${p?.statements ?? '?'} | ${rawStatements[d] ?? '?'} |`
  })
  const totalTables = Object.values(last.perDatabase).reduce((n, p) => n + p.tables, 0)
  const cpu = os.cpus()
  const body = `
## Estate: ${args.label} (${totalTables} tables in ${args.databases.length} databases)

- When: ${new Date().toISOString()}
- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; Node ${process.version}; shared with other work (2 cores)
- Server: PostgreSQL ${version} on ${conn.host}:${conn.port} (same machine); login ${conn.user}
- Command: \`npx tsx bench/crawl/sql-floor.ts ${commandArgs().join(' ')}\`
- Rounds: ${args.rounds} (after one unmeasured warm-up of each)${args.note ? `\n- Note: ${args.note}` : ''}

| | median ms | all rounds ms |
|---|---:|---|
| (a) floor: raw catalogue statements | ${a.toFixed(1)} | ${floor.map((x) => x.toFixed(0)).join(', ')} |
| (b) Sightline crawlPostgres (catalogue only) | ${b.toFixed(1)} | ${ours.map((x) => x.toFixed(0)).join(', ')} |
| (c) Sightline crawl job, PostgreSQL source alone (API, pipeline, store; catalogue only) | ${c.toFixed(1)} | ${product.map((x) => x.toFixed(0)).join(', ')} |
| **ratio b/a** (connector) | **${(b / a).toFixed(2)}×** | target ≤ 1.5× |
| **ratio c/a** (the product, store commit included) | **${(c / a).toFixed(2)}×** | target ≤ 1.5× |

Catalogue statements per database (BEGIN + 5 SELECTs + COMMIT), against its size:

| database | tables | columns | Sightline statements | floor statements |
|---|---:|---:|---:|---:|
${rows.join('\n')}
`
  console.log(body)
  console.log(`written to ${writeSection(args.label, body)}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

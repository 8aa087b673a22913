/**
 * The lookup index's cost (issue 7 item 4, docs/lookup-index.md): build rate, disk and memory.
 *
 *   npx tsx bench/lookup-index/run.ts [--env FILE] [--synthetic 1000000]
 *
 * 1. End to end on an estate: indexes every identifier field of every topic (the manifest's
 *    classified Kafka fields) into a fresh store; records/s, entries, bytes, store size, memory.
 * 2. Store only, at scale: `--synthetic N` messages' worth of entries (1.5 identifier entries and
 *    one record key per message, random
 *    HMACs, like real ones) committed in chunks of 250 messages as the indexer does, then point
 *    probes; disk and write rate per million messages where the b-tree is deep.
 * Writes bench/results/lookup-index.md.
 */
import { codeLine, codeVersion } from '../shared/code-version'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { indexedFieldsOf, recordKeyField } from '../../src/main/lookup/kafka-index/index-fields'
import { KafkaLookupIndexer } from '../../src/main/lookup/kafka-index/kafka-lookup-indexer'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import type { CategoryId } from '../../src/shared/model/personal-data'

const args = process.argv.slice(2)
const arg = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const envFile = arg('--env') ?? path.resolve('.estate/estate.env')
const synthetic = Number(arg('--synthetic') ?? 1_000_000)
const env = Object.fromEntries(
  readFileSync(envFile, 'utf8')
    .split('\n')
    .map((l) => /^([A-Z0-9_]+)=(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!]),
)
const dataDir = path.join(env.SIGHTLINE_ESTATE_DIR!, 'data', env.SIGHTLINE_ESTATE_SCALE!)
const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
const storeBytes = (file: string) =>
  [file, `${file}-wal`].reduce((n, f) => n + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0)

async function endToEnd(): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as {
    assets: Array<{
      kind: string
      path: string[]
      fields: Array<{ path: string; category: CategoryId | null }>
    }>
  }
  const topicAssets = manifest.assets.filter((a) => a.kind === 'topic')
  // As the app indexes (catalogue-index-fields.ts): identifier fields and record keys.
  const identifierFields = indexedFieldsOf(
    topicAssets.flatMap((a) =>
      a.fields
        .filter((f) => f.category !== null)
        .map((f) => ({ topic: a.path[0]!, path: f.path, category: f.category! })),
    ),
  )
  // The manifest lists value fields only: every topic gets its record key here, and a message
  // without a key makes no entry, as in the app (which takes topics the crawl saw keyed).
  const keyFields = topicAssets.map((a) => recordKeyField(a.path[0]!))
  const fields = [...identifierFields, ...keyFields]
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-lookup-index-'))
  const file = path.join(dir, 'store.sqlite')
  const store = openSqliteStore(file)
  const indexer = new KafkaLookupIndexer({
    source: {
      name: 'events',
      kind: 'kafka',
      url: `kafka://${env.SIGHTLINE_KAFKA_BROKERS}`,
      options: {},
    },
    schemaRegistry: { name: 'registry', url: env.SIGHTLINE_REGISTRY_URL!, options: {} },
    store,
    fields,
  })
  global.gc?.()
  const rss0 = process.memoryUsage().rss
  let peakRss = rss0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100)
  const cpu0 = process.cpuUsage()
  const report = await indexer.catchUp()
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  await indexer.stop()
  await store.close()
  const disk = storeBytes(file)
  // Counted with a connection of its own: the store does not split its count by field.
  const reader = new Database(file, { readonly: true })
  const keyEntries = (
    reader
      .prepare(
        `SELECT COUNT(*) AS n FROM lookup_index_entries e
         JOIN lookup_index_fields f ON f.id = e.field_id WHERE f.path = '@key'`,
      )
      .get() as { n: number }
  ).n
  reader.close()
  rmSync(dir, { recursive: true, force: true })
  const topics = new Set(fields.map((f) => f.topic)).size
  return [
    `## End to end: ${env.SIGHTLINE_ESTATE_SCALE} estate, ${topics} topics, ${identifierFields.length} identifier fields and record keys`,
    '',
    '| | |',
    '|---|---|',
    `| messages indexed | ${report.records.toLocaleString('en-GB')} (${report.partitions} partitions, ${report.requests} fetches) |`,
    `| entries | ${report.entries.toLocaleString('en-GB')} (${(report.entries / report.records).toFixed(2)} per message; ${keyEntries.toLocaleString('en-GB')} of them record keys) |`,
    `| bytes fetched (key + value) | ${mb(report.bytes)} MB |`,
    `| wall time | ${(report.durationMs / 1000).toFixed(1)} s: **${Math.round(report.records / (report.durationMs / 1000)).toLocaleString('en-GB')} messages/s** |`,
    `| CPU (user + system) | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s: ${Math.round(report.records / ((cpu.user + cpu.system) / 1e6)).toLocaleString('en-GB')} messages per CPU-second |`,
    `| store on disk | ${mb(disk)} MB (${(disk / report.entries).toFixed(0)} bytes per entry, all included) |`,
    `| RSS | ${mb(rss0)} MB before, peak ${mb(peakRss)} MB |`,
    '',
  ]
}

async function storeAtScale(messages: number): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-bench-lookup-index-'))
  const file = path.join(dir, 'store.sqlite')
  const store = openSqliteStore(file)
  const perChunk = 250
  const probes: Buffer[] = []
  const started = Date.now()
  let entries = 0
  for (let m = 0; m < messages; m += perChunk) {
    const batch = []
    for (let i = m; i < Math.min(messages, m + perChunk); i++) {
      // 1.5 identifier entries a message (a CDC row's email and, every other one, a phone), and
      // its record key (every bench-scale topic is keyed).
      const n = i % 2 === 0 ? 2 : 1
      for (let k = 0; k <= n; k++) {
        const hmac = randomBytes(16)
        if (i % 10_007 === 0) probes.push(hmac)
        batch.push({
          hmac,
          field: k === n ? '@key' : k === 0 ? 'after.Email' : 'after.MobilePhone',
          offset: BigInt(i),
        })
      }
    }
    entries += batch.length
    await store.lookupIndex.commit('events', [
      {
        topic: 'synthetic',
        partition: m % 6,
        entries: batch,
        nextOffset: BigInt(m + perChunk),
        highWatermark: BigInt(messages),
      },
    ])
  }
  const buildMs = Date.now() - started
  const p0 = process.hrtime.bigint()
  for (const p of probes) await store.lookupIndex.find('events', [p])
  const probeUs = Number(process.hrtime.bigint() - p0) / 1000 / probes.length
  await store.close()
  const disk = storeBytes(file)
  rmSync(dir, { recursive: true, force: true })
  return [
    `## Store only: ${messages.toLocaleString('en-GB')} messages, ${entries.toLocaleString('en-GB')} entries (SQLite, WAL)`,
    '',
    '| | |',
    '|---|---|',
    `| commit rate | ${Math.round(messages / (buildMs / 1000)).toLocaleString('en-GB')} messages/s, ${Math.round(entries / (buildMs / 1000)).toLocaleString('en-GB')} entries/s (chunks of ${perChunk} messages, one transaction each) |`,
    `| disk | ${mb(disk)} MB: **${mb((disk / messages) * 1e6)} MB per million messages**, ${(disk / entries).toFixed(0)} bytes per entry |`,
    `| point probe (find one HMAC) | ${probeUs.toFixed(0)} µs mean over ${probes.length} probes |`,
    '',
  ]
}

const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')
const lines = [
  '# Lookup index: build rate, disk and memory',
  '',
  `Run ${new Date().toISOString()} by \`npx tsx bench/lookup-index/run.ts\`; ${os.cpus().length} cores, load average ${load} at start; ${codeLine(codeVersion())}.`,
  '',
  ...(await endToEnd()),
  ...(await storeAtScale(synthetic)),
]
const out = path.resolve('bench/results/lookup-index.md')
writeFileSync(out, `${lines.join('\n')}\n`)
console.log(lines.join('\n'))

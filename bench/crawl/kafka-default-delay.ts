/**
 * Kafka sampling with the broker's default group.initial.rebalance.delay.ms (3000 ms) against the
 * estate's setting (0), measured on a private, throwaway broker (the shared estates are never
 * restarted): for each delay, one KRaft broker from the estate's cached jars on ports
 * 57192/57194, TOPICS JSON topics of 6 partitions and MESSAGES messages each, then Sightline's
 * Kafka connector alone and the DataHub CLI's kafka recipe, timed, with the topics each gave a
 * schema to. The broker is ours: started here, stopped here (its own pid), its folder removed.
 *
 *   npx tsx bench/crawl/kafka-default-delay.ts [--registry URL] [--topics 20] [--messages 200]
 *
 * Writes bench/results/kafka-default-delay.md, which bench/crawl/run.ts folds into crawl.md.
 * --registry: a Confluent-compatible registry URL DataHub may ask (default: the small estate's);
 * it holds no subject for these topics, so DataHub infers their schemas from messages.
 */
import { codeLine, codeVersion } from '../shared/code-version'
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import kafkajs from 'kafkajs'
import { createConnector } from '../../src/main/connectors'
import { datahubCoverage } from './coverage-datahub'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const PORT = 57192
const CONTROLLER = 57194

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name)
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback
}

function kafkaLibs(): string {
  const base = path.join(os.homedir(), '.cache/sightline-estate/maven')
  const dir = readdirSync(base).find((d) => d.startsWith('kafka-libs-'))
  if (!dir) throw new Error(`no Kafka jars under ${base}: run the estate's up.sh once`)
  return path.join(base, dir)
}

const brokers = `127.0.0.1:${PORT}`

async function startBroker(dir: string, delayMs: number | undefined) {
  const props = path.join(dir, 'server.properties')
  writeFileSync(
    props,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${CONTROLLER}`,
      'controller.listener.names=CONTROLLER',
      `listeners=PLAINTEXT://127.0.0.1:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${PORT}`,
      'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${path.join(dir, 'data')}`,
      'num.partitions=6',
      'auto.create.topics.enable=false',
      'offsets.topic.num.partitions=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      // Absent: Kafka's default (3000 ms). Present: the value asked for.
      ...(delayMs === undefined ? [] : [`group.initial.rebalance.delay.ms=${delayMs}`]),
      '',
    ].join('\n'),
  )
  const cp = `${kafkaLibs()}/*`
  const id = randomBytes(16).toString('base64url').replace(/^-/, 'A')
  const format = spawnSync(
    'java',
    ['-Xmx256m', '-cp', cp, 'kafka.tools.StorageTool', 'format', '-t', id, '-c', props],
    {
      encoding: 'utf8',
    },
  )
  if (format.status !== 0) throw new Error(`storage format failed: ${format.stderr}`)
  const child = spawn('java', ['-Xms128m', '-Xmx384m', '-cp', cp, 'kafka.Kafka', props], {
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  const probe = new kafkajs.Kafka({
    brokers: [brokers],
    logLevel: kafkajs.logLevel.NOTHING,
    retry: { retries: 0 },
  })
  // Seeding right after topic creation meets NOT_LEADER until leaders settle: kafkajs retries.
  const kafka = new kafkajs.Kafka({
    brokers: [brokers],
    logLevel: kafkajs.logLevel.NOTHING,
    retry: { retries: 10 },
  })
  const deadline = Date.now() + 120_000
  for (;;) {
    const admin = probe.admin()
    try {
      await admin.connect()
      await admin.describeCluster()
      await admin.disconnect()
      break
    } catch {
      await admin.disconnect().catch(() => {})
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error('the private broker did not start')
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
  return { child, kafka }
}

async function seed(kafka: kafkajs.Kafka, topics: number, messages: number): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  const names = Array.from({ length: topics }, (_, i) => `delay-bench.topic-${i}`)
  await admin.createTopics({
    topics: names.map((topic) => ({ topic, numPartitions: 6 })),
    waitForLeaders: true,
  })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  for (const topic of names)
    await producer.send({
      topic,
      messages: Array.from({ length: messages }, (_, i) => ({
        key: String(i),
        value: JSON.stringify({
          id: i,
          name: `n${i}`,
          at: new Date(0).toISOString(),
          nested: { a: i % 7 },
        }),
      })),
    })
  await producer.disconnect()
}

async function sightline(): Promise<{ ms: number; topicsWithFields: number }> {
  const connector = createConnector({
    name: 'delay-bench',
    kind: 'kafka',
    url: `kafka://${brokers}`,
    options: {},
  })
  const t0 = Date.now()
  let topicsWithFields = 0
  try {
    for await (const b of connector.crawl!({ sampleSize: 100 }))
      if (b.kind === 'assets')
        topicsWithFields += b.assets.filter((a) => a.kind === 'topic' && a.fields.length > 0).length
  } finally {
    await connector.close()
  }
  return { ms: Date.now() - t0, topicsWithFields }
}

function datahub(dir: string, registry: string): { ms: number; topicsWithFields: number } {
  const env = path.join(dir, 'estate.env')
  // run-datahub.sh wants a PostgreSQL login even when only kafka runs: placeholders, unused.
  writeFileSync(
    env,
    [
      `SIGHTLINE_KAFKA_BROKERS=${brokers}`,
      `SIGHTLINE_REGISTRY_URL=${registry}`,
      'SIGHTLINE_PG_READER_USER=unused',
      'SIGHTLINE_PG_READER_PASSWORD=unused',
      'SIGHTLINE_ESTATE_SCALE=delay-bench',
      '',
    ].join('\n'),
  )
  const out = path.join(dir, 'datahub')
  const t0 = Date.now()
  const run = spawnSync(
    'bash',
    [path.join(ROOT, 'bench/crawl/run-datahub.sh'), '--env', env, '--out', out, '--only', 'kafka'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const ms = Date.now() - t0
  if (run.status !== 0 || !existsSync(path.join(out, 'kafka.json')))
    return { ms, topicsWithFields: -1 }
  return {
    ms,
    topicsWithFields: datahubCoverage([path.join(out, 'kafka.json')]).coverage.topicsWithFields,
  }
}

async function main(): Promise<void> {
  const topics = Number(arg('--topics', '20'))
  const messages = Number(arg('--messages', '200'))
  const registry = arg('--registry', 'http://127.0.0.1:58081/apis/ccompat/v7')
  const rows: string[] = []
  for (const delay of [undefined, 0]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-delay-bench-'))
    const { child, kafka } = await startBroker(dir, delay)
    try {
      await seed(kafka, topics, messages)
      const sl = await sightline()
      const dh = datahub(dir, registry)
      const label = delay === undefined ? 'default (3000 ms)' : `${delay} ms`
      rows.push(
        `| ${label} | ${(sl.ms / 1000).toFixed(2)} s | ${sl.topicsWithFields} of ${topics} | ${(dh.ms / 1000).toFixed(2)} s | ${dh.topicsWithFields < 0 ? 'run failed' : `${dh.topicsWithFields} of ${topics}`} |`,
      )
      console.error(rows.at(-1))
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    }
  }
  const markdown = [
    "## Kafka sampling with the broker's default group.initial.rebalance.delay.ms (measured)",
    '',
    `Produced by \`npx tsx bench/crawl/kafka-default-delay.ts\` on ${new Date().toISOString()} (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' / ',
      )}; ${codeLine(codeVersion())}): a private KRaft broker of Kafka's cached jars, started once with Kafka's default delay and once with 0, each holding ${topics} JSON topics × 6 partitions × ${messages} messages; sample size 100; DataHub with the kafka recipe of bench/crawl/datahub/recipes/.`,
    '',
    '| group.initial.rebalance.delay.ms | Sightline Kafka connector alone | topics with a schema | DataHub kafka recipe (process) | topics with a schema |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(path.join(ROOT, 'bench/results/kafka-default-delay.md'), markdown)
  console.log(markdown)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

import kafkajs, { type Admin, type SASLOptions } from 'kafkajs'
import { ApiError, type ConnectionCheck } from '../../../shared/api'
import { describeEndpoint, errorChain } from '../errors'
import type {
  CheckOptions,
  Connector,
  CrawlBatch,
  CrawlOptions,
  LookupOutcome,
  LookupQuery,
  ResolvedSource,
} from '../connector'
import type { ResolvedSourceRef } from '../crawl-model'
import { exchange, kafkaApiVersionsRequest, parseKafkaApiVersions } from '../shared/protocol-probe'
import { runCheck, type CheckContext, type CheckOutcome } from '../shared/run-check'
import { crawlKafka } from './crawl-kafka'
import { inferKafkaVersion } from './infer-version'
import { KafkaLookup } from './lookup-kafka'
import { parseKafkaSource, type KafkaTarget } from './parse-url'
import { translateKafkaError } from './translate-error'

/** Kafka: check through describeCluster (brokers, cluster id, controller); crawl through kafkajs. */
export class KafkaConnector implements Connector {
  readonly kind = 'kafka' as const

  private readonly lookups: KafkaLookup

  /** `schemaRegistry`: the registry source Avro values are decoded with in lookups. */
  constructor(
    private readonly source: ResolvedSource,
    schemaRegistry?: ResolvedSourceRef,
  ) {
    this.lookups = new KafkaLookup(source, schemaRegistry)
  }

  check(opts: CheckOptions = {}): Promise<ConnectionCheck> {
    return runCheck(
      {
        kind: this.kind,
        secrets: [this.source.password ?? ''],
        translate: translateKafkaError,
        run: (ctx) => this.runCheck(ctx),
      },
      opts,
    )
  }

  private async runCheck(ctx: CheckContext): Promise<CheckOutcome> {
    const target = parseKafkaSource(this.source)
    ctx.setTarget(target.brokers, target.tls)
    await ctx.preflight()
    const admin = createAdmin(target, ctx.remainingMs())
    ctx.defer(() => admin.disconnect())
    // Only a broker that answered ApiVersions may be told "this listener wants SASL" below.
    if (!target.tls) await ctx.probeProtocol()
    const wantsSasl = (err: unknown) => {
      throw target.sasl || target.tls ? err : (saslRequired(err, target) ?? err)
    }
    await admin.connect().catch(wantsSasl)
    const cluster = await ctx.timed(() => admin.describeCluster()).catch(wantsSasl)
    ctx.markAuthenticated()
    const version = target.tls ? undefined : await brokerVersion(target, ctx)
    const controller = cluster.brokers.find((b) => b.nodeId === cluster.controller)
    return {
      serverVersion: `${version ?? 'Kafka'} (cluster ${cluster.clusterId})`,
      details: {
        clusterId: cluster.clusterId,
        brokers: cluster.brokers.length,
        brokerList: cluster.brokers.map((b) => `${b.host}:${b.port}`).join(','),
        controller: controller
          ? `${controller.nodeId} (${controller.host}:${controller.port})`
          : String(cluster.controller),
        tls: target.tls,
        sasl: target.sasl ? target.sasl.mechanism.toUpperCase() : 'none',
      },
    }
  }

  /**
   * Brokers, topics, offsets, configs, consumer groups and lag, then the newest messages of each
   * topic through raw Fetch requests (no consumer group), decoded into fields (crawl-kafka.ts).
   */
  crawl(opts: CrawlOptions = {}): AsyncIterable<CrawlBatch> {
    return crawlKafka(this.source, opts)
  }

  /**
   * One keyed partition (the partitioner over the key's exact bytes) or the lookup index's
   * offsets, never a topic scan (lookup-kafka.ts). Clients stay open until `close()`.
   */
  lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    return this.lookups.lookup(q, opts)
  }

  async close(): Promise<void> {
    // check() disconnects its own admin client; lookups keep theirs until now.
    await this.lookups.close()
  }
}

/**
 * kafkajs speaks ApiVersions first, which a SASL listener answers; the broker then drops a
 * client that sends anything else before authenticating. So "closed" from a Kafka that just
 * answered means: this listener wants SASL.
 */
function saslRequired(err: unknown, target: KafkaTarget): ApiError | undefined {
  const closed = errorChain(err).some((e) => e.name === 'KafkaJSConnectionClosedError')
  if (!closed) return undefined
  return new ApiError(
    'auth',
    `The Kafka broker at ${describeEndpoint(target.brokers[0])} answered ApiVersions, then closed the connection instead of answering unauthenticated: this listener probably requires SASL. Set a username and password (and sasl.mechanism).`,
    { reason: 'sasl-required' },
  )
}

function createAdmin(target: KafkaTarget, budgetMs: number): Admin {
  const kafka = new kafkajs.Kafka({
    clientId: 'sightline-check',
    brokers: target.brokers.map(
      (b) => `${b.host.includes(':') ? `[${b.host}]` : b.host}:${b.port}`,
    ),
    ssl: target.tls ? { rejectUnauthorized: true } : false,
    sasl: target.sasl as SASLOptions | undefined,
    connectionTimeout: Math.max(1, budgetMs),
    authenticationTimeout: Math.max(1, budgetMs),
    requestTimeout: Math.max(1, budgetMs),
    // One attempt: the check reports the first failure instead of retrying into the timeout.
    retry: { retries: 0 },
    // kafkajs logs to the console by default; a check reports through its result only.
    logLevel: kafkajs.logLevel.NOTHING,
  })
  return kafka.admin({ retry: { retries: 0 } })
}

/**
 * kafkajs does not expose ApiVersions, and Kafka has no "version" request: ask the bootstrap
 * broker's ApiVersions ourselves (plain-text listeners only) and infer the release line.
 */
async function brokerVersion(target: KafkaTarget, ctx: CheckContext): Promise<string | undefined> {
  const broker = target.brokers[0]
  if (!broker || ctx.remainingMs() < 100) return undefined
  const outcome = await exchange(broker, kafkaApiVersionsRequest(), {
    timeoutMs: Math.min(2_000, ctx.remainingMs()),
    signal: ctx.signal,
    complete: (d) => d.length >= 4 && d.length >= 4 + d.readInt32BE(0),
  })
  const versions = outcome.kind === 'data' ? parseKafkaApiVersions(outcome.data) : undefined
  return versions ? inferKafkaVersion(versions) : undefined
}

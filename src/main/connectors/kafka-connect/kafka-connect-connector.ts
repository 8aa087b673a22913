import { ApiError, type ConnectionCheck } from '../../../shared/api'
import type { CheckOptions, Connector, ResolvedSource } from '../connector'
import type { CrawlBatch, CrawlOptions } from '../crawl-model'
import { getJson, parseHttpSource, translateHttpError } from '../shared/http'
import { runCheck, type CheckContext, type CheckOutcome } from '../shared/run-check'
import { crawlKafkaConnect } from './crawl-kafka-connect'

export const KAFKA_CONNECT_URL_EXAMPLE = 'http://connect.example.com:8083'

interface ConnectRoot {
  version?: unknown
  commit?: unknown
  kafka_cluster_id?: unknown
}

/** Kafka Connect REST: `GET /` gives the worker's Kafka version and the Kafka cluster id. */
export class KafkaConnectConnector implements Connector {
  readonly kind = 'kafka-connect' as const

  constructor(private readonly source: ResolvedSource) {}

  check(opts: CheckOptions = {}): Promise<ConnectionCheck> {
    return runCheck(
      {
        kind: this.kind,
        secrets: [this.source.password ?? ''],
        translate: translateHttpError,
        run: (ctx) => this.runCheck(ctx),
      },
      opts,
    )
  }

  private async runCheck(ctx: CheckContext): Promise<CheckOutcome> {
    const target = parseHttpSource(this.kind, this.source, KAFKA_CONNECT_URL_EXAMPLE)
    ctx.setTarget([target.endpoint], target.tls)
    await ctx.preflight()
    const root = (await ctx.timed(() => getJson(this.kind, target, '', ctx.signal))) as ConnectRoot
    if (
      typeof root !== 'object' ||
      root === null ||
      typeof root.version !== 'string' ||
      typeof root.kafka_cluster_id !== 'string'
    ) {
      throw new ApiError(
        'bad-input',
        `${target.base.origin}${target.base.pathname} answered JSON, but not Kafka Connect's (no version and kafka_cluster_id): is this the Connect REST URL?`,
        {
          reason: 'wrong-kind',
          looksLike: 'another HTTP service',
          detectedBy: 'protocol',
        },
      )
    }
    ctx.markAuthenticated()
    const connectors = await getJson(this.kind, target, 'connectors', ctx.signal)
    return {
      serverVersion: `Kafka Connect ${root.version} (cluster ${root.kafka_cluster_id})`,
      details: {
        kafkaClusterId: root.kafka_cluster_id,
        commit: typeof root.commit === 'string' ? root.commit : '',
        connectors: Array.isArray(connectors) ? connectors.length : 0,
        tls: target.tls,
      },
    }
  }

  /** Connectors with redacted config, status, tasks and active topics (crawl-kafka-connect.ts). */
  crawl(opts: CrawlOptions = {}): AsyncIterable<CrawlBatch> {
    return crawlKafkaConnect(this.source, opts)
  }

  async close(): Promise<void> {
    // Each request uses its own socket, closed when it ends.
  }
}

import { ApiError, type ConnectionCheck } from '../../../shared/api'
import type { CheckOptions, Connector, ResolvedSource } from '../connector'
import type { CrawlBatch, CrawlOptions } from '../crawl-model'
import { getJson, parseHttpSource, translateHttpError, type HttpTarget } from '../shared/http'
import { runCheck, type CheckContext, type CheckOutcome } from '../shared/run-check'
import { crawlSchemaRegistry } from './crawl-schema-registry'

export const SCHEMA_REGISTRY_URL_EXAMPLE =
  'http://registry.example.com:8081 (Confluent) or http://apicurio.example.com:8080/apis/ccompat/v7'

/**
 * A Confluent-compatible schema registry (Confluent, or Apicurio's ccompat API): `GET /subjects`
 * is the real request; the version comes from Apicurio's system info or Confluent's metadata.
 */
export class SchemaRegistryConnector implements Connector {
  readonly kind = 'schema-registry' as const

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
    const target = parseHttpSource(this.kind, this.source, SCHEMA_REGISTRY_URL_EXAMPLE)
    ctx.setTarget([target.endpoint], target.tls)
    await ctx.preflight()
    const subjects = await ctx
      .timed(() => getJson(this.kind, target, 'subjects', ctx.signal))
      .catch(async (err: unknown) => {
        throw (await looksLikeKafkaConnect(target, ctx)) ?? err
      })
    if (!Array.isArray(subjects)) {
      throw new ApiError(
        'bad-input',
        `${target.base.href}subjects did not answer a list of subjects: is this a schema registry URL?`,
        {
          reason: 'wrong-kind',
          looksLike: 'another HTTP service',
          detectedBy: 'protocol',
        },
      )
    }
    ctx.markAuthenticated()
    const product = await registryProduct(target, ctx)
    return {
      serverVersion: product,
      details: {
        subjects: subjects.length,
        tls: target.tls,
        api: target.base.pathname.includes('/apis/ccompat/') ? 'apicurio-ccompat' : 'confluent',
      },
    }
  }

  /** Subjects with versions, latest schema's fields and derived topic (crawl-schema-registry.ts). */
  crawl(opts: CrawlOptions = {}): AsyncIterable<CrawlBatch> {
    return crawlSchemaRegistry(this.source, opts)
  }

  async close(): Promise<void> {
    // Each request uses its own socket, closed when it ends.
  }
}

/** A registry URL that is really Kafka Connect's REST root (both are HTTP on 80xx ports). */
async function looksLikeKafkaConnect(
  target: HttpTarget,
  ctx: CheckContext,
): Promise<ApiError | undefined> {
  if (ctx.signal.aborted) return undefined
  const root = new URL(target.base.href)
  root.pathname = '/'
  const answer = await getJson('schema-registry', { ...target, base: root }, '', ctx.signal).catch(
    () => undefined,
  )
  if (typeof answer !== 'object' || answer === null || !('kafka_cluster_id' in answer))
    return undefined
  return new ApiError(
    'bad-input',
    `${root.host} looks like Kafka Connect's REST API, not a schema registry: check the URL or the source kind.`,
    {
      reason: 'wrong-kind',
      looksLike: 'Kafka Connect',
      detectedBy: 'protocol',
    },
  )
}

/** Best effort: the version is a nicety, so its failures never fail the check. */
async function registryProduct(target: HttpTarget, ctx: CheckContext): Promise<string> {
  const ccompat = target.base.pathname.indexOf('/apis/ccompat/')
  try {
    if (ccompat >= 0) {
      const root = new URL(target.base.href)
      root.pathname = target.base.pathname.slice(0, ccompat) + '/apis/registry/v3/system/info'
      const info = (await getJson(
        'schema-registry',
        { ...target, base: root },
        '',
        ctx.signal,
      )) as { name?: unknown; version?: unknown }
      const name = typeof info.name === 'string' ? info.name : 'Apicurio Registry'
      return typeof info.version === 'string' ? `${name} ${info.version}` : name
    }
    const meta = (await getJson('schema-registry', target, 'v1/metadata/version', ctx.signal)) as {
      version?: unknown
    }
    return typeof meta.version === 'string'
      ? `Confluent Schema Registry ${meta.version}`
      : 'Confluent-compatible Schema Registry'
  } catch {
    return ccompat >= 0 ? 'Apicurio Registry (ccompat)' : 'Confluent-compatible Schema Registry'
  }
}

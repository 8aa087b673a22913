import { MongoClient, type MongoClientOptions } from 'mongodb'
import { ApiError, type ConnectionCheck } from '../../../shared/api'
import type {
  CheckOptions,
  Connector,
  CrawlBatch,
  CrawlOptions,
  LookupOutcome,
  LookupQuery,
  ResolvedSource,
} from '../connector'
import { describeEndpoint, tlsNotSpoken } from '../errors'
import { tlsHandshake } from '../shared/protocol-probe'
import { crawlMongo } from './crawl-mongodb'
import { MongoLookup } from './lookup-mongodb'
import { runCheck, type CheckContext, type CheckOutcome } from '../shared/run-check'
import { parseMongoSource, type MongoTarget } from './parse-url'
import { translateMongoError } from './translate-error'

interface BuildInfo {
  version?: string
  /** FerretDB reports its own release next to the MongoDB version it emulates. */
  ferretdbVersion?: string
  ferretdb?: { version?: string }
}

/** MongoDB (and FerretDB): hello + buildInfo through the official driver. */
export class MongoConnector implements Connector {
  readonly kind = 'mongodb' as const

  private lookups: MongoLookup | undefined

  constructor(private readonly source: ResolvedSource) {}

  check(opts: CheckOptions = {}): Promise<ConnectionCheck> {
    return runCheck(
      {
        kind: this.kind,
        secrets: [this.source.password ?? ''],
        translate: translateMongoError,
        run: (ctx) => this.runCheck(ctx),
      },
      opts,
    )
  }

  private async runCheck(ctx: CheckContext): Promise<CheckOutcome> {
    const target = parseMongoSource(this.source)
    ctx.setTarget(target.endpoints, target.tls)
    const client = new MongoClient(
      target.url,
      clientOptions(this.source, target, ctx.remainingMs()),
    )
    ctx.defer(() => client.close(true))
    if (!target.srv) {
      await ctx.preflight()
      await probeProtocol(target, ctx)
    }
    await client.connect()
    const admin = client.db('admin')
    const hello = await ctx.timed(() => admin.command({ hello: 1 }))
    ctx.markAuthenticated()
    const info = (await admin.command({ buildInfo: 1 })) as BuildInfo
    const ferret = info.ferretdbVersion ?? info.ferretdb?.version
    const mongoVersion = info.version ?? 'unknown'
    return {
      serverVersion: ferret
        ? `FerretDB ${ferret.replace(/^v/, '')} (MongoDB ${mongoVersion})`
        : `MongoDB ${mongoVersion}`,
      details: {
        hosts: target.srv ? 'srv' : target.endpoints.map((e) => describeEndpoint(e)).join(','),
        maxWireVersion: Number(hello.maxWireVersion ?? 0),
        writablePrimary: hello.isWritablePrimary === true,
        ...(typeof hello.setName === 'string' ? { replicaSet: hello.setName } : {}),
        tls: target.tls,
        ...(ferret ? { ferretdb: true } : {}),
      },
    }
  }

  /** Databases, collections, views, indexes, counts and sampled shapes (crawl-mongodb.ts). */
  crawl(opts: CrawlOptions = {}): AsyncIterable<CrawlBatch> {
    return crawlMongo(this.source, opts)
  }

  /** One typed `find` per step on a client kept until close (lookup-mongodb.ts). */
  lookup(q: LookupQuery, opts: { signal?: AbortSignal } = {}): Promise<LookupOutcome> {
    this.lookups ??= new MongoLookup(this.source)
    return this.lookups.lookup(q, opts)
  }

  async close(): Promise<void> {
    // check() and crawl() close their own clients; lookups keep theirs until now.
    const lookups = this.lookups
    this.lookups = undefined
    await lookups?.close()
  }
}

function clientOptions(
  source: ResolvedSource,
  target: MongoTarget,
  budgetMs: number,
): MongoClientOptions {
  const budget = Math.max(1, budgetMs)
  const options: MongoClientOptions = {
    appName: 'sightline-check',
    serverSelectionTimeoutMS: budget,
    connectTimeoutMS: budget,
    socketTimeoutMS: budget,
    maxPoolSize: 1,
    retryReads: false,
    retryWrites: false,
  }
  if (target.tls) options.tls = true
  if (source.username) options.auth = { username: source.username, password: source.password ?? '' }
  return options
}

/**
 * The driver answers "wrong server" and "TLS to a plain port" only after server selection times
 * out. One raw hello (or a TLS handshake) to the first seed tells in a round trip instead.
 */
async function probeProtocol(target: MongoTarget, ctx: CheckContext): Promise<void> {
  const seed = target.endpoints[0]
  if (!seed) return
  const errCtx = { kind: 'mongodb' as const, endpoint: seed, tlsRequested: target.tls, secrets: [] }
  if (target.tls) {
    // A plain server may wait for the rest of a "message" forever, while a TLS server answers a
    // ClientHello in a round trip: a quarter of the budget (at most 2 s) tells them apart.
    const window = Math.min(Math.max(ctx.remainingMs() / 4, 300), 2_000)
    const handshake = await tlsHandshake(seed, window, ctx.signal)
    if (handshake !== 'ok' && !ctx.signal.aborted) {
      const shape = tlsNotSpoken(errCtx)
      throw new ApiError(shape.code, shape.message, shape.details)
    }
    return
  }
  await ctx.probeProtocol()
}

import net from 'node:net'
import type { MongoClientOptions } from 'mongodb'
import { ApiError, type ApiErrorShape } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import {
  describeEndpoint,
  driverMessage,
  errorChain,
  translateNetworkError,
  type Endpoint,
  type ErrorContext,
} from '../errors'
import type { MongoTarget } from './parse-url'
import { translateMongoError } from './translate-error'

/** The crawl's client: its options, a fast reachability preflight, and its error translation. */

/** A refused or silent port is told within this, instead of the driver's server-selection wait. */
const PREFLIGHT_MS = 5_000

/** Pool sized for the crawl's concurrency; every read also carries its own maxTimeMS. */
export function crawlClientOptions(
  source: ResolvedSource,
  target: MongoTarget,
  timeoutMs: number,
  poolSize: number,
): MongoClientOptions {
  const options: MongoClientOptions = {
    appName: 'sightline-crawl',
    serverSelectionTimeoutMS: Math.min(timeoutMs, 10_000),
    connectTimeoutMS: Math.min(timeoutMs, 10_000),
    // maxTimeMS bounds each read on the server; this is the backstop for a server that hangs.
    socketTimeoutMS: timeoutMs + 5_000,
    maxPoolSize: poolSize,
    retryReads: false,
    retryWrites: false,
  }
  if (target.tls) options.tls = true
  if (source.username) options.auth = { username: source.username, password: source.password ?? '' }
  return options
}

export function errorContext(source: ResolvedSource, target: MongoTarget): ErrorContext {
  return {
    kind: 'mongodb',
    ...(target.endpoints[0] ? { endpoint: target.endpoints[0] } : {}),
    tlsRequested: target.tls,
    secrets: [source.password ?? ''],
  }
}

/** Driver errors through translate-error.ts; after connecting, timeouts are slow reads. */
export function toApiError(err: unknown, ctx: ErrorContext, timeoutMs?: number): ApiError {
  if (err instanceof ApiError) return err
  // After the connection is up, a socket timeout or maxTimeMS is a slow read, not server selection.
  const chain = errorChain(err)
  if (
    timeoutMs !== undefined &&
    chain.some(
      (e) =>
        e.name === 'MongoNetworkTimeoutError' || e.code === 50 || e.codeName === 'MaxTimeMSExpired',
    )
  )
    return new ApiError('timeout', `MongoDB did not answer a crawl read within ${timeoutMs} ms.`, {
      reason: 'query-timeout',
      driverMessage: driverMessage(err, ctx.secrets) ?? '',
    })
  const shape: ApiErrorShape = translateMongoError(err, ctx)
  return new ApiError(shape.code, shape.message, shape.details)
}

/** One TCP connect per seed: a refused port fails in a round trip, not after server selection. */
export async function preflight(
  endpoints: readonly Endpoint[],
  ctx: ErrorContext,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (endpoints.length === 0) return
  const results = await Promise.all(endpoints.map((ep) => tcpConnect(ep, ctx, signal)))
  if (results.some((r) => r === undefined)) return
  const first = results[0]!
  throw new ApiError(first.code, first.message, first.details)
}

function tcpConnect(
  endpoint: Endpoint,
  ctx: ErrorContext,
  signal: AbortSignal | undefined,
): Promise<ApiErrorShape | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port })
    const finish = (r: ApiErrorShape | undefined) => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(r)
    }
    const onAbort = () => finish(undefined)
    // A silent port is left to the driver's own timeout, which names it better.
    const timer = setTimeout(() => finish(undefined), PREFLIGHT_MS)
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => finish(undefined))
    socket.once('error', (err) =>
      finish(
        translateNetworkError(err, { ...ctx, endpoint }) ??
          new ApiError('unreachable', `Cannot connect to ${describeEndpoint(endpoint)}.`, {
            reason: 'network',
          }).toJSON(),
      ),
    )
  })
}

import { ApiError, isApiErrorShape, type SourceKind } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import { DEFAULT_CRAWL_TIMEOUT_MS } from '../crawl-model'
import { KIND_LABELS } from '../errors'
import { createLimiter } from './concurrency'
import { getJson, parseHttpSource, translateHttpError, type HttpTarget } from './http'

/**
 * Crawl-side HTTP for the REST kinds (Kafka Connect, schema registry): every GET bounded by a
 * per-request timeout and the caller's signal, every failure translated once into an ApiError
 * (the same translation check() uses), every request counted.
 */
export interface HttpCrawlClient {
  readonly kind: SourceKind
  readonly target: HttpTarget
  /** GET + JSON parse. Rejects with an ApiError only (`cancelled` when the signal fired). */
  get(path: string, signal?: AbortSignal): Promise<unknown>
  /** Requests sent so far. */
  requests(): number
}

export interface HttpCrawlClientOptions {
  /** Budget per request, ms (default DEFAULT_CRAWL_TIMEOUT_MS). */
  timeoutMs?: number
  /** Requests in flight at most, whatever the callers' fan-out (default 4). */
  concurrency?: number
}

export const DEFAULT_HTTP_CONCURRENCY = 4

/** A crawl answer may be large (every connector's config in one): bounded all the same. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

export function createHttpCrawlClient(
  kind: SourceKind,
  source: Pick<ResolvedSource, 'url' | 'username' | 'password' | 'options'>,
  example: string,
  opts: HttpCrawlClientOptions = {},
): HttpCrawlClient {
  // A malformed URL throws its bad-input ApiError here, before any request.
  const target = parseHttpSource(kind, source, example)
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_CRAWL_TIMEOUT_MS
  const secrets = [source.password ?? '']
  let count = 0
  const gate = createLimiter(opts.concurrency ?? DEFAULT_HTTP_CONCURRENCY)
  return {
    kind,
    target,
    requests: () => count,
    async get(path, signal) {
      if (signal?.aborted) throw cancelledError(kind)
      const release = await gate(signal)
      if (!release) throw cancelledError(kind)
      const timeout = AbortSignal.timeout(timeoutMs)
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
      count++
      try {
        return await getJson(kind, target, path, combined, MAX_RESPONSE_BYTES)
      } catch (err) {
        if (signal?.aborted) throw cancelledError(kind)
        if (timeout.aborted) {
          throw new ApiError(
            'timeout',
            `${KIND_LABELS[kind]} did not answer GET ${requestPath(target, path)} within ${timeoutMs} ms.`,
            { reason: 'request-timeout', timeoutMs },
          )
        }
        if (err instanceof ApiError) throw err
        const shape = translateHttpError(err, {
          kind,
          endpoint: target.endpoint,
          tlsRequested: target.tls,
          secrets,
        })
        throw new ApiError(shape.code, shape.message, shape.details)
      } finally {
        release()
      }
    },
  }
}

export function cancelledError(kind: SourceKind): ApiError {
  return new ApiError('cancelled', `${KIND_LABELS[kind]} crawl cancelled.`, { reason: 'cancelled' })
}

/** Any thrown value as an ApiError (non-ApiErrors become `internal`, without a stack). */
export function asApiError(err: unknown, kind: SourceKind): ApiError {
  if (err instanceof ApiError) return err
  if (isApiErrorShape(err)) return new ApiError(err.code, err.message, err.details)
  return new ApiError('internal', `${KIND_LABELS[kind]} crawl failed unexpectedly.`, {
    reason: 'unexpected',
  })
}

function requestPath(target: HttpTarget, path: string): string {
  return new URL(path.replace(/^\//, ''), target.base).pathname
}

/** The path segment for a name (connector, subject): `/` and `?` inside names stay inside. */
export function segment(name: string): string {
  return encodeURIComponent(name)
}

import http from 'node:http'
import https from 'node:https'
import { ApiError, type ApiErrorShape, type SourceKind } from '../../../shared/api'
import type { ResolvedSource } from '../connector'
import {
  badInput,
  describeEndpoint,
  KIND_LABELS,
  malformedUrl,
  translateNetworkError,
  unexpectedError,
  type Endpoint,
  type ErrorContext,
} from '../errors'
import { assertSchemeFits, optionFlag, parsePort, parseUrl } from './url'

/** An HTTP(S) API root (Kafka Connect REST, a schema registry) and how to authenticate to it. */
export interface HttpTarget {
  base: URL
  endpoint: Endpoint
  tls: boolean
  authorization?: string
  /** options.tlsInsecure: accept self-signed certificates (explicit opt-in only). */
  rejectUnauthorized: boolean
}

export function parseHttpSource(
  kind: SourceKind,
  source: Pick<ResolvedSource, 'url' | 'username' | 'password' | 'options'>,
  example: string,
): HttpTarget {
  const scheme = assertSchemeFits(kind, source.url, example)
  if (scheme === undefined)
    throw malformedUrl(kind, 'it has no http:// or https:// scheme', example)
  const base = parseUrl(kind, source.url, example)
  if (base.username || base.password) {
    throw badInput(
      "Put the user name and password in the source's fields, not in the URL.",
      'credentials-in-url',
    )
  }
  const tls = base.protocol === 'https:'
  const port = parsePort(base.port, tls ? 443 : 80, kind, example)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  const authorization =
    source.username && source.password !== undefined
      ? `Basic ${Buffer.from(`${source.username}:${source.password}`).toString('base64')}`
      : undefined
  return {
    base,
    endpoint: { host: base.hostname.replace(/^\[(.*)\]$/, '$1'), port },
    tls,
    authorization,
    rejectUnauthorized: optionFlag(source.options.tlsInsecure) !== true,
  }
}

export interface HttpResponse {
  status: number
  body: string
}

/**
 * One GET on a fresh socket (no keep-alive agent), so nothing stays open after a check; aborted
 * by the check's signal.
 */
export function httpGet(
  target: HttpTarget,
  path: string,
  signal: AbortSignal,
  /** Largest body accepted (default 4 MB, enough for a check; crawls pass more). */
  maxBytes = 4 * 1024 * 1024,
): Promise<HttpResponse> {
  const url = new URL(path.replace(/^\//, ''), target.base)
  const lib = url.protocol === 'https:' ? https : http
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: 'GET',
        agent: false,
        signal,
        rejectUnauthorized: target.rejectUnauthorized,
        headers: {
          accept: 'application/json',
          'user-agent': 'sightline-check',
          connection: 'close',
          ...(target.authorization ? { authorization: target.authorization } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        let size = 0
        res.on('data', (c: Buffer) => {
          size += c.length
          // A check needs a small JSON answer; a huge body means this is not the API we expect.
          if (size > maxBytes) req.destroy(new Error('response too large'))
          else chunks.push(c)
        })
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** GET + status handling + JSON parse; non-2xx and non-JSON become specific ApiErrors. */
export async function getJson(
  kind: SourceKind,
  target: HttpTarget,
  path: string,
  signal: AbortSignal,
  maxBytes?: number,
): Promise<unknown> {
  const res = await httpGet(target, path, signal, maxBytes)
  const where = `${describeEndpoint(target.endpoint)}`
  const label = KIND_LABELS[kind]
  if (res.status === 401) {
    throw new ApiError(
      'auth',
      target.authorization
        ? `${label} rejected the user name or password (HTTP 401).`
        : `${label} requires a user name and password (HTTP 401).`,
      {
        reason: target.authorization ? 'bad-credentials' : 'credentials-required',
        status: 401,
      },
    )
  }
  if (res.status === 403)
    throw new ApiError('permission', `${label} refused this user (HTTP 403).`, {
      reason: 'forbidden',
      status: 403,
    })
  if (res.status === 404) {
    throw new ApiError(
      'not-found',
      `${where} has no ${label} API at ${new URL(path.replace(/^\//, ''), target.base).pathname} (HTTP 404): check the URL's path${kind === 'schema-registry' && !target.base.pathname.includes('/apis/ccompat/') ? " (Apicurio's Confluent-compatible API is at /apis/ccompat/v7)" : ''}.`,
      {
        reason: 'wrong-path',
        status: 404,
      },
    )
  }
  if (res.status >= 500)
    throw new ApiError(
      'unreachable',
      `${label} at ${where} answered HTTP ${res.status}: the service is failing.`,
      { reason: 'server-error', status: res.status },
    )
  if (res.status < 200 || res.status >= 300) {
    throw new ApiError('bad-input', `${where} answered HTTP ${res.status}, not like ${label}.`, {
      reason: 'protocol',
      status: res.status,
    })
  }
  try {
    return JSON.parse(res.body) as unknown
  } catch {
    throw new ApiError(
      'bad-input',
      `${where} answered HTTP, but not with ${label}'s JSON: is this the right URL?`,
      { reason: 'wrong-kind', looksLike: 'another HTTP service', detectedBy: 'protocol' },
    )
  }
}

/** Shared by the HTTP kinds: node http/https errors -> shared codes. */
export function translateHttpError(err: unknown, ctx: ErrorContext): ApiErrorShape {
  const network = translateNetworkError(err, ctx)
  if (network) return network
  const message = err instanceof Error ? err.message : ''
  if (
    /Parse Error|HPE_/i.test(message) ||
    /HPE_/.test(String((err as { code?: unknown }).code ?? ''))
  ) {
    return new ApiError(
      'unreachable',
      `${describeEndpoint(ctx.endpoint)} did not answer in HTTP.`,
      { reason: 'protocol' },
    ).toJSON()
  }
  return unexpectedError(err, ctx)
}

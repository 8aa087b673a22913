import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isApiMethod } from '../../shared/api/contract'
import { ApiError, toApiError, type ErrorCode } from '../../shared/api/errors'
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp'
import type { ApiHost } from '../api/host'
import { redactSecrets } from '../secrets/redact'
import { ServeAuth } from './serve-auth'
import { defaultRendererDir, readStaticFile } from './static-files'

/** The fixed mapping of API error codes to HTTP statuses of the serve protocol. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  'bad-input': 400,
  unauthenticated: 401,
  permission: 403,
  'not-found': 404,
  conflict: 409,
  cancelled: 499,
  internal: 500,
  unreachable: 502,
  auth: 502,
  tls: 502,
  unsupported: 502,
  timeout: 504,
}

const MAX_BODY_BYTES = 1024 * 1024
const HEARTBEAT_MS = 25_000

export interface HttpServerOptions {
  host: ApiHost
  /** 0 (the default) picks a free port. */
  port?: number
  /** Fixes the API token (SIGHTLINE_SERVE_TOKEN); random otherwise. */
  apiToken?: string
  rendererDir?: string
  /** Where internal errors are reported (redacted, without personal data). Default: stderr. */
  log?: (line: string) => void
}

export interface RunningHttpServer {
  readonly server: http.Server
  readonly port: number
  readonly apiToken: string
  /** http://127.0.0.1:<port>/?login=<one-time token> */
  readonly loginUrl: string
  /** Issues another one-time login URL (the first one is spent once a browser used it). */
  newLoginUrl(): string
  close(): Promise<void>
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function sendError(res: ServerResponse, err: ApiError): void {
  sendJson(res, STATUS_BY_CODE[err.code], { error: err.toJSON() })
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError('bad-input', 'The request body is larger than 1 MB.'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * `sightline serve`'s HTTP transport (DESIGN.md §2): 127.0.0.1 only; every /api request is
 * authenticated before routing; POST /api/<method> moves one call; GET /api/events streams
 * ApiEvents as server-sent events; anything else is the built renderer.
 */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const auth = new ServeAuth(opts.apiToken)
  const rendererDir = opts.rendererDir ?? defaultRendererDir()
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const streams = new Set<ServerResponse>()
  let port = 0

  // DNS rebinding: a page of evil.example resolving to 127.0.0.1 still sends its own Host.
  const hostAllowed = (req: IncomingMessage) => {
    const host = req.headers.host?.toLowerCase()
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`
  }
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin
    return (
      origin === undefined ||
      origin === `http://127.0.0.1:${port}` ||
      origin === `http://localhost:${port}`
    )
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (!auth.isAuthenticated(req)) {
      sendError(
        res,
        new ApiError(
          'unauthenticated',
          'Sign in with the login URL that sightline serve printed, or send Authorization: Bearer <api token>.',
        ),
      )
      return
    }
    if (!hostAllowed(req) || !originAllowed(req)) {
      sendError(
        res,
        new ApiError(
          'permission',
          'Requests must come from this Sightline page (Host/Origin mismatch).',
        ),
      )
      return
    }
    if (pathname === '/api/events') {
      if (req.method !== 'GET') throw new ApiError('bad-input', 'Use GET for /api/events.')
      openEventStream(req, res)
      return
    }
    const method = pathname.slice('/api/'.length)
    if (!isApiMethod(method))
      throw new ApiError('not-found', `No API method "${method.slice(0, 64)}".`)
    if (req.method !== 'POST') throw new ApiError('bad-input', `Use POST for /api/${method}.`)
    const text = await readBody(req)
    let arg: unknown = {}
    if (text.trim() !== '') {
      try {
        arg = JSON.parse(text)
      } catch {
        throw new ApiError('bad-input', 'The request body is not valid JSON.')
      }
    }
    // Every method takes one plain argument; each validates it itself (src/main/api/schemas.ts).
    const call = opts.host.api[method] as (arg: unknown) => Promise<unknown>
    const result = await call.call(opts.host.api, arg)
    sendJson(res, 200, { result })
  }

  const openEventStream = (req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.write(': connected\n\n')
    streams.add(res)
    const unsubscribe = opts.host.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
    heartbeat.unref()
    const stop = () => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    }
    req.on('close', stop)
    res.on('close', stop)
  }

  const handlePage = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const common = {
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // The login token travels in the URL: never hand it on as a referrer.
      'referrer-policy': 'no-referrer',
    }
    if (!hostAllowed(req)) {
      res.writeHead(403, { ...common, 'content-type': 'text/plain; charset=utf-8' })
      res.end('Sightline answers only to http://127.0.0.1:<port>/ and http://localhost:<port>/.')
      return
    }
    const loginToken = url.searchParams.get('login')
    if (loginToken !== null) {
      const session = auth.redeemLoginToken(loginToken)
      if (session === undefined) {
        res.writeHead(403, {
          ...common,
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
        })
        res.end(
          '<!doctype html><title>Sightline</title><h1>This login link is used or invalid</h1><p>A login link works once. Open the API with the session you already have, or restart <code>sightline serve</code> for a new link.</p>',
        )
        return
      }
      res.writeHead(303, {
        ...common,
        'set-cookie': auth.sessionCookie(session),
        location: '/',
        'cache-control': 'no-store',
      })
      res.end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, allow: 'GET, HEAD' })
      res.end()
      return
    }
    const file = readStaticFile(rendererDir, url.pathname)
    res.writeHead(file.status, {
      ...common,
      'content-type': file.contentType,
      'cache-control': file.isHtml ? 'no-store' : 'public, max-age=3600',
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/')
    if (!isApi) {
      handlePage(req, res, url)
      return
    }
    handleApi(req, res, url.pathname).catch((err: unknown) => {
      const shape = toApiError(err)
      if (shape.code === 'internal') {
        const detail =
          err instanceof Error ? `${err.name}: ${redactSecrets(err.message)}` : 'non-error thrown'
        log(`sightline: internal error on ${req.method} ${url.pathname}: ${detail}`)
      }
      if (!res.headersSent) sendError(res, new ApiError(shape.code, shape.message, shape.details))
      else res.end()
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port
  const newLoginUrl = () => `http://127.0.0.1:${port}/?login=${auth.issueLoginToken()}`

  return {
    server,
    port,
    apiToken: auth.apiToken,
    loginUrl: newLoginUrl(),
    newLoginUrl,
    async close() {
      for (const stream of streams) stream.end()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

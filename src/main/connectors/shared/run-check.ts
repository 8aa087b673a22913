import net from 'node:net'
import {
  ApiError,
  isApiErrorShape,
  type ApiErrorShape,
  type ConnectionCheck,
  type SourceKind,
} from '../../../shared/api'
import { DEFAULT_CHECK_TIMEOUT_MS, type CheckOptions } from '../connector'
import {
  describeEndpoint,
  KIND_LABELS,
  translateNetworkError,
  unexpectedError,
  type Endpoint,
  type ErrorContext,
  type Translator,
} from '../errors'
import { diagnose, timeoutError, wrongKindByProtocol } from './diagnose'
import { identifyOtherService, probeOwnProtocol, PROBE_KIND_OF } from './protocol-probe'

/** What a kind's check body reports when it succeeds. */
export interface CheckOutcome {
  serverVersion: string
  details?: Record<string, string | number | boolean>
}

/** Handed to a kind's check body: one budget, one signal, one place to register closers. */
export interface CheckContext {
  /** Fires when the caller aborts or the timeout elapses. */
  readonly signal: AbortSignal
  readonly timeoutMs: number
  remainingMs(): number
  /** Where the check connects (known after URL parsing) and whether TLS was asked for. */
  setTarget(endpoints: Endpoint[], tlsRequested: boolean): void
  /** A closer that runs when the check ends, however it ends. */
  defer(close: () => unknown): void
  /** TCP-connects to the target(s): fails fast with dns/refused instead of a driver's retries. */
  preflight(): Promise<void>
  /**
   * One raw handshake of the kind's own protocol to the first target: a wrong kind of server
   * fails in a round trip here instead of hanging a driver until the timeout. A silent server
   * passes (the driver's timeout will report it).
   */
  probeProtocol(): Promise<void>
  /** Runs one real request and records its round trip as the check's latency. */
  timed<T>(request: () => Promise<T>): Promise<T>
  markAuthenticated(): void
}

export interface CheckSpec {
  kind: SourceKind
  secrets: readonly string[]
  translate: Translator
  run(ctx: CheckContext): Promise<CheckOutcome>
}

// Short: the API's own backstop is the timeout plus 2 s, and a close must never outlast it.
const CLOSE_GRACE_MS = 500

/**
 * The one place checks are run: timeout + caller's AbortSignal, latency, translation of any
 * failure into a specific ApiError, a protocol diagnosis for "wrong kind of server" failures,
 * and closing everything the body opened (so the process can exit).
 */
export async function runCheck(spec: CheckSpec, opts: CheckOptions = {}): Promise<ConnectionCheck> {
  const timeoutMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : DEFAULT_CHECK_TIMEOUT_MS
  const started = Date.now()
  const deadline = started + timeoutMs
  const timeoutCtl = new AbortController()
  const timer = setTimeout(() => timeoutCtl.abort(), timeoutMs)
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeoutCtl.signal]) : timeoutCtl.signal
  const closers: Array<() => unknown> = []
  let finished = false
  // Steps of a body that outlived its check must not open anything new.
  const stopIfAborted = () => {
    if (signal.aborted) throw new AbortedCheck()
  }
  let endpoints: Endpoint[] = []
  let tlsRequested = false
  let reachable = false
  let authenticated = false
  let latencyMs: number | undefined

  const ctx: CheckContext = {
    signal,
    timeoutMs,
    remainingMs: () => Math.max(0, deadline - Date.now()),
    setTarget(eps, tlsOn) {
      endpoints = eps
      tlsRequested = tlsOn
    },
    defer(close) {
      // The check is over (timed out or cancelled) but its body ran on: close at once.
      if (finished) void closeAll([close])
      else closers.push(close)
    },
    async preflight() {
      stopIfAborted()
      const results = await Promise.all(endpoints.map((ep) => tcpConnect(ep, signal, spec.kind)))
      stopIfAborted()
      const ok = results.findIndex((r) => r === undefined)
      if (ok >= 0) {
        reachable = true
        return
      }
      throw results[0]
    },
    async probeProtocol() {
      stopIfAborted()
      const probe = PROBE_KIND_OF[spec.kind]
      const target = endpoints[0]
      if (!probe || !target) return
      // A real server answers its own handshake in milliseconds; a quiet one may be another
      // product waiting for more bytes (Kafka does, given an SSLRequest): ask it what it is.
      const window = Math.min(Math.max((deadline - Date.now()) / 4, 300), 2_000)
      const answer = await probeOwnProtocol(probe, target, window, signal)
      if (answer === 'silent' && !signal.aborted) {
        const other = await identifyOtherService(spec.kind, target, deadline - Date.now(), signal)
        if (other) throw wrongKindByProtocol(spec.kind, target, other)
      }
      if (answer === 'other') {
        throw new ApiError(
          'unreachable',
          `${describeEndpoint(target)} did not answer like ${KIND_LABELS[spec.kind]}.`,
          {
            reason: 'protocol',
            host: target.host,
            port: target.port,
          },
        )
      }
      stopIfAborted()
    },
    async timed(request) {
      stopIfAborted()
      const t0 = performance.now()
      const result = await request()
      latencyMs = Math.round((performance.now() - t0) * 10) / 10
      return result
    },
    markAuthenticated: () => void (authenticated = true),
  }

  let aborted: (reason: unknown) => void = () => {}
  const abortPromise = new Promise<never>((_, reject) => (aborted = reject))
  const onAbort = () => aborted(new AbortedCheck())
  signal.addEventListener('abort', onAbort, { once: true })

  let outcome: CheckOutcome | undefined
  let error: ApiErrorShape | undefined
  const body = spec.run(ctx)
  body.catch(() => {}) // after an abort the body may still reject: nobody waits for it then
  try {
    outcome = await Promise.race([body, abortPromise])
    reachable = true
  } catch (err) {
    const errCtx: ErrorContext = {
      kind: spec.kind,
      endpoint: endpoints[0],
      tlsRequested,
      secrets: spec.secrets,
    }
    if (opts.signal?.aborted) {
      error = new ApiError('cancelled', `${KIND_LABELS[spec.kind]} check cancelled.`, {
        reason: 'cancelled',
      }).toJSON()
    } else if (timeoutCtl.signal.aborted) {
      error = timeoutError(spec.kind, endpoints[0], timeoutMs, reachable)
    } else {
      error = translateOnce(spec.translate, err, errCtx)
      error = await diagnose(error, errCtx, deadline - Date.now(), opts.signal)
    }
  } finally {
    clearTimeout(timer)
    signal.removeEventListener('abort', onAbort)
    finished = true
    await closeAll(closers)
  }

  // reachable: something answered on the host:port (even the wrong product, or a TLS mismatch).
  const reason = error?.details?.reason
  if (error?.code === 'unreachable')
    reachable = reason === 'closed' || reason === 'protocol' || reason === 'server-error'
  else if (error?.code === 'bad-input') reachable = error.details?.detectedBy === 'protocol'
  else if (error && error.code !== 'timeout' && error.code !== 'cancelled') reachable = true
  const check: ConnectionCheck = {
    ok: error === undefined,
    reachable,
    authenticated: error === undefined || (authenticated && error.code !== 'auth'),
    checkedAt: new Date(started).toISOString(),
  }
  if (outcome) {
    check.serverVersion = outcome.serverVersion
    if (outcome.details) check.details = outcome.details
  }
  if (latencyMs !== undefined) check.latencyMs = latencyMs
  if (error) check.error = error
  return check
}

class AbortedCheck extends Error {}

function translateOnce(translate: Translator, err: unknown, ctx: ErrorContext): ApiErrorShape {
  if (err instanceof ApiError) return err.toJSON()
  if (isApiErrorShape(err)) return { code: err.code, message: err.message, details: err.details }
  try {
    return translate(err, ctx)
  } catch {
    return unexpectedError(err, ctx)
  }
}

/** Resolves undefined on connect, or the translated failure. */
function tcpConnect(
  endpoint: Endpoint,
  signal: AbortSignal,
  kind: SourceKind,
): Promise<ApiErrorShape | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port })
    const finish = (r: ApiErrorShape | undefined) => {
      signal.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(r)
    }
    const onAbort = () =>
      finish(
        new ApiError('timeout', `No TCP connection to ${describeEndpoint(endpoint)} in time.`, {
          reason: 'connect-timeout',
        }).toJSON(),
      )
    signal.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => finish(undefined))
    socket.once('error', (err) => {
      const ctx: ErrorContext = { kind, endpoint, tlsRequested: false, secrets: [] }
      finish(
        translateNetworkError(err, ctx) ??
          new ApiError('unreachable', `Cannot connect to ${describeEndpoint(endpoint)}.`, {
            reason: 'network',
          }).toJSON(),
      )
    })
  })
}

async function closeAll(closers: Array<() => unknown>): Promise<void> {
  await Promise.all(
    closers.reverse().map(async (close) => {
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          Promise.resolve().then(close),
          new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
        ])
      } catch {
        // closing a half-open driver may fail; there is nothing left to release then
      } finally {
        clearTimeout(timer)
      }
    }),
  )
}

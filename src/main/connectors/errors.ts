import { ApiError, type ApiErrorShape, type SourceKind } from '../../shared/api'

/**
 * Error translation shared by every connector: network and TLS failures look the same whichever
 * driver hit them, so they are recognised here once. Each kind adds its own driver-specific
 * cases in `<kind>/translate-error.ts` (one translation wrapper per kind) and falls back to
 * `translateNetworkError`.
 */

export const KIND_LABELS: Record<SourceKind, string> = {
  sqlserver: 'SQL Server',
  postgres: 'PostgreSQL',
  kafka: 'Kafka',
  'kafka-connect': 'Kafka Connect',
  'schema-registry': 'Schema Registry',
  mongodb: 'MongoDB',
}

export interface Endpoint {
  host: string
  port: number
}

/** What a translator knows about the attempt that failed. */
export interface ErrorContext {
  kind: SourceKind
  endpoint?: Endpoint
  /** True when the source asked for TLS (sslmode=require, tls=true, https://, ssl...). */
  tlsRequested: boolean
  /** Secrets to scrub from anything derived from driver messages. */
  secrets: readonly string[]
}

export type Translator = (err: unknown, ctx: ErrorContext) => ApiErrorShape

export function describeEndpoint(endpoint: Endpoint | undefined): string {
  if (!endpoint) return 'the server'
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host
  return `${host}:${endpoint.port}`
}

/** Removes passwords: given secrets, URL user-info and `password=...` pairs. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***')
  }
  out = out.replace(/(\/\/[^/@\s:]*):[^@\s/]*@/g, '$1:***@')
  out = out.replace(
    /((?:password|pwd|sasl\.password)\s*[=:]\s*)("[^"]*"|'[^']*'|[^;&\s]+)/gi,
    '$1***',
  )
  return out
}

/** The error and everything it wraps (cause, AggregateError.errors, mssql's originalError...). */
export function errorChain(err: unknown, limit = 12): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = []
  const queue: unknown[] = [err]
  while (queue.length > 0 && out.length < limit) {
    const e = queue.shift()
    if (typeof e !== 'object' || e === null || out.includes(e as Record<string, unknown>)) continue
    const rec = e as Record<string, unknown>
    out.push(rec)
    for (const key of ['cause', 'originalError', 'reason', 'originalCause']) {
      if (rec[key] && typeof rec[key] === 'object') queue.push(rec[key])
    }
    if (Array.isArray(rec.errors)) queue.push(...rec.errors)
  }
  return out
}

export function chainCodes(err: unknown): string[] {
  return errorChain(err).flatMap((e) =>
    [e.code, e.errno, e.syscall].filter((v): v is string => typeof v === 'string'),
  )
}

export function chainMessages(err: unknown): string {
  return errorChain(err)
    .map((e) => (typeof e.message === 'string' ? e.message : ''))
    .join(' | ')
}

/** A driver's message, scrubbed, short enough to show in details. */
export function driverMessage(err: unknown, secrets: readonly string[]): string | undefined {
  const msg = chainMessages(err)
  return msg ? redact(msg, secrets).slice(0, 500) : undefined
}

export function badInput(
  message: string,
  reason: string,
  extra: Record<string, unknown> = {},
): ApiError {
  return new ApiError('bad-input', message, { reason, ...extra })
}

export function malformedUrl(kind: SourceKind, why: string, example: string): ApiError {
  return badInput(
    `Malformed ${KIND_LABELS[kind]} URL: ${why}. Expected something like ${example}.`,
    'malformed-url',
  )
}

export function wrongKind(
  kind: SourceKind,
  looksLike: string,
  how: 'scheme' | 'protocol',
  where?: string,
): ApiError {
  const message =
    how === 'scheme'
      ? `This looks like ${withArticle(looksLike)} URL, not a ${KIND_LABELS[kind]} one: check the source kind or the URL.`
      : `${where ?? 'The server'} looks like ${looksLike}, not ${KIND_LABELS[kind]}: check the port or the source kind.`
  return badInput(message, 'wrong-kind', { looksLike, detectedBy: how })
}

function withArticle(noun: string): string {
  return /^(?:[aeiou]|HTTP)/i.test(noun) ? `an ${noun}` : `a ${noun}`
}

const TLS_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/**
 * Socket-level failures (DNS, refused, reset, TLS, socket timeouts). Returns undefined when the
 * error is not a network failure, so a kind's translator can go on with its own cases.
 */
export function translateNetworkError(err: unknown, ctx: ErrorContext): ApiErrorShape | undefined {
  const codes = chainCodes(err)
  const messages = chainMessages(err)
  const where = describeEndpoint(ctx.endpoint)
  const host = ctx.endpoint?.host
  const base = { host, port: ctx.endpoint?.port }
  const has = (...c: string[]) => c.some((x) => codes.includes(x))

  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL') || /getaddrinfo/i.test(messages)) {
    return new ApiError(
      'unreachable',
      `Unknown host "${host ?? '?'}": the name does not resolve (DNS).`,
      {
        reason: 'dns',
        ...base,
      },
    ).toJSON()
  }
  if (has('ECONNREFUSED') || /ECONNREFUSED|connection refused/i.test(messages)) {
    return new ApiError(
      'unreachable',
      `Connection refused by ${where}: nothing is listening on that port.`,
      {
        reason: 'refused',
        ...base,
      },
    ).toJSON()
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL')) {
    return new ApiError('unreachable', `No network route to ${where}.`, {
      reason: 'network',
      ...base,
    }).toJSON()
  }
  const certCode = codes.find((c) => TLS_CERT_CODES.has(c))
  if (certCode) {
    return new ApiError('tls', `The TLS certificate of ${where} was rejected (${certCode}).`, {
      reason: 'tls-certificate',
      certificateError: certCode,
      ...base,
    }).toJSON()
  }
  if (
    has('ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_SSL_PACKET_LENGTH_TOO_LONG') ||
    /wrong version number|packet length too long|before secure TLS connection|SSL routines|tls handshake/i.test(
      messages,
    )
  ) {
    return tlsNotSpoken(ctx)
  }
  if (
    has('ECONNRESET', 'EPIPE') ||
    /socket hang up|connection closed|ECONNRESET|other side closed/i.test(messages)
  ) {
    if (ctx.tlsRequested) return tlsNotSpoken(ctx)
    return new ApiError(
      'unreachable',
      `${where} closed the connection without a ${KIND_LABELS[ctx.kind]} answer.`,
      {
        reason: 'closed',
        ...base,
      },
    ).toJSON()
  }
  if (has('ETIMEDOUT', 'ESOCKETTIMEDOUT')) {
    return new ApiError('timeout', `${where} did not answer in time.`, {
      reason: 'socket-timeout',
      ...base,
    }).toJSON()
  }
  return undefined
}

export function tlsNotSpoken(ctx: ErrorContext): ApiErrorShape {
  return new ApiError(
    'tls',
    `TLS was requested but ${describeEndpoint(ctx.endpoint)} did not complete a TLS handshake: the server probably does not use TLS on this port (turn TLS off, or use its TLS port).`,
    { reason: 'tls-handshake', host: ctx.endpoint?.host, port: ctx.endpoint?.port },
  ).toJSON()
}

/** Last resort: never a stack trace, but a scrubbed driver message so the user has a clue. */
export function unexpectedError(err: unknown, ctx: ErrorContext): ApiErrorShape {
  const detail = driverMessage(err, ctx.secrets)
  return new ApiError(
    'internal',
    `${KIND_LABELS[ctx.kind]} check failed unexpectedly${detail ? `: ${detail}` : '.'}`,
    { reason: 'unexpected' },
  ).toJSON()
}

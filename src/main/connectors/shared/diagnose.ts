import { ApiError, type ApiErrorShape, type SourceKind } from '../../../shared/api'
import { describeEndpoint, KIND_LABELS, type Endpoint, type ErrorContext } from '../errors'
import { identifyOtherService, PROBE_KIND_OF, speaks } from './protocol-probe'

/** What the runner says about failures no driver names well: wrong products, TLS, timeouts. */

/**
 * A server that closed the connection or spoke gibberish may simply be another product: ask the
 * port what it is, within what is left of the budget. With TLS requested, a server that answers
 * the plain handshake of the expected kind proves a TLS mismatch.
 */
export async function diagnose(
  error: ApiErrorShape,
  ctx: ErrorContext,
  budgetMs: number,
  signal?: AbortSignal,
): Promise<ApiErrorShape> {
  const reason = error.details?.reason
  const suspicious =
    reason === 'closed' ||
    reason === 'tls-handshake' ||
    reason === 'protocol' ||
    reason === 'unexpected'
  if (!suspicious || !ctx.endpoint || budgetMs < 300 || signal?.aborted) return error
  const ownProbe = PROBE_KIND_OF[ctx.kind]
  const probeBudget = Math.min(budgetMs - 100, 3_000)
  if (
    ctx.tlsRequested &&
    ownProbe &&
    (await speaks(ownProbe, ctx.endpoint, Math.min(probeBudget, 1_500), signal))
  ) {
    return new ApiError(
      'tls',
      `TLS was requested but ${describeEndpoint(ctx.endpoint)} speaks plain ${ownProbe === 'http' ? 'HTTP' : KIND_LABELS[ctx.kind]} without TLS: turn TLS off for this source, or use the server's TLS port.`,
      { reason: 'tls-not-offered', host: ctx.endpoint.host, port: ctx.endpoint.port },
    ).toJSON()
  }
  const other = await identifyOtherService(ctx.kind, ctx.endpoint, probeBudget, signal)
  return other ? wrongKindByProtocol(ctx.kind, ctx.endpoint, other).toJSON() : error
}

export function wrongKindByProtocol(kind: SourceKind, endpoint: Endpoint, other: string): ApiError {
  return new ApiError(
    'bad-input',
    `${describeEndpoint(endpoint)} looks like ${other}, not ${KIND_LABELS[kind]}: check the port or the source kind.`,
    {
      reason: 'wrong-kind',
      looksLike: other,
      detectedBy: 'protocol',
      host: endpoint.host,
      port: endpoint.port,
    },
  )
}

export function timeoutError(
  kind: SourceKind,
  endpoint: Endpoint | undefined,
  timeoutMs: number,
  connected: boolean,
): ApiErrorShape {
  const where = describeEndpoint(endpoint)
  const message = connected
    ? `${where} accepted the connection but gave no ${KIND_LABELS[kind]} answer within ${timeoutMs} ms.`
    : `No answer from ${where} within ${timeoutMs} ms.`
  return new ApiError('timeout', message, {
    reason: connected ? 'no-answer' : 'connect-timeout',
    timeoutMs,
    host: endpoint?.host,
    port: endpoint?.port,
  }).toJSON()
}

import { ApiError, type ApiErrorShape } from '../../../shared/api'
import {
  describeEndpoint,
  driverMessage,
  errorChain,
  redact,
  translateNetworkError,
  unexpectedError,
  type ErrorContext,
} from '../errors'

/** MongoServerSelectionError hides each server's failure in a topology description. */
function serverErrors(err: unknown): unknown[] {
  const reason = (err as { reason?: { servers?: unknown } } | undefined)?.reason
  const servers = reason?.servers
  if (!(servers instanceof Map)) return []
  return [...servers.values()].map((s) => (s as { error?: unknown }).error).filter(Boolean)
}

/** The one translation wrapper of the mongodb connector: driver errors -> shared codes. */
export function translateMongoError(err: unknown, ctx: ErrorContext): ApiErrorShape {
  const chain = [...errorChain(err), ...serverErrors(err).flatMap((e) => errorChain(e))]
  const names = chain.map((e) => String(e.name ?? ''))
  const codeNames = chain.map((e) => String(e.codeName ?? ''))
  const codes = chain.map((e) => e.code)
  if (
    names.some((n) =>
      [
        'MongoParseError',
        'MongoInvalidArgumentError',
        'MongoAPIError',
        'MongoMissingCredentialsError',
      ].includes(n),
    )
  ) {
    const first = chain.find((e) => typeof e.message === 'string')
    return new ApiError(
      'bad-input',
      `The MongoDB URL or its options are invalid: ${redact(String(first?.message ?? ''), ctx.secrets)}`,
      {
        reason: 'malformed-url',
      },
    ).toJSON()
  }
  if (codeNames.includes('AuthenticationFailed') || codes.includes(18)) {
    return new ApiError(
      'auth',
      'MongoDB rejected the user name or password (AuthenticationFailed).',
      { reason: 'bad-credentials' },
    ).toJSON()
  }
  if (codeNames.includes('Unauthorized') || codes.includes(13)) {
    return new ApiError(
      'permission',
      'MongoDB authenticated the user but refused the check command (Unauthorized).',
      { reason: 'permission-denied' },
    ).toJSON()
  }
  const inner = serverErrors(err)[0]
  const network = translateNetworkError(inner ?? err, ctx)
  if (network) return network
  if (names.includes('MongoNetworkTimeoutError') || names.includes('MongoServerSelectionError')) {
    return new ApiError(
      'timeout',
      `No MongoDB server at ${describeEndpoint(ctx.endpoint)} could be selected in time.`,
      {
        reason: 'server-selection',
        driverMessage: driverMessage(err, ctx.secrets),
      },
    ).toJSON()
  }
  if (names.includes('MongoNetworkError')) {
    return new ApiError(
      'unreachable',
      `${describeEndpoint(ctx.endpoint)} closed the connection without a MongoDB answer.`,
      {
        reason: 'closed',
      },
    ).toJSON()
  }
  return unexpectedError(err, ctx)
}

import { ApiError, type ApiErrorShape } from '../../../shared/api'
import {
  describeEndpoint,
  driverMessage,
  translateNetworkError,
  unexpectedError,
  type ErrorContext,
} from '../errors'

/** SQLSTATEs a check can meet, with what the user should do about them. */
const SQLSTATES: Record<
  string,
  { code: ApiErrorShape['code']; reason: string; say: (ctx: ErrorContext) => string }
> = {
  '28P01': {
    code: 'auth',
    reason: 'bad-credentials',
    say: () => 'PostgreSQL rejected the user name or password (28P01).',
  },
  '28000': {
    code: 'auth',
    reason: 'not-authorised',
    say: () =>
      'PostgreSQL refused this login (28000): no pg_hba.conf entry allows this user, host or database.',
  },
  '3D000': {
    code: 'not-found',
    reason: 'no-such-database',
    say: () => 'That database does not exist on this PostgreSQL server (3D000).',
  },
  '42501': {
    code: 'permission',
    reason: 'permission-denied',
    say: () => 'The user is not allowed to connect to or read this database (42501).',
  },
  '57P03': {
    code: 'unreachable',
    reason: 'starting-up',
    say: (c) =>
      `PostgreSQL at ${describeEndpoint(c.endpoint)} is starting up or shutting down (57P03).`,
  },
  '57P01': {
    code: 'unreachable',
    reason: 'terminated',
    say: () =>
      'PostgreSQL ended the session while it was working (57P01): an administrator or the server terminated it.',
  },
  '53300': {
    code: 'unreachable',
    reason: 'too-many-connections',
    say: () => 'PostgreSQL has no free connection slots (53300).',
  },
  '57014': {
    code: 'timeout',
    reason: 'statement-timeout',
    say: () => 'PostgreSQL cancelled the check query (57014, statement_timeout).',
  },
}

/** The one translation wrapper of the postgres connector: pg errors -> shared codes. */
export function translatePostgresError(err: unknown, ctx: ErrorContext): ApiErrorShape {
  const rec = (typeof err === 'object' && err !== null ? err : {}) as {
    code?: unknown
    message?: unknown
  }
  const message = typeof rec.message === 'string' ? rec.message : ''
  const sqlstate =
    typeof rec.code === 'string' && /^[0-9A-Z]{5}$/.test(rec.code) ? rec.code : undefined
  if (sqlstate && SQLSTATES[sqlstate]) {
    const known = SQLSTATES[sqlstate]
    return new ApiError(known.code, known.say(ctx), { reason: known.reason, sqlstate }).toJSON()
  }
  if (/does not support SSL/i.test(message)) {
    return new ApiError(
      'tls',
      `TLS was requested but PostgreSQL at ${describeEndpoint(ctx.endpoint)} does not offer it: set sslmode=disable (or prefer), or enable ssl on the server.`,
      { reason: 'tls-not-offered' },
    ).toJSON()
  }
  if (/no encryption|SSL off|ssl is required|requires SSL/i.test(message)) {
    return new ApiError(
      'tls',
      `PostgreSQL at ${describeEndpoint(ctx.endpoint)} requires TLS: use sslmode=require.`,
      {
        reason: 'tls-required',
      },
    ).toJSON()
  }
  const network = translateNetworkError(err, ctx)
  if (network) return network
  if (/Connection terminated unexpectedly|unexpected message|Received unexpected/i.test(message)) {
    return new ApiError(
      'unreachable',
      `${describeEndpoint(ctx.endpoint)} ended the conversation: it did not answer like PostgreSQL.`,
      {
        reason: 'closed',
        driverMessage: driverMessage(err, ctx.secrets),
      },
    ).toJSON()
  }
  if (/timeout/i.test(message)) {
    return new ApiError(
      'timeout',
      `PostgreSQL at ${describeEndpoint(ctx.endpoint)} did not answer in time.`,
      { reason: 'no-answer' },
    ).toJSON()
  }
  if (/password authentication|SASL|SCRAM|client password must be a string/i.test(message)) {
    return new ApiError(
      'auth',
      'PostgreSQL needs a password for this user, and none (or an unusable one) was given.',
      {
        reason: 'missing-password',
      },
    ).toJSON()
  }
  return unexpectedError(err, ctx)
}

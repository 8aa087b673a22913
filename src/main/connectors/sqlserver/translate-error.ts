import { ApiError, type ApiErrorShape } from '../../../shared/api'
import {
  chainMessages,
  describeEndpoint,
  errorChain,
  translateNetworkError,
  unexpectedError,
  type ErrorContext,
} from '../errors'

/** SQL Server error numbers a login or the check query can meet. */
const NUMBERS: Record<number, { code: ApiErrorShape['code']; reason: string; message: string }> = {
  18456: {
    code: 'auth',
    reason: 'bad-credentials',
    message: 'SQL Server rejected the login: wrong user name or password (error 18456).',
  },
  18452: {
    code: 'auth',
    reason: 'untrusted-domain',
    message:
      'SQL Server accepts only Windows logins here; a SQL login is not allowed (error 18452).',
  },
  18486: {
    code: 'auth',
    reason: 'account-locked',
    message: 'The SQL Server login is locked out (error 18486).',
  },
  18487: {
    code: 'auth',
    reason: 'password-expired',
    message: 'The SQL Server password has expired (error 18487).',
  },
  18488: {
    code: 'auth',
    reason: 'password-must-change',
    message: 'The SQL Server password must be changed before use (error 18488).',
  },
  4060: {
    code: 'not-found',
    reason: 'no-such-database',
    message:
      'SQL Server cannot open that database for this login: it does not exist or the login may not use it (error 4060).',
  },
  916: {
    code: 'permission',
    reason: 'permission-denied',
    message: 'The login may not access that database (error 916).',
  },
  229: {
    code: 'permission',
    reason: 'permission-denied',
    message: 'The login lacks permission for the check query (error 229).',
  },
}

/** The one translation wrapper of the sqlserver connector: mssql/tedious errors -> shared codes. */
export function translateSqlServerError(err: unknown, ctx: ErrorContext): ApiErrorShape {
  const chain = errorChain(err)
  const codes = chain.map((e) => e.code).filter((c): c is string => typeof c === 'string')
  const messages = chainMessages(err)
  const where = describeEndpoint(ctx.endpoint)
  const number =
    chain.map((e) => e.number).find((n): n is number => typeof n === 'number') ??
    (/Login failed for user/i.test(messages)
      ? 18456
      : /Cannot open database/i.test(messages)
        ? 4060
        : undefined)
  if (number !== undefined && NUMBERS[number]) {
    const known = NUMBERS[number]
    return new ApiError(known.code, known.message, { reason: known.reason, number }).toJSON()
  }
  if (codes.includes('EENCRYPT') || /requires encryption/i.test(messages)) {
    return new ApiError('tls', `SQL Server at ${where} requires encryption: set Encrypt=true.`, {
      reason: 'tls-required',
    }).toJSON()
  }
  if (/does not support encryption|encryption.*not supported/i.test(messages)) {
    return new ApiError(
      'tls',
      `Encryption was requested but SQL Server at ${where} does not support it: set Encrypt=false.`,
      {
        reason: 'tls-not-offered',
      },
    ).toJSON()
  }
  if (codes.includes('EINSTLOOKUP')) {
    return new ApiError(
      'unreachable',
      `The SQL Server Browser at ${ctx.endpoint?.host ?? 'the host'} did not answer for that instance name: give the port instead.`,
      {
        reason: 'instance-lookup',
      },
    ).toJSON()
  }
  const network = translateNetworkError(err, ctx)
  if (network) return network
  if (codes.includes('ETIMEOUT')) {
    return new ApiError('timeout', `SQL Server at ${where} did not answer in time.`, {
      reason: 'no-answer',
    }).toJSON()
  }
  if (codes.includes('ELOGIN')) {
    return new ApiError('auth', 'SQL Server refused the login.', {
      reason: 'login-failed',
    }).toJSON()
  }
  if (codes.includes('ESOCKET') || codes.includes('ECONNCLOSED')) {
    return new ApiError(
      'unreachable',
      `${where} closed the connection without a SQL Server answer.`,
      { reason: 'closed' },
    ).toJSON()
  }
  return unexpectedError(err, ctx)
}

import mssql from 'mssql'
import {
  ConnectionError as TediousConnectionError,
  RequestError as TediousRequestError,
} from 'tedious'
import { describe, expect, it } from 'vitest'
import type { ErrorContext } from '../errors'
import { translateSqlServerError } from './translate-error'

const ctx: ErrorContext = {
  kind: 'sqlserver',
  endpoint: { host: 'sql.example.com', port: 1433 },
  tlsRequested: true,
  secrets: ['Pa55word!'],
}

/** mssql wraps tedious' errors exactly like this (MSSQLError copies code, keeps originalError). */
const viaMssql = (err: Error) => new mssql.ConnectionError(err as never)

function socketError(code: string, message: string): TediousConnectionError {
  const cause = Object.assign(new Error(message), { code })
  return new TediousConnectionError(
    `Failed to connect to sql.example.com:1433 - ${message}`,
    'ESOCKET',
    { cause },
  )
}

describe('translateSqlServerError (tedious-shaped errors)', () => {
  it('ELOGIN "Login failed for user" (18456) is auth', () => {
    const shape = translateSqlServerError(
      viaMssql(new TediousConnectionError("Login failed for user 'app'.", 'ELOGIN')),
      ctx,
    )
    expect(shape).toMatchObject({
      code: 'auth',
      details: { reason: 'bad-credentials', number: 18456 },
    })
  })
  it('a request error carrying number 18456 is auth too', () => {
    const err = Object.assign(new TediousRequestError('Login failed', 'EREQUEST'), {
      number: 18456,
    })
    expect(translateSqlServerError(err, ctx).code).toBe('auth')
  })
  it('Cannot open database (4060) is not-found', () => {
    const err = new TediousConnectionError(
      'Cannot open database "crm" requested by the login. The login failed.',
      'ELOGIN',
    )
    expect(translateSqlServerError(viaMssql(err), ctx)).toMatchObject({
      code: 'not-found',
      details: { reason: 'no-such-database' },
    })
  })
  it('ESOCKET with ECONNREFUSED is refused', () => {
    const shape = translateSqlServerError(
      viaMssql(socketError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:1433')),
      ctx,
    )
    expect(shape).toMatchObject({ code: 'unreachable', details: { reason: 'refused' } })
  })
  it('ESOCKET with ENOTFOUND is dns', () => {
    const shape = translateSqlServerError(
      viaMssql(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND sql.example.com')),
      ctx,
    )
    expect(shape).toMatchObject({ code: 'unreachable', details: { reason: 'dns' } })
  })
  it('a self-signed certificate is tls', () => {
    const shape = translateSqlServerError(
      viaMssql(socketError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')),
      ctx,
    )
    expect(shape).toMatchObject({ code: 'tls', details: { reason: 'tls-certificate' } })
  })
  it('EENCRYPT (server requires encryption) is tls', () => {
    const err = new TediousConnectionError(
      "Server requires encryption, set 'encrypt' config option to true.",
      'EENCRYPT',
    )
    expect(translateSqlServerError(viaMssql(err), ctx)).toMatchObject({
      code: 'tls',
      details: { reason: 'tls-required' },
    })
  })
  it('ETIMEOUT is timeout', () => {
    const err = new TediousConnectionError(
      'Failed to connect to sql.example.com:1433 in 15000ms',
      'ETIMEOUT',
    )
    expect(translateSqlServerError(viaMssql(err), ctx).code).toBe('timeout')
  })
  it('EINSTLOOKUP names the SQL Browser', () => {
    const err = new TediousConnectionError('Failed to get port for instance', 'EINSTLOOKUP')
    expect(translateSqlServerError(viaMssql(err), ctx)).toMatchObject({
      code: 'unreachable',
      details: { reason: 'instance-lookup' },
    })
  })
  it('never echoes the password of an unknown error', () => {
    const shape = translateSqlServerError(
      new Error('weird failure with Password=Pa55word! inside'),
      ctx,
    )
    expect(JSON.stringify(shape)).not.toContain('Pa55word!')
    expect(shape.code).toBe('internal')
  })
})

import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api'
import type { ErrorContext } from '../errors'
import { parsePostgresSource } from './parse-url'
import { translatePostgresError } from './translate-error'

type Src = Parameters<typeof parsePostgresSource>[0]
const parse = (url: string, extra: Partial<Src> = {}) =>
  parsePostgresSource({ url, options: {}, ...extra })

function reasonOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err.details?.reason
    throw err
  }
  return 'no error'
}

describe('parsePostgresSource', () => {
  it('reads host, port, database and defaults', () => {
    expect(parse('postgres://db.example.com/crm')).toMatchObject({
      endpoint: { host: 'db.example.com', port: 5432 },
      database: 'crm',
      sslMode: 'disable',
    })
    expect(parse('postgresql://127.0.0.1:55432')).toMatchObject({
      endpoint: { port: 55432 },
      database: 'postgres',
    })
    expect(parse('postgres://[::1]:5433/x').endpoint).toEqual({ host: '::1', port: 5433 })
  })
  it('takes sslmode from the URL or the options', () => {
    expect(parse('postgres://h/db?sslmode=require').sslMode).toBe('require')
    expect(parse('postgres://h/db', { options: { tls: true } }).sslMode).toBe('require')
    expect(parse('postgres://h/db', { options: { sslmode: 'verify-full' } }).sslMode).toBe(
      'verify-full',
    )
  })
  it('lists extra databases from options.databases', () => {
    expect(
      parse('postgres://h/crm', { options: { databases: 'crm, orders,legacy' } }),
    ).toMatchObject({ database: 'crm', extraDatabases: ['orders', 'legacy'] })
    expect(parse('postgres://h', { options: { databases: 'orders' } }).database).toBe('orders')
  })
  it("prefers the source's own credentials, falls back to the URL's", () => {
    expect(parse('postgres://u:p@h/db')).toMatchObject({ user: 'u', password: 'p' })
    expect(parse('postgres://u:p@h/db', { username: 'v', password: 'q' })).toMatchObject({
      user: 'v',
      password: 'q',
    })
  })
  it.each([
    ['no scheme', 'db.example.com:5432/crm', 'malformed-url'],
    ['bad port', 'postgres://h:70000/crm', 'malformed-url'],
    ['nested path', 'postgres://h/crm/extra', 'malformed-url'],
    ['jdbc', 'jdbc:postgresql://h/crm', 'malformed-url'],
    ['bad sslmode', 'postgres://h/crm?sslmode=always', 'malformed-url'],
    ['http URL', 'http://h:8083', 'wrong-kind'],
    ['kafka URL', 'kafka://h:9092', 'wrong-kind'],
  ])('%s -> %s', (_, url, reason) => {
    expect(reasonOf(() => parse(url))).toBe(reason)
  })
})

describe('translatePostgresError (pg error shapes)', () => {
  const ctx: ErrorContext = {
    kind: 'postgres',
    endpoint: { host: 'h', port: 5432 },
    tlsRequested: false,
    secrets: ['pw'],
  }
  const pgError = (code: string, message = 'x') =>
    Object.assign(new Error(message), { code, severity: 'FATAL' })
  it.each([
    ['28P01', 'auth', 'bad-credentials'],
    ['28000', 'auth', 'not-authorised'],
    ['3D000', 'not-found', 'no-such-database'],
    ['42501', 'permission', 'permission-denied'],
    ['57014', 'timeout', 'statement-timeout'],
  ])('SQLSTATE %s -> %s', (sqlstate, code, reason) => {
    expect(translatePostgresError(pgError(sqlstate), ctx)).toMatchObject({
      code,
      details: { reason, sqlstate },
    })
  })
  it('a server without TLS -> tls-not-offered', () => {
    expect(
      translatePostgresError(new Error('The server does not support SSL connections'), {
        ...ctx,
        tlsRequested: true,
      }),
    ).toMatchObject({
      code: 'tls',
      details: { reason: 'tls-not-offered' },
    })
  })
  it('hba "no encryption" -> tls-required', () => {
    const err = pgError(
      '28000',
      'no pg_hba.conf entry for host "1.2.3.4", user "u", database "d", no encryption',
    )
    // The SQLSTATE wins: the user must fix the login, and the message names pg_hba.conf.
    expect(translatePostgresError(err, ctx).code).toBe('auth')
    expect(translatePostgresError(new Error('SSL off: connection requires SSL'), ctx).code).toBe(
      'tls',
    )
  })
  it('a reset connection -> unreachable/closed, refused -> refused', () => {
    expect(
      translatePostgresError(new Error('Connection terminated unexpectedly'), ctx).details?.reason,
    ).toBe('closed')
    expect(
      translatePostgresError(
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        ctx,
      ).details?.reason,
    ).toBe('refused')
  })
})

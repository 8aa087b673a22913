import { MongoParseError, MongoServerError, MongoServerSelectionError } from 'mongodb'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api'
import type { ErrorContext } from '../errors'
import { parseMongoSource } from './parse-url'
import { translateMongoError } from './translate-error'

const parse = (url: string, options: Record<string, string | boolean> = {}) =>
  parseMongoSource({ url, options })

function reasonOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err.details?.reason
    throw err
  }
  return 'no error'
}

describe('parseMongoSource', () => {
  it('reads seed lists, credentials aside', () => {
    expect(parse('mongodb://u:p@m1:27018,m2/db?replicaSet=rs0')).toMatchObject({
      srv: false,
      tls: false,
      endpoints: [
        { host: 'm1', port: 27018 },
        { host: 'm2', port: 27017 },
      ],
    })
  })
  it('turns TLS on from the URL, the options, or +srv', () => {
    expect(parse('mongodb://m1/?tls=true').tls).toBe(true)
    expect(parse('mongodb://m1/?ssl=true').tls).toBe(true)
    expect(parse('mongodb://m1/', { tls: true }).tls).toBe(true)
    expect(parse('mongodb+srv://cluster.example.com/')).toMatchObject({
      srv: true,
      tls: true,
      endpoints: [],
    })
  })
  it.each([
    ['Kafka URL', 'kafka://127.0.0.1:59092', 'wrong-kind'],
    ['Postgres URL', 'postgres://127.0.0.1:55432/crm', 'wrong-kind'],
    ['no scheme', '127.0.0.1:57017', 'malformed-url'],
    ['no host', 'mongodb:///db', 'malformed-url'],
    ['empty seed', 'mongodb://m1,,m2/', 'malformed-url'],
    ['bad port', 'mongodb://m1:99999/', 'malformed-url'],
    ['srv with two hosts', 'mongodb+srv://a.example.com,b.example.com/', 'malformed-url'],
  ])('%s -> %s', (_, url, reason) => {
    expect(reasonOf(() => parse(url))).toBe(reason)
  })
})

describe('translateMongoError (driver error classes)', () => {
  const ctx: ErrorContext = {
    kind: 'mongodb',
    endpoint: { host: 'm1', port: 27017 },
    tlsRequested: false,
    secrets: ['pw'],
  }
  it('AuthenticationFailed -> auth', () => {
    const err = new MongoServerError({
      ok: 0,
      code: 18,
      codeName: 'AuthenticationFailed',
      errmsg: 'Authentication failed.',
    })
    expect(translateMongoError(err, ctx)).toMatchObject({
      code: 'auth',
      details: { reason: 'bad-credentials' },
    })
  })
  it('Unauthorized -> permission', () => {
    const err = new MongoServerError({
      ok: 0,
      code: 13,
      codeName: 'Unauthorized',
      errmsg: 'not authorized on admin',
    })
    expect(translateMongoError(err, ctx).code).toBe('permission')
  })
  it('a parse error -> bad-input / malformed-url, scrubbed', () => {
    const shape = translateMongoError(
      new MongoParseError('Invalid connection string "mongodb://u:pw@x"'),
      ctx,
    )
    expect(shape).toMatchObject({ code: 'bad-input', details: { reason: 'malformed-url' } })
    expect(JSON.stringify(shape)).not.toContain(':pw@')
  })
  it('server selection hides the socket error in its topology: it is found', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    })
    const err = new MongoServerSelectionError('connect ECONNREFUSED', {
      servers: new Map([['m1:27017', { error: refused }]]),
    } as never)
    expect(translateMongoError(err, ctx)).toMatchObject({
      code: 'unreachable',
      details: { reason: 'refused' },
    })
  })
})

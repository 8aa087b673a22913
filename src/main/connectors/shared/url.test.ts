import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api'
import { assertSchemeFits, optionFlag, parseHostPort, parseUrl, schemeOf } from './url'

function errorOf(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err
    throw err
  }
  throw new Error('expected an ApiError')
}

describe('schemeOf', () => {
  it('reads plain and jdbc schemes, and nothing from a connection string', () => {
    expect(schemeOf('postgres://h/db')).toBe('postgres')
    expect(schemeOf('jdbc:sqlserver://h;databaseName=x')).toBe('jdbc:sqlserver')
    expect(schemeOf('MongoDB+SRV://cluster.example.com')).toBe('mongodb+srv')
    expect(schemeOf('Server=h,1433;Database=x')).toBeUndefined()
    expect(schemeOf('h1:9092,h2:9092')).toBeUndefined()
  })
})

describe('assertSchemeFits', () => {
  it('names the product a wrong-kind URL belongs to', () => {
    const err = errorOf(() => assertSchemeFits('mongodb', 'kafka://127.0.0.1:59092', 'mongodb://h'))
    expect(err.code).toBe('bad-input')
    expect(err.details).toMatchObject({
      reason: 'wrong-kind',
      looksLike: 'Kafka',
      detectedBy: 'scheme',
    })
    expect(err.message).toMatch(/Kafka URL, not a MongoDB one/)
  })
  it.each([
    ['postgres', 'http://127.0.0.1:58083', 'HTTP'],
    ['kafka-connect', 'postgres://127.0.0.1:55432/crm', 'PostgreSQL'],
    ['kafka', 'mongodb://127.0.0.1:57017', 'MongoDB'],
    ['schema-registry', 'kafka://127.0.0.1:59092', 'Kafka'],
  ] as const)('%s given %s is wrong-kind (%s)', (kind, url, looksLike) => {
    expect(errorOf(() => assertSchemeFits(kind, url, 'x')).details).toMatchObject({
      reason: 'wrong-kind',
      looksLike,
    })
  })
  it('rejects empty URLs and unknown schemes as malformed', () => {
    expect(errorOf(() => assertSchemeFits('postgres', '  ', 'x')).details).toMatchObject({
      reason: 'malformed-url',
    })
    expect(errorOf(() => assertSchemeFits('postgres', 'ftp://h', 'x')).details).toMatchObject({
      reason: 'malformed-url',
    })
  })
  it('accepts the schemes of the kind', () => {
    expect(assertSchemeFits('postgres', 'postgresql://h/db', 'x')).toBe('postgresql')
    expect(assertSchemeFits('kafka', 'h:9092', 'x')).toBeUndefined()
  })
})

describe('parseHostPort / parseUrl', () => {
  it('parses hosts, IPv6 and default ports', () => {
    expect(parseHostPort('broker', 9092, 'kafka', 'x')).toEqual({ host: 'broker', port: 9092 })
    expect(parseHostPort('[::1]:1234', 9092, 'kafka', 'x')).toEqual({ host: '::1', port: 1234 })
  })
  it.each(['h:0', 'h:70000', 'h:abc', ':9092', 'a b:1', 'h:1:2'])('rejects %s', (text) => {
    expect(errorOf(() => parseHostPort(text, 9092, 'kafka', 'x')).details).toMatchObject({
      reason: 'malformed-url',
    })
  })
  it('explains an out-of-range port instead of "cannot parse"', () => {
    expect(errorOf(() => parseUrl('postgres', 'postgres://h:99999/db', 'x')).message).toMatch(
      /port 99999 is outside/,
    )
    expect(errorOf(() => parseUrl('postgres', 'postgres://[zz', 'x')).details).toMatchObject({
      reason: 'malformed-url',
    })
  })
})

describe('optionFlag', () => {
  it('reads the ways people spell booleans', () => {
    expect([true, 'true', 'YES', 1, 'require'].map(optionFlag)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ])
    expect([false, 'false', 'off', 0, 'disable'].map(optionFlag)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
    expect(optionFlag('maybe')).toBeUndefined()
  })
})

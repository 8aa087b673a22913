import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api'
import { inferKafkaVersion } from './infer-version'
import { parseKafkaSource } from './parse-url'

type Src = Parameters<typeof parseKafkaSource>[0]
const parse = (url: string, extra: Partial<Src> = {}) =>
  parseKafkaSource({ url, options: {}, ...extra })

function reasonOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (err) {
    if (err instanceof ApiError) return err.details?.reason
    throw err
  }
  return 'no error'
}

describe('parseKafkaSource', () => {
  it('reads kafka:// lists and bare bootstrap lists', () => {
    expect(parse('kafka://b1:9093,b2').brokers).toEqual([
      { host: 'b1', port: 9093 },
      { host: 'b2', port: 9092 },
    ])
    expect(parse('127.0.0.1:59092').brokers).toEqual([{ host: '127.0.0.1', port: 59092 }])
    expect(parse('kafka://b1:9092/').tls).toBe(false)
  })
  it('turns TLS on from the scheme, tls option or security.protocol', () => {
    expect(parse('kafka+ssl://b1:9093').tls).toBe(true)
    expect(parse('b1:9093', { options: { tls: true } }).tls).toBe(true)
    expect(
      parse('b1:9093', {
        options: { 'security.protocol': 'sasl_ssl' },
        username: 'u',
        password: 'p',
      }),
    ).toMatchObject({
      tls: true,
      sasl: { mechanism: 'plain', username: 'u', password: 'p' },
    })
  })
  it('a username implies SASL PLAIN; the mechanism option picks SCRAM', () => {
    expect(parse('b1', { username: 'u', password: 'p' }).sasl?.mechanism).toBe('plain')
    expect(
      parse('b1', { username: 'u', password: 'p', options: { 'sasl.mechanism': 'SCRAM-SHA-512' } })
        .sasl?.mechanism,
    ).toBe('scram-sha-512')
  })
  it.each([
    ['path', 'kafka://b1:9092/topic'],
    ['empty entry', 'b1:9092,,b2:9092'],
    ['bad port', 'b1:nine'],
    ['user info', 'kafka://u@b1:9092'],
  ])('malformed: %s', (_, url) => {
    expect(reasonOf(() => parse(url))).toBe('malformed-url')
  })
  it("rejects other kinds' URLs and bad options specifically", () => {
    expect(reasonOf(() => parse('mongodb://127.0.0.1:57017'))).toBe('wrong-kind')
    expect(reasonOf(() => parse('http://127.0.0.1:58083'))).toBe('wrong-kind')
    expect(reasonOf(() => parse('b1', { options: { 'security.protocol': 'SASL_TLS' } }))).toBe(
      'bad-option',
    )
    expect(
      reasonOf(() =>
        parse('b1', { username: 'u', password: 'p', options: { 'sasl.mechanism': 'GSSAPI' } }),
      ),
    ).toBe('bad-option')
    expect(reasonOf(() => parse('b1', { options: { 'sasl.mechanism': 'PLAIN' } }))).toBe(
      'missing-username',
    )
    expect(reasonOf(() => parse('b1', { username: 'u' }))).toBe('missing-password')
  })
})

describe('inferKafkaVersion', () => {
  it('knows 4.x by KIP-896 minimum versions, older lines by the APIs they added', () => {
    expect(inferKafkaVersion([{ apiKey: 1, minVersion: 4, maxVersion: 18 }])).toBe(
      'Apache Kafka ≥ 4.0',
    )
    expect(
      inferKafkaVersion([
        { apiKey: 1, minVersion: 0, maxVersion: 17 },
        { apiKey: 80, minVersion: 0, maxVersion: 1 },
      ]),
    ).toBe('Apache Kafka ≥ 3.9')
    expect(
      inferKafkaVersion([
        { apiKey: 0, minVersion: 0, maxVersion: 11 },
        { apiKey: 75, minVersion: 0, maxVersion: 0 },
      ]),
    ).toBe('Apache Kafka ≥ 3.8')
    expect(
      inferKafkaVersion([
        { apiKey: 0, minVersion: 0, maxVersion: 9 },
        { apiKey: 60, minVersion: 0, maxVersion: 0 },
      ]),
    ).toBe('Apache Kafka ≥ 2.8')
    expect(inferKafkaVersion([])).toBe('Apache Kafka')
  })
})

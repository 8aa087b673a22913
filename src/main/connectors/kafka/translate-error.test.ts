import kafkajs from 'kafkajs'
import { describe, expect, it } from 'vitest'
import type { ErrorContext } from '../errors'
import { translateKafkaError } from './translate-error'

const ctx: ErrorContext = {
  kind: 'kafka',
  endpoint: { host: '127.0.0.1', port: 59093 },
  tlsRequested: false,
  secrets: ['kafka-pass'],
}
const {
  KafkaJSSASLAuthenticationError,
  KafkaJSConnectionError,
  KafkaJSProtocolError,
  KafkaJSNonRetriableError,
  KafkaJSConnectionClosedError,
} = kafkajs as unknown as Record<string, new (...args: unknown[]) => Error>

describe('translateKafkaError (kafkajs errors)', () => {
  it('SASL authentication failure is auth', () => {
    const err = new KafkaJSSASLAuthenticationError!(
      'SASL PLAIN authentication failed: Authentication failed: Invalid username or password',
    )
    expect(translateKafkaError(err, ctx)).toMatchObject({
      code: 'auth',
      details: { reason: 'bad-credentials' },
    })
  })
  it('protocol errors by type: unsupported mechanism, authorization, KIP-896 versions', () => {
    const protocol = (type: string) => Object.assign(new KafkaJSProtocolError!('x'), { type })
    expect(translateKafkaError(protocol('UNSUPPORTED_SASL_MECHANISM'), ctx)).toMatchObject({
      code: 'auth',
      details: { reason: 'sasl-mechanism' },
    })
    expect(translateKafkaError(protocol('CLUSTER_AUTHORIZATION_FAILED'), ctx).code).toBe(
      'permission',
    )
    expect(translateKafkaError(protocol('UNSUPPORTED_VERSION'), ctx).code).toBe('unsupported')
  })
  it('connection errors carry the socket code', () => {
    const refused = new KafkaJSConnectionError!(
      'Connection error: connect ECONNREFUSED 127.0.0.1:1',
      { code: 'ECONNREFUSED' },
    )
    expect(translateKafkaError(new KafkaJSNonRetriableError!(refused), ctx)).toMatchObject({
      code: 'unreachable',
      details: { reason: 'refused' },
    })
  })
  it('a TLS attempt on a plain listener is tls', () => {
    const err = new KafkaJSConnectionError!(
      'Connection error: Client network socket disconnected before secure TLS connection was established',
    )
    expect(translateKafkaError(err, { ...ctx, tlsRequested: true }).code).toBe('tls')
  })
  it('a closed connection hints at SASL/TLS settings', () => {
    const shape = translateKafkaError(new KafkaJSConnectionClosedError!('Closed connection'), ctx)
    expect(shape).toMatchObject({ code: 'unreachable', details: { reason: 'closed' } })
    expect(shape.message).toMatch(/SASL or TLS/)
  })
})

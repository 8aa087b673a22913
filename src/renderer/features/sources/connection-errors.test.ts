import { describe, expect, it } from 'vitest'
import type { ApiErrorShape } from '../../../shared/api'
import { connectionErrorLabel, formatLatency } from './connection-errors'

const error = (
  code: ApiErrorShape['code'],
  message: string,
  details?: Record<string, unknown>,
): ApiErrorShape => (details ? { code, message, details } : { code, message })

describe('connectionErrorLabel', () => {
  it.each([
    [
      error('auth', 'PostgreSQL rejected the user name or password (28P01).'),
      'Authentication failed',
    ],
    [error('unreachable', 'No such host nowhere.invalid', { reason: 'dns' }), 'Host not found'],
    [
      error('unreachable', '127.0.0.1:1 refused the connection', { reason: 'refused' }),
      'Connection refused',
    ],
    [error('unreachable', 'getaddrinfo ENOTFOUND nowhere.invalid'), 'Host not found'],
    [
      error('tls', 'TLS was requested but the server does not speak it', {
        reason: 'tls-handshake',
      }),
      'TLS mismatch',
    ],
    [error('timeout', 'did not answer in time', { reason: 'socket-timeout' }), 'Timed out'],
    [
      error('bad-input', 'That answered like Kafka, not MongoDB', { reason: 'wrong-kind' }),
      'Wrong kind of server',
    ],
    [
      error('bad-input', 'Malformed PostgreSQL URL: no host.', { reason: 'malformed-url' }),
      'Invalid URL',
    ],
    [error('bad-input', 'bad port', { field: 'url' }), 'Invalid URL'],
  ])('labels %j as %s', (shape, label) => {
    expect(connectionErrorLabel(shape)).toBe(label)
  })

  it('trusts the reason over words in the message', () => {
    expect(
      connectionErrorLabel(error('unreachable', 'host not found?', { reason: 'refused' })),
    ).toBe('Connection refused')
  })
})

describe('formatLatency', () => {
  it('shows one decimal below 10 ms and whole milliseconds above', () => {
    expect(formatLatency(3.14159)).toBe('3.1 ms')
    expect(formatLatency(42.6)).toBe('43 ms')
    expect(formatLatency(undefined)).toBeUndefined()
  })
})

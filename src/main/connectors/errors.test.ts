import { describe, expect, it } from 'vitest'
import { redact, translateNetworkError, type ErrorContext } from './errors'

const ctx: ErrorContext = {
  kind: 'postgres',
  endpoint: { host: 'db.invalid', port: 5432 },
  tlsRequested: false,
  secrets: ['s3cret!'],
}

function sysError(code: string, message = code): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code })
}

describe('redact', () => {
  it('removes given secrets, URL passwords and password= pairs', () => {
    const text = 'failed for postgres://bob:hunter2@h/db; Password=abc;pwd=xyz and s3cret! again'
    const out = redact(text, ['s3cret!'])
    expect(out).not.toMatch(/hunter2|abc|xyz|s3cret!/)
    expect(out).toContain('postgres://bob:***@h/db')
  })
})

describe('translateNetworkError', () => {
  it.each([
    ['ENOTFOUND', 'unreachable', 'dns'],
    ['EAI_AGAIN', 'unreachable', 'dns'],
    ['ECONNREFUSED', 'unreachable', 'refused'],
    ['EHOSTUNREACH', 'unreachable', 'network'],
    ['ECONNRESET', 'unreachable', 'closed'],
    ['ETIMEDOUT', 'timeout', 'socket-timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', 'tls-certificate'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', 'tls-handshake'],
  ])('%s -> %s/%s', (code, expected, reason) => {
    const shape = translateNetworkError(sysError(code), ctx)
    expect(shape?.code).toBe(expected)
    expect(shape?.details?.reason).toBe(reason)
  })
  it('finds the socket error inside wrappers (cause, AggregateError)', () => {
    const wrapped = new Error('fetch failed', {
      cause: new AggregateError([sysError('ECONNREFUSED')]),
    })
    expect(translateNetworkError(wrapped, ctx)?.details?.reason).toBe('refused')
  })
  it('calls a reset during a TLS attempt a TLS problem', () => {
    const shape = translateNetworkError(sysError('ECONNRESET'), { ...ctx, tlsRequested: true })
    expect(shape?.code).toBe('tls')
  })
  it('names the host it could not resolve', () => {
    expect(translateNetworkError(sysError('ENOTFOUND'), ctx)?.message).toMatch(
      /Unknown host "db\.invalid"/,
    )
  })
  it('leaves non-network errors to the kind', () => {
    expect(translateNetworkError(new Error('syntax error at or near'), ctx)).toBeUndefined()
  })
})

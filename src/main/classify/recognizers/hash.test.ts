import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashRecognizers } from './hash'
import { ctxOf } from './test-context'

const byId = (id: string) => hashRecognizers.find((r) => r.id === id)!
const digest = (alg: string, enc: 'hex' | 'base64' = 'hex'): string =>
  createHash(alg).update('jane@example.com').digest(enc)

describe('hash recognizers', () => {
  it('labels each algorithm by its length', () => {
    const ctx = ctxOf('email sha 256')
    expect(byId('hash-md5').test(digest('md5'), ctx).match).toBe(true)
    expect(byId('hash-sha1').test(digest('sha1'), ctx).match).toBe(true)
    expect(byId('hash-sha256').test(digest('sha256'), ctx).match).toBe(true)
    expect(byId('hash-sha512').test(digest('sha512'), ctx).match).toBe(true)
    expect(byId('hash-md5').test(digest('sha256'), ctx).match).toBe(false)
  })

  it('accepts SHA-256 and SHA-512 hex without a hash name, MD5/SHA-1 only when named', () => {
    const ctx = ctxOf('user key')
    expect(byId('hash-sha256').test(digest('sha256').toUpperCase(), ctx).match).toBe(true)
    expect(byId('hash-md5').test(digest('md5'), ctx)).toEqual({
      match: false,
      nearMiss: '32 hex chars (MD5 length) but the name does not say hash',
    })
    expect(byId('hash-md5').test(digest('md5'), ctxOf('hashed email')).match).toBe(true)
  })

  it('accepts base64 digests when named, with an algorithm prefix', () => {
    const ctx = ctxOf('email hash')
    expect(byId('hash-sha256').test(digest('sha256', 'base64'), ctx).match).toBe(true)
    expect(byId('hash-sha256').test(`sha256:${digest('sha256')}`, ctx).match).toBe(true)
    expect(byId('hash-sha256').test(digest('sha256', 'base64'), ctxOf('token')).match).toBe(false)
  })

  it.each(['0'.repeat(64), 'z'.repeat(64), 'abc', 'tok_abcdefghijklmnopqrstuvwx'])(
    'rejects %s',
    (v) => expect(hashRecognizers.some((r) => r.test(v, ctxOf('hash')).match)).toBe(false),
  )
})

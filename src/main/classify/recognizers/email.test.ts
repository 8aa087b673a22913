import { describe, expect, it } from 'vitest'
import { emailRecognizer } from './email'
import { ctxOf } from './test-context'

const ok = (v: string): boolean => emailRecognizer.test(v, ctxOf('email')).match

describe('email recognizer', () => {
  it.each([
    'jane.smith42@example.co.uk',
    'j_smith+news@mail.example.com',
    "o'brien@example.ie",
    'MAILTO:Someone@Example.COM',
    '<a.b@example.org>',
    'x@xn--bcher-kva.de',
  ])('accepts %s', (v) => expect(ok(v)).toBe(true))

  it.each([
    'a@b',
    'foo@localhost',
    'jane smith@example.com',
    'jane@exa mple.com',
    'jane..smith@example.com',
    '.jane@example.com',
    'jane@@example.com',
    'jane@example.c',
    'jane@-example.com',
    'jane@example.123',
    '@example.com',
    'not an email',
  ])('rejects %s', (v) => expect(ok(v)).toBe(false))

  it('says why an address without TLD is a near miss', () => {
    expect(emailRecognizer.test('foo@localhost', ctxOf())).toEqual({
      match: false,
      nearMiss: 'an @ but the domain has no TLD',
    })
  })
})

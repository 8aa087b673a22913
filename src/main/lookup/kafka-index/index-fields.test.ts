import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { recogniseIdentifier } from '../identifiers/recognise'
import { identifierTokens, indexHmac, indexedFieldsOf, tokenOf } from './index-fields'

describe('lookup index tokens', () => {
  it('reduces stored values to the canonical token the lookup computes from typed input', () => {
    expect(tokenOf('email', '\t Ann.Smith@Example.COM ')).toBe('email:ann.smith@example.com')
    expect(tokenOf('phone', '07123-456-789')).toBe(tokenOf('phone', '+44 7123 456789'))
    expect(tokenOf('phone', 'ex-directory')).toBeUndefined()
    expect(tokenOf('postcode', 'sw1a1aa')).toBe('postcode:SW1A 1AA')
    expect(tokenOf('customer-number', 42)).toBe('customer-number:42')
    expect(tokenOf('customer-number', 'C00000042')).toBe('customer-number:42')
    expect(tokenOf('ip-address', '81.2.69.160')).toBe('ip-address:81.2.69.160')
    expect(tokenOf('sha256', 'AB'.repeat(32))).toBe(`sha256:${'ab'.repeat(32)}`)
    expect(tokenOf('sha256', 'not a hash')).toBeUndefined()
    expect(tokenOf('email', null)).toBeUndefined()
    expect(tokenOf('email', 42)).toBeUndefined()
  })

  it('finds a typed email under its own token and the SHA-256 of its canonical form', () => {
    const id = recogniseIdentifier('  Ann.Smith@Example.com', { kinds: ['email'] }).best
    const hex = createHash('sha256').update('ann.smith@example.com').digest('hex')
    const tokens = identifierTokens(id)
    expect(tokens[0]).toBe('email:ann.smith@example.com')
    expect(tokens).toContain(`sha256:${hex}`)
    // The value the index stores for an emailSha256 field holding that digest.
    expect(tokens).toContain(tokenOf('sha256', hex))
    const typed = recogniseIdentifier('42', { kinds: ['customer-number'] }).best
    expect(identifierTokens(typed)).toEqual([tokenOf('customer-number', 42)])
  })

  it('keys hashes with the workspace key, truncated to 16 bytes', () => {
    const a = indexHmac(Buffer.alloc(32, 1), 'email:ann@x.com')
    expect(a).toHaveLength(16)
    expect(a.equals(indexHmac(Buffer.alloc(32, 1), 'email:ann@x.com'))).toBe(true)
    expect(a.equals(indexHmac(Buffer.alloc(32, 2), 'email:ann@x.com'))).toBe(false)
  })

  it('indexes identifier categories only, not names or free text', () => {
    expect(
      indexedFieldsOf([
        { topic: 't', path: 'customerEmail', category: 'contact.email' },
        { topic: 't', path: 'emailSha256', category: 'pseudonymous.hash' },
        { topic: 't', path: 'notes', category: 'free_text.contains_personal' },
        { topic: 't', path: 'after.FirstName', category: 'person.name' },
      ]),
    ).toEqual([
      { topic: 't', path: 'customerEmail', kind: 'email' },
      { topic: 't', path: 'emailSha256', kind: 'sha256' },
    ])
  })
})

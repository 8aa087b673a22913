import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api/errors'
import { recogniseIdentifier } from './recognise'

const NOW = Date.UTC(2026, 10, 1)
const best = (text: string) => recogniseIdentifier(text, { now: NOW }).best

describe('recogniseIdentifier: kinds and canonical forms', () => {
  it.each([
    [' Jane.Smith42@Example.COM ', 'email', 'jane.smith42@example.com'],
    ['<mailto:JO@example.co.uk>', 'email', 'jo@example.co.uk'],
    ['(07123) 456 789', 'phone', '+447123456789'],
    ['0044 7123 456789', 'phone', '+447123456789'],
    ['+44 (0)20 7946 0018', 'phone', '+442079460018'],
    ['+33 6 12 34 56 78', 'phone', '+33612345678'],
    ['sw1a1aa', 'postcode', 'SW1A 1AA'],
    ['C00000042', 'customer-number', '42'],
    ['c-00000042', 'customer-number', '42'],
    ['AMP012345678', 'loyalty-number', 'AMP012345678'],
    ['tok_4f9k2m1x8q7w3e6r5t0y9u2i', 'card-token', 'tok_4f9k2m1x8q7w3e6r5t0y9u2i'],
    ['tok_abcdefghijklmnopqrstuvwx', 'card-token', 'tok_abcdefghijklmnopqrstuvwx'],
    ['1234 12/27', 'card-last4-expiry', '1234|12/27'],
    ['ending 1234, exp 12/2027', 'card-last4-expiry', '1234|12/27'],
    ['12/27 1234', 'card-last4-expiry', '1234|12/27'],
    ['12-34-56 12345678', 'bank-account', '12-34-56|12345678'],
    ['sort code 123456 account 1234567', 'bank-account', '12-34-56|01234567'],
    ['12 34 56 12345678', 'bank-account', '12-34-56|12345678'],
    ['192.168.1.20', 'ip-address', '192.168.1.20'],
    ['81.2.69.160:443', 'ip-address', '81.2.69.160'],
    ['2001:DB8:0:0:0:0:0:1', 'ip-address', '2001:db8::1'],
    ['[2001:db8:0:0:1:0:0:1]:8080', 'ip-address', '2001:db8::1:0:0:1'],
    ['::FFFF:192.0.2.1', 'ip-address', '::ffff:192.0.2.1'],
    ['396ABA8B-5212-47C0-B99B-68B53EB237DF', 'device-id', '396aba8b-5212-47c0-b99b-68b53eb237df'],
    ['Jane Smith SW1A 1AA', 'name-postcode', 'jane smith|SW1A 1AA'],
    ['SMITH, Jane, sw1a1aa', 'name-postcode', 'jane smith|SW1A 1AA'],
    ['sw1a 1aa Mrs Jane SMITH', 'name-postcode', 'jane smith|SW1A 1AA'],
    ["Seán O'Brien-Patel 07/03/1984", 'name-dob', 'sean obrien patel|1984-03-07'],
    ['Jane Smith 7 March 1984', 'name-dob', 'jane smith|1984-03-07'],
    ['1984-03-07 Łukasz Nowak', 'name-dob', 'lukasz nowak|1984-03-07'],
  ])('%j is a %s: %s', (text, kind, canonical) => {
    const r = best(text)
    expect(r.kind).toBe(kind)
    expect(r.canonical).toBe(canonical)
    expect(r.confidence).toBeGreaterThan(0.5)
  })

  it('gives forms the stores hold: both customer number forms, E.164 and national', () => {
    expect(best('C00000042').forms).toEqual(['42', 'C00000042'])
    expect(best('07123 456789').forms).toEqual(['+447123456789', '07123456789'])
  })

  it('marks strong identifiers to merge on and weak ones to link on', () => {
    expect(best('jo@example.com').strength).toBe('strong')
    expect(best('C00000042').strength).toBe('strong')
    expect(best('AMP012345678').strength).toBe('strong')
    expect(best('07123456789').strength).toBe('weak')
    expect(best('Jane Smith SW1A 1AA').strength).toBe('weak')
    expect(best('192.168.1.20').strength).toBe('weak')
  })

  it('returns name parts and facets', () => {
    expect(best('Jane Smith SW1A 1AA').parts).toEqual({
      name: 'jane smith',
      given: 'jane',
      family: 'smith',
      postcode: 'SW1A 1AA',
    })
    expect(best('07123456789').parts).toMatchObject({ region: 'GB', type: 'mobile' })
  })

  it('never reads a bare year as a birth date, nor a future or impossible date', () => {
    expect(() => recogniseIdentifier('Jane Smith 1984', { now: NOW })).toThrow(ApiError)
    expect(() => recogniseIdentifier('Jane Smith 07/03/2030', { now: NOW })).toThrow(ApiError)
    expect(() => recogniseIdentifier('Jane Smith 31/02/1984', { now: NOW })).toThrow(ApiError)
  })

  it('does not read ids or dates as phone numbers', () => {
    expect(best('1700000000').kind).toBe('customer-number')
    expect(best('07123456789').kind).toBe('phone')
  })
})

describe('recogniseIdentifier: ambiguity and alternatives', () => {
  it('bare 9 digits are a CustomerId or a loyalty number without its prefix', () => {
    const r = recogniseIdentifier('012345678')
    expect(r.ambiguous).toBe(false)
    const nine = recogniseIdentifier('123456789')
    expect(nine.ambiguous).toBe(true)
    expect([nine.best.kind, ...nine.alternatives.map((a) => a.kind)].sort()).toEqual([
      'customer-number',
      'loyalty-number',
    ])
    expect(nine.alternatives[0]!.canonical).toBe('AMP123456789')
  })

  it('eight zero-padded digits are a single view number without its C', () => {
    const r = recogniseIdentifier('00000042')
    expect(r.best.kind).toBe('customer-number')
    expect(r.best.canonical).toBe('42')
  })

  it('a random token without a processor prefix is a low-confidence card token', () => {
    const r = recogniseIdentifier('a8Kf02LmQz93XbW1pR7t')
    expect(r.best.kind).toBe('card-token')
    expect(r.best.confidence).toBeLessThan(0.5)
  })

  it('a UUID is a device id, not a card token', () => {
    const r = recogniseIdentifier('396aba8b-5212-47c0-b99b-68b53eb237df')
    expect(r.best.kind).toBe('device-id')
    expect(r.alternatives.map((a) => a.kind)).not.toContain('card-token')
  })
})

describe('recogniseIdentifier: an explicit kind', () => {
  it('accepts a short customer number when asked for one explicitly', () => {
    const r = recogniseIdentifier('42', { kinds: ['customer-number'] })
    expect(r.best.canonical).toBe('42')
    expect(r.best.forms).toContain('C00000042')
  })

  it('keeps only readings of the asked kinds', () => {
    const r = recogniseIdentifier('123456789', { kinds: ['loyalty-number'] })
    expect(r.best.kind).toBe('loyalty-number')
    expect(r.alternatives).toEqual([])
  })

  it('names the kind when the input is not of it', () => {
    expect(() => recogniseIdentifier('07123456789', { kinds: ['email'] })).toThrow(
      /Not a valid email address/,
    )
  })

  it('still refuses patterns under an explicit kind', () => {
    expect(() => recogniseIdentifier('C0000%', { kinds: ['customer-number'] })).toThrow(/Wildcards/)
  })
})

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { UNPARSEABLE_PHONES } from '../../../../test/estate/data/phones'
import { sha256Forms } from './hashed-forms'
import {
  normaliseAccountNumber,
  normaliseDeviceId,
  normaliseExpiry,
  normaliseIp,
  normaliseName,
  normalisePhone,
  normalisePostcode,
  normaliseSortCode,
} from './normalise'
import { recogniseIdentifier } from './recognise'

describe('normalisers on values as stores hold them', () => {
  it('phones no parser can recover normalise to nothing', () => {
    for (const v of UNPARSEABLE_PHONES) expect(normalisePhone(v)).toBeUndefined()
  })

  it('reads national numbers in the given region', () => {
    expect(normalisePhone('06 12 34 56 78', 'FR')?.e164).toBe('+33612345678')
    expect(normalisePhone('06 12 34 56 78')).toBeUndefined()
  })

  it('postcodes: only valid UK shapes', () => {
    expect(normalisePostcode(' m14  5rb ')).toBe('M14 5RB')
    expect(normalisePostcode('QQ1 1AA')).toBeUndefined()
    expect(normalisePostcode('12345')).toBeUndefined()
  })

  it('names: titles dropped, family-first commas reordered, digits refused', () => {
    expect(normaliseName('Dr. Zoë  MÜLLER-Smith')?.canonical).toBe('zoe muller smith')
    expect(normaliseName('Smith, Jane')).toMatchObject({ given: 'jane', family: 'smith' })
    expect(normaliseName('Jane 5mith')).toBeUndefined()
  })

  it('IPv6 in RFC 5952 form; IPv4 as written', () => {
    expect(normaliseIp('2001:0DB8:0000:0000:0001:0000:0000:0001')?.ip).toBe('2001:db8::1:0:0:1')
    expect(normaliseIp('fe80::1%eth0')?.ip).toBe('fe80::1%eth0')
    expect(normaliseIp('0:0:0:0:0:0:0:1')?.ip).toBe('::1')
    expect(normaliseIp('2001:db8:1:1:1:1:1:1')?.ip).toBe('2001:db8:1:1:1:1:1:1')
    expect(normaliseIp('10.0.0.256')).toBeUndefined()
  })

  it('device ids, expiries, sort codes and account numbers', () => {
    expect(normaliseDeviceId('{396ABA8B-5212-47C0-B99B-68B53EB237DF}')?.deviceId).toBe(
      '396aba8b-5212-47c0-b99b-68b53eb237df',
    )
    expect(normaliseDeviceId('396ABA8B521247C0B99B68B53EB237DF')?.deviceId).toBe(
      '396aba8b-5212-47c0-b99b-68b53eb237df',
    )
    expect(normaliseDeviceId('00000000-0000-0000-0000-000000000000')).toBeUndefined()
    expect(normaliseExpiry('2027-12')).toBe('12/27')
    expect(normaliseExpiry('13/27')).toBeUndefined()
    expect(normaliseSortCode('12 34 56')).toBe('12-34-56')
    expect(normaliseAccountNumber('1234567')).toBe('01234567')
  })
})

describe('sha256Forms', () => {
  it("matches the clickstream's emailSha256 of the trimmed, lower-cased email", () => {
    const id = recogniseIdentifier('  Jo.Bloggs@Example.com').best
    const expected = createHash('sha256').update('jo.bloggs@example.com').digest('hex')
    expect(sha256Forms(id)).toEqual([expected])
  })
})

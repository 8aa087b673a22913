import { describe, expect, it } from 'vitest'
import { ipAddressRecognizer } from './ip-address'
import { ctxOf } from './test-context'

const verdict = (v: string, name = 'ip address') => ipAddressRecognizer.test(v, ctxOf(name))

describe('IP address recognizer', () => {
  it.each([
    '192.168.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '81.2.69.160',
    '81.2.69.160:443',
    '2001:db8::1',
    '::1',
    '::',
    'fe80::1ff:fe23:4567:890a%eth0',
    '2001:0db8:0000:0000:0000:ff00:0042:8329',
    '::ffff:192.0.2.128',
    '[2001:db8::1]:8080',
  ])('accepts %s', (v) => expect(verdict(v).match).toBe(true))

  it.each([
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3',
    '1.2.3.4.5',
    '2001:db8:::1',
    '1::2::3',
    '12:30',
    '00:1a:2b:3c:4d:5e', // a MAC address
    '2001:db8:0:0:0:0:0:0:1',
    'gggg::1',
  ])('rejects %s', (v) => expect(verdict(v).match).toBe(false))

  it('treats dotted versions in a version field as a near miss', () => {
    expect(verdict('1.2.3.4', 'app version')).toEqual({
      match: false,
      nearMiss: 'dotted numbers in a field named version: versions',
    })
    expect(verdict('1.2.3.4', 'build')).toMatchObject({ match: false })
  })

  it('treats four-part numbers with parts over 255 as a near miss', () => {
    expect(verdict('300.12.1.1')).toMatchObject({ match: false, nearMiss: expect.any(String) })
  })
})

import { describe, expect, it } from 'vitest'
import { deviceIdRecognizer } from './device-id'
import { ctxOf } from './test-context'

const UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301'

describe('device id recognizer', () => {
  it.each([
    [UUID, 'device id'],
    [UUID.toUpperCase(), 'idfa'],
    ['9774d56d682e549c', 'android id'],
    ['a'.repeat(8) + '0123456789abcdef0123456789abcdef', 'device udid'],
    ['GA1.2.1234567890.1690000000', 'cookie id'],
    ['abcX9f8e7d6c5b4a3210', 'cookie value'],
    ['356938035643809', 'imei'],
  ])('accepts %s named %s', (v, name) =>
    expect(deviceIdRecognizer.test(v, ctxOf(name)).match).toBe(true),
  )

  it('leaves session ids alone (one visit, not a device)', () => {
    expect(deviceIdRecognizer.test(UUID, ctxOf('session id')).match).toBe(false)
  })

  it('needs the name to say device: a UUID alone is any id', () => {
    expect(deviceIdRecognizer.test(UUID, ctxOf('order id'))).toEqual({
      match: false,
      nearMiss: 'UUIDs but the name does not say device',
    })
  })

  it.each([
    ['00000000-0000-0000-0000-000000000000', 'device id'],
    ['not-a-device', 'device'],
    ['iPhone 12', 'device'],
    ['1234567890123456', 'session count'],
    ['abcdefghijklmnopqrstu', 'cookie'],
  ])('rejects %s named %s', (v, name) =>
    expect(deviceIdRecognizer.test(v, ctxOf(name)).match).toBe(false),
  )
})

import { describe, expect, it } from 'vitest'
import { murmur2, partitionForKeyBytes, toPositive } from './murmur2'

const bytes = (s: string) => Buffer.from(s, 'utf8')

describe('murmur2 (Kafka Utils.murmur2)', () => {
  // Kafka's own vectors: clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) = %d', (input, expected) => {
    expect(murmur2(bytes(input))).toBe(expected)
  })

  // Vectors computed with Kafka's implementation, as Akka's Murmur2Spec lists them (tail
  // lengths 1, 2, 3, 0 and 1 again).
  it.each([
    ['1', -1993445489],
    ['12', 126087238],
    ['123', -267702483],
    ['1234', -1614185708],
    ['12345', -1188365604],
  ])('murmur2(%j) = %d (tail lengths)', (input, expected) => {
    expect(murmur2(bytes(input))).toBe(expected)
  })

  it('hashes bytes above 0x7f as unsigned, like Java masks with 0xff', () => {
    const high = Uint8Array.from([0xff, 0xfe, 0x80, 0x81, 0xc3])
    expect(murmur2(high)).toBe(murmur2(Buffer.from(high)))
    expect(Number.isInteger(murmur2(high))).toBe(true)
    expect(murmur2(high)).toBeGreaterThanOrEqual(-(2 ** 31))
    expect(murmur2(high)).toBeLessThan(2 ** 31)
  })

  it('hashes the empty key', () => {
    expect(Number.isInteger(murmur2(new Uint8Array()))).toBe(true)
  })
})

describe('toPositive and the partition', () => {
  it('clears the sign bit (MIN_VALUE -> 0, not abs)', () => {
    expect(toPositive(-(2 ** 31))).toBe(0)
    expect(toPositive(-1)).toBe(2 ** 31 - 1)
    expect(toPositive(5)).toBe(5)
  })

  it('is toPositive(murmur2) % partitions', () => {
    for (const [key, hash] of [
      ['21', -973932308],
      ['foobar', -790332482],
    ] as const) {
      expect(partitionForKeyBytes(bytes(key), 6)).toBe((hash & 0x7fffffff) % 6)
    }
  })

  it('refuses a topic of zero partitions', () => {
    expect(() => partitionForKeyBytes(bytes('x'), 0)).toThrow(RangeError)
  })
})

/**
 * Kafka's default partitioner for keyed records, bit for bit: `Utils.murmur2` (Kafka's port of
 * MurmurHash2, seed 0x9747b28c) and `toPositive(murmur2(keyBytes)) % partitions`. Java's
 * producer (Kafka Connect, Debezium) and kafkajs's DefaultPartitioner (its Java-compatible one)
 * both use it, so a lookup can compute which single partition holds a key instead of scanning a
 * topic. The hash is over the key's EXACT serialized bytes: one space or a reordered JSON field
 * and the partition is wrong (see connect-json-key.ts for the bytes).
 */

const SEED = 0x9747b28c
const M = 0x5bd1e995
const R = 24

/** Java's `Utils.murmur2(byte[])`: a signed 32-bit int, as Java returns it. */
export function murmur2(data: Uint8Array): number {
  const length = data.length
  let h = (SEED ^ length) | 0
  const length4 = length >>> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k =
      (data[i4]! & 0xff) |
      ((data[i4 + 1]! & 0xff) << 8) |
      ((data[i4 + 2]! & 0xff) << 16) |
      ((data[i4 + 3]! & 0xff) << 24)
    k = Math.imul(k, M)
    k ^= k >>> R
    k = Math.imul(k, M)
    h = Math.imul(h, M)
    h ^= k
  }
  const tail = length & ~3
  // Java's switch falls through 3 -> 2 -> 1, and only the last case multiplies.
  const rest = length % 4
  if (rest === 3) h ^= (data[tail + 2]! & 0xff) << 16
  if (rest >= 2) h ^= (data[tail + 1]! & 0xff) << 8
  if (rest >= 1) {
    h ^= data[tail]! & 0xff
    h = Math.imul(h, M)
  }
  h ^= h >>> 13
  h = Math.imul(h, M)
  h ^= h >>> 15
  return h | 0
}

/** Java's `Utils.toPositive`: clears the sign bit (not Math.abs: MIN_VALUE maps to 0). */
export function toPositive(n: number): number {
  return n & 0x7fffffff
}

/**
 * The partition Kafka's default partitioner gives a record with these key bytes. Records with
 * a null key are spread by the sticky/round-robin partitioner instead: they have no partition
 * to compute, so a key is required here.
 */
export function partitionForKeyBytes(keyBytes: Uint8Array, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1) {
    throw new RangeError(`A topic has at least one partition (got ${partitions}).`)
  }
  return toPositive(murmur2(keyBytes)) % partitions
}

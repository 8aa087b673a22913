/**
 * A small seeded PRNG (sfc32 seeded through cyrb128). Deliberately not Math.random and not a
 * library whose output may change between versions: the estate's data must be byte-identical
 * for the same seed on every machine, for ever.
 */

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703
  let h2 = 3144134277
  let h3 = 1013904242
  let h4 = 2773480762
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i)
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
  h1 ^= h2 ^ h3 ^ h4
  h2 ^= h1
  h3 ^= h1
  h4 ^= h1
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0]
}

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  /** Independent streams come from labels, so adding a store never shifts another store's data. */
  constructor(readonly seed: string) {
    ;[this.a, this.b, this.c, this.d] = cyrb128(seed)
    for (let i = 0; i < 12; i++) this.next()
  }

  /** A child stream keyed by a label (e.g. `person:42`): the same label always gives the same stream. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`)
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0
    this.b >>>= 0
    this.c >>>= 0
    this.d >>>= 0
    const t = (this.a + this.b) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.d = (this.d + 1) | 0
    const r = (t + this.d) | 0
    this.c = (this.c + r) | 0
    return (r >>> 0) / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0
    for (const [, w] of choices) total += w
    let r = this.next() * total
    for (const [value, w] of choices) {
      r -= w
      if (r < 0) return value
    }
    return choices[choices.length - 1]![0]
  }

  digits(count: number): string {
    let s = ''
    for (let i = 0; i < count; i++) s += String(this.int(0, 9))
    return s
  }

  letters(count: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'): string {
    let s = ''
    for (let i = 0; i < count; i++) s += alphabet[this.int(0, alphabet.length - 1)]
    return s
  }

  /** Approximately normal (sum of uniforms), clamped to [min, max]. */
  normal(mean: number, sd: number, min: number, max: number): number {
    const z = this.next() + this.next() + this.next() + this.next() - 2
    return Math.min(max, Math.max(min, mean + z * sd * 1.732))
  }
}

/** A bijection on [0, modulus) for index-derived unique numbers that do not look sequential. */
export function scramble(index: number, modulus: number, salt = 12345): number {
  // 48271 is prime and coprime with every power of ten, so this is a permutation for any salt.
  return (index * 48271 + salt) % modulus
}

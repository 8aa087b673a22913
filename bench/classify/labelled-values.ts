/**
 * Seeded value generators for the second labelled set (bench/classify/make-labelled-set.ts).
 * Deliberately unlike the reference estate: other countries' names, phones, postcodes, national
 * ids and banks, with their real check digits, so recognizers that validate are tested on data
 * they were not written against. No library: the output must be identical for the same seed.
 */

/** mulberry32 seeded from a string (FNV-1a): small, fast and stable forever. */
export class Rng {
  private state: number
  constructor(seed: string) {
    let h = 2166136261
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
    this.state = h >>> 0
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  digits(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += String(this.int(0, 9))
    return s
  }
  hex(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)]
    return s
  }
  letters(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'): string {
    let s = ''
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)]
    return s
  }
}

export const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

// ---- names ---------------------------------------------------------------------------------
import { CITIES, FAMILY, GIVEN, STREETS } from './labelled-dictionaries'

export { CITIES, FAMILY, GIVEN, STREETS }
export type Locale = keyof typeof GIVEN
export const LOCALES = Object.keys(GIVEN) as Locale[]

export const given = (r: Rng, l: Locale = r.pick(LOCALES)): string => r.pick(GIVEN[l])
export const family = (r: Rng, l: Locale = r.pick(LOCALES)): string => r.pick(FAMILY[l])
export function fullName(r: Rng, l: Locale = r.pick(LOCALES), style = 'given-family'): string {
  const g = given(r, l)
  const f = family(r, l)
  if (style === 'family-given') return `${f.toUpperCase()}, ${g}`
  if (style === 'titled')
    return `${r.pick(['Dr.', 'Herr', 'Frau', 'Mme', 'M.', 'Sr.', 'Sra.', 'Mr.', 'Ms.'])} ${g} ${f}`
  return `${g} ${f}`
}

export function email(r: Rng, l: Locale = r.pick(LOCALES)): string {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()
  const g = fold(given(r, l))
  const f = fold(family(r, l))
  const domain = r.pick([
    'gmx.de',
    'web.de',
    'orange.fr',
    'free.fr',
    'telefonica.es',
    'yahoo.com',
    'outlook.com',
    'icloud.com',
    'proton.me',
    'eircom.net',
    't-online.de',
    'uni-heidelberg.de',
  ])
  const local = r.pick([
    `${g}.${f}`,
    `${g[0]}${f}`,
    `${f}${r.int(1, 99)}`,
    `${g}_${f}`,
    `${g}+shop`,
  ])
  return r.chance(0.1) ? `${local}@${domain}`.toUpperCase() : `${local}@${domain}`
}

// ---- phones (real numbering plans) -----------------------------------------------------------
export function phone(r: Rng, country: 'us' | 'de' | 'fr' | 'es' | 'ie' | 'intl'): string {
  switch (country) {
    case 'us': {
      const area = r.pick(['212', '415', '312', '617', '206', '512', '303', '404'])
      const ex = `${r.int(2, 9)}${r.digits(2)}`
      const line = r.digits(4)
      return r.pick([
        `(${area}) ${ex}-${line}`,
        `${area}-${ex}-${line}`,
        `+1 ${area} ${ex} ${line}`,
        `${area}.${ex}.${line}`,
      ])
    }
    case 'de': {
      const mobile = `${r.pick(['151', '152', '157', '160', '162', '170', '172', '176', '178'])}${r.digits(8)}`
      const berlin = `30${r.digits(8)}`
      const n = r.chance(0.5) ? mobile : berlin
      return r.pick([
        `+49 ${n.slice(0, 3)} ${n.slice(3)}`,
        `0${n.slice(0, 3)}/${n.slice(3)}`,
        `+49${n}`,
      ])
    }
    case 'fr': {
      const first = r.pick(['6', '75', '76', '77', '78', '1', '4'])
      const n = `${first}${r.digits(9 - first.length)}`
      const g = n.match(/^(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/)!.slice(1)
      return r.chance(0.5) ? `0${g.join(' ')}` : `+33 ${g.join(' ')}`
    }
    case 'es': {
      const n = `${r.pick(['6', '71', '73', '91', '93'])}`
      const rest = r.digits(9 - n.length)
      const full = n + rest
      return r.chance(0.5) ? `+34 ${full.slice(0, 3)} ${full.slice(3, 6)} ${full.slice(6)}` : full
    }
    case 'ie':
      return `+353 8${r.pick(['3', '5', '6', '7'])} ${r.digits(3)} ${r.digits(4)}`
    case 'intl':
      return phone(r, r.pick(['us', 'de', 'fr', 'es', 'ie'] as const))
  }
}

// ---- national identifiers with their check digits --------------------------------------------
export function usSsn(r: Rng): string {
  let area = r.int(1, 899)
  if (area === 666) area = 667
  return `${pad(area, 3)}-${pad(r.int(1, 99))}-${pad(r.int(1, 9999), 4)}`
}
export function irishPps(r: Rng): string {
  const d = r.digits(7)
  let sum = 0
  for (let i = 0; i < 7; i++) sum += Number(d[i]) * (8 - i)
  const check = 'WABCDEFGHIJKLMNOPQRSTUV'[sum % 23]
  return `${d}${check}`
}
export function spanishDni(r: Rng): string {
  const n = r.int(10000000, 99999999)
  return `${n}${'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}`
}
export function dutchBsn(r: Rng): string {
  for (;;) {
    const d = r.digits(8)
    let sum = 0
    for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i)
    const last = sum % 11
    if (last < 10 && d[0] !== '0') return d + String(last)
  }
}
export function frenchNir(r: Rng): string {
  const body = `${r.int(1, 2)}${pad(r.int(40, 99))}${pad(r.int(1, 12))}${pad(r.int(1, 95))}${r.digits(3)}${r.digits(3)}`
  const key = 97 - Number(BigInt(body) % 97n)
  return `${body} ${pad(key)}`
}

// ---- cards and banks ------------------------------------------------------------------------
export function luhnComplete(partial: string): string {
  let sum = 0
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return partial + String((10 - (sum % 10)) % 10)
}
export function cardNumber(r: Rng, spaced = false): string {
  const prefix = r.pick(['4', '51', '53', '55', '2221', '34', '37', '6011'])
  const len = prefix === '34' || prefix === '37' ? 15 : 16
  const pan = luhnComplete(prefix + r.digits(len - prefix.length - 1))
  return spaced ? pan.replace(/(\d{4})(?=\d)/g, '$1 ') : pan
}
function ibanCheck(country: string, bban: string): string {
  const rearranged = bban + country + '00'
  const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  return pad(98 - Number(BigInt(numeric) % 97n))
}
export function iban(r: Rng, country: 'DE' | 'FR' | 'ES' | 'NL' | 'IE', spaced = false): string {
  const bban = {
    DE: () => r.digits(18),
    FR: () => r.digits(10) + r.letters(1, '0123456789ABCDEFGHJK') + r.digits(10) + r.digits(2),
    ES: () => r.digits(20),
    NL: () => r.pick(['ABNA', 'INGB', 'RABO']) + r.digits(10),
    IE: () => r.pick(['AIBK', 'BOFI']) + r.digits(14),
  }[country]()
  const iban = `${country}${ibanCheck(country, bban)}${bban}`
  return spaced ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban
}

// ---- places ---------------------------------------------------------------------------------
export function streetLine(r: Rng, l: keyof typeof STREETS): string {
  const s = r.pick(STREETS[l])
  switch (l) {
    case 'de':
      return `${s} ${r.int(1, 180)}${r.chance(0.2) ? r.pick(['a', 'b']) : ''}`
    case 'fr':
      return `${r.int(1, 120)}${r.chance(0.1) ? ' bis' : ''} ${s}`
    case 'es':
      return `${s}, ${r.int(1, 90)}, ${r.int(1, 8)}º ${r.pick(['A', 'B', 'C', 'Izq.', 'Dcha.'])}`
    case 'us':
      return `${r.int(100, 9999)} ${r.chance(0.3) ? r.pick(['N ', 'S ', 'E ', 'W ']) : ''}${s}${r.chance(0.2) ? ` Apt ${r.int(1, 40)}` : ''}`
  }
}
export function canadianPostcode(r: Rng): string {
  const L = 'ABCEGHJKLMNPRSTVXY'
  return `${r.letters(1, L)}${r.int(0, 9)}${r.letters(1, 'ABCEGHJKLMNPRSTVWXYZ')} ${r.int(0, 9)}${r.letters(1, 'ABCEGHJKLMNPRSTVWXYZ')}${r.int(0, 9)}`
}
export function eircode(r: Rng): string {
  return `${r.pick(['D02', 'D04', 'D6W', 'T12', 'H91', 'V94', 'A65'])} ${r.letters(1, 'ACDEFHKNPRTVWXY')}${r.digits(2)}${r.letters(1, 'ACDEFHKNPRTVWXY')}`
}

// ---- dates ----------------------------------------------------------------------------------
export type DateStyle = 'iso' | 'de' | 'us' | 'compact' | 'fr' | 'iso-time'
export function formatDate(y: number, m: number, d: number, style: DateStyle, r?: Rng): string {
  switch (style) {
    case 'iso':
      return `${y}-${pad(m)}-${pad(d)}`
    case 'de':
      return `${pad(d)}.${pad(m)}.${y}`
    case 'us':
      return `${pad(m)}/${pad(d)}/${y}`
    case 'fr':
      return `${pad(d)}/${pad(m)}/${y}`
    case 'compact':
      return `${y}${pad(m)}${pad(d)}`
    case 'iso-time':
      return `${y}-${pad(m)}-${pad(d)}T${pad(r ? r.int(0, 23) : 12)}:${pad(r ? r.int(0, 59) : 0)}:${pad(r ? r.int(0, 59) : 0)}Z`
  }
}
/** A date between the years given, inclusive. */
export function date(r: Rng, fromYear: number, toYear: number, style: DateStyle): string {
  return formatDate(r.int(fromYear, toYear), r.int(1, 12), r.int(1, 28), style, r)
}

export function uuid(r: Rng): string {
  const h = r.hex(32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[r.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`
}
export function ipv4(r: Rng): string {
  return `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`
}
export function ipv6(r: Rng): string {
  const groups = Array.from({ length: 8 }, () => r.hex(4).replace(/^0+(?=.)/, ''))
  return r.chance(0.3) ? `2001:db8::${groups[6]}:${groups[7]}` : groups.join(':')
}

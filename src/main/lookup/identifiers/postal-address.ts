import { foldAccents } from '../../classify/recognizers/util'
import { normalisePostcode } from './normalise'

/**
 * Postal addresses as identifiers (issue 7 item 1): a UK address line with its postcode, or a
 * whole address (`Flat 3, 12 High St, Leeds, LS1 4AB`). An address is shared by a household, so
 * it is a WEAK identifier: the people living there are linked, never merged.
 *
 * The canonical line is what a line reads as once case, accents, punctuation and abbreviations
 * are gone: `flat 3 12 high street`. Stored lines (`Flat 3, 12 High Street` in crm and the single
 * view, `12 HIGH STREET` in the legacy table) normalise the same way, so a typed address and a
 * stored one compare equal; `addressLineMatches` also lets a typed line carry the town after
 * the street when no comma says where the street ends.
 */

export interface AddressLine {
  /** `flat 3 12 high street`: flat, house number, street, lower case, abbreviations expanded. */
  canonical: string
  flat?: string
  number?: string
  /** Street words, expanded (`high street`, `saint johns road`); may hold a house name. */
  street: string
  /** Words after the street (a town typed without commas), not part of the canonical line. */
  trailing?: string
}

export interface PostalAddress {
  line: AddressLine
  postcode: string
  /** The town, when written between the line and the postcode (`, Leeds,`). */
  town?: string
  /** The line as crm and the single view write it (`Flat 3, 12 High Street`). */
  written: string
}

/** Street-type words and their abbreviations, as UK addresses write them. */
const STREET_TYPES: Readonly<Record<string, string>> = {
  road: 'road',
  rd: 'road',
  street: 'street',
  str: 'street',
  lane: 'lane',
  ln: 'lane',
  avenue: 'avenue',
  ave: 'avenue',
  av: 'avenue',
  drive: 'drive',
  dr: 'drive',
  drv: 'drive',
  close: 'close',
  cl: 'close',
  crescent: 'crescent',
  cres: 'crescent',
  cresc: 'crescent',
  grove: 'grove',
  gr: 'grove',
  gro: 'grove',
  gardens: 'gardens',
  gdns: 'gardens',
  terrace: 'terrace',
  terr: 'terrace',
  ter: 'terrace',
  tce: 'terrace',
  square: 'square',
  sq: 'square',
  place: 'place',
  pl: 'place',
  court: 'court',
  ct: 'court',
  park: 'park',
  pk: 'park',
  way: 'way',
  view: 'view',
  walk: 'walk',
  hill: 'hill',
  row: 'row',
  mews: 'mews',
  parade: 'parade',
  pde: 'parade',
  green: 'green',
  rise: 'rise',
  heol: 'heol',
}
/** `st` before a name is Saint (`St John's Road`); at a street's end it is Street. */
const SAINT = 'saint'
const FLAT_WORDS = new Set(['flat', 'flt', 'apartment', 'apt', 'apartments'])
const NUMBER = /^\d{1,5}[a-z]?$/
/** What an address may hold: letters, digits and the punctuation addresses are written with. */
const ADDRESS_CHARS = /^[\p{L}\p{M}\d\s,.'\u2019/#&()-]+$/u

/** Lower-cased, accent-folded words in comma-separated segments; punctuation dropped. */
function segmentsOf(raw: string): string[][] {
  return foldAccents(raw)
    .replace(/['\u2019]/g, '')
    .replace(/[.#()]/g, ' ')
    .split(/[,;]/)
    .map((s) => s.split(/\s+/).filter((w) => w.length > 0))
    .filter((s) => s.length > 0)
}

function expandStreet(words: readonly string[]): string[] {
  return words.map((w, i) => {
    if (w === 'st') return i === 0 && words.length > 1 ? SAINT : 'street'
    if (w === 'saint') return SAINT
    return STREET_TYPES[w] ?? w
  })
}

function isStreetType(w: string): boolean {
  return w === 'st' || STREET_TYPES[w] !== undefined
}

/**
 * Reads one address line (or a whole address without its postcode: the line is the first
 * segment holding a house number, the rest is town). Undefined when there is no street word.
 */
export function normaliseAddressLine(raw: string): AddressLine | undefined {
  if (!ADDRESS_CHARS.test(raw)) return undefined
  const all = segmentsOf(raw)
  // A house name before the numbered line (`Rose Cottage, 4 Mill Lane`) is not the street.
  const numbered = all.findIndex((seg) => /^\d|^(?:flat|flt|apt|apartment)$/.test(seg[0]!))
  const segments = numbered > 0 ? all.slice(numbered) : all
  if (segments.length === 0) return undefined
  let flat: string | undefined
  let number: string | undefined
  const words: string[] = []
  let trailingSegments: string[][] = []
  for (let s = 0; s < segments.length; s++) {
    const seg = [...segments[s]!]
    // `Flat 3` alone, or `Flat 3` leading a segment (`Flat 3 12 High St`).
    if (FLAT_WORDS.has(seg[0]!) && seg[1] !== undefined && NUMBER.test(seg[1])) {
      flat ??= seg[1]
      seg.splice(0, 2)
    }
    // `3/12 High Street`: flat 3 of number 12.
    const slash = seg[0] !== undefined ? /^(\d{1,4}[a-z]?)\/(\d{1,5}[a-z]?)$/.exec(seg[0]) : null
    if (slash && flat === undefined) {
      flat = slash[1]
      number = slash[2]
      seg.shift()
    }
    // `12 High Street Flat 3`: a trailing flat.
    const f = seg.findIndex((w, i) => FLAT_WORDS.has(w) && NUMBER.test(seg[i + 1] ?? ''))
    if (f > 0 && flat === undefined) {
      flat = seg[f + 1]
      seg.splice(f, 2)
    }
    if (seg.length === 0) continue
    if (number === undefined && NUMBER.test(seg[0]!)) number = seg.shift()
    else if (number === undefined && words.length === 0 && seg.some((w) => NUMBER.test(w))) {
      // `Rose Cottage 4 Mill Lane`? Too unusual to read: a name before the number.
      return undefined
    }
    if (seg.length === 0) continue
    words.push(...seg)
    // The street ends with its segment once there is one (the rest is town and county, or a
    // flat written after the street: `12 High Street, Flat 3`).
    trailingSegments = segments.slice(s + 1).filter((t) => {
      const isFlat = t.length === 2 && FLAT_WORDS.has(t[0]!) && NUMBER.test(t[1]!)
      if (isFlat && flat === undefined) flat = t[1]
      return !isFlat
    })
    break
  }
  if (words.length === 0 || !words.some((w) => /\p{L}/u.test(w))) return undefined
  if (words.some((w) => !/^[\p{L}\d-]+$/u.test(w) || /^\d/.test(w))) return undefined
  // Without commas the town may follow the street: the street ends at its last street-type word.
  let streetWords = words
  let trailing: string[] = trailingSegments.flat()
  const lastType = words.reduce((at, w, i) => (isStreetType(w) && i > 0 ? i : at), -1)
  if (lastType >= 0 && lastType < words.length - 1) {
    streetWords = words.slice(0, lastType + 1)
    trailing = [...words.slice(lastType + 1), ...trailing]
  }
  const street = expandStreet(streetWords).join(' ')
  const canonical = [flat !== undefined ? `flat ${flat}` : '', number ?? '', street]
    .filter((p) => p !== '')
    .join(' ')
  return {
    canonical,
    ...(flat !== undefined ? { flat } : {}),
    ...(number !== undefined ? { number } : {}),
    street,
    ...(trailing.length > 0 ? { trailing: trailing.join(' ') } : {}),
  }
}

/** Whether a normalised street names its type (`road`, `close`...): an address, not a name. */
export function hasStreetType(line: AddressLine): boolean {
  return line.street.split(' ').some((w, i) => i > 0 && STREET_TYPES[w] !== undefined)
}

/** Title case of a canonical street, as crm writes lines (`high street` -> `High Street`). */
function titleCase(s: string): string {
  return s.replace(/\b\p{L}/gu, (c) => c.toUpperCase())
}

/** The line as crm and the single view write it: `Flat 3, 12 High Street`. */
export function writtenLine(line: AddressLine): string {
  const street = titleCase(line.street.replace(/^saint /, 'st '))
  const main = [line.number ?? '', street].filter((p) => p !== '').join(' ')
  return line.flat !== undefined ? `Flat ${line.flat.toUpperCase()}, ${main}` : main
}

/**
 * A UK address with its postcode at the end or the start: `12 High St SW1A 1AA`,
 * `Flat 3, 12 High Street, Leeds, ls14ab`, `LS1 4AB 12 High Street`.
 */
export function readPostalAddress(text: string): PostalAddress | undefined {
  const words = text.trim().split(/\s+/)
  if (words.length < 3) return undefined
  const n = words.length
  const bare = (w: string) => w.replace(/^[,;]+|[,;.]+$/g, '')
  const candidates: Array<[number, number]> = [
    [n - 2, n],
    [n - 1, n],
    [0, 2],
    [0, 1],
  ]
  for (const [from, to] of candidates) {
    if (to - from >= n) continue
    const postcode = normalisePostcode(words.slice(from, to).map(bare).join(''))
    if (!postcode) continue
    const rest = [...words.slice(0, from), ...words.slice(to)].join(' ').replace(/[\s,;]+$/, '')
    const line = normaliseAddressLine(rest)
    if (!line) continue
    // What follows the street (`, Leeds,`) is the town, perhaps with a county.
    const town = line.trailing
    return { line, postcode, ...(town ? { town } : {}), written: writtenLine(line) }
  }
  return undefined
}

/**
 * Whether a stored address line is the typed one: the same house number and street once both
 * are normalised, and the same flat when the typed line names one (a typed line without a flat
 * matches every flat of the building: a household lookup should not miss one written without).
 * A typed line read without commas may have taken the town into its street (`12 Heol y Llan
 * Cardiff`): the stored street then only has to start it.
 */
export function addressLineMatches(stored: unknown, typed: AddressLine): boolean {
  if (typeof stored !== 'string') return false
  const s = normaliseAddressLine(stored)
  if (!s) return false
  if ((s.number ?? '') !== (typed.number ?? '')) return false
  if (typed.flat !== undefined && s.flat !== typed.flat) return false
  if (s.street === typed.street) return true
  return typed.street.startsWith(`${s.street} `)
}

/** The typed line of a recognised postal address, from its parts. */
function typedLine(parts: Readonly<Record<string, string>>): AddressLine | undefined {
  if (parts.line === undefined || parts.street === undefined) return undefined
  return {
    canonical: parts.line,
    street: parts.street,
    ...(parts.flat !== undefined ? { flat: parts.flat } : {}),
    ...(parts.number !== undefined ? { number: parts.number } : {}),
  }
}

function* scalars(v: unknown): Generator<unknown> {
  if (Array.isArray(v)) for (const x of v) yield* scalars(x)
  else yield v
}

/**
 * Whether a record found through an identifier's selective part also holds its other part:
 * for a postal address (asked by its postcode), one of the record's values is the typed line
 * (`Line1`, `ADDR_LN1`, `addresses[].line1`), so the neighbours who share the postcode are not
 * taken for the household. True for every other kind (their other parts rank, not filter).
 */
export function holdsCompanion(
  identifier: { kind: string; parts: Readonly<Record<string, string>> },
  values: Readonly<Record<string, unknown>>,
): boolean {
  if (identifier.kind !== 'postal-address') return true
  const line = typedLine(identifier.parts)
  if (!line) return true
  for (const v of Object.values(values))
    for (const s of scalars(v)) if (addressLineMatches(s, line)) return true
  return false
}

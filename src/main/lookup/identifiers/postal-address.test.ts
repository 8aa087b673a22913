import { describe, expect, it } from 'vitest'
import { messyPostcode } from '../../../../test/estate/data/mess'
import { People } from '../../../../test/estate/data/people'
import { Rng } from '../../../../test/estate/data/prng'
import {
  addressLineMatches,
  hasStreetType,
  holdsCompanion,
  normaliseAddressLine,
  readPostalAddress,
  writtenLine,
} from './postal-address'
import { recogniseIdentifier } from './recognise'

/**
 * Postal addresses (issue 7 item 1) on the estate generator's own addresses
 * (test/estate/data/people.ts: `12 High Street`, `Flat 3, 12 Station Road`, `St John's Road`,
 * `Heol y Llan`), stored as crm writes them, upper-cased as the legacy table holds them, with
 * messy postcodes (mess.ts), and typed the ways people type them.
 */
const PEOPLE = 300
const people = new People(new Rng('sightline-lookup-address'))
const rng = new Rng('sightline-lookup-address/mess')

const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bStreet$/, 'St'],
  [/\bRoad$/, 'Rd'],
  [/\bLane$/, 'Ln'],
  [/\bAvenue$/, 'Ave'],
  [/\bDrive$/, 'Dr'],
  [/\bClose$/, 'Cl'],
  [/\bCrescent$/, 'Cres'],
  [/\bGrove$/, 'Gro'],
  [/\bGardens$/, 'Gdns'],
  [/\bTerrace$/, 'Tce'],
  [/^St /, 'St. '],
]

/** The ways a caller types one stored line (`Flat 3, 12 High Street`). */
function typedForms(line1: string, town: string): string[] {
  let short = line1
  for (const [re, abbr] of ABBREVIATIONS) short = short.replace(re, abbr)
  const flat = /^Flat (\d+), (.*)$/.exec(line1)
  return [
    line1,
    line1.toUpperCase(),
    line1.toLowerCase().replace(/[,']/g, ''),
    short,
    `${short}, ${town}`,
    `${line1} ${town}`,
    ...(flat
      ? [`${flat[1]}/${flat[2]}`, `${flat[2]}, Flat ${flat[1]}`, `Apt ${flat[1]} ${flat[2]}`]
      : []),
  ]
}

describe('postal addresses from the estate generator', () => {
  it('every typed form of every address, with a messy postcode, is the same identifier', () => {
    let flats = 0
    for (let i = 0; i < PEOPLE; i++) {
      const { line1, town, postcode } = people.get(i).address
      const expected = normaliseAddressLine(line1)!
      expect(expected, line1).toBeDefined()
      if (expected.flat) flats++
      for (const typed of typedForms(line1, town)) {
        const text = `${typed} ${messyPostcode(postcode, rng).trim()}`
        const r = recogniseIdentifier(text)
        expect(r.best.kind, text).toBe('postal-address')
        expect(r.best.strength).toBe('weak')
        if (typed === `${line1} ${town}` && !hasStreetType(expected)) {
          // `12 Heol y Llan Leeds`: nothing says where the street ends, so the town stays in
          // the line; the stored line still matches it (addressLineMatches, next test).
          expect(r.best.parts.line!.startsWith(`${expected.canonical} `), text).toBe(true)
          continue
        }
        expect(r.best.canonical, text).toBe(`${expected.canonical}|${postcode}`)
        expect(r.best.parts.postcode).toBe(postcode)
        // The postcode first, as some people write it.
        expect(recogniseIdentifier(`${postcode}, ${typed}`).best.canonical).toBe(
          `${expected.canonical}|${postcode}`,
        )
      }
    }
    expect(flats).toBeGreaterThan(PEOPLE * 0.1)
  })

  it('matches the stored lines of crm, the single view and the legacy table', () => {
    for (let i = 0; i < PEOPLE; i++) {
      const { line1, town } = people.get(i).address
      for (const typed of typedForms(line1, town)) {
        const line = readPostalAddress(`${typed} SW1A 1AA`)!.line
        // crm Address.Line1 and singleview addresses[].line1 as written; legacy ADDR_LN1 upper.
        expect(addressLineMatches(line1, line), `${typed} / ${line1}`).toBe(true)
        expect(addressLineMatches(line1.toUpperCase(), line)).toBe(true)
      }
    }
  })

  it('tells different addresses apart (one household per canonical address)', () => {
    const byAddress = new Map<string, Set<string>>()
    for (let i = 0; i < PEOPLE * 3; i++) {
      const { line1, postcode } = people.get(i).address
      const key = `${normaliseAddressLine(line1)!.canonical}|${postcode}`
      const set = byAddress.get(key) ?? new Set<string>()
      set.add(`${line1}|${postcode}`)
      byAddress.set(key, set)
    }
    // Two written addresses never fold into one canonical address.
    for (const written of byAddress.values()) expect(written.size).toBe(1)
    const a = normaliseAddressLine('Flat 3, 12 High Street')!
    expect(addressLineMatches('Flat 4, 12 High Street', a)).toBe(false)
    expect(addressLineMatches('13 High Street', normaliseAddressLine('12 High St')!)).toBe(false)
    expect(addressLineMatches('12 High Road', normaliseAddressLine('12 High St')!)).toBe(false)
    // A typed line without a flat finds every flat of the building.
    expect(addressLineMatches('Flat 4, 12 High Street', normaliseAddressLine('12 High St')!)).toBe(
      true,
    )
  })

  it('reads Saint, house names, towns without commas and writes the line as crm does', () => {
    expect(normaliseAddressLine("4 St John's Rd")!.canonical).toBe('4 saint johns road')
    expect(normaliseAddressLine('4 ST JOHNS ROAD')!.canonical).toBe('4 saint johns road')
    expect(normaliseAddressLine('12 Station Rd Leeds')).toMatchObject({
      canonical: '12 station road',
      trailing: 'leeds',
    })
    expect(readPostalAddress('Rose Cottage, 4 Mill Lane, Leeds, LS1 4AB')).toMatchObject({
      line: { canonical: '4 mill lane' },
      town: 'leeds',
      postcode: 'LS1 4AB',
    })
    // No street type: the town typed without a comma stays in the street, and still matches.
    const welsh = readPostalAddress('12 Heol y Llan Cardiff CF10 1AA')!.line
    expect(addressLineMatches('12 Heol y Llan', welsh)).toBe(true)
    expect(writtenLine(normaliseAddressLine('flat 3 12 high st')!)).toBe('Flat 3, 12 High Street')
  })

  it('is not read where there is no address: names, bare numbers, query text', () => {
    expect(recogniseIdentifier('Jane Smith SW1A 1AA').best.kind).toBe('name-postcode')
    for (const text of ['12 SW1A 1AA', 'SW1A 1AA', '12 High Street']) {
      const kinds = (() => {
        try {
          const r = recogniseIdentifier(text)
          return [r.best, ...r.alternatives].map((x) => x.kind)
        } catch {
          return []
        }
      })()
      expect(kinds, text).not.toContain('postal-address')
    }
    expect(readPostalAddress('1 OR 1=1 -- SW1A 1AA')).toBeUndefined()
    expect(readPostalAddress('12 {"$ne": null} SW1A 1AA')).toBeUndefined()
    expect(() => recogniseIdentifier("12' OR 1=1 -- SW1A 1AA")).toThrow()
  })

  it('an explicit kind asks only for an address', () => {
    const r = recogniseIdentifier('12 High St, SW1A 1AA', { kinds: ['postal-address'] })
    expect(r.best).toMatchObject({
      kind: 'postal-address',
      canonical: '12 high street|SW1A 1AA',
      parts: { line: '12 high street', number: '12', street: 'high street', postcode: 'SW1A 1AA' },
    })
    expect(() => recogniseIdentifier('Jane Smith SW1A 1AA', { kinds: ['postal-address'] })).toThrow(
      /postal address/,
    )
  })

  it('keeps the records found by the postcode that hold the typed line, not the neighbours', () => {
    const id = recogniseIdentifier('Flat 3, 12 High St, SW1A 1AA').best
    // crm Address, legacy tblCust, single-view addresses[] (flattened to an array).
    expect(holdsCompanion(id, { Line1: 'Flat 3, 12 High Street', Postcode: 'sw1a1aa' })).toBe(true)
    expect(holdsCompanion(id, { ADDR_LN1: 'FLAT 3, 12 HIGH STREET', PCODE: 'SW1A 1AA' })).toBe(true)
    expect(
      holdsCompanion(id, { 'addresses[].line1': ['1 Mill Lane', 'Flat 3, 12 High Street'] }),
    ).toBe(true)
    expect(holdsCompanion(id, { Line1: '14 High Street', Postcode: 'SW1A 1AA' })).toBe(false)
    expect(holdsCompanion(id, { Line1: 'Flat 4, 12 High Street', Postcode: 'SW1A 1AA' })).toBe(
      false,
    )
    // Other kinds are never filtered here.
    const postcode = recogniseIdentifier('SW1A 1AA').best
    expect(holdsCompanion(postcode, { Line1: '14 High Street' })).toBe(true)
  })
})

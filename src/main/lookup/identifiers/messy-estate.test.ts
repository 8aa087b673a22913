import { describe, expect, it } from 'vitest'
import { singleviewId } from '../../../../test/estate/data/customers'
import { messyEmail, messyName, messyPostcode, messyTitle } from '../../../../test/estate/data/mess'
import { asciiFold } from '../../../../test/estate/data/names'
import { People } from '../../../../test/estate/data/people'
import { PHONE_STYLES, e164, formatPhone, messyPhone } from '../../../../test/estate/data/phones'
import { Rng } from '../../../../test/estate/data/prng'
import { recogniseIdentifier } from './recognise'

/**
 * The estate generator's own damage (test/estate/data/mess.ts, phones.ts) applied to generated
 * people: every messy variant must be recognised as its kind and normalise to the person's
 * canonical value, the value the single view holds.
 */
const PEOPLE = 300
const people = new People(new Rng('sightline-lookup-identifiers'))
const rng = new Rng('sightline-lookup-identifiers/mess')
const NOW = Date.UTC(2026, 10, 1)

describe('messy variants from the estate generator', () => {
  it('emails: every messy form normalises to the canonical email', () => {
    for (let i = 0; i < PEOPLE; i++) {
      const p = people.get(i)
      for (let k = 0; k < 5; k++) {
        const r = recogniseIdentifier(messyEmail(p.email, rng))
        expect(r.best.kind).toBe('email')
        expect(r.best.canonical).toBe(p.email)
        expect(r.best.strength).toBe('strong')
      }
    }
  })

  it('phones: every style of every mobile and landline is the same E.164', () => {
    let checked = 0
    // libphonenumber's full metadata costs ~0.5 ms a parse: a third of the people is plenty.
    for (let i = 0; i < PEOPLE / 3; i++) {
      const p = people.get(i)
      for (const national of [p.mobile, p.homePhone]) {
        if (national === null) continue
        for (const style of PHONE_STYLES) {
          const r = recogniseIdentifier(formatPhone(national, style))
          expect(r.best.kind, `${style}`).toBe('phone')
          expect(r.best.canonical).toBe(e164(national))
          expect(r.best.forms).toContain(national)
          checked++
        }
        expect(recogniseIdentifier(messyPhone(national, rng)).best.canonical).toBe(e164(national))
      }
    }
    expect(checked).toBeGreaterThan((PEOPLE / 3) * PHONE_STYLES.length)
  })

  it('postcodes: lower case, no space, double space and padding give the canonical form', () => {
    for (let i = 0; i < PEOPLE; i++) {
      const { postcode } = people.get(i).address
      for (let k = 0; k < 4; k++) {
        const r = recogniseIdentifier(messyPostcode(postcode, rng))
        expect(r.best.kind).toBe('postcode')
        expect(r.best.canonical).toBe(postcode)
      }
    }
  })

  it('names with a postcode or date of birth: case, padding and accents folded', () => {
    for (let i = 0; i < PEOPLE; i++) {
      const p = people.get(i)
      // Titles as stores damage them ("MRS", "mrs.", " Mrs"): dropped by the normaliser.
      const title = messyTitle(p.title, rng)?.trim() ?? ''
      const name = `${title} ${messyName(p.firstName, rng).trim()} ${messyName(p.lastName, rng).trim()}`
      // The generator's own fold (names.ts) of each word, hyphenated names split.
      const folded = `${p.firstName} ${p.lastName}`
        .split(/\s+/)
        .map(asciiFold)
        .join(' ')
        .replace(/-/g, ' ')
      const byPostcode = recogniseIdentifier(`${name} ${messyPostcode(p.address.postcode, rng)}`, {
        now: NOW,
      })
      expect(byPostcode.best.kind).toBe('name-postcode')
      expect(byPostcode.best.parts.postcode).toBe(p.address.postcode)
      expect(byPostcode.best.parts.name).toBe(folded)

      const [y, m, d] = p.dateOfBirth.split('-')
      const month = new Date(`${p.dateOfBirth}T00:00:00Z`).toLocaleString('en-GB', {
        month: 'long',
        timeZone: 'UTC',
      })
      for (const dob of [p.dateOfBirth, `${d}/${m}/${y}`, `${Number(d)} ${month} ${y}`]) {
        const byDob = recogniseIdentifier(`${name} ${dob}`, { now: NOW })
        expect(byDob.best.kind).toBe('name-dob')
        expect(byDob.best.parts.dateOfBirth).toBe(p.dateOfBirth)
        expect(byDob.best.parts.name).toBe(folded)
      }
    }
  })

  it('customer numbers: the single view _id and the crm CustomerId are one number', () => {
    for (const id of [1, 7, 42, 1234, 99999, 12345678]) {
      const sv = recogniseIdentifier(singleviewId(id))
      expect(sv.best.kind).toBe('customer-number')
      expect(sv.best.canonical).toBe(String(id))
      expect(sv.best.forms).toEqual(expect.arrayContaining([String(id), singleviewId(id)]))
      expect(recogniseIdentifier(singleviewId(id).toLowerCase()).best.canonical).toBe(String(id))
    }
  })

  it('loyalty numbers in the estate format, spaced, dashed and lower-case', () => {
    for (const customerId of [1, 2, 500, 2014]) {
      const number = `AMP${String((customerId * 48271 + 98765) % 1_000_000_000).padStart(9, '0')}`
      const digits = number.slice(3)
      for (const typed of [
        number,
        number.toLowerCase(),
        `AMP ${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
        `AMP-${digits}`,
      ]) {
        const r = recogniseIdentifier(typed)
        expect(r.best.kind).toBe('loyalty-number')
        expect(r.best.canonical).toBe(number)
      }
    }
  })
})

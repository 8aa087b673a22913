import { describe, expect, it } from 'vitest'
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import {
  cardNumber,
  gbIban,
  ibanValid,
  luhnValid,
  nhsCheckDigit,
  nhsNumber,
  niNumber,
  NI_NUMBER,
} from '../../estate/data/finance.js'
import { normalisePostcode } from '../../estate/data/mess.js'
import { PLACES, UK_POSTCODE } from '../../estate/data/places.js'
import {
  PHONE_STYLES,
  e164,
  formatPhone,
  landlineFor,
  mobileFor,
} from '../../estate/data/phones.js'
import { People, postcodeIn } from '../../estate/data/people.js'
import { Rng } from '../../estate/data/prng.js'

describe('estate generator: value validity', () => {
  it('makes Luhn-valid card numbers and rejects a changed digit', () => {
    const rng = new Rng('cards')
    for (let i = 0; i < 500; i++) {
      const pan = cardNumber(rng)
      expect(luhnValid(pan), pan).toBe(true)
      const broken = pan.slice(0, -1) + String((Number(pan.slice(-1)) + 1) % 10)
      expect(luhnValid(broken)).toBe(false)
    }
    expect(luhnValid('4111111111111111')).toBe(true)
  })

  it('makes GB IBANs whose mod-97 check holds', () => {
    const rng = new Rng('ibans')
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true)
    expect(ibanValid('GB83 WEST 1234 5698 7654 32')).toBe(false)
    for (let i = 0; i < 300; i++) {
      const iban = gbIban(rng)
      expect(iban).toMatch(/^GB\d{2}[A-Z]{4}\d{14}$/)
      expect(ibanValid(iban), iban).toBe(true)
    }
  })

  it('makes NI numbers in HMRC format and NHS numbers with a valid modulus-11 check digit', () => {
    const rng = new Rng('ids')
    for (let i = 0; i < 300; i++) {
      expect(niNumber(rng)).toMatch(NI_NUMBER)
      const nhs = nhsNumber(rng)
      expect(nhsCheckDigit(nhs.slice(0, 9))).toBe(nhs.slice(9))
    }
    expect(nhsCheckDigit('943476591')).toBe('9') // NHS Digital's published example 943 476 5919
  })

  it('makes postcodes of real districts in Royal Mail format, and normalises messy ones', () => {
    const rng = new Rng('postcodes')
    for (const place of PLACES) {
      for (let i = 0; i < 20; i++) expect(postcodeIn(place, rng)).toMatch(UK_POSTCODE)
    }
    expect(normalisePostcode(' m14  5rb ')).toBe('M14 5RB')
    expect(normalisePostcode('ec1a1bb')).toBe('EC1A 1BB')
  })

  it('makes UK phones that libphonenumber validates, in every written style', () => {
    const rng = new Rng('phones')
    for (let i = 1; i <= 400; i++) {
      const place = PLACES[i % PLACES.length]!
      for (const national of [mobileFor(i, rng), landlineFor(i, place, rng)]) {
        for (const style of PHONE_STYLES) {
          const parsed = parsePhoneNumberFromString(formatPhone(national, style), 'GB')
          expect(parsed?.isValid(), `${formatPhone(national, style)} (${place.town})`).toBe(true)
          expect(parsed?.number).toBe(e164(national))
        }
      }
    }
  })

  it('gives each person a unique email and mobile', () => {
    const people = new People(new Rng('unique'))
    const emails = new Map<string, number>()
    const mobiles = new Map<string, number>()
    for (let i = 1; i <= 3000; i++) {
      const p = people.get(i)
      // Household members may share on purpose; anyone else must not.
      const shared = p.sharesHouseholdWith
      const e = emails.get(p.email)
      if (e !== undefined) expect(e, p.email).toBe(shared)
      emails.set(p.email, i)
      if (p.mobile) {
        const m = mobiles.get(p.mobile)
        if (m !== undefined) expect(m, p.mobile).toBe(shared)
        mobiles.set(p.mobile, i)
      }
    }
  })
})

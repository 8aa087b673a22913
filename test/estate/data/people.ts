import {
  EMAIL_DOMAINS,
  FAMILY_NAMES,
  FEMALE_GIVEN,
  MALE_GIVEN,
  TITLES_FEMALE,
  TITLES_MALE,
  asciiFold,
} from './names.js'
import { INWARD_LETTERS, PLACE_WEIGHTS, STREET_NAMES, type Place } from './places.js'
import { landlineFor, mobileFor } from './phones.js'
import { niNumber } from './finance.js'
import type { Rng } from './prng.js'

/** "Today" for the generated estate: fixed, so output never depends on the clock. */
export const ESTATE_NOW = Date.UTC(2026, 10, 1, 9, 0, 0)
const DAY_MS = 86_400_000

export interface Address {
  line1: string
  line2: string | null
  town: string
  county: string
  /** Canonical form: upper-case, one space ("M14 5RB"). */
  postcode: string
  countryCode: 'GB'
}

/** The truth about one real-world person; stores hold messy, partial copies of it. */
export interface Person {
  personId: string
  index: number
  sex: 'F' | 'M'
  title: string | null
  firstName: string
  lastName: string
  dateOfBirth: string
  /** Canonical: lower-case, trimmed. */
  email: string
  /** National form, digits only ("07123456789"). */
  mobile: string | null
  homePhone: string | null
  address: Address
  place: Place
  niNumber: string
  ipAddress: string
  deviceId: string
  /** Index of the person whose address (and landline) this person shares, if any. */
  sharesHouseholdWith: number | null
}

/** Where a person appears: people present in some stores and not others. */
export interface Presence {
  inCrm: boolean
  crmDuplicate: boolean
  inLegacy: boolean
  /** Not a customer, but browses the site with a known email (clickstream only). */
  prospect: boolean
}

export function personId(index: number): string {
  return `P${String(index).padStart(7, '0')}`
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString()
}

/** A timestamp uniformly between `yearsAgoMax` and `yearsAgoMin` years before ESTATE_NOW. */
export function pastTimestamp(rng: Rng, yearsAgoMax: number, yearsAgoMin = 0): number {
  const span = (yearsAgoMax - yearsAgoMin) * 365 * DAY_MS
  const ms = ESTATE_NOW - yearsAgoMin * 365 * DAY_MS - rng.next() * span
  return Math.floor(ms / 1000) * 1000
}

export function postcodeIn(place: Place, rng: Rng): string {
  return `${rng.pick(place.outward)} ${rng.int(0, 9)}${rng.letters(2, INWARD_LETTERS)}`
}

export function addressIn(place: Place, rng: Rng): Address {
  const street = rng.pick(STREET_NAMES)
  const flat = rng.chance(0.18)
  return {
    line1: flat
      ? `Flat ${rng.int(1, 24)}, ${rng.int(1, 180)} ${street}`
      : `${rng.int(1, 240)} ${street}`,
    line2:
      !flat && rng.chance(0.12)
        ? rng.pick(['Rose Cottage', 'The Old Forge', 'Unit 4', 'Ashdown House'])
        : null,
    town: place.town,
    county: place.county,
    postcode: postcodeIn(place, rng),
    countryCode: 'GB',
  }
}

function randomIp(rng: Rng): string {
  const first = rng.pick([31, 51, 77, 81, 86, 90, 92, 109, 146, 176, 185, 212, 213])
  return `${first}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`
}

export function deviceIdFrom(rng: Rng): string {
  const hex = '0123456789abcdef'
  const part = (n: number) => rng.letters(n, hex)
  return `${part(8)}-${part(4)}-4${part(3)}-${rng.pick(['8', '9', 'a', 'b'])}${part(3)}-${part(12)}`
}

export { randomIp }

function emailFor(index: number, first: string, last: string, rng: Rng): string {
  const f = asciiFold(first)
  const l = asciiFold(last).replace(/-/g, '')
  // The index keeps every generated address unique: accidental collisions would make the
  // ground truth claim two people are one.
  const local = rng.weighted([
    [`${f}.${l}${index}`, 4],
    [`${f[0]}${l}${index}`, 3],
    [`${f}${index}`, 1],
    [`${l}.${f}.${index}`, 1],
    [`${f}_${l}_${index}`, 1],
  ] as const)
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`
}

function basePerson(index: number, root: Rng): Person {
  const rng = root.fork(`person:${index}`)
  const sex = rng.chance(0.51) ? 'F' : 'M'
  let firstName = rng.pick(sex === 'F' ? FEMALE_GIVEN : MALE_GIVEN)
  let lastName = rng.pick(FAMILY_NAMES)
  if (rng.chance(0.05))
    lastName = `${lastName}-${rng.pick(FAMILY_NAMES.filter((n) => !n.includes(' ')))}`
  if (rng.chance(0.04))
    firstName = `${firstName} ${rng.pick(sex === 'F' ? FEMALE_GIVEN : MALE_GIVEN)}`
  const ageYears = rng.normal(46, 16, 18, 96)
  const dob = ESTATE_NOW - Math.floor(ageYears * 365.25 * DAY_MS) - rng.int(0, 364) * DAY_MS
  const place = rng.weighted(PLACE_WEIGHTS)
  return {
    personId: personId(index),
    index,
    sex,
    title: rng.chance(0.9) ? rng.pick(sex === 'F' ? TITLES_FEMALE : TITLES_MALE) : null,
    firstName,
    lastName,
    dateOfBirth: isoDate(dob),
    email: emailFor(index, firstName.split(' ')[0]!, lastName, rng),
    mobile: rng.chance(0.93) ? mobileFor(index, rng) : null,
    homePhone: rng.chance(0.5) ? landlineFor(index, place, rng) : null,
    address: addressIn(place, rng),
    place,
    niNumber: niNumber(rng),
    ipAddress: randomIp(rng),
    deviceId: deviceIdFrom(rng),
    sharesHouseholdWith: null,
  }
}

/**
 * People are a pure function of (seed, index), so any store can be generated in one
 * streaming pass. About 5% join the previous person's household: same address and landline,
 * often the same family name, sometimes one shared family email.
 */
export class People {
  private lastIndex = -1
  private last: Person | null = null

  constructor(private readonly root: Rng) {}

  get(index: number): Person {
    if (index === this.lastIndex && this.last) return this.last
    const prev = index - 1 === this.lastIndex ? this.last : null
    const person = this.resolve(index, prev)
    this.lastIndex = index
    this.last = person
    return person
  }

  private resolve(index: number, previousResolved: Person | null): Person {
    const person = basePerson(index, this.root)
    const rng = this.root.fork(`household:${index}`)
    if (index <= 1 || !rng.chance(0.05)) return person
    const head = previousResolved ?? this.resolve(index - 1, null)
    person.sharesHouseholdWith = head.index
    person.address = { ...head.address }
    person.place = head.place
    person.homePhone = head.homePhone
    if (rng.chance(0.6)) person.lastName = head.lastName
    if (rng.chance(0.3)) person.email = head.email
    if (rng.chance(0.1)) person.mobile = head.mobile
    return person
  }

  presence(index: number): Presence {
    const rng = this.root.fork(`presence:${index}`)
    const inCrm = rng.chance(0.93)
    const crmDuplicate = inCrm && rng.chance(0.05)
    const inLegacy = inCrm ? rng.chance(0.3) : rng.chance(0.6)
    return { inCrm, crmDuplicate, inLegacy, prospect: !inCrm && !inLegacy }
  }
}

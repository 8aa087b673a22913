import { NICKNAMES } from './names.js'
import { type Person, ESTATE_NOW, isoDate, isoTimestamp, pastTimestamp } from './people.js'
import { messyEmail, messyName, messyPostcode, messyTitle, normalisePostcode } from './mess.js'
import { PHONE_STYLES, UNPARSEABLE_PHONES, e164, formatPhone, messyPhone } from './phones.js'
import type { Rng } from './prng.js'
import { copyRow, recordLine } from './writers.js'
import type { EstateOutput } from './output.js'
import { addressIn } from './people.js'
import { PLACE_WEIGHTS } from './places.js'

/** What later stages (orders, documents, segments) need to know about a crm customer row. */
export interface CustomerRow {
  customerId: number
  svId: string
  person: Person
  duplicate: boolean
  createdAt: number
  /** Email as stored in crm (messy) or null. */
  email: string | null
  loyaltyTier: string | null
  emailOptIn: boolean
  smsOptIn: boolean
}

export function singleviewId(customerId: number): string {
  return `C${String(customerId).padStart(8, '0')}`
}

function storedPhone(
  national: string | null,
  rng: Rng,
): { stored: string | null; expected: string | null } {
  if (national === null) return { stored: null, expected: null }
  if (rng.chance(0.02)) return { stored: rng.pick(UNPARSEABLE_PHONES), expected: null }
  return { stored: messyPhone(national, rng), expected: e164(national) }
}

const trimOrNull = (v: string | null) => (v === null ? null : v.trim())

/**
 * Writes one crm customer (Customer, Address, ContactPreference, LoyaltyAccount rows) and
 * its expected single-view document (minus orders and fraud, which are added later).
 */
export class CrmWriter {
  private addressId = 0
  private preferenceId = 0
  private loyaltyId = 0

  constructor(private readonly out: EstateOutput) {}

  write(
    person: Person,
    customerId: number,
    duplicate: boolean,
    rng: Rng,
  ): { row: CustomerRow; expected: Record<string, unknown> } {
    const pid = [person.personId]
    let firstName = person.firstName
    if (duplicate && NICKNAMES[firstName] && rng.chance(0.6)) firstName = NICKNAMES[firstName]!
    const title = messyTitle(person.title, rng)
    const first = messyName(firstName, rng)
    const last = messyName(person.lastName, rng)
    const dob = rng.chance(duplicate ? 0.4 : 0.05) ? null : person.dateOfBirth
    let email: string | null = rng.chance(0.03) ? null : messyEmail(person.email, rng)
    if (duplicate && email !== null && rng.chance(0.4)) {
      // An older address from a first sign-up years ago: still this person.
      email = `${person.email.split('@')[0]}.old@${rng.pick(['aol.com', 'hotmail.com', 'yahoo.com'])}`
    }
    const mobile = storedPhone(person.mobile, rng)
    const home = storedPhone(person.homePhone, rng)
    const createdAt = pastTimestamp(rng, duplicate ? 4 : 12, duplicate ? 0 : 0.2)
    const updatedAt = Math.min(ESTATE_NOW, createdAt + rng.int(0, 900) * 86_400_000)
    this.out
      .table('Customer')
      .write(
        copyRow([
          customerId,
          title,
          first,
          last,
          dob,
          email,
          mobile.stored,
          home.stored,
          isoTimestamp(createdAt),
          isoTimestamp(updatedAt),
        ]),
      )
    this.out.records('Customer').write(recordLine(customerId, pid))

    const addresses: Record<string, unknown>[] = []
    const addAddress = (type: string, a: Person['address']) => {
      this.addressId++
      const postcode = messyPostcode(a.postcode, rng)
      const country = rng.weighted([
        ['GB', 96],
        ['UK', 2],
        [null, 2],
      ] as const)
      this.out
        .table('Address')
        .write(
          copyRow([
            this.addressId,
            customerId,
            type,
            a.line1,
            a.line2,
            a.town,
            a.county,
            postcode,
            country,
          ]),
        )
      this.out.records('Address').write(recordLine(this.addressId, pid))
      addresses.push({ type, line1: a.line1, town: a.town, postcode: normalisePostcode(postcode) })
    }
    addAddress(rng.chance(0.7) ? 'billing' : 'home', person.address)
    if (rng.chance(0.25)) addAddress('delivery', addressIn(rng.weighted(PLACE_WEIGHTS), rng))

    const preferences: { channel: string; optIn: boolean }[] = []
    for (const channel of ['email', 'sms', 'post', 'phone']) {
      if (!rng.chance(channel === 'email' ? 0.85 : 0.5)) continue
      this.preferenceId++
      const optIn = rng.chance(channel === 'email' ? 0.6 : 0.35)
      const source = rng.pick(['web', 'app', 'call-centre', 'store', 'import-2019'])
      this.out
        .table('ContactPreference')
        .write(
          copyRow([
            this.preferenceId,
            customerId,
            channel,
            optIn,
            source,
            isoTimestamp(createdAt + rng.int(0, 400) * 86_400_000),
          ]),
        )
      this.out.records('ContactPreference').write(recordLine(this.preferenceId, pid))
      preferences.push({ channel, optIn })
    }

    let loyalty: { number: string; tier: string } | null = null
    if (rng.chance(duplicate ? 0.1 : 0.4)) {
      this.loyaltyId++
      const tier = rng.weighted([
        ['bronze', 6],
        ['silver', 3],
        ['gold', 1],
      ] as const)
      // 'AMP' + 9 digits, unique because it is a bijection of the customer id.
      const number = `AMP${String((customerId * 48271 + 98765) % 1_000_000_000).padStart(9, '0')}`
      const joined = createdAt + rng.int(0, 300) * 86_400_000
      this.out
        .table('LoyaltyAccount')
        .write(
          copyRow([
            this.loyaltyId,
            customerId,
            number,
            tier,
            rng.int(0, 25_000),
            isoTimestamp(Math.min(joined, ESTATE_NOW)),
          ]),
        )
      this.out.records('LoyaltyAccount').write(recordLine(this.loyaltyId, pid))
      loyalty = { number, tier }
    }

    const svId = singleviewId(customerId)
    const expected: Record<string, unknown> = {
      _id: svId,
      name: { title: trimOrNull(title), first: first.trim(), last: last.trim() },
      dateOfBirth: dob,
      contact: {
        email: email === null ? null : email.trim().toLowerCase(),
        mobile: mobile.expected,
        home: home.expected,
      },
      addresses,
      preferences,
      loyalty,
    }
    const row: CustomerRow = {
      customerId,
      svId,
      person,
      duplicate,
      createdAt,
      email,
      loyaltyTier: loyalty?.tier ?? null,
      emailOptIn: preferences.some((p) => p.channel === 'email' && p.optIn),
      smsOptIn: preferences.some((p) => p.channel === 'sms' && p.optIn),
    }
    return { row, expected }
  }
}

/** A phone as a delivery driver or agent might have typed it. */
export function anyPhoneFormat(national: string, rng: Rng): string {
  return formatPhone(national, rng.pick(PHONE_STYLES)).trim()
}

export { isoDate }

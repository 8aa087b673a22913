import { createHash } from 'node:crypto'
import type { CustomerRow } from './customers.js'
import { anyPhoneFormat } from './customers.js'
import { messyEmail, messyPostcode } from './mess.js'
import { callSummary, fraudNote } from './notes.js'
import type { EstateOutput } from './output.js'
import {
  type Person,
  ESTATE_NOW,
  deviceIdFrom,
  isoTimestamp,
  pastTimestamp,
  randomIp,
} from './people.js'
import { messyPhone } from './phones.js'
import type { Rng } from './prng.js'
import { copyRow, recordLine } from './writers.js'

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36',
  'AmperApp/4.12 (Android 14)',
]
const PAGES = [
  '/',
  '/tv-audio',
  '/laundry',
  '/kitchen',
  '/product/TV-55OLED',
  '/product/WM-9KG',
  '/basket',
  '/checkout',
  '/account',
  '/account/orders',
  '/search?q=air+fryer',
]

/** Clickstream, fraud scores, call-centre and fraud-case records, and legacy tblCust rows. */
export class ActivityWriter {
  private legacyId = 100_000
  private interactionId = 0
  private fraudCaseId = 0
  /** Customers whose call notes hold special-category data (a marketing segment is built from them). */
  readonly vulnerable = new Set<string>()

  constructor(
    private readonly out: EstateOutput,
    private readonly clicksPerCustomer: number,
  ) {}

  /** A browsing session: logged in (customerId, emailSha256 of the stored email) or anonymous. */
  session(rng: Rng, customer: CustomerRow | null, prospect: Person | null, events: number): void {
    const sessionId = deviceIdFrom(rng)
    const person = customer?.person ?? prospect
    const email = customer ? customer.email : (prospect?.email ?? null)
    const emailSha256 = email === null ? null : sha256Hex(email.trim().toLowerCase())
    const ip = person && rng.chance(0.7) ? person.ipAddress : randomIp(rng)
    const userAgent = rng.pick(USER_AGENTS)
    let ts = pastTimestamp(rng, 1)
    for (let e = 0; e < events; e++) {
      ts += rng.int(5, 240) * 1000
      const value = {
        sessionId,
        customerId: customer?.customerId ?? null,
        ip,
        userAgent,
        page: rng.pick(PAGES),
        emailSha256,
        ts: isoTimestamp(Math.min(ts, ESTATE_NOW)),
      }
      this.out.topics.clickstream.write(
        JSON.stringify({ key: sessionId, value, personId: person?.personId ?? null }),
      )
    }
  }

  clicksFor(customer: CustomerRow, rng: Rng): void {
    let budget = this.clicksPerCustomer
    while (budget > 0 && rng.chance(Math.min(1, budget))) {
      const events = rng.int(1, 5)
      this.session(rng, customer, null, events)
      budget -= events
    }
  }

  /** Returns the latest score for the expected single view, or null when the customer has none. */
  fraudScores(customer: CustomerRow, rng: Rng): { score: number; flags: string[] } | null {
    if (!rng.chance(0.1)) return null
    let latest: { at: number; score: number; flags: string[] } | null = null
    const scores = rng.int(1, 3)
    for (let s = 0; s < scores; s++) {
      const score = Math.round(rng.next() * 100) / 100
      const reasons = [
        'velocity',
        'ip-mismatch',
        'new-device',
        'postcode-mismatch',
        'high-value-basket',
        'VulnerableCustomer',
      ].filter(() => rng.chance(0.25))
      const at = pastTimestamp(rng, 2)
      const value = {
        customerId: customer.customerId,
        score,
        reasons,
        deviceId: rng.chance(0.6) ? customer.person.deviceId : deviceIdFrom(rng),
        ipAddress: rng.chance(0.6) ? customer.person.ipAddress : randomIp(rng),
        scoredAt: isoTimestamp(at),
      }
      this.out.topics.fraudScores.write(
        JSON.stringify({
          key: String(customer.customerId),
          value,
          personId: customer.person.personId,
        }),
      )
      if (!latest || at > latest.at) latest = { at, score, flags: reasons }
    }
    return latest && { score: latest.score, flags: latest.flags }
  }

  callCentre(customer: CustomerRow, rng: Rng): void {
    if (!rng.chance(0.25)) return
    const calls = rng.int(1, 3)
    const { person } = customer
    for (let n = 0; n < calls; n++) {
      this.interactionId++
      const sensitive = rng.chance(0.05)
      const phone = person.mobile ?? person.homePhone
      const summary = callSummary(person, rng, sensitive)
      if (sensitive) this.vulnerable.add(customer.svId)
      const id = `CI${String(this.interactionId).padStart(8, '0')}`
      const doc = {
        _id: id,
        customerId: customer.customerId,
        agent: rng.pick([
          'agent.k.moss',
          'agent.r.singh',
          'agent.t.ohare',
          'agent.l.baptiste',
          'agent.j.wu',
        ]),
        phoneNumber: phone ? anyPhoneFormat(phone, rng) : null,
        channel: rng.pick(['inbound-call', 'outbound-call', 'webchat']),
        summary: summary.text,
        at: isoTimestamp(pastTimestamp(rng, 3)),
      }
      this.out.collections.interactions.write(JSON.stringify(doc))
      this.out.collectionRecords.interactions.write(recordLine(id, [person.personId]))
    }
  }

  fraudCase(customer: CustomerRow, rng: Rng): void {
    if (!rng.chance(0.015)) return
    this.fraudCaseId++
    const id = `FC${String(this.fraudCaseId).padStart(6, '0')}`
    const doc = {
      _id: id,
      customerRef: customer.svId,
      status: rng.pick(['open', 'investigating', 'closed-no-fraud', 'closed-confirmed']),
      notes: fraudNote(customer.person, rng).text,
      openedAt: isoTimestamp(pastTimestamp(rng, 2)),
    }
    this.out.collections.fraudCases.write(JSON.stringify(doc))
    this.out.collectionRecords.fraudCases.write(recordLine(id, [customer.person.personId]))
  }

  /** legacy.dbo.tblCust: cryptic column names, formats of a 2000s system. */
  legacyCustomer(person: Person, rng: Rng): number {
    const id = ++this.legacyId
    const first = person.firstName.split(' ')[0]!
    const name = rng.weighted([
      [`${person.lastName.toUpperCase()}, ${first.toUpperCase()}`, 4],
      [`${first} ${person.lastName}`, 3],
      [`${person.title ?? ''} ${first[0]} ${person.lastName}`.trim(), 2],
      [`${person.lastName.toLowerCase()} ${first.toLowerCase()}`, 1],
    ] as const)
    const email = rng.weighted([
      [messyEmail(person.email, rng), 7],
      [null, 2],
      [`${person.email.split('@')[0]}@freeserve.co.uk`, 1],
    ] as const)
    const phone = person.homePhone ?? person.mobile
    const [y, m, d] = person.dateOfBirth.split('-')
    const dob = rng.weighted([
      [`${d}/${m}/${y}`, 6],
      [`${y}${m}${d}`, 2],
      [null, 2],
    ] as const)
    this.out.table('tblCust').write(
      copyRow([
        id,
        name,
        email,
        phone ? messyPhone(phone, rng) : null,
        person.address.line1.toUpperCase(),
        person.address.town.toUpperCase(),
        messyPostcode(person.address.postcode, rng),
        dob,
        rng.chance(0.4) ? person.niNumber : null,
        rng.pick(['A', 'A', 'I', 'D']),
        isoTimestamp(pastTimestamp(rng, 25, 14))
          .replace('T', ' ')
          .replace('Z', ''),
      ]),
    )
    this.out.records('tblCust').write(recordLine(id, [person.personId]))
    return id
  }
}

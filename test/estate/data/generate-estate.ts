import { ActivityWriter } from './activity.js'
import { CrmWriter, type CustomerRow } from './customers.js'
import { EstateOutput } from './output.js'
import { OrdersWriter } from './orders.js'
import { ESTATE_NOW, People, isoTimestamp } from './people.js'
import { e164 } from './phones.js'
import { Rng } from './prng.js'
import type { Scale } from './scale.js'
import { recordLine } from './writers.js'

export interface GenerationCounts {
  people: number
  customers: number
  rows: Record<string, number>
  topicRecords: Record<string, number>
  documents: Record<string, number>
}

interface SegmentRule {
  id: string
  description: string
  members: string[]
  persons: Set<string>
}

/**
 * One streaming pass over people: each person's crm rows, orders, activity and documents are
 * written as soon as they are made, so the bench scale never holds a million people in memory.
 */
export function generateEstate(scale: Scale, seed: string, dir: string): GenerationCounts {
  const root = new Rng(`sightline-estate:${seed}`)
  const people = new People(root)
  const out = new EstateOutput(dir)
  const crm = new CrmWriter(out)
  const orders = new OrdersWriter(out)
  const activity = new ActivityWriter(out, scale.clickEventsPerCustomer)
  const customerIdsOf = new Map<number, number[]>()
  const legacyIdOf = new Map<number, number>()
  const duplicates: number[] = []
  const segments: SegmentRule[] = [
    ['seg-loyalty-gold', 'Gold loyalty tier'],
    ['seg-high-value', 'Lifetime value over £1,000'],
    ['seg-lapsed-12m', 'No order in the last 12 months'],
    ['seg-email-optin', 'Opted in to email marketing'],
    ['seg-sms-optin', 'Opted in to SMS'],
    ['seg-no-orders', 'Registered, never ordered'],
    ['seg-fraud-watch', 'Fraud score of 0.8 or more'],
    ['seg-vulnerable-suppress', 'Suppress: vulnerable customer (from call notes)'],
  ].map(([id, description]) => ({
    id: id!,
    description: description!,
    members: [],
    persons: new Set<string>(),
  }))
  const join = (segment: number, row: CustomerRow) => {
    const s = segments[segment]!
    if (s.members.length >= scale.maxSegmentSize) return
    s.members.push(row.svId)
    s.persons.add(row.person.personId)
  }
  let customerId = 0

  const writeCustomer = (index: number, duplicate: boolean) => {
    const person = people.get(index)
    customerId++
    const rng = root.fork(`customer:${customerId}`)
    const { row, expected } = crm.write(person, customerId, duplicate, rng)
    const ids = customerIdsOf.get(index) ?? []
    ids.push(customerId)
    customerIdsOf.set(index, ids)
    const summary = orders.write(row, rng)
    const fraud = activity.fraudScores(row, rng)
    activity.clicksFor(row, rng)
    activity.callCentre(row, rng)
    activity.fraudCase(row, rng)
    expected.orders = {
      count: summary.count,
      lifetimeValueGbp: Math.round(summary.lifetimePence) / 100,
      lastOrderAt: summary.lastOrderAt === null ? null : isoTimestamp(summary.lastOrderAt),
    }
    expected.fraud = fraud
    out.expectedSingleview.write(JSON.stringify(expected))
    out.collectionRecords.singleview.write(recordLine(row.svId, [person.personId]))
    if (row.loyaltyTier === 'gold') join(0, row)
    if (summary.lifetimePence > 100_000) join(1, row)
    if (summary.count > 0 && summary.lastOrderAt! < ESTATE_NOW - 365 * 86_400_000) join(2, row)
    if (row.emailOptIn) join(3, row)
    if (row.smsOptIn) join(4, row)
    if (summary.count === 0) join(5, row)
    if (fraud && fraud.score >= 0.8) join(6, row)
    if (activity.vulnerable.has(row.svId)) join(7, row)
  }

  for (let index = 1; index <= scale.people; index++) {
    const presence = people.presence(index)
    const person = people.get(index)
    if (presence.inCrm) writeCustomer(index, false)
    if (presence.crmDuplicate) duplicates.push(index)
    if (presence.inLegacy)
      legacyIdOf.set(index, activity.legacyCustomer(person, root.fork(`legacy:${index}`)))
    if (presence.prospect && root.fork(`prospect:${index}`).chance(0.5)) {
      const rng = root.fork(`prospect:${index}:clicks`)
      activity.session(rng, null, person, rng.int(1, 4))
    }
  }
  // Second sign-ups arrive later, so near duplicates get much higher CustomerIds.
  for (const index of duplicates) writeCustomer(index, true)

  const anonymousEvents = Math.round(out.topics.clickstream.lines * scale.anonymousClickShare)
  const anonymous = root.fork('anonymous')
  for (let written = 0; written < anonymousEvents;) {
    const events = anonymous.int(1, 6)
    activity.session(anonymous, null, null, events)
    written += events
  }

  for (const s of segments) {
    out.collections.segments.write(
      JSON.stringify({
        _id: s.id,
        name: s.id.replace(/^seg-/, ''),
        description: s.description,
        customerIds: s.members,
        builtAt: isoTimestamp(ESTATE_NOW),
      }),
    )
    out.collectionRecords.segments.write(recordLine(s.id, [...s.persons].sort()))
  }

  // Ground truth per person, for scoring a lookup's recall and precision.
  for (let index = 1; index <= scale.people; index++) {
    const p = people.get(index)
    const presence = people.presence(index)
    const customerIds = customerIdsOf.get(index) ?? []
    out.people.write(
      JSON.stringify({
        personId: p.personId,
        title: p.title,
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        email: p.email,
        mobile: p.mobile && e164(p.mobile),
        homePhone: p.homePhone && e164(p.homePhone),
        address: p.address,
        niNumber: p.niNumber,
        sharesHouseholdWith:
          p.sharesHouseholdWith === null ? null : people.get(p.sharesHouseholdWith).personId,
        presence,
        crmCustomerIds: customerIds,
        singleviewIds: customerIds.map((id) => `C${String(id).padStart(8, '0')}`),
        legacyCustId: legacyIdOf.get(index) ?? null,
      }),
    )
  }

  const counts: GenerationCounts = {
    people: scale.people,
    customers: customerId,
    rows: Object.fromEntries([...out.tables].map(([name, w]) => [name, w.lines])),
    topicRecords: {
      'web.clickstream.v1': out.topics.clickstream.lines,
      'returns.requests': out.topics.returns.lines,
      'fraud.scores': out.topics.fraudScores.lines,
    },
    documents: {
      'singleview.customers': out.collectionRecords.singleview.lines,
      'fraud.cases': out.collections.fraudCases.lines,
      'callcentre.interactions': out.collections.interactions.lines,
      'marketing.segments': out.collections.segments.lines,
      'ops.returns': out.collectionRecords.returns.lines,
    },
  }
  out.close()
  return counts
}

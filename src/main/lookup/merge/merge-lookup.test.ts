import { describe, expect, it } from 'vitest'
import type { LookupPerson } from '../../../shared/model/lookup'
import { mergeLookup } from './merge-lookup'
import { comparable } from './merged-fields'
import {
  CALLS,
  CRM,
  CRM_ADDRESS,
  ORDERS,
  SV,
  TOPIC,
  identifier,
  mergeInput,
  pivot,
  plan,
  record,
  step,
} from './test-support'

const PAD = { type: 'prefix-pad', prefix: 'C', width: 8 } as const

/** An email lookup as the planner would build it: crm, then pivots by the customer number. */
const emailPlan = plan([
  step('e1', CRM, 'Email', { match: 'case-insensitive', access: 'scan' }),
  step('e2', SV, '_id', { input: pivot('e1', 'CustomerId', PAD), access: 'primary-key' }),
  step('e3', TOPIC, 'after.CustomerId', { input: pivot('e1', 'CustomerId'), access: 'partition' }),
  step('e4', CALLS, 'phoneNumber', {
    input: pivot('e2', 'contact.mobile', { type: 'e164', region: 'GB' }, true),
    strength: 'weak',
    match: 'digits-only',
    access: 'scan',
  }),
  step('e5', CRM, 'CustomerId', { input: pivot('e4', 'customerId'), access: 'primary-key' }),
  step('e6', CRM_ADDRESS, 'CustomerId', { input: pivot('e1', 'CustomerId') }),
])

function janeAndBob() {
  const crmJane = record(
    'e1',
    CRM,
    { CustomerId: 42 },
    {
      CustomerId: 42,
      FirstName: 'Jane',
      Email: ' Jane.Doe@Example.com ',
      MobilePhone: '07400 123456',
    },
  )
  const svJane = record(
    'e2',
    SV,
    { _id: 'C00000042' },
    {
      _id: 'C00000042',
      'name.first': 'Jane',
      'contact.email': 'jane.doe@example.com',
      'contact.mobile': '+447400123456',
      'addresses[].postcode': ['SW1A 2AA'],
    },
    { parents: [crmJane.id] },
  )
  const topicOld = record(
    'e3',
    TOPIC,
    { topic: 'crm.dbo.Customer', partition: 0, offset: '10' },
    { 'after.CustomerId': 42, 'after.Email': 'old.jane@example.com', 'before.Email': null },
    { timestamp: '2025-01-01T00:00:00.000Z', parents: [crmJane.id] },
  )
  const topicNew = record(
    'e3',
    TOPIC,
    { topic: 'crm.dbo.Customer', partition: 0, offset: '11' },
    {
      'after.CustomerId': 42,
      'after.Email': 'Jane.Doe@example.com',
      'before.Email': 'old.jane@example.com',
    },
    { timestamp: '2026-01-01T00:00:00.000Z', parents: [crmJane.id] },
  )
  const address = record(
    'e6',
    CRM_ADDRESS,
    { AddressId: 7 },
    { CustomerId: 42, Postcode: 'sw1a1aa' },
    { parents: [crmJane.id] },
  )
  const call = record(
    'e4',
    CALLS,
    { _id: 'i-1' },
    { customerId: 43, phoneNumber: '07400 123456' },
    { parents: [svJane.id] },
  )
  const crmBob = record(
    'e5',
    CRM,
    { CustomerId: 43 },
    { CustomerId: 43, FirstName: 'Bob', Email: 'bob@example.com', MobilePhone: '+44 7400 123456' },
    { parents: [call.id] },
  )
  return { crmJane, svJane, topicOld, topicNew, address, call, crmBob }
}

const field = (person: LookupPerson, path: string) => person.fields.find((f) => f.path === path)

describe('mergeLookup', () => {
  it('merges one person across crm, the topic and the single view, with provenance', () => {
    const r = janeAndBob()
    const out = mergeLookup(
      mergeInput(emailPlan, identifier('email', 'jane.doe@example.com'), Object.values(r)),
    )
    expect(out.people).toHaveLength(1)
    const jane = out.people[0]!
    const ids = jane.groups.flatMap((g) => g.records)
    expect(ids.sort()).toEqual(
      [r.crmJane, r.svJane, r.topicOld, r.topicNew, r.address].map((x) => x.id).sort(),
    )
    expect(jane.strongIdentifiers.map((s) => s.kind).sort()).toEqual([
      'customer-number',
      'email',
      'email',
    ])
    // 42 in crm and the topic is `C00000042` in the single view: one value, four places.
    const id = field(jane, '_id')!
    expect(id.conflict).toBe(false)
    expect(id.values).toHaveLength(1)
    expect(id.values[0]!.provenance.map((p) => p.assetUrn).sort()).toEqual(
      [CRM, SV, TOPIC, TOPIC].sort(),
    )
    const mobile = field(jane, 'contact.mobile')!
    expect(mobile.conflict).toBe(false)
    expect(mobile.values[0]!.provenance.map((p) => p.fieldUrn).sort()).toEqual(
      [`${CRM}#MobilePhone`, `${SV}#contact.mobile`].sort(),
    )
    expect(jane.groups.map((g) => g.group)).toEqual(['profile'])
  })

  it('flags an old email still in a topic and a different address in crm as conflicts', () => {
    const r = janeAndBob()
    const out = mergeLookup(
      mergeInput(emailPlan, identifier('email', 'jane.doe@example.com'), Object.values(r)),
    )
    const jane = out.people[0]!
    const email = field(jane, 'contact.email')!
    expect(email.conflict).toBe(true)
    expect(email.values).toHaveLength(2)
    // The current email is held by crm, the single view and the newer event; newest first.
    expect(email.values[0]!.provenance).toHaveLength(3)
    expect(email.values[1]!.provenance.map((p) => p.recordKey)).toEqual([
      { topic: 'crm.dbo.Customer', partition: 0, offset: '10' },
    ])
    const postcode = field(jane, 'addresses[].postcode')!
    expect(postcode.conflict).toBe(true)
    expect(postcode.values).toHaveLength(2)
    // The before image is history, never an attribute of the present.
    expect(jane.fields.some((f) => f.path.includes('before.'))).toBe(false)
  })

  it('shows two people sharing a phone as linked, never merged', () => {
    const r = janeAndBob()
    const out = mergeLookup(
      mergeInput(emailPlan, identifier('email', 'jane.doe@example.com'), Object.values(r)),
    )
    expect(out.people).toHaveLength(1)
    expect(out.linked).toHaveLength(1)
    const bob = out.linked[0]!
    expect(bob.person.groups.flatMap((g) => g.records).sort()).toEqual(
      [r.call.id, r.crmBob.id].sort(),
    )
    expect(bob.person.groups.map((g) => g.group)).toEqual(['profile', 'interactions'])
    expect(new Set(bob.sharedVia.map((s) => s.kind))).toEqual(new Set(['phone']))
    expect(bob.sharedVia.map((s) => s.fieldUrn).sort()).toEqual(
      [`${CRM}#MobilePhone`, `${CALLS}#phoneNumber`].sort(),
    )
  })

  it('never lets an old email merge two customers: both found, each its own person', () => {
    const p = plan([
      step('o1', CRM, 'Email', { match: 'case-insensitive' }),
      step('o2', TOPIC, 'after.Email', { access: 'lookup-index' }),
    ])
    const crmOther = record(
      'o1',
      CRM,
      { CustomerId: 44 },
      { CustomerId: 44, Email: 'old.jane@example.com' },
    )
    const topicJane = record(
      'o2',
      TOPIC,
      { topic: 'crm.dbo.Customer', partition: 0, offset: '10' },
      { 'after.CustomerId': 42, 'after.Email': 'old.jane@example.com' },
    )
    const out = mergeLookup(
      mergeInput(p, identifier('email', 'old.jane@example.com'), [crmOther, topicJane]),
    )
    expect(out.people).toHaveLength(2)
    const numbers = out.people.map((x) =>
      x.strongIdentifiers.filter((s) => s.kind === 'customer-number'),
    )
    expect(numbers.every((n) => n.length === 1)).toBe(true)
  })

  it('merges a legacy system’s own numbering into the person its email names', () => {
    // legacy.dbo.tblCust numbers its customers itself (100001): not a second crm customer.
    const LEGACY = 'postgres://amper-pg/legacy/dbo/tblCust'
    const p = plan([
      step('g1', CRM, 'Email', { match: 'case-insensitive' }),
      step('g2', LEGACY, 'EML_ADDR', { match: 'case-insensitive' }),
    ])
    const jane = record('g1', CRM, { CustomerId: 42 }, { CustomerId: 42, Email: 'jane@x.com' })
    const old = record(
      'g2',
      LEGACY,
      { CUST_ID: 100001 },
      { CUST_ID: 100001, EML_ADDR: 'JANE@x.com' },
    )
    const input = mergeInput(p, identifier('email', 'jane@x.com'), [jane, old])
    const categories = new Map([
      ...input.categories,
      [`${LEGACY}#CUST_ID`, 'identifier.customer' as const],
      [`${LEGACY}#EML_ADDR`, 'contact.email' as const],
    ])
    const out = mergeLookup({ ...input, categories })
    expect(out.people).toHaveLength(1)
    expect(out.linked).toHaveLength(0)
  })

  it('keeps a household sharing an email apart, and an email-only record out of both', () => {
    const RETURNS = 'kafka://events/returns.requests'
    const p = plan([
      step('h1', CRM, 'Email', { match: 'case-insensitive' }),
      step('h2', RETURNS, 'email', { access: 'lookup-index' }),
    ])
    const eilidh = record('h1', CRM, { CustomerId: 33 }, { CustomerId: 33, Email: 'cooper@x.com' })
    const lily = record('h1', CRM, { CustomerId: 34 }, { CustomerId: 34, Email: 'Cooper@X.com ' })
    const request = record(
      'h2',
      RETURNS,
      { topic: 'returns.requests', partition: 1, offset: '5' },
      { email: 'cooper@x.com' },
    )
    const input = mergeInput(p, identifier('email', 'cooper@x.com'), [eilidh, lily, request])
    const categories = new Map(input.categories)
    categories.set(`${RETURNS}#email`, 'contact.email')
    const out = mergeLookup({ ...input, categories })
    const members = out.people.map((x) => x.groups.flatMap((g) => g.records))
    expect(members).toHaveLength(3)
    expect(members.every((m) => m.length === 1)).toBe(true)
    // The typed email named two customers: the result says it acted as a weak identifier (three
    // people hold it: the two customers and the request no customer number ties to either).
    expect(out.identifierShared).toMatchObject({ people: 3 })
  })

  it('says the email is shared when it finds people nothing strong ties together', () => {
    // A customer, and a family member's anonymous sessions under the same email's hash: both
    // found by the typed email, nothing ties them, so neither is presented as "the" person.
    const CLICKS = 'kafka://events/web.clickstream.v1'
    const p = plan([
      step('s1', CRM, 'Email', { match: 'case-insensitive' }),
      step('s2', CLICKS, 'emailSha256', { access: 'lookup-index', match: 'sha256-of' }),
    ])
    const customer = record('s1', CRM, { CustomerId: 7 }, { CustomerId: 7, Email: 'fam@x.com' })
    const session = record(
      's2',
      CLICKS,
      { topic: 'web.clickstream.v1', partition: 0, offset: '9' },
      { customerId: null, emailSha256: 'ab12' },
    )
    const input = mergeInput(p, identifier('email', 'fam@x.com'), [customer, session])
    const categories = new Map(input.categories)
    categories.set(`${CLICKS}#customerId`, 'identifier.customer')
    const out = mergeLookup({ ...input, categories })
    expect(out.people).toHaveLength(2)
    expect(out.identifierShared).toMatchObject({ people: 2 })
    expect(out.identifierShared!.reason).toMatch(/2 people that no customer number/)
  })

  it('shows of a segment listing many customers only the person’s own number', () => {
    const SEGMENTS = 'mongodb://singleview/marketing/segments'
    const p = plan([
      step('g1', CRM, 'Email', { match: 'case-insensitive' }),
      step('g2', SEGMENTS, 'customerIds[]', { input: pivot('g1', 'CustomerId', PAD) }),
    ])
    const crm = record('g1', CRM, { CustomerId: 42 }, { CustomerId: 42, Email: 'jane@x.com' })
    const segment = record(
      'g2',
      SEGMENTS,
      { _id: 'seg-high-value' },
      { _id: 'seg-high-value', 'customerIds[]': ['C00000041', 'C00000042', 'C00000043'] },
      { parents: [crm.id] },
    )
    const input = mergeInput(p, identifier('email', 'jane@x.com'), [crm, segment])
    const categories = new Map(input.categories)
    categories.set(`${SEGMENTS}#customerIds[]`, 'identifier.customer')
    const out = mergeLookup({ ...input, categories })
    expect(out.people).toHaveLength(1)
    const listed = out.people[0]!.fields.find((f) => f.path === `${SEGMENTS}#customerIds[]`)
    expect(listed?.values).toHaveLength(1)
    expect(listed!.values[0]!.provenance[0]!.recordKey).toEqual({ _id: 'seg-high-value' })
  })

  it('files a segment the typed number was found in under that customer, not as a person', () => {
    const SEGMENTS = 'mongodb://singleview/marketing/segments'
    const p = plan([
      step('n1', CRM, 'CustomerId', {
        input: { kind: 'identifier', identifierKind: 'customer-number' },
      }),
      step('n2', SEGMENTS, 'customerIds[]', {
        input: { kind: 'identifier', identifierKind: 'customer-number' },
      }),
    ])
    const crm = record('n1', CRM, { CustomerId: 45 }, { CustomerId: 45, Email: 'w@x.com' })
    const segment = record(
      'n2',
      SEGMENTS,
      { _id: 'seg-high-value' },
      { _id: 'seg-high-value', 'customerIds[]': ['C00000044', 'C00000045', 'C00000046'] },
    )
    const input = mergeInput(p, identifier('customer-number', '45'), [crm, segment])
    const categories = new Map(input.categories)
    categories.set(`${SEGMENTS}#customerIds[]`, 'identifier.customer')
    const out = mergeLookup({ ...input, categories })
    expect(out.people).toHaveLength(1)
    expect(out.people[0]!.groups.flatMap((g) => g.records)).toEqual(
      expect.arrayContaining([crm.id, segment.id]),
    )
    expect(out.identifierShared).toBeUndefined()
  })

  it('reads a legacy system’s birth dates as the same date as ISO ones', () => {
    for (const written of ['29/11/2005', '20051129', '2005-11-29', '2005-11-29T00:00:00Z'])
      expect(comparable(written, 'identity.date_of_birth')).toBe('2005-11-29')
  })

  it('says nothing of sharing when one customer holds the typed email', () => {
    const p = plan([step('h1', CRM, 'Email', { match: 'case-insensitive' })])
    const one = record('h1', CRM, { CustomerId: 33 }, { CustomerId: 33, Email: 'cooper@x.com' })
    const out = mergeLookup(mergeInput(p, identifier('email', 'cooper@x.com'), [one]))
    expect(out.people).toHaveLength(1)
    expect(out.identifierShared).toBeUndefined()
  })

  it('files a record with no identifier under the one person it was reached from', () => {
    const LINES = 'postgres://amper-pg/orders/sales/order_lines'
    const p = plan([
      step('l1', CRM, 'CustomerId', {
        input: { kind: 'identifier', identifierKind: 'customer-number' },
      }),
      step('l2', LINES, 'order_id', { input: pivot('l1', 'OrderId') }),
    ])
    const c42 = record('l1', CRM, { CustomerId: 42 }, { CustomerId: 42, OrderId: 9 })
    const c43 = record('l1', CRM, { CustomerId: 43 }, { CustomerId: 43, OrderId: 9 })
    const own = record('l2', LINES, { line_id: 1 }, { order_id: 8 }, { parents: [c42.id] })
    const both = record('l2', LINES, { line_id: 2 }, { order_id: 9 }, { parents: [c42.id, c43.id] })
    const out = mergeLookup(
      mergeInput(p, identifier('customer-number', '42'), [c42, c43, own, both]),
    )
    const p42 = out.people.find((x) => x.groups.some((g) => g.records.includes(c42.id)))!
    expect(p42.groups).toEqual([
      { group: 'profile', records: [c42.id] },
      { group: 'orders', records: [own.id] },
    ])
    expect(out.people.some((x) => x.groups.some((g) => g.records.includes(both.id)))).toBe(false)
    expect(out.records.map((r) => r.id)).toContain(both.id)
  })

  it('files a delivery found by its phone under the customer its order leads to', () => {
    const DELIVERIES = 'postgres://amper-pg/orders/sales/deliveries'
    const p = plan([
      step('d1', DELIVERIES, 'contact_phone', {
        input: { kind: 'identifier', identifierKind: 'phone' },
        match: 'digits-only',
        strength: 'weak',
      }),
      step('d2', ORDERS, 'order_id', { input: pivot('d1', 'order_id') }),
    ])
    const delivery = record(
      'd1',
      DELIVERIES,
      { delivery_id: 7 },
      { delivery_id: 7, order_id: 9, contact_phone: '07700 900123' },
    )
    const order = record(
      'd2',
      ORDERS,
      { order_id: 9 },
      { order_id: 9, customer_id: 'C00000042' },
      { parents: [delivery.id] },
    )
    const input = mergeInput(p, identifier('phone', '+447700900123'), [delivery, order])
    const categories = new Map([
      ...input.categories,
      [`${DELIVERIES}#contact_phone`, 'contact.phone' as const],
    ])
    const out = mergeLookup({ ...input, categories })
    expect(out.people).toHaveLength(1)
    expect(out.people[0]!.groups.flatMap((g) => g.records).sort()).toEqual(
      [delivery.id, order.id].sort(),
    )
  })

  it('links a weak match that names nobody (a delivery to the phone) beside the person found', () => {
    const DELIVERIES = 'postgres://amper-pg/orders/sales/deliveries'
    const p = plan([
      step('w1', CRM, 'MobilePhone', {
        input: { kind: 'identifier', identifierKind: 'phone' },
        match: 'digits-only',
        strength: 'weak',
      }),
      step('w2', DELIVERIES, 'contact_phone', {
        input: { kind: 'identifier', identifierKind: 'phone' },
        match: 'digits-only',
        strength: 'weak',
      }),
    ])
    const jane = record(
      'w1',
      CRM,
      { CustomerId: 42 },
      { CustomerId: 42, MobilePhone: '07100060616' },
    )
    const delivery = record(
      'w2',
      DELIVERIES,
      { delivery_id: 7 },
      { delivery_id: 7, contact_phone: '+44 7100 060616' },
    )
    const input = mergeInput(p, identifier('phone', '+447100060616'), [jane, delivery])
    const categories = new Map([
      ...input.categories,
      [`${DELIVERIES}#contact_phone`, 'contact.phone' as const],
    ])
    const out = mergeLookup({ ...input, categories })
    expect(out.people).toHaveLength(1)
    expect(out.linked.map((l) => l.person.groups.flatMap((g) => g.records))).toEqual([
      [delivery.id],
    ])
    expect(out.linked[0]!.sharedVia.map((v) => v.kind)).toEqual(['phone'])
  })

  it('does not merge the customers a list (a marketing segment) names together', () => {
    const p = plan([
      step('m1', CRM, 'CustomerId', {
        input: { kind: 'identifier', identifierKind: 'customer-number' },
      }),
      step('m2', 'mongodb://ops/marketing/segments', 'customerIds[]', {
        input: pivot('m1', 'CustomerId', PAD),
        access: 'scan',
      }),
    ])
    const crm42 = record('m1', CRM, { CustomerId: 42 }, { CustomerId: 42 })
    const segment = record(
      'm2',
      'mongodb://ops/marketing/segments',
      { _id: 's1' },
      { 'customerIds[]': ['C00000042', 'C00000043'] },
      { parents: [crm42.id] },
    )
    const crm43 = record('m1', CRM, { CustomerId: 43 }, { CustomerId: 43 })
    const categories = new Map(mergeInput(p, identifier('customer-number', '42'), []).categories)
    categories.set('mongodb://ops/marketing/segments#customerIds[]', 'identifier.customer')
    const out = mergeLookup({
      ...mergeInput(p, identifier('customer-number', '42'), [crm42, segment, crm43]),
      categories,
    })
    const withSegment = out.people.find((x) =>
      x.groups.some((g) => g.records.includes(segment.id)),
    )!
    expect(withSegment.groups.flatMap((g) => g.records).sort()).toEqual(
      [crm42.id, segment.id].sort(),
    )
    expect(withSegment.groups.map((g) => g.group)).toEqual(['profile', 'marketing'])
  })

  it('masks every value: no raw value reaches the output', () => {
    const r = janeAndBob()
    const out = mergeLookup(
      mergeInput(emailPlan, identifier('email', 'jane.doe@example.com'), Object.values(r)),
    )
    const json = JSON.stringify(out)
    for (const raw of [
      'jane.doe',
      'Jane.Doe',
      'old.jane',
      '400 123456',
      '7400123456',
      'SW1A',
      'sw1a',
      'bob@',
    ]) {
      expect(json).not.toContain(raw)
    }
    const rec = out.records.find((x) => x.id === r.crmJane.id)!
    expect(rec.values.Email).toMatch(/•/)
    expect(rec.categories.Email).toBe('contact.email')
    expect(rec.assetLabel).toBe('crm.dbo.Customer')
    expect(rec.matchedBy).toEqual({ stepId: 'e1', fieldUrn: `${CRM}#Email`, strength: 'strong' })
  })

  it('ranks name-and-postcode candidates with scores and reasons', () => {
    const p = plan(
      [
        step('n1', CRM_ADDRESS, 'Postcode', {
          input: { kind: 'identifier', identifierKind: 'name-postcode' },
          strength: 'weak',
          match: 'case-insensitive',
        }),
        step('n2', CRM, 'CustomerId', { input: pivot('n1', 'CustomerId') }),
      ],
      {
        identifier: {
          kind: 'name-postcode',
          strength: 'weak',
          masked: 'j••• d••|S••• •••',
          reason: 't',
        },
      },
    )
    const a42 = record(
      'n1',
      CRM_ADDRESS,
      { AddressId: 1 },
      { CustomerId: 42, Postcode: 'SW1A 1AA' },
    )
    const a45 = record(
      'n1',
      CRM_ADDRESS,
      { AddressId: 2 },
      { CustomerId: 45, Postcode: 'SW1A 1AA' },
    )
    const c45 = record(
      'n2',
      CRM,
      { CustomerId: 45 },
      { CustomerId: 45, FirstName: 'Jon', LastName: 'Doe' },
      { parents: [a45.id] },
    )
    const c42 = record(
      'n2',
      CRM,
      { CustomerId: 42 },
      { CustomerId: 42, FirstName: 'Jane', LastName: 'Doe' },
      { parents: [a42.id] },
    )
    const id = identifier('name-postcode', 'jane doe|SW1A 1AA', {
      parts: { name: 'jane doe', given: 'jane', family: 'doe', postcode: 'SW1A 1AA' },
    })
    const out = mergeLookup(mergeInput(p, id, [a42, a45, c45, c42]))
    expect(out.people).toHaveLength(2)
    expect(out.linked).toHaveLength(0)
    const [best, next] = out.candidates!
    expect(best!.personId).toBe(out.people[0]!.id)
    expect(out.people[0]!.groups[0]!.records).toContain(c42.id)
    expect(best!.score).toBe(1)
    expect(best!.why).toBe('given name matches exactly; family name matches exactly; postcode held')
    expect(next!.score).toBeLessThan(best!.score)
    expect(next!.why).toContain('given name matches not at all')
  })
})

import { describe, expect, it } from 'vitest'
import type { LookupPerson } from '../../../shared/model/lookup'
import type { CategoryId } from '../../../shared/model/personal-data'
import { mergeLookup } from './merge-lookup'
import { CRM, ORDERS, identifier, mergeInput, pivot, plan, record, step } from './test-support'

/**
 * The merge across numberings and weak finds (issue 7 items 2 and 5): legacy.dbo.tblCust numbers
 * its customers itself, so its 100335 is not crm's 100335; a legacy row nothing strong ties to
 * the people a phone found is linked to them, not one more person; a delivery found by its
 * contact phone belongs to the person whose order it is.
 */

const LEGACY = 'postgres://amper-pg/legacy/dbo/tblCust'
const DELIVERIES = 'postgres://amper-pg/orders/sales/deliveries'

const withLegacy = (categories: ReadonlyMap<string, CategoryId>) =>
  new Map<string, CategoryId>([
    ...categories,
    [`${LEGACY}#CUST_ID`, 'identifier.customer'],
    [`${LEGACY}#EML_ADDR`, 'contact.email'],
    [`${LEGACY}#TEL_NO`, 'contact.phone'],
    [`${DELIVERIES}#contact_phone`, 'contact.phone'],
  ])

const recordsOf = (p: LookupPerson) => p.groups.flatMap((g) => g.records)

describe('mergeLookup across numberings', () => {
  it('never ties crm’s 100335 to legacy’s 100335: one number, two customers', () => {
    const p = plan([
      step('n1', CRM, 'Email', { match: 'case-insensitive' }),
      // The planner no longer pivots into a table numbering its own customers; an older plan,
      // or a typed number, may still bring such a row.
      step('n2', LEGACY, 'CUST_ID', {
        input: {
          kind: 'pivot',
          fromStep: 'n1',
          fromField: `${CRM}#CustomerId`,
          inverted: false,
          as: 'customer-number',
        },
        access: 'primary-key',
      }),
    ])
    const jane = record(
      'n1',
      CRM,
      { CustomerId: 100335 },
      { CustomerId: 100335, Email: 'jane@x.com' },
    )
    const stranger = record(
      'n2',
      LEGACY,
      { CUST_ID: 100335 },
      { CUST_ID: 100335, EML_ADDR: 'bob@y.com' },
      { parents: [jane.id] },
    )
    const input = mergeInput(p, identifier('email', 'jane@x.com'), [jane, stranger])
    const out = mergeLookup({ ...input, categories: withLegacy(input.categories) })
    expect(out.people).toHaveLength(1)
    expect(recordsOf(out.people[0]!)).toEqual([jane.id])
  })

  it('links a legacy row found by a shared phone, with what it shares, instead of a person', () => {
    const p = plan(
      [
        step('w1', CRM, 'MobilePhone', { match: 'digits-only', strength: 'weak' }),
        step('w2', LEGACY, 'TEL_NO', { match: 'digits-only', strength: 'weak' }),
      ],
      {
        identifier: { kind: 'phone', strength: 'weak', masked: '•••', reason: 'test' },
      },
    )
    const crm = record(
      'w1',
      CRM,
      { CustomerId: 160 },
      { CustomerId: 160, Email: null, MobilePhone: '+44 23 8057 0765' },
    )
    const legacy = record(
      'w2',
      LEGACY,
      { CUST_ID: 100047 },
      { CUST_ID: 100047, EML_ADDR: null, TEL_NO: '023 8057 0765' },
    )
    const input = mergeInput(p, identifier('phone', '+442380570765'), [crm, legacy])
    const out = mergeLookup({ ...input, categories: withLegacy(input.categories) })
    expect(out.people.map(recordsOf)).toEqual([[crm.id]])
    expect(out.linked).toHaveLength(1)
    expect(recordsOf(out.linked[0]!.person)).toEqual([legacy.id])
    expect(out.linked[0]!.sharedVia.map((v) => v.kind)).toEqual(['phone'])
  })

  it('gives a delivery found by its contact phone to the person whose order it is', () => {
    const p = plan(
      [
        step('d1', CRM, 'MobilePhone', { match: 'digits-only', strength: 'weak' }),
        step('d2', DELIVERIES, 'contact_phone', { match: 'digits-only', strength: 'weak' }),
        step('d3', ORDERS, 'customer_id', { input: pivot('d1', `${CRM}#CustomerId`) }),
        step('d4', DELIVERIES, 'order_id', { input: pivot('d3', `${ORDERS}#order_id`) }),
      ],
      { identifier: { kind: 'phone', strength: 'weak', masked: '•••', reason: 'test' } },
    )
    const crm = record('d1', CRM, { CustomerId: 7 }, { CustomerId: 7, MobilePhone: '07400 123456' })
    const order = record(
      'd3',
      ORDERS,
      { order_id: 70 },
      { order_id: 70, customer_id: 7 },
      { parents: [crm.id] },
    )
    // Found first by its phone: the executor kept no parents for it.
    const delivery = record(
      'd2',
      DELIVERIES,
      { delivery_id: 700 },
      { delivery_id: 700, order_id: 70, contact_phone: '+447400123456' },
    )
    const input = mergeInput(p, identifier('phone', '+447400123456'), [crm, order, delivery])
    const out = mergeLookup({ ...input, categories: withLegacy(input.categories) })
    expect(out.people).toHaveLength(1)
    expect(recordsOf(out.people[0]!).sort()).toEqual([crm.id, order.id, delivery.id].sort())
    expect(out.linked).toHaveLength(0)
  })
})

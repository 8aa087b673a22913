import { describe, expect, it } from 'vitest'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LineageEdge } from '../../../shared/model/lineage'
import type { LookupPlan } from '../../../shared/model/lookup'
import type { CategoryId } from '../../../shared/model/personal-data'
import { numberingsFrom } from './numbering'
import { planLookup } from './plan-lookup'
import { planProblems } from './plan-shape'
import {
  ADDRESS,
  CATEGORIES,
  CUSTOMER,
  EDGES,
  SINGLEVIEW,
  TOPIC,
  planInput,
  snapshotOf,
  syntheticAssets,
} from './test-support'

/**
 * Routes through the estate (issue 7 item 2): every start field's records are followed (HomePhone
 * as well as MobilePhone), orders are asked straight from crm's CustomerId because lineage pads
 * both into the single view's `_id`, and a table numbering its own customers is never reached by
 * assuming its numbers are crm's.
 */

const ORDERS = 'postgres://crm-pg/orders/sales/orders'
const LOYALTY = 'postgres://crm-pg/crm/dbo/LoyaltyAccount'
const LEGACY = 'postgres://crm-pg/legacy/dbo/tblCust'

function table(urn: string, fields: CatalogAsset['fields'], pk: string): CatalogAsset {
  const path = urn.split('://')[1]!.split('/').slice(1)
  return {
    urn,
    source: 'crm-pg',
    platform: 'postgres',
    kind: 'table',
    name: path.at(-1)!,
    path,
    fields,
    primaryKey: { name: `${path.at(-1)}_pkey`, columns: [pk] },
    indexes: fields.map((f) => ({
      name: `${f.path}_idx`,
      columns: [f.path],
      unique: f.path === pk,
      primary: f.path === pk,
    })),
    counts: { rows: 100 },
  }
}

const f = (urn: string, path: string, primaryKey = false) => ({
  name: path,
  path,
  urn: `${urn}#${path}`,
  ...(primaryKey ? { primaryKey } : {}),
})

/** The synthetic catalogue plus a HomePhone, orders (padded into `_id` too) and a legacy table. */
function estate(): {
  assets: CatalogAsset[]
  edges: LineageEdge[]
  categories: Map<string, CategoryId>
} {
  const assets = syntheticAssets().map((a) =>
    a.urn === CUSTOMER
      ? {
          ...a,
          fields: [
            ...a.fields,
            f(CUSTOMER, 'HomePhone'),
            f(CUSTOMER, 'LastName'),
            f(CUSTOMER, 'DateOfBirth'),
          ],
        }
      : a,
  )
  const loyalty = table(
    LOYALTY,
    [
      f(LOYALTY, 'LoyaltyAccountId', true),
      { ...f(LOYALTY, 'CustomerId'), references: `${CUSTOMER}#CustomerId` },
      f(LOYALTY, 'LoyaltyNumber'),
    ],
    'LoyaltyAccountId',
  )
  loyalty.indexes = loyalty.indexes!.filter((i) => i.primary)
  loyalty.foreignKeys = [
    {
      name: 'LoyaltyAccount_CustomerId_fkey',
      columns: ['CustomerId'],
      references: CUSTOMER,
      referencedColumns: ['CustomerId'],
    },
  ]
  assets.push(
    loyalty,
    table(ORDERS, [f(ORDERS, 'order_id', true), f(ORDERS, 'customer_id')], 'order_id'),
    table(
      LEGACY,
      [f(LEGACY, 'CUST_ID', true), f(LEGACY, 'EML_ADDR'), f(LEGACY, 'TEL_NO')],
      'CUST_ID',
    ),
  )
  const edges: LineageEdge[] = [
    ...EDGES,
    {
      ...EDGES.find((e) => e.to === `${SINGLEVIEW}#_id`)!,
      id: 'orders-pad',
      from: `${ORDERS}#customer_id`,
    },
  ]
  const categories = new Map<string, CategoryId>([
    ...CATEGORIES,
    [`${CUSTOMER}#HomePhone`, 'contact.phone'],
    [`${CUSTOMER}#LastName`, 'person.name'],
    [`${LOYALTY}#LoyaltyNumber`, 'identifier.loyalty'],
    [`${CUSTOMER}#DateOfBirth`, 'identity.date_of_birth'],
    [`${ORDERS}#customer_id`, 'identifier.customer'],
    [`${LEGACY}#CUST_ID`, 'identifier.customer'],
    [`${LEGACY}#EML_ADDR`, 'contact.email'],
    [`${LEGACY}#TEL_NO`, 'contact.phone'],
  ])
  return { assets, edges, categories }
}

function planFor(typed: string, depth = 2, indexedTopics?: ReadonlySet<string>): LookupPlan {
  const { assets, edges, categories } = estate()
  const plan = planLookup(
    planInput(typed, {
      snapshot: snapshotOf(assets),
      edges,
      categories,
      depth,
      scans: 'allow',
      ...(indexedTopics ? { indexedTopics } : {}),
    }),
  )
  expect(planProblems(plan)).toEqual([])
  return plan
}

const on = (plan: LookupPlan, fieldUrn: string) => plan.steps.filter((s) => s.fieldUrn === fieldUrn)

/** The typed identifier's own route: without other holders of its values and what they hold. */
function ownRoute(plan: LookupPlan): LookupPlan {
  const byId = new Map(plan.steps.map((s) => [s.id, s]))
  const behindReopen = (id: string) => {
    for (let at = byId.get(id); at;) {
      if (at.input.kind !== 'pivot') return false
      if (at.input.fromField === at.fieldUrn) return true
      at = byId.get(at.input.fromStep)
    }
    return false
  }
  return { ...plan, steps: plan.steps.filter((s) => !behindReopen(s.id)) }
}

describe('planLookup: routes', () => {
  it('follows the records each start field finds, not only the first one’s', () => {
    const plan = planFor('07400 123456')
    const starts = plan.steps.filter((s) => s.input.kind === 'identifier')
    const mobile = starts.find((s) => s.fieldUrn === `${CUSTOMER}#MobilePhone`)!
    const home = starts.find((s) => s.fieldUrn === `${CUSTOMER}#HomePhone`)!
    const from = on(plan, `${ADDRESS}#CustomerId`).map((s) =>
      s.input.kind === 'pivot' ? s.input.fromStep : '',
    )
    expect(from).toEqual(expect.arrayContaining([mobile.id, home.id]))
    // The legacy row a phone finds leads to the crm rows holding its email.
    const legacy = starts.find((s) => s.fieldUrn === `${LEGACY}#TEL_NO`)!
    expect(
      on(plan, `${CUSTOMER}#Email`).some(
        (s) => s.input.kind === 'pivot' && s.input.fromStep === legacy.id,
      ),
    ).toBe(true)
  })

  it('asks a strong identifier’s assets once: its start fields all find one person', () => {
    const plan = ownRoute(planFor('jane.doe@example.co.uk'))
    expect(on(plan, `${ADDRESS}#CustomerId`)).toHaveLength(1)
    expect(on(plan, `${SINGLEVIEW}#_id`)).toHaveLength(1)
    // No pivot goes back into an asset its values came through.
    expect(plan.steps.filter((s) => s.input.kind === 'pivot' && s.assetUrn === CUSTOMER)).toEqual(
      [],
    )
  })

  it('asks orders straight from crm CustomerId: lineage pads both into the single view’s _id', () => {
    const plan = ownRoute(planFor('jane.doe@example.co.uk'))
    const crm = plan.steps.find((s) => s.fieldUrn === `${CUSTOMER}#Email`)!
    const orders = on(plan, `${ORDERS}#customer_id`)
    expect(orders).toHaveLength(1)
    expect(orders[0]!.input).toEqual({
      kind: 'pivot',
      fromStep: crm.id,
      fromField: `${CUSTOMER}#CustomerId`,
      inverted: false,
    })
    expect(orders[0]!.reason).toMatch(/both become .*_id by the same transform/)
  })

  it('never assumes a table numbering its own customers shares crm’s numbers', () => {
    const plan = ownRoute(planFor('jane.doe@example.co.uk'))
    expect(on(plan, `${LEGACY}#CUST_ID`)).toEqual([])
    const byEmail = on(plan, `${LEGACY}#EML_ADDR`)
    expect(byEmail.map((s) => s.input.kind)).toEqual(['identifier'])
    // Nor from it on any route: its numbers mean nothing in crm.
    const legacyPivots = planFor('jane.doe@example.co.uk').steps.filter(
      (s) => s.input.kind === 'pivot' && s.input.fromField === `${LEGACY}#CUST_ID`,
    )
    expect(legacyPivots).toEqual([])
  })

  it('asks crm again with the email a customer number found: a duplicate or a household', () => {
    const plan = planFor('C00000042')
    const again = on(plan, `${CUSTOMER}#Email`).filter(
      (s) => s.input.kind === 'pivot' && s.input.fromField === `${CUSTOMER}#Email`,
    )
    expect(again).toHaveLength(1)
    expect(again[0]!.reason).toMatch(/another customer row .* may hold it too/)
    // What the other holders have is followed on its own route: their addresses, their orders.
    const theirs = plan.steps.filter(
      (s) => s.input.kind === 'pivot' && s.input.fromStep === again[0]!.id,
    )
    expect(theirs.map((s) => s.assetUrn)).toEqual(expect.arrayContaining([ADDRESS, ORDERS]))
    // Never in a table numbering its own customers (asked by email already), never twice.
    expect(
      on(plan, `${LEGACY}#EML_ADDR`).filter(
        (s) => s.input.kind === 'pivot' && s.input.fromField === s.fieldUrn,
      ),
    ).toEqual([])
  })

  it('does not scan a large table to ask who else holds the email, and says so', () => {
    const { assets, edges, categories } = estate()
    const large = assets.map((a) =>
      a.urn === CUSTOMER ? { ...a, counts: { rows: 1_000_000 } } : a,
    )
    const plan = planLookup(
      planInput('C00000042', { snapshot: snapshotOf(large), edges, categories, scans: 'allow' }),
    )
    const again = plan.steps.filter(
      (s) => s.input.kind === 'pivot' && s.input.fromField === s.fieldUrn,
    )
    expect(again).toEqual([])
    expect(plan.warnings.join('\n')).toMatch(/other holders of the values found are not asked/)
  })

  it('does not ask again for an identifier typed in its own kind (the start found every holder)', () => {
    const reopened = (p: LookupPlan) =>
      p.steps.filter((s) => s.input.kind === 'pivot' && s.input.fromField === s.fieldUrn)
    const byEmail = reopened(planFor('jane.doe@example.co.uk'))
    expect(byEmail.filter((s) => s.fieldUrn === `${CUSTOMER}#Email`)).toEqual([])
    const byPhone = reopened(planFor('07400 123456'))
    const starts = planFor('07400 123456').steps.filter((s) => s.input.kind === 'identifier')
    // Not the typed phone in the field its start asked: the start found every holder there.
    for (const s of byPhone)
      expect(
        starts.some(
          (x) => s.input.kind === 'pivot' && x.id === s.input.fromStep && x.fieldUrn === s.fieldUrn,
        ),
      ).toBe(false)
    // A phone's holders may have duplicates under their email or their other phone.
    expect(new Set(byPhone.map((s) => s.fieldUrn))).toEqual(
      new Set([`${CUSTOMER}#Email`, `${CUSTOMER}#MobilePhone`, `${CUSTOMER}#HomePhone`]),
    )
    // Never from a weak pivot's records (other people's), nor from a reopened route's.
    const plan = planFor('07400 123456')
    const byId = new Map(plan.steps.map((x) => [x.id, x]))
    for (const s of byPhone) {
      const chain = []
      for (let at = byId.get(s.id); at;) {
        chain.push(at)
        at = at.input.kind === 'pivot' ? byId.get(at.input.fromStep) : undefined
      }
      expect(chain.at(-1)!.input.kind).toBe('identifier')
      expect(chain.slice(1, -1).every((x) => x.strength === 'strong')).toBe(true)
      expect(
        chain.slice(1).filter((x) => x.fieldUrn === (x.input as { fromField?: string }).fromField),
      ).toEqual([])
    }
  })

  it('asks crm again with the phones a customer number found: linked people, never merged', () => {
    const plan = planFor('C00000042')
    for (const field of ['MobilePhone', 'HomePhone']) {
      const again = on(plan, `${CUSTOMER}#${field}`).filter(
        (s) => s.input.kind === 'pivot' && s.input.fromField === s.fieldUrn,
      )
      expect(again, field).toHaveLength(1)
      expect(again[0]!.strength).toBe('weak')
      expect(again[0]!.match).toBe('digits-only')
      // The duplicate's own records (an older email, its addresses) are followed on its route.
      const theirs = plan.steps.filter(
        (s) => s.input.kind === 'pivot' && s.input.fromStep === again[0]!.id,
      )
      expect(theirs.map((s) => s.assetUrn)).toEqual(expect.arrayContaining([ADDRESS]))
    }
    // A table numbering its own customers, tied to crm by email alone, is asked by the phones
    // too: its row without an email is a linked person.
    const legacy = on(plan, `${LEGACY}#TEL_NO`).filter(
      (s) => s.input.kind === 'pivot' && s.input.as === 'phone',
    )
    expect(new Set(legacy.map((s) => (s.input as { fromField: string }).fromField))).toEqual(
      new Set([`${CUSTOMER}#MobilePhone`, `${CUSTOMER}#HomePhone`]),
    )
    expect(legacy.every((s) => s.strength === 'weak')).toBe(true)
    // A postcode is not asked again: it names a street's worth of strangers.
    expect(
      plan.steps.filter(
        (s) => s.input.kind === 'pivot' && s.input.fromField === `${ADDRESS}#Postcode`,
      ),
    ).toEqual([])
  })

  it('asks other holders from crm rows a key read found after a scan (loyalty number -> customer)', () => {
    const plan = planFor('AMP007387686')
    expect(plan.identifier.kind).toBe('loyalty-number')
    const customer = plan.steps.find(
      (s) => s.input.kind === 'pivot' && s.fieldUrn === `${CUSTOMER}#CustomerId`,
    )!
    expect(customer).toBeDefined()
    const again = plan.steps.filter(
      (s) =>
        s.input.kind === 'pivot' &&
        s.input.fromStep === customer.id &&
        s.input.fromField === s.fieldUrn,
    )
    // The key read of the customer stands for no scan of other holders: they are other rows.
    expect(again.map((s) => s.fieldUrn)).toEqual(
      expect.arrayContaining([
        `${CUSTOMER}#Email`,
        `${CUSTOMER}#MobilePhone`,
        `${CUSTOMER}#HomePhone`,
      ]),
    )
  })

  it('asks again for the phone a name and birth date found: a duplicate row without a birth date', () => {
    const plan = planFor('Jane Doe 1980-02-03')
    expect(plan.identifier.kind).toBe('name-dob')
    const start = plan.steps.find((s) => s.input.kind === 'identifier')!
    expect(start.fieldUrn).toBe(`${CUSTOMER}#DateOfBirth`)
    const again = plan.steps.filter(
      (s) =>
        s.input.kind === 'pivot' &&
        s.input.fromStep === start.id &&
        s.input.fromField === s.fieldUrn,
    )
    expect(again.map((s) => s.fieldUrn)).toEqual(
      expect.arrayContaining([`${CUSTOMER}#Email`, `${CUSTOMER}#MobilePhone`]),
    )
  })

  it('reads every address of the customer a name and postcode found, not only that postcode’s', () => {
    const plan = planFor('Jane Doe LS1 4AB')
    expect(plan.identifier.kind).toBe('name-postcode')
    const start = plan.steps.find(
      (s) => s.input.kind === 'identifier' && s.fieldUrn === `${ADDRESS}#Postcode`,
    )!
    const customer = plan.steps.find(
      (s) => s.input.kind === 'pivot' && s.input.fromStep === start.id && s.assetUrn === CUSTOMER,
    )!
    expect(customer).toBeDefined()
    const back = on(plan, `${ADDRESS}#CustomerId`).filter(
      (s) => s.input.kind === 'pivot' && s.input.fromStep === customer.id,
    )
    expect(back).toHaveLength(1)
    // Not back into crm Customer by its own key: that finds the rows found already.
    expect(
      plan.steps.filter(
        (s) =>
          s.input.kind === 'pivot' && s.input.fromStep === back[0]!.id && s.assetUrn === CUSTOMER,
      ),
    ).toEqual([])
  })

  it('reads the found rows’ events by key although the index asked the topic already', () => {
    // The index finds the topic's messages holding the typed email; the crm rows found by it
    // may have other events (an email since changed): their key partition is read as well.
    const plan = ownRoute(planFor('jane.doe@example.co.uk', 2, new Set([TOPIC])))
    expect(on(plan, `${TOPIC}#after.Email`).map((s) => s.access)).toEqual(['lookup-index'])
    const byKey = on(plan, `${TOPIC}#key.CustomerId`)
    expect(byKey.map((s) => s.access)).toContain('partition')
    const fromCrm = byKey.filter(
      (s) => s.input.kind === 'pivot' && s.input.fromField === `${CUSTOMER}#CustomerId`,
    )
    expect(fromCrm).toHaveLength(1)
  })

  it('reads the found rows’ topic events at the depth bound, and says so in the depth', () => {
    const plan = ownRoute(planFor('jane.doe@example.co.uk', 1))
    expect(on(plan, `${TOPIC}#key.CustomerId`)).toHaveLength(1)
    expect(plan.depth).toBeGreaterThanOrEqual(1)
  })
})

describe('numberingsFrom', () => {
  const { edges } = estate()
  const n = numberingsFrom(edges)

  it('puts crm CustomerId, its topic, the single view and orders in one numbering', () => {
    const crm = n.of(`${CUSTOMER}#CustomerId`, true)
    expect(crm).toBeDefined()
    expect(n.of(`${SINGLEVIEW}#_id`, true)).toBe(crm)
    expect(n.of(`${ORDERS}#customer_id`, false)).toBe(crm)
    expect(n.of(`${TOPIC}#after.CustomerId`, false)).toBe(crm)
  })

  it('gives a table its own numbering, and knows nothing of a reference without lineage', () => {
    expect(n.of(`${LEGACY}#CUST_ID`, true)).toBe(`table:${LEGACY}#CUST_ID`)
    expect(n.isForeignIssuer(`${LEGACY}#CUST_ID`, true)).toBe(true)
    expect(n.isForeignIssuer(`${CUSTOMER}#CustomerId`, true)).toBe(false)
    expect(n.of('mongodb://sv/fraud/cases#customerRef', false)).toBeUndefined()
  })

  it('calls nothing foreign when no lineage confirms a numbering', () => {
    expect(numberingsFrom([]).isForeignIssuer(`${LEGACY}#CUST_ID`, true)).toBe(false)
  })
})

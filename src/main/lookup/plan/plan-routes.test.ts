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
    a.urn === CUSTOMER ? { ...a, fields: [...a.fields, f(CUSTOMER, 'HomePhone')] } : a,
  )
  assets.push(
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
    const plan = planFor('jane.doe@example.co.uk')
    expect(on(plan, `${ADDRESS}#CustomerId`)).toHaveLength(1)
    expect(on(plan, `${SINGLEVIEW}#_id`)).toHaveLength(1)
    // No pivot goes back into an asset its values came through.
    expect(plan.steps.filter((s) => s.input.kind === 'pivot' && s.assetUrn === CUSTOMER)).toEqual(
      [],
    )
  })

  it('asks orders straight from crm CustomerId: lineage pads both into the single view’s _id', () => {
    const plan = planFor('jane.doe@example.co.uk')
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
    const plan = planFor('jane.doe@example.co.uk')
    expect(on(plan, `${LEGACY}#CUST_ID`)).toEqual([])
    const byEmail = on(plan, `${LEGACY}#EML_ADDR`)
    expect(byEmail.map((s) => s.input.kind)).toEqual(['identifier'])
    // Nor from it: its numbers mean nothing in crm.
    const legacyPivots = plan.steps.filter(
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

  it('does not ask again for an email typed (the start found every holder) nor on weak routes', () => {
    const byEmail = planFor('jane.doe@example.co.uk')
    const reopened = (p: LookupPlan) =>
      p.steps.filter((s) => s.input.kind === 'pivot' && s.input.fromField === s.fieldUrn)
    expect(reopened(byEmail)).toEqual([])
    expect(reopened(planFor('07400 123456'))).toEqual([])
  })

  it('reads the found rows’ events by key although the index asked the topic already', () => {
    // The index finds the topic's messages holding the typed email; the crm rows found by it
    // may have other events (an email since changed): their key partition is read as well.
    const plan = planFor('jane.doe@example.co.uk', 2, new Set([TOPIC]))
    expect(on(plan, `${TOPIC}#after.Email`).map((s) => s.access)).toEqual(['lookup-index'])
    const byKey = on(plan, `${TOPIC}#key.CustomerId`)
    expect(byKey.map((s) => s.access)).toContain('partition')
    const fromCrm = byKey.filter(
      (s) => s.input.kind === 'pivot' && s.input.fromField === `${CUSTOMER}#CustomerId`,
    )
    expect(fromCrm).toHaveLength(1)
  })

  it('reads the found rows’ topic events at the depth bound, and says so in the depth', () => {
    const plan = planFor('jane.doe@example.co.uk', 1)
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

import { describe, expect, it } from 'vitest'
import type { LookupPlan, LookupPlanStep } from '../../../shared/model/lookup'
import { keyPartition } from '../kafka/key-partition'
import { planLookup } from './plan-lookup'
import { planProblems, runOrder } from './plan-shape'
import {
  ADDRESS,
  CATEGORIES,
  CLICKS,
  CUSTOMER,
  FRAUD,
  SINGLEVIEW,
  TOPIC,
  planInput,
  snapshotOf,
  syntheticAssets,
} from './test-support'

const stepOn = (plan: LookupPlan, fieldUrn: string): LookupPlanStep | undefined =>
  plan.steps.find((s) => s.fieldUrn === fieldUrn)

const must = (plan: LookupPlan, fieldUrn: string): LookupPlanStep => {
  const step = stepOn(plan, fieldUrn)
  if (!step)
    throw new Error(`no step on ${fieldUrn}: ${plan.steps.map((s) => s.fieldUrn).join(', ')}`)
  return step
}

describe('planLookup: an email', () => {
  const plan = planLookup(planInput('  Jane.Doe@Example.co.uk '))

  it('starts from the email fields, scanning crm with a warning since no index leads with Email', () => {
    const crm = must(plan, `${CUSTOMER}#Email`)
    expect(crm).toMatchObject({
      access: 'scan',
      match: 'case-insensitive',
      strength: 'strong',
      input: { kind: 'identifier', identifierKind: 'email' },
    })
    expect(crm.warning).toMatch(/scan of 2000 rows/)
    expect(plan.warnings.some((w) => w.includes('crm.dbo.Customer.Email'))).toBe(true)
  })

  it('reaches the FerretDB single view by _id through crm CustomerId and the builder’s prefix-pad, never scanning contact.email', () => {
    const sv = must(plan, `${SINGLEVIEW}#_id`)
    const crm = must(plan, `${CUSTOMER}#Email`)
    expect(sv).toMatchObject({
      access: 'primary-key',
      strength: 'strong',
      match: 'equals',
      input: {
        kind: 'pivot',
        fromStep: crm.id,
        fromField: `${CUSTOMER}#CustomerId`,
        transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
        inverted: false,
      },
    })
    expect(sv.reason).toMatch(/contact\.email/)
    expect(stepOn(plan, `${SINGLEVIEW}#contact.email`)).toBeUndefined()
  })

  it('follows the foreign key to Address by its index, and the CDC topic by its key at run time', () => {
    expect(must(plan, `${ADDRESS}#CustomerId`)).toMatchObject({
      access: 'index',
      index: 'Address_CustomerId_idx',
      input: { kind: 'pivot', fromField: `${CUSTOMER}#CustomerId` },
    })
    const topic = must(plan, `${TOPIC}#key.CustomerId`)
    expect(topic.access).toBe('partition')
    expect(topic.partition).toBeUndefined()
    expect(topic.reason).toMatch(/run time/)
    // The topic's after/before images are the key's records: no scan of them.
    expect(stepOn(plan, `${TOPIC}#after.Email`)).toBeUndefined()
    expect(stepOn(plan, `${TOPIC}#before.Email`)).toBeUndefined()
  })

  it('asks the click stream’s emailSha256 with the hashed forms', () => {
    expect(must(plan, `${CLICKS}#emailSha256`)).toMatchObject({
      match: 'sha256-of',
      input: { kind: 'identifier' },
      access: 'scan',
    })
  })

  it('reaches fraud.cases by a category pivot on the customer number found, with a warning', () => {
    const fraud = must(plan, `${FRAUD}#customerRef`)
    expect(fraud.input).toMatchObject({ kind: 'pivot', as: 'customer-number' })
    expect(fraud.access).toBe('scan')
    expect(fraud.warning).toMatch(/FerretDB/)
  })

  it('holds no identifier value, only its masked form', () => {
    const text = JSON.stringify(plan)
    expect(text).not.toMatch(/jane|doe/i)
    expect(plan.identifier).toMatchObject({ kind: 'email', strength: 'strong' })
    expect(plan.identifier.masked).toMatch(/^j•••@/)
  })
})

describe('planLookup: a customer number', () => {
  const plan = planLookup(planInput('C00000042'))

  it('asks the primary keys and the single view’s _id straight away', () => {
    expect(must(plan, `${CUSTOMER}#CustomerId`)).toMatchObject({
      access: 'primary-key',
      index: 'Customer_pkey',
      input: { kind: 'identifier' },
    })
    expect(must(plan, `${SINGLEVIEW}#_id`)).toMatchObject({
      access: 'primary-key',
      match: 'equals',
    })
  })

  it('computes the keyed topic’s partition at plan time from the Debezium key', () => {
    const topic = must(plan, `${TOPIC}#key.CustomerId`)
    const expected = keyPartition(
      {
        kind: 'connect-json',
        schema: {
          type: 'struct',
          fields: [{ type: 'int32', optional: false, field: 'CustomerId' }],
          optional: false,
          name: 'crm.dbo.Customer.Key',
        },
      },
      { CustomerId: 42 },
      6,
    ).partition
    expect(topic).toMatchObject({ access: 'partition', partition: expected })
  })
})

describe('planLookup: a phone number', () => {
  const plan = planLookup(planInput('07100 060 616'))

  it('starts weak, compares crm’s messy phones on digits, and pivots strongly on the CustomerId found', () => {
    const crm = must(plan, `${CUSTOMER}#MobilePhone`)
    expect(crm).toMatchObject({ strength: 'weak', match: 'digits-only' })
    expect(must(plan, `${ADDRESS}#CustomerId`).strength).toBe('strong')
    // The single view's E.164 copy is read by _id through crm instead of scanned.
    expect(stepOn(plan, `${SINGLEVIEW}#contact.mobile`)).toBeUndefined()
    expect(must(plan, `${SINGLEVIEW}#_id`).input).toMatchObject({ kind: 'pivot', fromStep: crm.id })
  })
})

describe('planLookup: choices and limits', () => {
  it('with scans refused, lists what only a scan could ask as unreachable, with the reason', () => {
    const plan = planLookup(planInput('jane.doe@example.co.uk', { scans: 'skip' }))
    expect(plan.steps.filter((s) => s.access === 'scan')).toEqual([])
    const crm = plan.unreachable.find((u) => u.assetUrn === CUSTOMER)
    expect(crm?.reason).toMatch(/no index leads with Email.*scans were refused/)
    const sv = plan.unreachable.find((u) => u.assetUrn === SINGLEVIEW)
    expect(sv?.reason).toMatch(/FerretDB pushes only _id/)
  })

  it('stops at the depth asked: depth 0 is the start fields and their rows’ topic events', () => {
    const plan = planLookup(planInput('jane.doe@example.co.uk', { depth: 0 }))
    const pivots = plan.steps.filter((s) => s.input.kind === 'pivot')
    // The found crm rows' CDC events, read by key: the same rows, not a pivot to others.
    expect(pivots.map((s) => s.fieldUrn)).toEqual([`${TOPIC}#key.CustomerId`])
    expect(pivots[0]!.reason).toMatch(/copy of the row, not counted in the depth/)
    expect(plan.depth).toBe(1)
    expect(plan.unreachable.find((u) => u.assetUrn === ADDRESS)?.reason).toMatch(/within depth 0/)
  })

  it('asks only the sources chosen', () => {
    const plan = planLookup(planInput('C00000042', { sources: ['crm-pg'] }))
    expect(new Set(plan.steps.map((s) => s.source))).toEqual(new Set(['crm-pg']))
    expect(plan.unreachable.find((u) => u.assetUrn === SINGLEVIEW)?.reason).toMatch(
      /sv was not selected/,
    )
  })

  it('uses an index on a real MongoDB, where FerretDB would scan', () => {
    const snapshot = snapshotOf(syntheticAssets({ ferretdb: false }))
    const plan = planLookup(planInput('jane.doe@example.co.uk', { snapshot, scans: 'skip' }))
    expect(must(plan, `${SINGLEVIEW}#contact.email`)).toMatchObject({
      access: 'index',
      index: 'email_1',
      match: 'equals',
    })
  })

  it('asks topics in the lookup index there instead of reading them whole', () => {
    const plan = planLookup(
      planInput('jane.doe@example.co.uk', { indexedTopics: new Set([CLICKS]) }),
    )
    expect(must(plan, `${CLICKS}#emailSha256`).access).toBe('lookup-index')
  })

  it('warns when nothing in the catalogue can be asked for the kind', () => {
    const plan = planLookup(planInput('192.168.10.20'))
    expect(plan.steps).toEqual([])
    expect(plan.warnings.join(' ')).toMatch(/No catalogued field can be asked for a ip-address/)
  })
})

describe('planLookup: the plan’s shape', () => {
  it('leads every pivot back to a step asked with the identifier, without cycles', () => {
    for (const typed of [
      'jane.doe@example.co.uk',
      'C00000042',
      '07100 060 616',
      'Jane Doe, N1 0RU',
    ]) {
      for (const scans of ['skip', 'warn'] as const) {
        const plan = planLookup(planInput(typed, { scans }))
        expect(planProblems(plan), `${typed} ${scans}`).toEqual([])
        const order = runOrder(plan)
        for (const s of plan.steps)
          if (s.input.kind === 'pivot')
            expect(order.indexOf(s.input.fromStep)).toBeLessThan(order.indexOf(s.id))
      }
    }
  })

  it('starts a compound name + postcode only where the name can be checked: beside it or one key away', () => {
    const plan = planLookup(planInput('Jane Doe, N1 0RU', { scans: 'allow' }))
    // No name anywhere: the postcode alone cannot be asked.
    expect(stepOn(plan, `${ADDRESS}#Postcode`)).toBeUndefined()
    expect(plan.unreachable.find((u) => u.assetUrn === ADDRESS)?.reason).toMatch(/person\.name/)
    // With a name on the Customer row that Address references, Address is asked.
    const named = new Map(CATEGORIES).set(`${CUSTOMER}#MobilePhone`, 'person.name')
    const withName = planLookup(
      planInput('Jane Doe, N1 0RU', { scans: 'allow', categories: named }),
    )
    const step = must(withName, `${ADDRESS}#Postcode`)
    expect(step).toMatchObject({ strength: 'weak', access: 'scan' })
    expect(step.reason).toMatch(/checked on postgres:\/\/crm-pg\/crm\/dbo\/Customer/)
  })
})

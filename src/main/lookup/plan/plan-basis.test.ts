import { describe, expect, it } from 'vitest'
import { pivotsFrom } from './pivots'
import { pivotsOutOf, planBasis, startFields } from './plan-basis'
import { CATEGORIES, CLICKS, CUSTOMER, EDGES, snapshotOf, syntheticAssets } from './test-support'

describe('planBasis', () => {
  it('is built once per snapshot, edges and categories, and again when any of them is new', () => {
    const snapshot = snapshotOf(syntheticAssets())
    const first = planBasis(snapshot, CATEGORIES, EDGES)
    expect(planBasis(snapshot, CATEGORIES, EDGES)).toBe(first)
    const reviewed = new Map(CATEGORIES)
    reviewed.delete(`${CUSTOMER}#Email`)
    const again = planBasis(snapshot, reviewed, EDGES)
    expect(again).not.toBe(first)
    expect(planBasis(snapshot, reviewed, [...EDGES])).not.toBe(again)
    expect(planBasis(snapshotOf(syntheticAssets()), reviewed, EDGES)).not.toBe(again)
  })

  it('holds the data assets in URN order and the fields by identifier kind', () => {
    const basis = planBasis(snapshotOf(syntheticAssets()), CATEGORIES, EDGES)
    const urns = basis.assets.map((a) => a.urn)
    expect(urns).toEqual([...urns].sort())
    expect(urns).toContain(CUSTOMER)
    expect(basis.ctx.byKind.get('email')?.map((r) => r.field.urn)).toContain(`${CUSTOMER}#Email`)
  })
})

describe('startFields', () => {
  it("lists a kind's classified fields and the fields holding its hash, once per basis", () => {
    const basis = planBasis(snapshotOf(syntheticAssets()), CATEGORIES, EDGES)
    const email = startFields(basis, 'email')
    expect(startFields(basis, 'email')).toBe(email)
    const byUrn = new Map(email.map((s) => [s.ref.field.urn, s]))
    expect(byUrn.get(`${CUSTOMER}#Email`)?.category).toBe('contact.email')
    expect(byUrn.get(`${CLICKS}#emailSha256`)?.hash?.from).toBe(`${CUSTOMER}#Email`)
    expect(
      startFields(basis, 'phone').some((s) => s.ref.field.urn === `${CLICKS}#emailSha256`),
    ).toBe(false)
  })
})

describe('pivotsOutOf', () => {
  it("answers what pivotsFrom does for the step, from one walk of the asset's pivots", () => {
    const basis = planBasis(snapshotOf(syntheticAssets()), CATEGORIES, EDGES)
    const customer = basis.assets.find((a) => a.urn === CUSTOMER)!
    const first = pivotsOutOf(basis, customer, 's1')
    expect(first.length).toBeGreaterThan(0)
    expect(first).toEqual(pivotsFrom(basis.ctx, customer, 's1'))
    expect(basis.pivots.get(CUSTOMER)).toHaveLength(first.length)
    const second = pivotsOutOf(basis, customer, 's7')
    expect(second).toEqual(pivotsFrom(basis.ctx, customer, 's7'))
    expect(second.every((c) => c.input.fromStep === 's7')).toBe(true)
  })

  it('gives each call its own inputs: a plan changing one leaves the next plan alone', () => {
    const basis = planBasis(snapshotOf(syntheticAssets()), CATEGORIES, EDGES)
    const customer = basis.assets.find((a) => a.urn === CUSTOMER)!
    const first = pivotsOutOf(basis, customer, 's1')
    first[0]!.input.inverted = !first[0]!.input.inverted
    first.pop()
    expect(pivotsOutOf(basis, customer, 's1')).toEqual(pivotsFrom(basis.ctx, customer, 's1'))
  })
})

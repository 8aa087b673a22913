import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { LookupPlan, LookupPlanStep } from '../../../shared/model/lookup'
import { recogniseIdentifier } from '../identifiers/recognise'
import type { RawRecord } from '../lookup-inputs'
import { planLookup } from '../plan/plan-lookup'
import { CLICKS, CUSTOMER, FRAUD, SINGLEVIEW, planInput } from '../plan/test-support'
import { identifierValues, originsOfHit, pivotValues } from './step-query'

/** The values the executor asks a planned step with (moved here from plan/step-values.ts). */

const on = (plan: LookupPlan, urn: string): LookupPlanStep =>
  plan.steps.find((s) => s.fieldUrn === urn)!

/** A record the pivot's `fromStep` found, holding `value` in the pivot's `fromField`. */
function found(step: LookupPlanStep, value: unknown, id = 'r1'): RawRecord {
  if (step.input.kind !== 'pivot') throw new Error('not a pivot')
  const field = step.input.fromField.split('#')[1]!
  return {
    id,
    stepId: step.input.fromStep,
    source: 'src',
    platform: 'postgres',
    assetUrn: step.input.fromField.split('#')[0]!,
    recordKey: { id },
    values: { [decodeURIComponent(field)]: value },
  }
}

describe('step values', () => {
  const email = planLookup(planInput(' Jane.Doe@Example.co.uk'))

  it('asks a hash field with the SHA-256 of the canonical email', () => {
    const id = recogniseIdentifier(' Jane.Doe@Example.co.uk').best
    const sha = createHash('sha256').update('jane.doe@example.co.uk').digest('hex')
    expect(identifierValues(on(email, `${CLICKS}#emailSha256`), id).values).toContain(sha)
  })

  it('asks a phone in every written form: +44, 0044, national, spaced, dashed, bracketed', () => {
    const id = recogniseIdentifier(' 07100-060 616 ').best
    const plan = planLookup(planInput(' 07100-060 616 '))
    const step = plan.steps.find((s) => s.input.kind === 'identifier')!
    expect(identifierValues(step, id).values).toEqual(
      expect.arrayContaining(['+447100060616', '0044 7100 060616', '07100 060616', '07100060616']),
    )
  })

  it('asks a postcode part as stores hold it: with its space, without, or with two', () => {
    const id = recogniseIdentifier('Kwame McDonald ox40hw').best
    const step = {
      match: 'case-insensitive',
      input: { kind: 'identifier', identifierKind: 'name-postcode' },
    } as LookupPlanStep
    expect(id.kind).toBe('name-postcode')
    expect(identifierValues(step, id).values).toEqual(['OX4 0HW', 'OX40HW', 'OX4  0HW'])
  })

  it('asks a date of birth part in the formats systems write it (a legacy dd/mm/yyyy)', () => {
    const id = recogniseIdentifier('Muhammad Begum 29.11.2005').best
    const step = {
      match: 'equals',
      input: { kind: 'identifier', identifierKind: 'name-dob' },
    } as LookupPlanStep
    expect(id.kind).toBe('name-dob')
    expect(identifierValues(step, id).values).toEqual(
      expect.arrayContaining(['2005-11-29', '29/11/2005', '20051129']),
    )
  })

  it('carries a found CustomerId to the single view through the prefix-pad', () => {
    const step = on(email, `${SINGLEVIEW}#_id`)
    expect(pivotValues(step, [found(step, 42)]).values).toEqual(['C00000042'])
  })

  it('reads a found number again as a customer number for a category pivot (`as`)', () => {
    const step = on(email, `${FRAUD}#customerRef`)
    expect(step.input).toMatchObject({ kind: 'pivot', as: 'customer-number' })
    const values = pivotValues(step, [found(step, 42)])
    expect(values.values).toEqual(expect.arrayContaining(['42', 42, 'C00000042']))
    // A hit holding the prefixed form is traced back to the record whose 42 led there.
    expect(originsOfHit({ values: { customerRef: 'C00000042' } }, 'customerRef', values)).toEqual([
      'r1',
    ])
    expect(pivotValues(step, [found(step, 'not a number')]).values).toEqual([])
  })

  it('inverts a transform going upstream, with its candidates and match modes', () => {
    const plan = planLookup(planInput('C00000042', { depth: 1 }))
    const up: LookupPlanStep = {
      ...on(plan, `${CUSTOMER}#CustomerId`),
      input: {
        kind: 'pivot',
        fromStep: 's1',
        fromField: `${SINGLEVIEW}#_id`,
        transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
        inverted: true,
      },
    }
    expect(pivotValues(up, [found(up, 'C00000042')]).values).toEqual(
      expect.arrayContaining([42, '42']),
    )
    expect(pivotValues(up, [found(up, 'X1')]).values).toEqual([])
    expect(pivotValues(up, [found(up, null)]).values).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { criticalPath } from '../../../bench/lookup/critical-path'
import type { LookupPlanStep, LookupResult, LookupStepRun } from '../../../src/shared/model/lookup'

const step = (id: string, assetUrn: string, from?: string): LookupPlanStep => ({
  id,
  source: assetUrn.split('/')[2]!,
  platform: assetUrn.startsWith('kafka') ? 'kafka' : 'postgres',
  assetUrn,
  fieldUrn: `${assetUrn}#x`,
  access: assetUrn.startsWith('kafka') ? 'partition' : 'index',
  match: 'equals',
  input: from
    ? { kind: 'pivot', fromStep: from, fromField: 'x', inverted: false }
    : { kind: 'identifier', identifierKind: 'customer-number' },
  reason: '',
  strength: 'strong',
})
const run = (
  stepId: string,
  startMs: number,
  ms: number,
  state: LookupStepRun['state'] = 'answered',
) => ({ stepId, startMs, ms, state, values: 1, records: 1 }) satisfies LookupStepRun

const lookup = (steps: LookupPlanStep[], runs: LookupStepRun[]) =>
  ({ plan: { steps } as LookupResult['plan'], steps: runs }) satisfies Pick<
    LookupResult,
    'plan' | 'steps'
  >

describe('criticalPath (bench/lookup speed: what a lookup waited for)', () => {
  it('walks back from the last answer through the steps it pivoted from', () => {
    const steps = [
      step('s1', 'postgres://pg/orders/sales/orders'),
      step('s2', 'kafka://events/crm.dbo.Customer'),
      step('s3', 'postgres://pg/orders/sales/payments', 's1'),
      step('s4', 'kafka://events/orders.sales.payments', 's3'),
      step('s5', 'kafka://events/orders.sales.orders', 's1'),
    ]
    const path = criticalPath(
      lookup(steps, [
        run('s1', 1, 18),
        run('s2', 0, 30),
        run('s3', 19, 7),
        run('s4', 27, 24),
        run('s5', 20, 5),
      ]),
    )
    expect(path?.steps.map((s) => s.label)).toEqual([
      'postgres index orders/sales/orders',
      'postgres index orders/sales/payments',
      'kafka partition orders.sales.payments',
    ])
    expect(path?.endMs).toBe(51)
    expect(path?.inStepsMs).toBe(49)
  })

  it('ignores steps that failed or were skipped, and answers nothing without timings', () => {
    const steps = [step('s1', 'kafka://events/a'), step('s2', 'kafka://events/b', 's1')]
    const path = criticalPath(lookup(steps, [run('s1', 0, 5), run('s2', 5, 90, 'failed')]))
    expect(path?.steps.map((s) => s.label)).toEqual(['kafka partition a'])
    expect(criticalPath(lookup(steps, []))).toBeUndefined()
    expect(
      criticalPath(lookup(steps, [{ stepId: 's1', state: 'answered', values: 1, records: 1 }])),
    ).toBeUndefined()
  })
})

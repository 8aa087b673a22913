import { describe, expect, it } from 'vitest'
import type { LookupPlan, LookupPlanStep, SourceLookupStatus } from '../../../shared/model/lookup'
import type { LookupOutcome, LookupQuery } from '../../connectors/connector'
import { identifier, pivot, plan, step, CRM } from '../merge/test-support'
import type { IndexProbeQuery, LookupIndexProbe } from './index-step'
import { reasonWithLag } from './index-step'
import { runLookupPlan } from './run-plan'

const FRAUD = 'kafka://events/fraud.scores'
const JANE = identifier('email', 'jane.doe@example.com')

/** Runs a plan with a canned index and connector; records probes, queries and statuses. */
async function run(
  p: LookupPlan,
  index: LookupIndexProbe | undefined,
  answer: (step: LookupPlanStep, q: LookupQuery) => LookupOutcome,
) {
  const queries: Array<{ step: string; query: LookupQuery }> = []
  const statuses: SourceLookupStatus[] = []
  const records = await runLookupPlan(p, {
    identifier: JANE,
    signal: new AbortController().signal,
    timeoutMs: 5_000,
    rowCap: 100,
    onStatus: (s) => statuses.push(s),
    onRecords: () => undefined,
    ...(index ? { lookupIndex: index } : {}),
    runStep: async (s, query) => {
      queries.push({ step: s.id, query })
      return answer(s, query)
    },
  })
  const final = (source: string) => statuses.filter((s) => s.source === source).at(-1)
  return { records, queries, final }
}

const fraudHit = (partition: number, offset: string) => ({
  recordKey: { topic: 'fraud.scores', partition, offset },
  values: { customerId: 42, score: 0.5 },
})

/** crm Email -> CustomerId 42 -> fraud.scores customerId through the index. */
function fraudPlan(): LookupPlan {
  return plan([
    step('c1', CRM, 'Email', { match: 'case-insensitive' }),
    step('f1', FRAUD, 'customerId', {
      input: pivot('c1', `${CRM}#CustomerId`),
      access: 'lookup-index',
    }),
  ])
}

const crm = () => ({
  hits: [
    { recordKey: { CustomerId: 42 }, values: { CustomerId: 42, Email: 'jane.doe@example.com' } },
  ],
  capped: false,
})

describe('lookup-index steps', () => {
  it('probe the index with the pivot values, then read exactly the offsets it names', async () => {
    const probes: IndexProbeQuery[] = []
    const index: LookupIndexProbe = {
      probe: async (q) => {
        probes.push(q)
        return {
          covered: true,
          offsets: [
            { partition: 2, offset: '68' },
            { partition: 2, offset: '70' },
          ],
          lag: 0,
          capped: false,
        }
      },
    }
    const out = await run(fraudPlan(), index, (s, q) =>
      s.id === 'c1'
        ? crm()
        : { hits: q.offsets!.map((o) => fraudHit(o.partition, o.offset)), capped: false },
    )
    expect(probes).toEqual([
      {
        source: 'events',
        topic: 'fraud.scores',
        fieldPath: 'customerId',
        values: [42],
        limit: 100,
      },
    ])
    const fraudQuery = out.queries.find((q) => q.step === 'f1')!.query
    expect(fraudQuery.offsets).toEqual([
      { partition: 2, offset: '68' },
      { partition: 2, offset: '70' },
    ])
    // The connector re-checks each record holds the value: the values go along.
    expect(fraudQuery).toMatchObject({ fieldPath: 'customerId', values: [42] })
    expect(out.records.filter((r) => r.assetUrn === FRAUD)).toHaveLength(2)
    expect(out.final('events')).toMatchObject({
      state: 'answered',
      records: 2,
      indexLag: 0,
      staleOffsets: 0,
    })
    expect(out.final('events')?.note).toBeUndefined()
  })

  it('reports offsets the topic no longer holds as stale, and the index lag, not as errors', async () => {
    const index: LookupIndexProbe = {
      probe: async () => ({
        covered: true,
        offsets: [
          { partition: 0, offset: '1' },
          { partition: 0, offset: '2' },
          { partition: 1, offset: '9' },
        ],
        lag: 12,
        lastCatchUpAt: '2026-11-26T17:00:00.000Z',
        capped: false,
      }),
    }
    // Offset 2 was compacted away: the connector leaves it out.
    const out = await run(fraudPlan(), index, (s) =>
      s.id === 'c1' ? crm() : { hits: [fraudHit(0, '1'), fraudHit(1, '9')], capped: false },
    )
    expect(out.final('events')).toMatchObject({
      state: 'answered',
      records: 2,
      indexLag: 12,
      staleOffsets: 1,
    })
    expect(out.final('events')?.note).toMatch(/12 messages behind.*1 indexed message is no longer/)
  })

  it('asks the connector nothing when the index has no entry for the values', async () => {
    const index: LookupIndexProbe = {
      probe: async () => ({ covered: true, offsets: [], lag: 0, capped: false }),
    }
    const out = await run(fraudPlan(), index, (s) => {
      if (s.id !== 'c1') throw new Error('no offsets: no query')
      return crm()
    })
    expect(out.queries.map((q) => q.step)).toEqual(['c1'])
    expect(out.final('events')).toMatchObject({ state: 'answered', records: 0 })
  })

  it('skips a step the index does not cover, or when there is no index, without failing the source', async () => {
    const p = plan([
      step('c1', CRM, 'Email', { match: 'case-insensitive' }),
      step('k1', 'kafka://events/crm.dbo.Customer', 'after.Email', { access: 'lookup-index' }),
      step('f1', FRAUD, 'customerId', {
        input: pivot('c1', `${CRM}#CustomerId`),
        access: 'lookup-index',
      }),
    ])
    const index: LookupIndexProbe = {
      probe: async (q) =>
        q.topic === 'fraud.scores'
          ? { covered: true, offsets: [{ partition: 0, offset: '5' }], lag: 0, capped: false }
          : { covered: false, offsets: [], lag: 0, capped: false },
    }
    const covered = await run(p, index, (s) =>
      s.id === 'c1' ? crm() : { hits: [fraudHit(0, '5')], capped: false },
    )
    expect(covered.queries.map((q) => q.step).sort()).toEqual(['c1', 'f1'])
    expect(covered.final('events')).toMatchObject({ state: 'answered', records: 1 })

    const none = await run(p, undefined, (s) =>
      s.id === 'c1' ? crm() : { hits: [], capped: false },
    )
    expect(none.queries.map((q) => q.step)).toEqual(['c1'])
    // Refused steps are skipped as a keyed-scan refusal is: the source answers with nothing.
    expect(none.final('events')).toMatchObject({ records: 0 })
    expect(none.final('events')?.state).not.toBe('unavailable')
    expect(none.final('amper-pg')?.state).toBe('answered')
  })

  it('says in the step reason how far behind the index is', () => {
    expect(reasonWithLag('r', undefined)).toBe('r')
    expect(reasonWithLag('r', { lag: 0 })).toBe('r')
    expect(reasonWithLag('r', { lag: 3, lastCatchUpAt: '2026-11-26T17:00:00.000Z' })).toBe(
      'r (the index is 3 messages behind, last caught up 2026-11-26T17:00:00.000Z: they cannot be found through it yet)',
    )
  })
})

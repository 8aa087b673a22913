import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api/errors'
import type {
  LookupPlan,
  LookupPlanStep,
  LookupStepRun,
  SourceLookupStatus,
} from '../../../shared/model/lookup'
import type { LookupHit, LookupOutcome, LookupQuery } from '../../connectors/connector'
import type { RawRecord } from '../lookup-inputs'
import { CALLS, CRM, ORDERS, SV, TOPIC, identifier, pivot, plan, step } from '../merge/test-support'
import { runLookupPlan, type RunPlanOptions } from './run-plan'
import { MAX_PIVOT_VALUES } from './step-query'

const PAD = { type: 'prefix-pad', prefix: 'C', width: 8 } as const
const JANE = identifier('email', 'jane.doe@example.com')

type Answer = (query: LookupQuery, signal: AbortSignal) => Promise<LookupOutcome> | LookupOutcome

/** Runs a plan against canned answers per step; records every query and status. */
async function run(
  p: LookupPlan,
  answers: Record<string, Answer>,
  opts: {
    signal?: AbortSignal
    rowCap?: number
    timeoutMs?: number
    identifier?: ReturnType<typeof identifier>
  } & RunPlanOptions = {},
) {
  const queries: Array<{ step: string; query: LookupQuery }> = []
  const statuses: SourceLookupStatus[] = []
  const streamed: RawRecord[][] = []
  const records = await runLookupPlan(
    p,
    {
      identifier: opts.identifier ?? JANE,
      signal: opts.signal ?? new AbortController().signal,
      timeoutMs: opts.timeoutMs ?? 5_000,
      rowCap: opts.rowCap ?? 100,
      onStatus: (s) => statuses.push(s),
      onRecords: (r) => streamed.push(r),
      runStep: async (s: LookupPlanStep, query, signal) => {
        queries.push({ step: s.id, query })
        const answer = answers[s.id]
        if (!answer) return { hits: [], capped: false }
        return answer(query, signal)
      },
    },
    opts,
  )
  const final = (source: string) => statuses.filter((s) => s.source === source).at(-1)
  return { records, queries, statuses, streamed, final }
}

const hits = (...list: LookupHit[]): LookupOutcome => ({ hits: list, capped: false })
const waitForAbort = (signal: AbortSignal) =>
  new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
  )

const crmJane: LookupHit = {
  recordKey: { CustomerId: 42 },
  values: { CustomerId: 42, Email: 'Jane.Doe@example.com' },
}
const svJane: LookupHit = {
  recordKey: { _id: 'C00000042' },
  values: { _id: 'C00000042', 'contact.mobile': '+447400123456' },
}

describe('runLookupPlan', () => {
  it('follows a pivot chain crm -> singleview _id -> a messy phone elsewhere', async () => {
    const p = plan([
      step('c1', CRM, 'Email', { match: 'case-insensitive' }),
      step('c2', SV, '_id', { input: pivot('c1', 'CustomerId', PAD), access: 'primary-key' }),
      step('c3', CALLS, 'phoneNumber', {
        input: pivot('c2', `${SV}#contact.mobile`, { type: 'e164', region: 'GB' }, true),
        strength: 'weak',
        access: 'scan',
      }),
    ])
    const call: LookupHit = { recordKey: { _id: 'i1' }, values: { phoneNumber: '07400 123456' } }
    const out = await run(p, {
      c1: () => hits(crmJane),
      c2: () => hits(svJane),
      c3: () => hits(call),
    })

    const q = Object.fromEntries(out.queries.map((x) => [x.step, x.query]))
    expect(q.c1).toMatchObject({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'Email' })
    expect(q.c1!.values).toEqual(['jane.doe@example.com'])
    expect(q.c1!.match).toBe('case-insensitive')
    expect(q.c2).toMatchObject({
      assetPath: ['singleview', 'customers'],
      fieldPath: '_id',
      values: ['C00000042'],
      match: 'equals',
    })
    // The e164 edge inverted: the written forms of the number, compared by digits.
    expect(q.c3!.match).toBe('digits-only')
    expect(q.c3!.values).toContain('07400 123456')
    expect(out.records.map((r) => r.stepId)).toEqual(['c1', 'c2', 'c3'])
    const [crm, sv, calls] = out.records
    expect(sv!.parents).toEqual([crm!.id])
    expect(calls!.parents).toEqual([sv!.id])
    expect(out.final('amper-pg')).toMatchObject({ state: 'answered', records: 1 })
    expect(out.final('ferret')).toMatchObject({ state: 'answered', records: 2 })
  })

  it('inverts prefix-pad going upstream: singleview C00000042 -> crm 42', async () => {
    const p = plan([
      step('u1', SV, '_id', { input: { kind: 'identifier', identifierKind: 'customer-number' } }),
      step('u2', CRM, 'CustomerId', { input: pivot('u1', '_id', PAD, true) }),
    ])
    const out = await run(p, { u1: () => hits(svJane), u2: () => hits(crmJane) })
    const u2 = out.queries.find((x) => x.step === 'u2')!.query
    expect(u2.values).toContain(42)
    expect(u2.values).toContain('00000042')
    expect(u2.match).toBe('equals')
    expect(out.records[1]!.parents).toEqual([out.records[0]!.id])
  })

  it('sends the typed identifier, its forms, and SHA-256 forms for hashed fields', async () => {
    const p = plan([
      step('h1', 'kafka://events/web.clickstream.v1', 'emailSha256', { match: 'sha256-of' }),
    ])
    const out = await run(p, {})
    const sha = createHash('sha256').update('jane.doe@example.com').digest('hex')
    expect(out.queries[0]!.query).toMatchObject({ values: [sha], match: 'equals' })

    const phone = identifier('phone', '+447400123456', {
      forms: ['+447400123456', '07400123456'],
      parts: { region: 'GB' },
    })
    const byPhone = await run(
      plan([step('p1', CRM, 'MobilePhone', { match: 'digits-only' })]),
      {},
      {
        identifier: phone,
      },
    )
    const q = byPhone.queries[0]!.query
    expect(q.match).toBe('digits-only')
    // `0044 7400 123456` in crm has other digits than E.164: its written form is sent too.
    expect(q.values).toEqual(
      expect.arrayContaining(['+447400123456', '07400123456', '00447400123456']),
    )

    const byId = await run(
      plan([step('i1', CRM, 'CustomerId')]),
      {},
      { identifier: identifier('customer-number', '42', { forms: ['42', 'C00000042'] }) },
    )
    // An integer column and a string field both find 42.
    expect(byId.queries[0]!.query.values).toEqual(['42', 42, 'C00000042'])

    const byName = await run(
      plan([step('n1', CRM, 'Postcode', { match: 'case-insensitive' })]),
      {},
      {
        identifier: identifier('name-postcode', 'jane doe|SW1A 1AA', {
          parts: { name: 'jane doe', postcode: 'SW1A 1AA' },
        }),
      },
    )
    // A compound identifier starts from its selective part; the merger ranks on the name.
    // (its canonical first, then the spellings stores hold: step-query.ts postcodeForms)
    expect(byName.queries[0]!.query.values[0]).toBe('SW1A 1AA')
  })

  it('keeps one record when two steps find it, and streams it once', async () => {
    const p = plan([
      step('d1', CRM, 'Email', { match: 'case-insensitive' }),
      step('d2', CRM, 'CustomerId', { input: pivot('d1', 'CustomerId') }),
    ])
    const out = await run(p, {
      d1: () => hits(crmJane),
      d2: () => hits({ ...crmJane, recordKey: { CustomerId: 42 } }),
    })
    expect(out.records).toHaveLength(1)
    expect(out.streamed.flat()).toHaveLength(1)
    expect(out.final('amper-pg')).toMatchObject({ state: 'answered', records: 1 })
  })

  it('lets a strong pivot claim a record a weak pivot found first', async () => {
    const p = plan([
      step('w1', CRM, 'Email'),
      step('w2', CALLS, 'phoneNumber', {
        input: pivot('w1', 'MobilePhone'),
        strength: 'weak',
      }),
      step('w3', CALLS, 'customerId', { input: pivot('w1', 'CustomerId') }),
    ])
    const call: LookupHit = {
      recordKey: { _id: 'i1' },
      values: { customerId: 42, phoneNumber: '07400 123456' },
    }
    const crm: LookupHit = {
      ...crmJane,
      values: { ...crmJane.values, MobilePhone: '07400 123456' },
    }
    const out = await run(p, { w1: () => hits(crm), w2: () => hits(call), w3: () => hits(call) })
    expect(out.records).toHaveLength(2)
    expect(out.records[1]).toMatchObject({ stepId: 'w3', parents: [out.records[0]!.id] })
  })

  it('carries at most MAX_PIVOT_VALUES values in a pivot, and says the answer was cut', async () => {
    const many = Array.from({ length: MAX_PIVOT_VALUES + 1 }, (_, i) => ({
      recordKey: { CustomerId: i },
      values: { CustomerId: i },
    }))
    const p = plan([
      step('v1', CRM, 'Email'),
      step('v2', SV, '_id', { input: pivot('v1', 'CustomerId', PAD) }),
    ])
    const out = await run(p, { v1: () => hits(...many) }, { rowCap: 1_000 })
    expect(out.queries[1]!.query.values).toHaveLength(MAX_PIVOT_VALUES)
    expect(out.final('ferret')).toMatchObject({ state: 'answered', capped: true })
    expect(out.final('amper-pg')?.capped).toBeUndefined()
  })

  it('marks a source past its timeout and lets the others answer', async () => {
    const p = plan([
      step('t1', CRM, 'Email'),
      step('t2', TOPIC, 'after.Email', { access: 'partition' }),
      step('t3', SV, '_id', { input: pivot('t2', 'after.CustomerId', PAD) }),
    ])
    const out = await run(
      p,
      { t1: () => hits(crmJane), t2: (_q, signal) => waitForAbort(signal) },
      { timeoutMs: 50 },
    )
    expect(out.final('events')).toMatchObject({ state: 'timeout', error: { code: 'timeout' } })
    expect(out.final('amper-pg')).toMatchObject({ state: 'answered', records: 1 })
    // The pivot from the timed-out step never ran; its source had nothing left to ask.
    expect(out.queries.map((q) => q.step)).not.toContain('t3')
    expect(out.final('ferret')?.state).toBe('skipped')
    expect(out.records).toHaveLength(1)
  })

  it('shows a source that is down as unavailable, with its translated error', async () => {
    const p = plan([step('x1', CRM, 'Email'), step('x2', SV, 'contact.email')])
    const out = await run(p, {
      x1: () => {
        throw new ApiError('unreachable', 'Cannot reach amper-pg at 127.0.0.1:1.', { port: 1 })
      },
      x2: () => hits(svJane),
    })
    expect(out.final('amper-pg')).toMatchObject({
      state: 'unavailable',
      error: { code: 'unreachable', message: 'Cannot reach amper-pg at 127.0.0.1:1.' },
    })
    expect(out.final('ferret')).toMatchObject({ state: 'answered', records: 1 })

    // A connector's own timeout is the source's timeout.
    const slow = await run(plan([step('y1', CRM, 'Email')]), {
      y1: () => {
        throw new ApiError('timeout', 'amper-pg did not answer within 50 ms.')
      },
    })
    expect(slow.final('amper-pg')).toMatchObject({ state: 'timeout', error: { code: 'timeout' } })
  })

  it('stops on cancellation: running queries aborted, nothing more started', async () => {
    const controller = new AbortController()
    const p = plan([
      step('k1', CRM, 'Email'),
      step('k2', SV, '_id', { input: pivot('k1', 'CustomerId', PAD) }),
      step('k3', TOPIC, 'after.Email'),
    ])
    let aborted = false
    const out = await run(
      p,
      {
        k1: (_q, signal) => {
          queueMicrotask(() => controller.abort())
          return waitForAbort(signal).catch((e: unknown) => {
            aborted = true
            throw e
          })
        },
        k3: (_q, signal) => waitForAbort(signal),
      },
      { signal: controller.signal },
    )
    expect(aborted).toBe(true)
    expect(out.queries.map((q) => q.step)).not.toContain('k2')
    for (const source of ['amper-pg', 'events', 'ferret']) {
      expect(out.final(source)?.state).toBe('cancelled')
    }
    expect(out.records).toEqual([])
  })

  it('asks nothing when cancelled before it starts', async () => {
    const controller = new AbortController()
    controller.abort()
    const out = await run(
      plan([step('z1', CRM, 'Email'), step('z2', SV, '_id')]),
      {},
      {
        signal: controller.signal,
      },
    )
    expect(out.queries).toEqual([])
    expect(out.final('amper-pg')?.state).toBe('cancelled')
    expect(out.final('ferret')?.state).toBe('cancelled')
  })

  it('caps rows per query and says so', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      recordKey: { OrderId: i },
      values: { customer_id: 42 },
    }))
    const out = await run(
      plan([step('r1', CRM, 'Email')]),
      { r1: () => hits(...many) },
      {
        rowCap: 3,
      },
    )
    expect(out.queries[0]!.query.rowCap).toBe(3)
    expect(out.records).toHaveLength(3)
    expect(out.final('amper-pg')).toMatchObject({ state: 'answered', records: 3, capped: true })
  })

  it('skips unreachable steps, refused scans and pivots past the depth', async () => {
    const p = plan(
      [
        step('s1', CRM, 'Email'),
        step('s2', SV, 'contact.email', { access: 'scan' }),
        step('s3', TOPIC, 'after.Email', { access: 'unreachable' }),
        step('s4', CRM, 'CustomerId', { input: pivot('s1', 'CustomerId') }),
        step('s5', CRM, 'CustomerId', { input: pivot('s4', 'CustomerId') }),
      ],
      { scans: 'skip', depth: 1 },
    )
    const out = await run(p, { s1: () => hits(crmJane), s4: () => hits(crmJane) })
    expect(out.queries.map((q) => q.step)).toEqual(['s1', 's4'])
    expect(out.final('ferret')?.state).toBe('skipped')
    expect(out.final('events')?.state).toBe('skipped')
    expect(out.statuses.filter((s) => s.source === 'ferret')).toHaveLength(1)
  })

  it('runs sources concurrently, never more queries than the bound', async () => {
    const sources = ['a', 'b', 'c', 'd', 'e']
    const p = plan(sources.map((s) => ({ ...step(`q${s}`, CRM, 'Email'), source: s })))
    let inFlight = 0
    let most = 0
    const answer: Answer = async () => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((resolve) => setImmediate(resolve))
      inFlight--
      return hits()
    }
    const out = await run(p, Object.fromEntries(sources.map((s) => [`q${s}`, answer])), {
      concurrency: 2,
    })
    expect(most).toBe(2)
    for (const s of sources) expect(out.final(s)?.state).toBe('answered')
  })

  it('starts every step whose input is ready at once by default (sources bound their own)', async () => {
    // 14 typed-identifier steps, more than the old bound of 10: none answers until all started.
    const ids = Array.from({ length: 14 }, (_, i) => `s${i}`)
    // Each its own field: the same field and values would be asked once (query-cache.ts).
    const p = plan(ids.map((id, i) => ({ ...step(id, CRM, `F${i}`), source: `src${i % 3}` })))
    let started = 0
    let release!: () => void
    const allStarted = new Promise<void>((resolve) => (release = resolve))
    const answer: Answer = async () => {
      if (++started === ids.length) release()
      await allStarted
      return hits()
    }
    const out = await run(p, Object.fromEntries(ids.map((id) => [id, answer])))
    expect(started).toBe(ids.length)
    expect(out.queries).toHaveLength(ids.length)
  })

  it('asks a field once when two routes pivot into it with the same values', async () => {
    // Two weak starts (mobile, home phone) find the same customer; both pivot into orders.
    const p = plan([
      step('m', CRM, 'MobilePhone', { strength: 'weak' }),
      step('h', CRM, 'HomePhone', { strength: 'weak' }),
      step('om', ORDERS, 'customer_id', { input: pivot('m', 'CustomerId'), strength: 'weak' }),
      step('oh', ORDERS, 'customer_id', { input: pivot('h', 'CustomerId'), strength: 'weak' }),
    ])
    const order: LookupHit = { recordKey: { order_id: 7 }, values: { customer_id: 42 } }
    const runs: LookupStepRun[] = []
    const queries: string[] = []
    const records = await runLookupPlan(p, {
      identifier: identifier('phone', '+447400123456'),
      signal: new AbortController().signal,
      timeoutMs: 5_000,
      rowCap: 100,
      onStatus: () => {},
      onRecords: () => {},
      onStep: (r) => runs.push(r),
      runStep: async (s) => {
        queries.push(s.id)
        return s.assetUrn === ORDERS ? hits(order) : hits(crmJane)
      },
    })
    expect(queries.filter((q) => q === 'om' || q === 'oh')).toHaveLength(1)
    expect(records.filter((r) => r.assetUrn === ORDERS)).toHaveLength(1)
    const pivots = runs.filter((r) => r.stepId === 'om' || r.stepId === 'oh')
    expect(pivots.map((r) => [r.state, r.records]).sort()).toEqual([
      ['answered', 1],
      ['reused', 1],
    ])
    // The waterfall: each step's start from the plan's, and a pivot starts once its step answered.
    const at = new Map(runs.map((r) => [r.stepId, r]))
    for (const r of runs) expect(r.startMs).toBeGreaterThanOrEqual(0)
    const m = at.get('m')!
    // (Both rounded to the millisecond: one of slack.)
    expect(at.get('om')!.startMs!).toBeGreaterThanOrEqual(m.startMs! + m.ms! - 1)
  })
})

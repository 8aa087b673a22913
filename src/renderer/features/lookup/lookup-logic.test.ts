import { describe, expect, it } from 'vitest'
import type {
  LookupPlan,
  LookupPlanStep,
  LookupRecord,
  LookupResult,
  SourceLookupStatus,
} from '../../../shared/model/lookup'
import { foldLookupPartial, parseLookupPartial } from '../../api/lookup'
import {
  exportFileName,
  fieldLabel,
  formatRecordKey,
  groupRecords,
  lookupInput,
  personTitle,
  platformsOf,
  reasonProblem,
  refusalMessage,
  revealTarget,
  sharingPeople,
  sourceLines,
  sourceTally,
} from './lookup-logic'
import { revealKey, useLookupUi } from './lookup-store'

const CUSTOMER = 'postgres://amper-pg/crm/dbo/Customer'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const SINGLEVIEW = 'mongodb://singleview/singleview/customers'

function step(id: string, source: string, platform: LookupPlanStep['platform']): LookupPlanStep {
  return {
    id,
    source,
    platform,
    assetUrn: CUSTOMER,
    fieldUrn: `${CUSTOMER}#MobilePhone`,
    access: 'index',
    match: 'equals',
    input: { kind: 'identifier', identifierKind: 'phone' },
    reason: 'phone field',
    strength: 'weak',
  }
}

const PLAN: LookupPlan = {
  identifier: { kind: 'phone', strength: 'weak', masked: '+44•••••••789', reason: 'UK mobile' },
  steps: [
    step('s1', 'amper-pg', 'postgres'),
    step('s2', 'events', 'kafka'),
    { ...step('s3', 'singleview', 'mongodb'), access: 'unreachable' },
    step('s4', 'amper-pg', 'postgres'),
  ],
  unreachable: [],
  warnings: [],
  depth: 2,
  scans: 'warn',
}

function status(
  source: string,
  state: SourceLookupStatus['state'],
  records = 0,
): SourceLookupStatus {
  return { source, platform: source === 'events' ? 'kafka' : 'postgres', state, records }
}

function record(
  id: string,
  group: string,
  platform: LookupRecord['platform'],
  assetUrn: string,
  recordKey: LookupRecord['recordKey'],
): LookupRecord {
  return {
    id,
    source: platform === 'kafka' ? 'events' : platform === 'mongodb' ? 'singleview' : 'amper-pg',
    platform,
    assetUrn,
    assetLabel: assetUrn.split('/').slice(3).join('.'),
    recordKey,
    values: { Email: 'j•••@e••••.com' },
    categories: {},
    matchedBy: { stepId: 's1', fieldUrn: `${assetUrn}#Email`, strength: 'strong' },
    group,
  }
}

describe('parseLookupPartial', () => {
  it('reads a bare source status, a wrapped one, and masked records', () => {
    expect(parseLookupPartial(status('amper-pg', 'running'))).toEqual({
      status: status('amper-pg', 'running'),
      records: [],
    })
    const r = record('r1', 'profile', 'postgres', CUSTOMER, { CustomerId: 42 })
    expect(
      parseLookupPartial({ status: status('events', 'answered', 1), records: [r, { x: 1 }] }),
    ).toEqual({ status: status('events', 'answered', 1), records: [r] })
  })

  it('ignores a crawl progress, a check and junk', () => {
    expect(parseLookupPartial({ source: 'crm', state: 'running', done: 1, assets: 3 })).toBe(
      undefined,
    )
    expect(parseLookupPartial({ name: 'crm', check: { ok: true } })).toBe(undefined)
    expect(parseLookupPartial(null)).toBe(undefined)
    expect(parseLookupPartial({ source: 'x', platform: 'kafka', state: 'odd', records: 1 })).toBe(
      undefined,
    )
  })

  it('folds statuses by source and records by id', () => {
    const r = record('r1', 'profile', 'postgres', CUSTOMER, { CustomerId: 42 })
    let progress = foldLookupPartial(undefined, {
      status: status('amper-pg', 'running'),
      records: [],
    })
    progress = foldLookupPartial(progress, {
      status: status('amper-pg', 'answered', 1),
      records: [r],
    })
    progress = foldLookupPartial(progress, { records: [r] })
    expect(progress.statuses['amper-pg']!.state).toBe('answered')
    expect(Object.keys(progress.records)).toEqual(['r1'])
  })
})

describe('sourceLines', () => {
  it('starts from the plan, one line per source, unreachable ones skipped', () => {
    const lines = sourceLines(PLAN, undefined, undefined, 'running')
    expect(lines.map((l) => [l.source, l.state])).toEqual([
      ['amper-pg', 'queued'],
      ['events', 'queued'],
      ['singleview', 'skipped'],
    ])
  })

  it('lets events move sources on and the final result win', () => {
    const running = sourceLines(PLAN, { events: status('events', 'running') }, undefined, 'running')
    expect(running.find((l) => l.source === 'events')!.state).toBe('running')
    const result = {
      plan: PLAN,
      sources: [status('events', 'unavailable')],
    } as unknown as LookupResult
    const done = sourceLines(
      undefined,
      { events: status('events', 'running') },
      result,
      'succeeded',
    )
    expect(done.find((l) => l.source === 'events')!.state).toBe('unavailable')
    // amper-pg never reported: a finished job leaves nothing queued.
    expect(done.find((l) => l.source === 'amper-pg')!.state).toBe('answered')
  })

  it('marks unfinished sources cancelled when the job is cancelled', () => {
    const lines = sourceLines(PLAN, { events: status('events', 'running') }, undefined, 'cancelled')
    expect(lines.filter((l) => l.state === 'cancelled').map((l) => l.source)).toEqual([
      'amper-pg',
      'events',
    ])
  })

  it('tallies answered and unavailable sources', () => {
    expect(
      sourceTally([
        status('a', 'answered', 2),
        status('b', 'unavailable'),
        status('c', 'answered'),
      ]),
    ).toBe('2 of 3 sources answered, 1 unavailable')
  })
})

describe('records and provenance', () => {
  const records = [
    record('e1', 'events', 'kafka', TOPIC, {
      topic: 'crm.dbo.Customer',
      partition: 3,
      offset: '17',
    }),
    record('o1', 'orders', 'postgres', 'postgres://amper-pg/orders/sales/orders', { order_id: 9 }),
    record('p1', 'profile', 'postgres', CUSTOMER, { CustomerId: 42 }),
    record('x1', 'mystery', 'mongodb', SINGLEVIEW, { _id: 'C00000042' }),
  ]

  it('groups records in the analyst’s order, unknown groups last', () => {
    expect(groupRecords(records).map((g) => [g.group, g.label, g.records.length])).toEqual([
      ['profile', 'Profile', 1],
      ['orders', 'Orders', 1],
      ['events', 'Events', 1],
      ['mystery', 'Mystery', 1],
    ])
  })

  it('keeps only the person’s own records when the merger grouped them', () => {
    const groups = groupRecords(records, {
      groups: [
        { group: 'profile', records: ['p1', 'gone'] },
        { group: 'events', records: ['e1'] },
      ],
    })
    expect(groups.map((g) => g.records.map((r) => r.id))).toEqual([['p1'], ['e1']])
  })

  it('formats record keys: primary keys, _id, partition and offset', () => {
    expect(formatRecordKey({ CustomerId: 42 })).toBe('CustomerId 42')
    expect(formatRecordKey({ _id: 'C00000042' })).toBe('_id C00000042')
    expect(formatRecordKey({ topic: 'crm.dbo.Customer', partition: 3, offset: '17' })).toBe(
      'partition 3 · offset 17',
    )
  })

  it('labels fields from URNs, decoding segments', () => {
    expect(fieldLabel(`${SINGLEVIEW}#contact.email`)).toBe('singleview.customers › contact.email')
    expect(fieldLabel('kafka://events/crm.dbo.Customer#after.Email')).toBe(
      'crm.dbo.Customer › after.Email',
    )
    expect(fieldLabel('not a urn')).toBe('not a urn')
  })

  it('finds the record and path a merged value came from, for a reveal', () => {
    const provenance = {
      source: 'events',
      platform: 'kafka' as const,
      assetUrn: TOPIC,
      fieldUrn: `${TOPIC}#after.Email`,
      recordKey: { offset: '17', partition: 3, topic: 'crm.dbo.Customer' },
      stepId: 's2',
    }
    expect(revealTarget(provenance, records)).toEqual({ recordId: 'e1', path: 'after.Email' })
    expect(revealTarget({ ...provenance, recordKey: { offset: '18' } }, records)).toBe(undefined)
  })

  it('lists the platforms of a person’s records once each', () => {
    expect(platformsOf(records)).toEqual(['kafka', 'postgres', 'mongodb'])
  })

  it('titles a person by name, else by a strong identifier', () => {
    const person = {
      id: 'p',
      strongIdentifiers: [{ kind: 'customer-number' as const, masked: 'C•••••042' }],
      fields: [],
      groups: [],
    }
    expect(personTitle(person, 0)).toBe('Customer number C•••••042')
    const named = {
      ...person,
      fields: [
        {
          path: 'name.full',
          label: 'Name',
          category: 'person.name' as const,
          values: [{ value: 'J••• S••••', provenance: [] }],
          conflict: false,
        },
      ],
    }
    expect(personTitle(named, 0)).toBe('J••• S••••')
    expect(personTitle({ ...person, strongIdentifiers: [] }, 2)).toBe('Person 3')
  })
})

describe('input and reasons', () => {
  it('sends the kind only when one was chosen', () => {
    expect(lookupInput('  07123 456789 ', undefined)).toEqual({ value: '07123 456789' })
    expect(lookupInput('42', 'customer-number')).toEqual({ value: '42', kind: 'customer-number' })
  })

  it('asks for a reason of ten characters or more', () => {
    expect(reasonProblem('fraud')).toMatch(/at least 10/)
    expect(reasonProblem('  Call about order 1234  ')).toBe(undefined)
  })

  it('shows refusals as the server words them, other failures as such', () => {
    expect(
      refusalMessage({
        code: 'bad-input',
        message: 'Patterns are not looked up.',
        details: { reason: 'wildcard' },
      }),
    ).toBe('Patterns are not looked up.')
    expect(refusalMessage({ code: 'unreachable', message: 'down' })).toMatch(
      /could not be recognised/,
    )
  })

  it('names export files without anything but the lookup id', () => {
    expect(exportFileName('lk_01/../x', 'subject-access', 'json')).toBe(
      'sightline-subject-access-lk_01x.json',
    )
  })
})

describe('lookup UI store', () => {
  it('forgets the chosen reading and the plan when the text changes, and reveals with the lookup', () => {
    const ui = useLookupUi.getState()
    ui.setText('07123 456789')
    ui.setKind('phone')
    ui.showPlan({ value: '07123 456789', kind: 'phone' })
    ui.setReason('Customer called about a delivery')
    useLookupUi.getState().setText('07123 456780')
    expect(useLookupUi.getState().kind).toBe(undefined)
    expect(useLookupUi.getState().planFor).toBe(undefined)
    expect(useLookupUi.getState().reason).toBe('Customer called about a delivery')

    useLookupUi.getState().open({ jobId: 'j1', lookupId: 'l1' })
    useLookupUi.getState().remember('r1', 'Email', 'jane@example.com')
    expect(useLookupUi.getState().revealed[revealKey('r1', 'Email')]).toBe('jane@example.com')
    useLookupUi.getState().open({ lookupId: 'l2' })
    expect(useLookupUi.getState().revealed).toEqual({})
  })
})

describe('sharingPeople', () => {
  const person = (id: string) => ({ id, strongIdentifiers: [], fields: [], groups: [] })
  const identifier = (strength: 'strong' | 'weak') => ({
    kind: 'phone' as const,
    strength,
    masked: '+44•••••••765',
    reason: 'UK landline',
  })

  it('lists people found directly by a weak identifier as sharing it, never as one', () => {
    const shared = sharingPeople({
      plan: { ...PLAN, identifier: identifier('weak') },
      people: [person('p1'), person('p2')],
      linked: [],
    })
    expect(
      shared.map((l) => [l.person.id, l.sharedVia[0]!.kind, l.sharedVia[0]!.fieldUrn]),
    ).toEqual([
      ['p1', 'phone', ''],
      ['p2', 'phone', ''],
    ])
  })

  it('keeps one person alone, and adds the merger’s linked people', () => {
    const linked = [{ person: person('p9'), sharedVia: [] }]
    expect(
      sharingPeople({
        plan: { ...PLAN, identifier: identifier('weak') },
        people: [person('p1')],
        linked,
      }),
    ).toEqual(linked)
    expect(
      sharingPeople({
        plan: { ...PLAN, identifier: identifier('strong') },
        people: [person('p1'), person('p2')],
        linked: [],
      }),
    ).toEqual([])
  })
})

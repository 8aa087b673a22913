import { describe, expect, it } from 'vitest'
import type { LookupRecord, LookupResult } from '../../../shared/model/lookup'
import type { LookupContext } from '../lookup-context'
import type { RawRecord } from '../lookup-inputs'
import { LookupMemory } from '../lookup-memory'
import { buildErasurePlan } from './erasure-plan'
import { buildSubjectAccess, personRecords, reportFieldUrns } from './subject-access'
import { renderSubjectAccessHtml } from './subject-access-html'

const CUSTOMER = 'postgres://crm/crm/dbo/Customer'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const DOC = 'mongodb://sv/singleview/customers'
const LINKED = 'postgres://crm/crm/dbo/Other'

function record(id: string, assetUrn: string, platform: LookupRecord['platform']): LookupRecord {
  return {
    id,
    source: assetUrn.split('/')[2]!,
    platform,
    assetUrn,
    assetLabel: assetUrn.split('/').slice(3).join('.'),
    recordKey: { id },
    values: {},
    categories: {},
    matchedBy: { stepId: 's1', fieldUrn: `${assetUrn}#Email`, strength: 'strong' },
    group: 'profile',
  }
}

const raw = (r: LookupRecord, values: Record<string, unknown>): RawRecord => ({
  id: r.id,
  stepId: 's1',
  source: r.source,
  platform: r.platform,
  assetUrn: r.assetUrn,
  recordKey: r.recordKey,
  values,
})

const records = [
  record('r1', CUSTOMER, 'postgres'),
  record('r2', TOPIC, 'kafka'),
  record('r3', DOC, 'mongodb'),
  record('r4', LINKED, 'postgres'),
]
const rawRecords = new Map<string, RawRecord>([
  [
    'r1',
    raw(records[0]!, { Email: 'Jane@Example.com', CustomerId: 42, Note: '<script>x</script>' }),
  ],
  ['r2', raw(records[1]!, { 'key.CustomerId': 42, 'after.Email': 'jane@example.com' })],
  ['r3', raw(records[2]!, { 'contact.email': 'jane@example.com', _id: 'C00000042' })],
  ['r4', raw(records[3]!, { Email: 'someone.else@example.com' })],
])

function result(strength: 'strong' | 'weak' = 'strong', people = 1): LookupResult {
  const person = (n: number) => ({
    id: `p${n}`,
    strongIdentifiers: [],
    fields: [],
    groups: [{ group: 'profile', records: n === 0 ? ['r1', 'r2', 'r3'] : ['r4'] }],
  })
  return {
    lookupId: 'L1',
    plan: {
      identifier: { kind: 'email', strength, masked: 'j•••@example.com', reason: 'an email' },
      steps: [],
      unreachable: [{ assetUrn: 'mongodb://sv/fraud/cases', reason: 'no pushdown' }],
      warnings: [],
      depth: 2,
      scans: 'warn',
    },
    people: Array.from({ length: people }, (_, i) => person(i)),
    linked: people === 1 ? [{ person: person(1), sharedVia: [] }] : [],
    records,
    sources: [
      { source: 'crm', platform: 'postgres', state: 'answered', records: 2 },
      { source: 'events', platform: 'kafka', state: 'timeout', records: 0 },
    ],
    startedAt: '2026-11-26T10:00:00.000Z',
    durationMs: 12,
  }
}

const edges: Record<string, Array<{ from: string; name: string }>> = {
  [TOPIC]: [{ from: CUSTOMER, name: 'crm-cdc' }],
  [DOC]: [{ from: TOPIC, name: 'singleview-builder' }],
}
const context: LookupContext = {
  snapshot: { assets: new Map(), sources: [] },
  edges: [],
  categories: new Map([
    [`${CUSTOMER}#Email`, 'contact.email'],
    [`${DOC}#contact.email`, 'contact.email'],
    [`${CUSTOMER}#CustomerId`, 'identifier.customer'],
  ]),
  entries: new Map([
    [
      `${CUSTOMER}#Email`,
      { processing: { purpose: 'customer service', lawfulBasis: 'contract' } } as never,
    ],
  ]),
  processingOf: (urn) =>
    urn === `${CUSTOMER}#Email` ? { purpose: 'customer service', lawfulBasis: 'contract' } : {},
  modelPaths: new Map(),
  writersOf: (urn) =>
    (edges[urn] ?? []).map((e) => ({ from: e.from, via: { kind: 'connector', name: e.name } })),
  readersOf: (urn) =>
    Object.entries(edges)
      .filter(([, list]) => list.some((e) => e.from === urn))
      .map(([to, list]) => ({ to, via: { kind: 'connector' as const, name: list[0]!.name } })),
  feedersOf: (urn) =>
    urn === `${DOC}#contact.email`
      ? [`${TOPIC}#after.Email`]
      : urn === `${TOPIC}#after.Email`
        ? [`${CUSTOMER}#Email`]
        : [],
  labelOf: (urn) => urn.replace(/^[a-z]+:\/\/[^/]+\//, '').replace(/\//g, '.'),
}

describe('subject access', () => {
  const input = (r: LookupResult) => ({
    result: r,
    identifierKind: 'email' as const,
    records: personRecords(r, rawRecords),
    context,
    reason: 'DSAR 1',
    generator: 'sightline test',
    generatedAt: '2026-11-26T10:01:00.000Z',
  })

  it('holds the person’s values by category and source, never a linked person’s', () => {
    const report = buildSubjectAccess(input(result()))
    expect(report.schemaVersion).toBe(1)
    // In the catalogue's category order; values of no category last.
    expect(report.categories.map((c) => c.category)).toEqual([
      'identifier.customer',
      'contact.email',
      'other',
    ])
    const email = report.categories[1]!
    expect(email.sources.map((s) => s.source)).toEqual(['crm', 'sv'])
    expect(email.sources[0]!.items[0]).toMatchObject({
      value: 'Jane@Example.com',
      processing: { purpose: 'customer service', lawfulBasis: 'contract' },
      obtainedFrom: [],
    })
    expect(email.sources[1]!.items[0]!.obtainedFrom).toEqual(['crm.dbo.Customer#Email'])
    expect(JSON.stringify(report)).not.toContain('someone.else')
    expect(report.notes.join(' ')).toMatch(/events did not answer \(timeout\)/)
    expect(reportFieldUrns(report)).toContain(`${CUSTOMER}#Email`)
  })

  it('refuses several people found by a weak identifier, and nobody', () => {
    expect(() => personRecords(result('weak', 2), rawRecords)).toThrow(/found 2 people/)
    expect(personRecords(result('strong', 2), rawRecords)).toHaveLength(4)
    expect(() => personRecords({ ...result(), people: [] }, rawRecords)).toThrow(/found no one/)
  })

  it('renders printable HTML with every value escaped', () => {
    const html = renderSubjectAccessHtml(buildSubjectAccess(input(result())))
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;')
  })
})

describe('erasure plan', () => {
  it('orders origins first, names what re-creates each record, and never executes', () => {
    const plan = buildErasurePlan({ result: result(), raw: rawRecords, context })
    expect(plan.actions.map((a) => [a.assetUrn, a.action, a.recreatedBy])).toEqual([
      [CUSTOMER, 'delete-row', []],
      [TOPIC, 'tombstone', ['crm-cdc']],
      [DOC, 'delete-document', ['singleview-builder']],
    ])
    expect(plan.actions[0]!.note).toMatch(/flows on through crm-cdc/)
    expect(plan.actions[1]!.note).toMatch(/not compacted/)
    expect(plan.warnings.join('\n')).toMatch(/never writes/)
    expect(plan.warnings.join('\n')).toMatch(/events did not answer/)
    expect(plan.warnings.join('\n')).toMatch(/fraud.cases could not be searched/)
    expect(plan.warnings.join('\n')).toMatch(/1 linked people/)
  })
})

describe('lookup memory', () => {
  it('keeps the last N lookups and clears raw values of the dropped', () => {
    const memory = new LookupMemory(2)
    const kept = (id: string) => ({
      lookupId: id,
      identifier: {} as never,
      reason: 'r',
      raw: new Map([['x', {} as RawRecord]]),
    })
    const first = kept('a')
    memory.put(first)
    memory.put(kept('b'))
    memory.put(kept('c'))
    expect(memory.get('a')).toBeUndefined()
    expect(first.raw.size).toBe(0)
    expect(memory.size).toBe(2)
    memory.clear()
    expect(memory.size).toBe(0)
  })
})

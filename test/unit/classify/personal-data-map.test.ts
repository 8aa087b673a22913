import { describe, expect, it } from 'vitest'
import { buildPersonalDataMap } from '../../../src/main/classify/personal-data-map'
import type { ProcessingRule, ReviewDecision } from '../../../src/shared/model/personal-data'
import { classification, decision, field, label, table } from './personal-data-fixtures'

const U = 'postgres://crm/crm/dbo/Customer'
const customer = (overrides: Record<string, ReturnType<typeof classification>> = {}) =>
  table(
    'crm',
    ['crm', 'dbo', 'Customer'],
    [
      field(
        U,
        'Email',
        overrides.Email ??
          classification([
            label('contact.email', 0.97, { matched: 98, of: 100, example: 'j•••@e•••.com' }),
          ]),
      ),
      field(
        U,
        'Phone',
        overrides.Phone ?? classification([label('contact.phone', 0.8, { matched: 70, of: 100 })]),
      ),
      field(
        U,
        'Notes',
        overrides.Notes ??
          classification([], {
            nearMisses: [{ category: 'person.name', reason: 'capitalised words, not names' }],
          }),
      ),
      field(U, 'Created', overrides.Created ?? classification([])),
    ],
  )

const build = (
  assets = [customer()],
  decisions: ReviewDecision[] = [],
  processing: ProcessingRule[] = [],
  filter = {},
) =>
  buildPersonalDataMap({
    assets,
    decisions: new Map(decisions.map((d) => [d.urn, d])),
    processing,
    workspace: '/ws',
    generatedAt: '2026-01-01T00:00:00.000Z',
    filter,
  })

describe('personal-data map', () => {
  it('lists labelled fields as suggestions with a one-line evidence summary', () => {
    const map = build()
    expect(map.schemaVersion).toBe(1)
    expect(map.entries.map((e) => [e.fieldPath, e.category, e.reviewState])).toEqual([
      ['Email', 'contact.email', 'suggested'],
      ['Phone', 'contact.phone', 'suggested'],
    ])
    const email = map.entries[0]!
    expect(email).toMatchObject({
      urn: `${U}#Email`,
      assetUrn: U,
      source: 'crm',
      location: 'crm.dbo.Customer.Email',
      confidence: 0.97,
      count: 1000,
    })
    expect(email.evidenceSummary).toBe(
      'name rule contact.email; 98 of 100 values are email address (e.g. j•••@e•••.com)',
    )
    expect(map.summary.totals).toEqual({
      fields: 2,
      confirmed: 0,
      suggested: 2,
      rejected: 0,
      reReview: 0,
    })
    expect(map.summary.bySource).toEqual([
      { source: 'crm', fields: 2, categories: 2, needsReview: 2 },
    ])
  })

  it('includes near misses only when asked', () => {
    const map = build(undefined, [], [], { includeUnlabelled: true })
    const notes = map.entries.find((e) => e.fieldPath === 'Notes')!
    expect(notes).toMatchObject({
      category: 'person.name',
      confidence: 0,
      reviewState: 'suggested',
    })
    expect(notes.evidenceSummary).toMatch(/^near miss: capitalised/)
    expect(map.summary.totals.fields).toBe(2)
  })

  it('a decision wins over the suggestion and no crawl overrides it', () => {
    const changed = decision(`${U}#Phone`, 'changed', 'financial.bank_account')
    const map = build(undefined, [changed, decision(`${U}#Email`, 'confirmed', 'contact.email')])
    const phone = map.entries.find((e) => e.fieldPath === 'Phone')!
    expect(phone).toMatchObject({
      category: 'financial.bank_account',
      suggested: 'contact.phone',
      reviewState: 'changed',
      confidence: 1,
      decision: changed,
    })
    // A later crawl suggesting something else, very confidently, still does not override it.
    const recrawled = build(
      [
        customer({
          Phone: classification([label('contact.phone', 0.99, { matched: 100, of: 100 })]),
        }),
      ],
      [changed],
    )
    expect(recrawled.entries.find((e) => e.fieldPath === 'Phone')).toMatchObject({
      category: 'financial.bank_account',
      reviewState: 'changed',
    })
    expect(map.summary.totals).toMatchObject({ confirmed: 2, suggested: 0 })
    expect(map.summary.byCategory.find((c) => c.category === 'financial.bank_account')).toEqual({
      category: 'financial.bank_account',
      fields: 1,
      sources: 1,
      confirmed: 1,
    })
  })

  it('keeps rejected fields with their state; the summary does not count them as personal', () => {
    const map = build(undefined, [decision(`${U}#Phone`, 'rejected', 'contact.phone')])
    expect(map.entries.find((e) => e.fieldPath === 'Phone')).toMatchObject({
      reviewState: 'rejected',
      confidence: 0,
    })
    expect(map.summary.totals.rejected).toBe(1)
    expect(map.summary.byCategory.map((c) => c.category)).toEqual(['contact.email'])
    expect(
      build(undefined, [decision(`${U}#Phone`, 'rejected', 'contact.phone')], [], {
        reviewStates: ['suggested'],
      }).entries.map((e) => e.fieldPath),
    ).toEqual(['Email'])
  })

  it('flags a rejection for re-review only on strong fresh value evidence', () => {
    const rejected = decision(`${U}#Phone`, 'rejected', 'contact.phone')
    // 0.8 confidence, 70% of values: not strong enough.
    expect(
      build(undefined, [rejected]).entries.find((e) => e.fieldPath === 'Phone')!.reviewState,
    ).toBe('rejected')
    const strong = build(
      [
        customer({
          Phone: classification([label('contact.phone', 0.95, { matched: 95, of: 100 })]),
        }),
      ],
      [rejected],
    ).entries.find((e) => e.fieldPath === 'Phone')!
    expect(strong.reviewState).toBe('re-review')
    expect(strong.category).toBe('contact.phone')
    expect(strong.reReviewReason).toMatch(/95 of 100 values match/)
    // Confident by name alone (no value evidence): not flagged.
    const byName = build(
      [customer({ Phone: classification([label('contact.phone', 0.95)]) })],
      [rejected],
    ).entries.find((e) => e.fieldPath === 'Phone')!
    expect(byName.reviewState).toBe('rejected')
  })

  it('flags a confirmation for re-review when the values no longer match at all', () => {
    const confirmed = decision(`${U}#Email`, 'confirmed', 'contact.email')
    const still = build(undefined, [confirmed]).entries[0]!
    expect(still.reviewState).toBe('confirmed')
    const gone = build(
      [customer({ Email: classification([label('contact.email', 0.5, { matched: 0, of: 100 })]) })],
      [confirmed],
    ).entries.find((e) => e.fieldPath === 'Email')!
    expect(gone.reviewState).toBe('re-review')
    expect(gone.category).toBe('contact.email')
    expect(gone.reReviewReason).toMatch(/none of the freshly sampled values match/)
    const missed = build(
      [
        customer({
          Email: classification([], {
            nearMisses: [{ category: 'contact.email', reason: 'no @ in any value' }],
          }),
        }),
      ],
      [confirmed],
    ).entries.find((e) => e.fieldPath === 'Email')!
    expect(missed).toMatchObject({ reviewState: 're-review', decision: confirmed })
    expect(missed.reReviewReason).toMatch(/no @ in any value/)
    // Nothing sampled (an empty table): no evidence either way.
    const empty = build(
      [customer({ Email: classification([], { sampled: 0 }) })],
      [confirmed],
    ).entries.find((e) => e.fieldPath === 'Email')!
    expect(empty.reviewState).toBe('confirmed')
  })

  it('resolves processing: the asset rule overrides the category rule attribute by attribute', () => {
    const rules: ProcessingRule[] = [
      {
        match: 'category:contact.email',
        purpose: 'Service emails',
        lawfulBasis: 'contract',
        retention: '6 years',
        recipients: ['ESP'],
      },
      { match: 'category:contact.*', purpose: 'Contact', retention: '1 year' },
      { match: 'postgres://crm/crm', purpose: 'CRM', recipients: ['CRM team'] },
      { match: 'postgres://crm/crm/dbo/Customer', purpose: 'Customer service' },
      { match: 'postgres://crm/**/Order*', purpose: 'Orders' },
    ]
    const map = build(undefined, [], rules)
    expect(map.entries.find((e) => e.fieldPath === 'Email')!.processing).toEqual({
      purpose: 'Customer service',
      lawfulBasis: 'contract',
      retention: '6 years',
      recipients: ['CRM team'],
    })
    expect(map.entries.find((e) => e.fieldPath === 'Phone')!.processing).toEqual({
      purpose: 'Customer service',
      retention: '1 year',
      recipients: ['CRM team'],
    })
  })

  it('filters entries but summarises the whole map', () => {
    const other = table(
      'shop',
      ['shop', 'public', 'orders'],
      [
        field(
          'x',
          'card',
          classification([label('financial.card_number', 0.99, { matched: 50, of: 50 })]),
        ),
      ],
    )
    const map = build([customer(), other], [], [], { sources: ['shop'], minConfidence: 0.9 })
    expect(map.entries.map((e) => e.urn)).toEqual(['postgres://shop/shop/public/orders#card'])
    expect(map.summary.totals.fields).toBe(3)
    expect(map.summary.bySource.map((s) => s.source)).toEqual(['crm', 'shop'])
    expect(
      build([customer(), other], [], [], { categories: ['contact.phone'] }).entries,
    ).toHaveLength(1)
  })

  it('names nested paths with a separator', () => {
    const doc = table(
      'm',
      ['db', 'customers'],
      [field('x', 'addresses[].postcode', classification([label('contact.postcode', 0.9)]))],
    )
    expect(build([doc]).entries[0]!.location).toBe('db.customers › addresses[].postcode')
  })
})

describe('fresh evidence', () => {
  it('only a crawl after the decision can flag it for re-review', () => {
    const rejected = decision(`${U}#Email`, 'rejected', 'contact.email')
    const at = (crawledAt: string) =>
      buildPersonalDataMap({
        assets: [customer()],
        decisions: new Map([[rejected.urn, rejected]]),
        processing: [],
        workspace: '/ws',
        generatedAt: '2026-02-01T00:00:00.000Z',
        crawledAt: new Map([['crm', crawledAt]]),
      }).entries.find((e) => e.fieldPath === 'Email')!.reviewState
    expect(at('2026-01-01T00:00:00.000Z')).toBe('rejected')
    expect(at('2026-01-03T00:00:00.000Z')).toBe('re-review')
  })
})

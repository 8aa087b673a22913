import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { lineageId } from '../../../../src/shared/lineage/edge-id'
import { inferLineageSuggestions } from '../../../../src/main/lineage/infer/infer-suggestions'
import type { SuggestionDecision } from '../../../../src/main/lineage/lineage-inputs'
import {
  ADDRESS,
  build,
  cdcEdges,
  CUSTOMER,
  emails,
  estate,
  ids,
  messy,
  ORDERS,
  TOPIC,
  VIEW,
} from './fixtures'

const infer = (
  known = cdcEdges(),
  decisions: ReadonlyMap<string, SuggestionDecision> = new Map(),
) => {
  const { assets, sketches } = estate()
  return inferLineageSuggestions({
    snapshot: { assets, sources: [] },
    sketches,
    knownEdges: known,
    decisions,
  })
}
const pair = (s: { from: string; to: string }) => `${s.from} -> ${s.to}`

describe('inferred lineage suggestions', { timeout: 30_000 }, () => {
  it('finds the email copy with its normalisation, from the topic nearest the view', () => {
    const email = infer().find((s) => s.to === `${VIEW}#contact.email`)!
    expect(email.from).toBe(`${TOPIC}#after.Email`)
    expect(email.transform).toEqual({
      type: 'chain',
      steps: [{ type: 'trim' }, { type: 'lower-case' }],
    })
    expect(email.id).toBe(lineageId(email.from, email.to, 'chain'))
    expect(email.status).toBe('open')
    expect(email.evidence.containment).toBe(1)
    expect(email.evidence.normalisation).toBe('trim + lower-case')
    expect(email.score).toBeGreaterThan(0.9)
  })

  it('names the phone and id transformations', () => {
    const byTo = new Map(infer().map((s) => [s.to, s]))
    expect(byTo.get(`${VIEW}#contact.mobile`)?.transform).toEqual({ type: 'e164', region: 'GB' })
    expect(byTo.get(`${VIEW}#_id`)?.transform).toEqual({
      type: 'prefix-pad',
      prefix: 'C',
      width: 8,
    })
  })

  it('does not take integer ids of other things, nor a foreign key, for the view key', () => {
    const idFeeds = infer()
      .filter((s) => s.to === `${VIEW}#_id`)
      .map((s) => s.from)
    // order_id and AddressId hold the same integers but are not named like the key they would
    // feed; Address.CustomerId references Customer.CustomerId, which feeds the view itself.
    expect(idFeeds).not.toContain(`${ORDERS}#order_id`)
    expect(idFeeds).not.toContain(`${ADDRESS}#AddressId`)
    expect(idFeeds).not.toContain(`${ADDRESS}#CustomerId`)
    expect(idFeeds).toHaveLength(1)
  })

  it('leaves out what known edges already say, in both directions', () => {
    const pairs = infer().map(pair)
    expect(pairs).not.toContain(`${CUSTOMER}#Email -> ${TOPIC}#after.Email`)
    expect(pairs).not.toContain(`${TOPIC}#after.Email -> ${CUSTOMER}#Email`)
    // Without the CDC edges the topic's copy of the column is a suggestion of its own.
    const bare = infer([]).map(pair)
    expect(bare).toContain(`${CUSTOMER}#Email -> ${TOPIC}#after.Email`)
  })

  it('leaves out rejected suggestions and marks accepted ones', () => {
    const first = infer()
    const email = first.find((s) => s.to === `${VIEW}#contact.email`)!
    const phone = first.find((s) => s.to === `${VIEW}#contact.mobile`)!
    const decisions = new Map<string, SuggestionDecision>([
      [
        email.id,
        { id: email.id, status: 'rejected', from: email.from, to: email.to, by: 'ann', at: 't1' },
      ],
      [
        phone.id,
        { id: phone.id, status: 'accepted', from: phone.from, to: phone.to, by: 'bob', at: 't2' },
      ],
    ])
    const second = infer(cdcEdges(), decisions)
    expect(second.find((s) => s.id === email.id)).toBeUndefined()
    const accepted = second.find((s) => s.id === phone.id)!
    expect(accepted.status).toBe('accepted')
    expect(accepted.decidedBy).toBe('bob')
  })

  it('suggests nothing between unrelated values', () => {
    const { assets, sketches } = estate()
    const views = sketches.filter((s) => s.assetUrn === VIEW)
    const others = sketches.filter((s) => s.assetUrn === ORDERS)
    expect(
      inferLineageSuggestions({
        snapshot: { assets, sources: [] },
        sketches: [...views.filter((s) => !s.fieldUrn.endsWith('_id')), ...others],
        knownEdges: [],
        decisions: new Map(),
      }),
    ).toEqual([])
  })
})

describe('evidence that values alone cannot give', { timeout: 30_000 }, () => {
  const sha = (t: string) => createHash('sha256').update(t.trim().toLowerCase()).digest('hex')
  const tiers = ids.map((i) => ['bronze', 'silver', 'gold'][i % 3]!)

  const run = () => {
    const { assets, sketches } = build([
      {
        urn: CUSTOMER,
        source: 'crm',
        platform: 'postgres',
        fields: [
          { path: 'Email', declaredType: 'varchar(320)', sample: messy },
          { path: 'Tier', declaredType: 'varchar(10)', sample: tiers },
        ],
      },
      {
        urn: 'kafka://events/web.clickstream.v1',
        source: 'events',
        platform: 'kafka',
        fields: [
          // A third of the customers browse signed in, and a few hashes come from elsewhere.
          {
            path: 'emailSha256',
            sample: [...messy.slice(0, 130).map(sha), ...['x@y.z', 'p@q.r'].map(sha)],
          },
        ],
      },
      {
        urn: VIEW,
        source: 'sv',
        platform: 'mongodb',
        fields: [
          { path: 'contact.email', sample: emails },
          { path: 'loyalty.tier', sample: tiers },
        ],
      },
      {
        urn: ORDERS,
        source: 'shop',
        platform: 'postgres',
        // The same name and values, but no other field of orders is linked to the view.
        fields: [{ path: 'tier', declaredType: 'varchar(10)', sample: tiers }],
      },
    ])
    return inferLineageSuggestions({
      snapshot: { assets, sources: [] },
      sketches,
      knownEdges: [],
      decisions: new Map(),
    })
  }

  it('takes a hashed subset as evidence of the hashing', () => {
    const hashed = run().find((s) => s.to === 'kafka://events/web.clickstream.v1#emailSha256')!
    expect(hashed.from).toBe(`${CUSTOMER}#Email`)
    expect(hashed.transform).toEqual({
      type: 'chain',
      steps: [{ type: 'trim' }, { type: 'lower-case' }, { type: 'sha256' }],
    })
  })

  it('takes a field of few values only where names agree and the assets are linked', () => {
    const tier = run().filter((s) => s.to === `${VIEW}#loyalty.tier`)
    expect(tier.map((s) => s.from)).toEqual([`${CUSTOMER}#Tier`])
    expect(tier[0]!.evidence.notes).toContain(
      'few distinct values: names and linked assets weigh in',
    )
  })
})

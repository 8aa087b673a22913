import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inferLineageSuggestions } from '../../../../src/main/lineage/infer/infer-suggestions'
import { build, cdcEdges, CUSTOMER, emails, ids, messy, pad, TOPIC, VIEW } from './fixtures'

/**
 * The web application writes the clickstream from the CRM customer: a hash of the email and the
 * customer id. The id alone is what any reference looks like; linked by the hash, it is the
 * CRM key copied, and its meeting the single view's `_id` is the CRM key seen twice.
 */
const CLICKS = 'kafka://web/web.clickstream.v1'
const sha = (t: string) => createHash('sha256').update(t.trim().toLowerCase()).digest('hex')
// A fifth of the customers browse signed in.
const browsing = ids.filter((i) => i % 5 === 0)

function run(withHash: boolean) {
  const { assets, sketches } = build([
    {
      urn: CUSTOMER,
      source: 'crm',
      platform: 'postgres',
      fields: [
        { path: 'CustomerId', declaredType: 'integer', primaryKey: true, sample: ids },
        { path: 'Email', declaredType: 'varchar(320)', sample: messy },
      ],
    },
    {
      urn: TOPIC,
      source: 'events',
      platform: 'kafka',
      fields: [
        { path: 'after.CustomerId', declaredType: 'int32', sample: ids },
        { path: 'after.Email', declaredType: 'string', sample: messy },
      ],
    },
    {
      urn: CLICKS,
      source: 'web',
      platform: 'kafka',
      fields: [
        { path: 'customerId', declaredType: 'int64', sample: browsing },
        ...(withHash
          ? [{ path: 'emailSha256', sample: browsing.map((i) => sha(messy[i - 1]!)) }]
          : []),
      ],
    },
    {
      urn: VIEW,
      source: 'sv',
      platform: 'mongodb',
      fields: [
        { path: '_id', primaryKey: true, sample: ids.map(pad) },
        { path: 'contact.email', sample: emails },
      ],
    },
  ])
  return inferLineageSuggestions({
    snapshot: { assets, sources: [] },
    sketches,
    knownEdges: cdcEdges(),
    decisions: new Map(),
  })
}

const feeds = (list: ReturnType<typeof run>, to: string) =>
  list.filter((s) => s.to === to).map((s) => s.from)

describe('reference copies', { timeout: 30_000 }, () => {
  it('suggests the CRM key copied into the clickstream, linked by the email hash', () => {
    const list = run(true)
    const copy = list.find((s) => s.to === `${CLICKS}#customerId`)!
    expect([`${CUSTOMER}#CustomerId`, `${TOPIC}#after.CustomerId`]).toContain(copy.from)
    expect(copy.transform).toEqual({ type: 'identity' })
    expect(copy.evidence.notes?.join(' ')).toMatch(/keys of the upstream/)
    const hash = feeds(list, `${CLICKS}#emailSha256`)
    expect(hash).toHaveLength(1)
    expect([`${CUSTOMER}#Email`, `${TOPIC}#after.Email`]).toContain(hash[0])
  })

  it("explains the clickstream's match with the view key away: the CRM key seen twice", () => {
    const list = run(true)
    expect(feeds(list, `${VIEW}#_id`)).toEqual([`${TOPIC}#after.CustomerId`])
  })

  it('without a link between the assets, a subset of ids is no copy', () => {
    const list = run(false)
    expect(feeds(list, `${CLICKS}#customerId`)).toEqual([])
    // ...and then nothing explains the clickstream ids away: values cannot tell this from the
    // builder reading orders keyed by customer, which it does (bench/results/lineage.md).
    expect(feeds(list, `${VIEW}#_id`)).toContain(`${CLICKS}#customerId`)
  })
})

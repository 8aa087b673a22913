import { describe, expect, it } from 'vitest'
import { applyTransform, invertTransform } from '../../../shared/lineage/transforms'
import { fieldAccess, keyFormatOf } from './field-access'
import { compose, indexEdges, inverseMatch, walkLineage } from './lineage-walk'
import { CUSTOMER, EDGES, SINGLEVIEW, TOPIC, snapshotOf, syntheticAssets } from './test-support'

const index = indexEdges(EDGES)

describe('walkLineage', () => {
  it('goes down from crm CustomerId to the single view’s _id, transforms composed, applying them', () => {
    const down = walkLineage(`${CUSTOMER}#CustomerId`, index, 'down')
    const sv = down.find((r) => r.fieldUrn === `${SINGLEVIEW}#_id`)!
    expect(sv).toMatchObject({
      inverted: false,
      transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
    })
    expect(sv.edges).toHaveLength(2)
    expect(applyTransform(sv.transform!, 42)).toBe('C00000042')
  })

  it('goes up from _id to crm CustomerId, so inverting gives the number back', () => {
    const up = walkLineage(`${SINGLEVIEW}#_id`, index, 'up')
    const crm = up.find((r) => r.fieldUrn === `${CUSTOMER}#CustomerId`)!
    expect(crm.inverted).toBe(true)
    expect(invertTransform(crm.transform!, 'C00000042')).toMatchObject({
      kind: 'exact',
      candidates: expect.arrayContaining([42]),
    })
  })

  it('never goes up through a hash, nor down through a fold', () => {
    const up = walkLineage('kafka://events/web.clicks#emailSha256', index, 'up')
    expect(up).toEqual([])
  })

  it('composes chains without identities and says how an inverse compares', () => {
    expect(compose([{ type: 'identity' }, undefined])).toBeUndefined()
    expect(compose([{ type: 'identity' }, { type: 'trim' }])).toEqual({ type: 'trim' })
    expect(inverseMatch({ type: 'e164', region: 'GB' })).toBe('digits-only')
    expect(inverseMatch({ type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] })).toBe(
      'case-insensitive',
    )
    expect(inverseMatch({ type: 'prefix-pad', prefix: 'C', width: 8 })).toBe('equals')
  })
})

describe('fieldAccess', () => {
  const assets = syntheticAssets()
  const snapshot = snapshotOf(assets)
  const topic = assets.find((a) => a.urn === TOPIC)!

  it('reads a Debezium key as a JsonConverter struct of the key fields', () => {
    const key = topic.fields.find((f) => f.path === 'key.CustomerId')!
    expect(keyFormatOf(topic, key)?.format).toEqual({
      kind: 'connect-json',
      schema: {
        type: 'struct',
        fields: [{ type: 'int32', optional: false, field: 'CustomerId' }],
        optional: false,
        name: 'crm.dbo.Customer.Key',
      },
    })
    expect(fieldAccess(topic, key, { snapshot }).access).toBe('partition')
  })

  it('scans a topic field that is not its key, unless the lookup index covers the topic', () => {
    const email = topic.fields.find((f) => f.path === 'after.Email')!
    expect(fieldAccess(topic, email, { snapshot })).toMatchObject({
      access: 'scan',
      scanSize: 2000,
    })
    expect(fieldAccess(topic, email, { snapshot, indexedTopics: new Set([TOPIC]) }).access).toBe(
      'lookup-index',
    )
  })

  it('asks the index only for the identifier fields it holds, else the key or a scan', () => {
    const email = topic.fields.find((f) => f.path === 'after.Email')!
    const indexed = { snapshot, indexedTopics: new Set([TOPIC]) }
    const categories = new Map([[email.urn, 'contact.email' as const]])
    expect(fieldAccess(topic, email, { ...indexed, categories }).access).toBe('lookup-index')
    // Not classified as an identifier: the index has none of its values.
    const other = { ...email, urn: `${TOPIC}#after.FirstName`, path: 'after.FirstName' }
    expect(fieldAccess(topic, other, { ...indexed, categories })).toMatchObject({
      access: 'scan',
      reason: expect.stringMatching(/the lookup index does not hold it/),
    })
  })
})

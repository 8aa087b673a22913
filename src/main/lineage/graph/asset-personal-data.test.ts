import { describe, expect, it } from 'vitest'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LineageEdge, LineageNode, NodePersonalData } from '../../../shared/model/lineage'
import { lineageEdgeId } from '../../../shared/lineage/edge-id'
import { assetPersonalData } from './asset-personal-data'
import { LineageIndex } from './lineage-index'
import { overview } from './lineage-queries'

const COLL = 'mongodb://sv/singleview/customers'

function field(path: string, personalData?: NodePersonalData): LineageNode {
  const node: LineageNode = {
    urn: `${COLL}#${path}`,
    level: 'field',
    platform: 'mongodb',
    kind: 'collection',
    source: 'sv',
    assetUrn: COLL,
    label: path,
    path,
    catalogued: true,
  }
  if (personalData) node.personalData = personalData
  return node
}

const byLineage = (category: NodePersonalData['category']): NodePersonalData => ({
  category,
  by: 'lineage',
  reason: 'fed by x',
  from: 'postgres://pg/crm/dbo/Customer#Email',
  hops: 2,
})

describe('assetPersonalData', () => {
  it('is undefined for an asset with no personal field', () => {
    expect(assetPersonalData([field('_id'), field('orders.count')])).toBeUndefined()
    expect(assetPersonalData([])).toBeUndefined()
  })

  it('takes the most sensitive family, then the most frequent category, and names the fields', () => {
    const data = assetPersonalData([
      field('contact.email', byLineage('contact.email')),
      field('contact.phone', byLineage('contact.phone')),
      field('name.first', byLineage('person.name')),
      field('orders.count'),
    ])
    expect(data).toEqual({
      category: 'person.name',
      by: 'lineage',
      reason: '3 personal fields (contact.email, contact.phone, name.first), all by lineage',
    })
    const contacts = assetPersonalData([
      field('a', byLineage('contact.phone')),
      field('b', byLineage('contact.email')),
      field('c', byLineage('contact.email')),
      field('d', byLineage('pseudonymous.hash')),
    ])
    expect(contacts?.category).toBe('contact.email')
  })

  it('says classification or review when fields are personal of their own', () => {
    const own: NodePersonalData = { category: 'contact.email', by: 'classification', reason: 'r' }
    const reviewed: NodePersonalData = { category: 'contact.phone', by: 'review', reason: 'r' }
    const mixed = assetPersonalData([field('a', own), field('b', byLineage('contact.email'))])
    expect(mixed).toMatchObject({
      by: 'classification',
      reason: '2 personal fields (a, b), 1 by lineage',
    })
    expect(assetPersonalData([field('a', own), field('b', reviewed)])?.by).toBe('review')
    const many = assetPersonalData(['f1', 'f2', 'f3', 'f4', 'f5', 'f6'].map((p) => field(p, own)))
    expect(many?.reason).toBe('6 personal fields (f1, f2, f3, f4 and 2 more)')
    expect(assetPersonalData([field('a', own)])?.reason).toBe('1 personal field (a)')
  })

  it('puts the roll-up on the index’s asset nodes, so the overview shows it', () => {
    const table = 'postgres://pg/crm/dbo/Customer'
    const asset = (urn: string, fields: string[]): CatalogAsset => {
      const path = urn.split('://')[1]!.split('/').slice(1)
      return {
        urn,
        source: urn.split('://')[1]!.split('/')[0]!,
        platform: urn.startsWith('mongodb') ? 'mongodb' : 'postgres',
        kind: urn.startsWith('mongodb') ? 'collection' : 'table',
        name: path[path.length - 1]!,
        path,
        fields: fields.map((p) => ({ urn: `${urn}#${p}`, path: p, name: p })),
      }
    }
    const from = `${table}#Email`
    const to = `${COLL}#contact.email`
    const edge: LineageEdge = {
      id: lineageEdgeId('field', from, to, 'builder'),
      level: 'field',
      from,
      to,
      via: { kind: 'process', name: 'builder' },
      origin: { kind: 'declared', file: 'catalog/lineage/x.yaml', line: 1, process: 'builder' },
    }
    const index = new LineageIndex({
      assets: [
        asset(table, ['Email', 'CustomerId']),
        asset(COLL, ['_id', 'contact.email']),
        asset('postgres://pg/crm/dbo/Audit', ['At']),
      ],
      edges: [edge],
      personal: {
        own: new Map([[from, { category: 'contact.email', by: 'classification', reason: 'r' }]]),
        rejected: new Set(),
      },
    })
    const nodes = new Map(overview(index).nodes.map((node) => [node.urn, node]))
    expect(nodes.get(table)?.personalData).toMatchObject({
      category: 'contact.email',
      by: 'classification',
    })
    expect(nodes.get(COLL)?.personalData).toMatchObject({
      category: 'contact.email',
      by: 'lineage',
      reason: '1 personal field (contact.email), all by lineage',
    })
    expect(nodes.get('postgres://pg/crm/dbo/Audit')?.personalData).toBeUndefined()
  })
})

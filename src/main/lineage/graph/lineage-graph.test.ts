import { describe, expect, it } from 'vitest'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type { LineageEdge, NodePersonalData, TransformSpec } from '../../../shared/model/lineage'
import { lineageEdgeId } from '../../../shared/lineage/edge-id'
import { assetEdgeId, LineageIndex } from './lineage-index'
import { lineageImpact } from './lineage-impact'
import { lineagePaths } from './lineage-paths'
import { neighbourhood, overview } from './lineage-queries'

const TABLE = 'postgres://pg/crm/dbo/Customer'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const COLL = 'mongodb://sv/singleview/customers'
const CLICKS = 'kafka://events/web.clickstream.v1'
const ORDERS = 'postgres://pg/orders/sales/orders'

function asset(urn: string, kind: CatalogAsset['kind'], fields: string[]): CatalogAsset {
  const platform = urn.startsWith('kafka')
    ? 'kafka'
    : urn.startsWith('mongodb')
      ? 'mongodb'
      : 'postgres'
  const path = urn.split('://')[1]!.split('/').slice(1)
  return {
    urn,
    source: urn.split('://')[1]!.split('/')[0]!,
    platform,
    kind,
    name: path[path.length - 1]!,
    path,
    fields: fields.map((p) => ({ urn: `${urn}#${p}`, path: p, name: p })),
  }
}

function edge(from: string, to: string, via: string, transform?: TransformSpec): LineageEdge {
  const e: LineageEdge = {
    id: lineageEdgeId('field', from, to, via),
    level: 'field',
    from,
    to,
    via: via.endsWith('cdc')
      ? { kind: 'connector', name: via, urn: `kafka-connect://connect/${via}` }
      : { kind: 'process', name: via },
    origin: { kind: 'declared', file: 'catalog/lineage/x.yaml', line: 1, process: via },
  }
  if (transform) e.transform = transform
  return e
}

const assets = [
  asset(TABLE, 'table', ['CustomerId', 'Email', 'FirstName']),
  asset(TOPIC, 'topic', ['after.CustomerId', 'after.Email', 'after.FirstName']),
  asset(COLL, 'collection', ['_id', 'contact.email', 'name.first', 'orders.count']),
  asset(CLICKS, 'topic', ['emailSha256']),
  asset(ORDERS, 'table', ['order_id', 'customer_id']),
  {
    ...asset('kafka-connect://connect/crm-cdc', 'connector', []),
    platform: 'kafka-connect' as const,
    properties: { status: { state: 'RUNNING' } },
  },
]
const lowerTrim: TransformSpec = {
  type: 'chain',
  steps: [{ type: 'trim' }, { type: 'lower-case' }],
}
const edges = [
  edge(`${TABLE}#CustomerId`, `${TOPIC}#after.CustomerId`, 'crm-cdc'),
  edge(`${TABLE}#Email`, `${TOPIC}#after.Email`, 'crm-cdc'),
  edge(`${TABLE}#FirstName`, `${TOPIC}#after.FirstName`, 'crm-cdc'),
  edge(`${TOPIC}#after.CustomerId`, `${COLL}#_id`, 'builder', {
    type: 'prefix-pad',
    prefix: 'C',
    width: 8,
  }),
  edge(`${TOPIC}#after.Email`, `${COLL}#contact.email`, 'builder', lowerTrim),
  edge(`${TOPIC}#after.FirstName`, `${COLL}#name.first`, 'builder', { type: 'trim' }),
  edge(`${TABLE}#Email`, `${CLICKS}#emailSha256`, 'web-app', {
    type: 'chain',
    steps: [{ type: 'lower-case' }, { type: 'sha256' }],
  }),
  edge(`${ORDERS}#order_id`, `${COLL}#orders.count`, 'builder', {
    type: 'aggregate',
    fn: 'count',
    groupBy: 'customer_id',
  }),
  edge(`${ORDERS}#customer_id`, `${COLL}#_id`, 'builder', {
    type: 'prefix-pad',
    prefix: 'C',
    width: 8,
  }),
  // Names a topic the catalogue does not have.
  edge(`${TABLE}#Email`, 'kafka://events/missing#email', 'other'),
]

const own = new Map<string, NodePersonalData>([
  [
    `${TABLE}#Email`,
    { category: 'contact.email', by: 'classification', reason: 'name rule email' },
  ],
  [`${TABLE}#CustomerId`, { category: 'identifier.customer', by: 'classification', reason: 'x' }],
  [`${ORDERS}#order_id`, { category: 'identifier.customer', by: 'classification', reason: 'x' }],
])

function build(rejected: string[] = []) {
  return new LineageIndex({
    assets,
    edges,
    ownerOf: (urn) =>
      urn.startsWith('mongodb')
        ? 'singleview-team'
        : urn.startsWith('kafka')
          ? 'platform'
          : 'crm-team',
    personal: { own, rejected: new Set(rejected) },
  })
}

describe('LineageIndex', () => {
  const index = build()

  it('ids rolled-up asset edges exactly as lineageEdgeId does', () => {
    expect(assetEdgeId(TABLE, TOPIC, 'crm-cdc')).toBe(
      lineageEdgeId('asset', TABLE, TOPIC, 'crm-cdc'),
    )
    expect(assetEdgeId('a/é', 'b#c', 'p q')).toBe(lineageEdgeId('asset', 'a/é', 'b#c', 'p q'))
  })

  it('rolls field edges up to asset edges, one per asset pair and process', () => {
    const pairs = index.assetEdges.map((e) => `${e.from} -> ${e.to} (${e.via.name})`).sort()
    expect(pairs).toContain(`${TABLE} -> ${TOPIC} (crm-cdc)`)
    expect(pairs).toContain(`${TOPIC} -> ${COLL} (builder)`)
    expect(pairs.filter((p) => p.startsWith(`${TABLE} -> ${TOPIC}`))).toHaveLength(1)
    const f = index.out(`${TABLE}#Email`, 'field').find((e) => e.to === `${TOPIC}#after.Email`)!
    expect(index.edgesById.get(f.assetEdge!)?.to).toBe(TOPIC)
  })

  it('labels nodes, counts fields and marks nodes only edges know as not catalogued', () => {
    expect(index.nodes.get(TABLE)).toMatchObject({
      label: 'crm.dbo.Customer',
      fieldCount: 3,
      catalogued: true,
      owner: 'crm-team',
    })
    expect(index.nodes.get('kafka://events/missing')).toMatchObject({
      catalogued: false,
      kind: 'topic',
      platform: 'kafka',
    })
    expect(index.nodes.get('kafka://events/missing#email')).toMatchObject({
      catalogued: false,
      level: 'field',
    })
  })

  it('walks a neighbourhood up, down or both to a depth, with a frontier', () => {
    const down1 = neighbourhood(index, {
      urn: `${TABLE}#Email`,
      direction: 'down',
      depth: 1,
      maxFanOut: 25,
    })
    expect(down1.edges.map((e) => e.to).sort()).toEqual([
      `${TOPIC}#after.Email`,
      'kafka://events/missing#email',
      `${CLICKS}#emailSha256`,
    ])
    expect(down1.frontier).toEqual([`${TOPIC}#after.Email`])
    // Parent assets come along so the UI can group fields.
    expect(down1.nodes.some((n) => n.urn === TOPIC)).toBe(true)
    const up = neighbourhood(index, {
      urn: `${COLL}#contact.email`,
      direction: 'up',
      depth: 5,
      maxFanOut: 25,
    })
    expect(up.edges.map((e) => e.from).sort()).toEqual([`${TOPIC}#after.Email`, `${TABLE}#Email`])
    expect(up.frontier).toEqual([])
    const both = neighbourhood(index, {
      urn: `${TOPIC}#after.Email`,
      direction: 'both',
      depth: 1,
      maxFanOut: 25,
    })
    // Both ways, never sideways: the table's other downstream (the click stream) is not a neighbour.
    expect(both.edges).toHaveLength(2)
    expect(both.frontier).toEqual([])
  })

  it('answers at asset level for an asset, and collapses wide fan-outs', () => {
    const g = neighbourhood(index, { urn: TABLE, direction: 'down', depth: 2, maxFanOut: 25 })
    expect(g.nodes.map((n) => n.urn).sort()).toEqual(
      [CLICKS, COLL, TABLE, TOPIC, 'kafka://events/missing'].sort(),
    )
    const narrow = neighbourhood(index, {
      urn: `${TABLE}#Email`,
      direction: 'down',
      depth: 1,
      maxFanOut: 1,
    })
    expect(narrow.edges).toHaveLength(1)
    expect(narrow.collapsed).toEqual({ [`${TABLE}#Email`]: 2 })
    expect(narrow.frontier).toContain(`${TABLE}#Email`)
    const fields = neighbourhood(index, {
      urn: TABLE,
      direction: 'down',
      depth: 1,
      level: 'field',
      maxFanOut: 25,
    })
    expect(fields.edges.length).toBe(5)
  })

  it('shows a connector with its state, and what it carries as its lineage', () => {
    const cdc = 'kafka-connect://connect/crm-cdc'
    expect(index.nodes.get(cdc)).toMatchObject({ kind: 'connector', state: 'RUNNING' })
    const g = neighbourhood(index, { urn: cdc, direction: 'both', depth: 1, maxFanOut: 25 })
    expect(g.edges.map((e) => `${e.from} -> ${e.to}`)).toEqual([`${TABLE} -> ${TOPIC}`])
    const fields = neighbourhood(index, {
      urn: cdc,
      direction: 'both',
      depth: 1,
      level: 'field',
      maxFanOut: 25,
    })
    expect(fields.edges).toHaveLength(3)
  })

  it('gives the whole estate at asset level, optionally per source', () => {
    const all = overview(index)
    expect(all.nodes.every((n) => n.level === 'asset')).toBe(true)
    expect(all.edges.every((e) => e.level === 'asset')).toBe(true)
    expect(
      overview(index, ['events'])
        .nodes.map((n) => n.urn)
        .sort(),
    ).toEqual([CLICKS, TOPIC, 'kafka://events/missing'].sort())
  })

  it('finds the paths between two fields, in the direction data flows', () => {
    const p = lineagePaths(index, `${COLL}#contact.email`, `${TABLE}#Email`, 5)
    expect(p.from).toBe(`${TABLE}#Email`)
    expect(p.paths).toHaveLength(1)
    expect(p.paths[0]!.map((id) => index.edgesById.get(id)!.to)).toEqual([
      `${TOPIC}#after.Email`,
      `${COLL}#contact.email`,
    ])
    const assets = lineagePaths(index, ORDERS, COLL, 5)
    expect(assets.paths).toHaveLength(1)
    expect(lineagePaths(index, CLICKS, ORDERS, 5).paths).toEqual([])
  })

  it('finds k shortest paths where several exist', () => {
    const extra = [
      ...edges,
      edge(`${TABLE}#CustomerId`, `${CLICKS}#emailSha256`, 'odd'),
      edge(`${CLICKS}#emailSha256`, `${COLL}#_id`, 'odd'),
    ]
    const idx = new LineageIndex({ assets, edges: extra })
    const p = lineagePaths(idx, `${TABLE}#CustomerId`, `${COLL}#_id`, 5)
    expect(p.paths.map((x) => x.length)).toEqual([2, 2])
    expect(lineagePaths(idx, `${TABLE}#CustomerId`, `${COLL}#_id`, 1).paths).toHaveLength(1)
  })

  it('lists the impact of a field with hops, owners, categories and platforms', () => {
    const impact = lineageImpact(index, `${TABLE}#Email`)
    expect(impact.downstream.map((d) => [d.urn, d.hops])).toEqual([
      [`${TOPIC}#after.Email`, 1],
      ['kafka://events/missing#email', 1],
      [`${CLICKS}#emailSha256`, 1],
      [`${COLL}#contact.email`, 2],
    ])
    expect(impact.byOwner).toEqual([
      { owner: 'platform', count: 3 },
      { owner: 'singleview-team', count: 1 },
    ])
    expect(impact.byCategory).toEqual([
      { category: 'contact.email', count: 3 },
      { category: 'pseudonymous.hash', count: 1 },
    ])
    expect(impact.byPlatform[0]).toEqual({ platform: 'kafka', count: 3 })
  })
})

describe('personal data along lineage', () => {
  it('carries a category downstream, with the upstream field, processes and hops', () => {
    const index = build()
    expect(index.nodes.get(`${TABLE}#Email`)?.personalData?.by).toBe('classification')
    expect(index.nodes.get(`${COLL}#contact.email`)?.personalData).toEqual({
      category: 'contact.email',
      by: 'lineage',
      reason: 'fed by crm.dbo.Customer.Email via crm-cdc, builder (2 hops)',
      from: `${TABLE}#Email`,
      hops: 2,
    })
  })

  it('makes a hash pseudonymised personal data, and stops at aggregates', () => {
    const index = build()
    expect(index.nodes.get(`${CLICKS}#emailSha256`)?.personalData).toMatchObject({
      category: 'pseudonymous.hash',
      by: 'lineage',
      hops: 1,
    })
    expect(index.nodes.get(`${CLICKS}#emailSha256`)?.personalData?.reason).toMatch(/hashed/)
    expect(index.nodes.get(`${COLL}#orders.count`)?.personalData).toBeUndefined()
    // _id is fed by both the CDC'd customer id and the orders' customer id: nearest wins.
    expect(index.nodes.get(`${COLL}#_id`)?.personalData).toMatchObject({
      category: 'identifier.customer',
      hops: 2,
    })
  })

  it('lets a reviewer’s rejection win, and pass nothing on', () => {
    const index = build([`${TOPIC}#after.Email`])
    expect(index.nodes.get(`${TOPIC}#after.Email`)?.personalData).toBeUndefined()
    expect(index.nodes.get(`${COLL}#contact.email`)?.personalData).toBeUndefined()
    expect(index.nodes.get(`${CLICKS}#emailSha256`)?.personalData?.category).toBe(
      'pseudonymous.hash',
    )
  })
})

import { describe, expect, it } from 'vitest'
import type { CatalogAsset, JsonValue } from '../../shared/model/catalog'
import type { LineageEdge, NodePersonalData } from '../../shared/model/lineage'
import { lineageEdgeId } from '../../shared/lineage/edge-id'
import { LineageIndex } from './graph/lineage-index'
import { estateInsights } from './insights'

function asset(
  urn: string,
  kind: CatalogAsset['kind'],
  platform: CatalogAsset['platform'],
  fields: string[] = [],
  properties?: Record<string, JsonValue>,
): CatalogAsset {
  const path = urn.split('://')[1]!.split('/').slice(1)
  return {
    urn,
    source: urn.split('://')[1]!.split('/')[0]!,
    platform,
    kind,
    name: path[path.length - 1] ?? '',
    path,
    fields: fields.map((p) => ({ urn: `${urn}#${p}`, path: p, name: p })),
    ...(properties ? { properties } : {}),
  }
}

const extracted = (from: string, to: string): LineageEdge => ({
  id: lineageEdgeId('field', from, to, 'cdc'),
  level: 'field',
  from,
  to,
  via: { kind: 'connector', name: 'cdc', urn: 'kafka-connect://connect/cdc' },
  origin: {
    kind: 'extracted',
    connectorUrn: 'kafka-connect://connect/cdc',
    connector: 'cdc',
    connectorClass: 'io.debezium.connector.sqlserver.SqlServerConnector',
    configKeys: ['table.include.list'],
  },
})

const CAPTURED = 'sqlserver://crm/crm/dbo/Customer'
const UNCAPTURED = 'sqlserver://crm/crm/dbo/Orders'
const NO_CDC = 'sqlserver://crm/crm/dbo/Legacy'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const LEGACY_TOPIC = 'kafka://events/crm.dbo.Legacy'
const IDLE = 'kafka://events/idle'
const GROUPED = 'kafka://events/grouped'

const assets = [
  asset(CAPTURED, 'table', 'sqlserver', ['Email'], { cdc: { tracked: true } }),
  asset(UNCAPTURED, 'table', 'sqlserver', ['Id'], { cdc: { tracked: true } }),
  asset(NO_CDC, 'table', 'sqlserver', ['Id'], { cdc: { tracked: false } }),
  asset(TOPIC, 'topic', 'kafka', ['after.Email'], { consumerGroups: [] }),
  asset(LEGACY_TOPIC, 'topic', 'kafka', ['after.Id'], { consumerGroups: [{ groupId: 'g' }] }),
  asset(IDLE, 'topic', 'kafka', ['x'], { consumerGroups: [] }),
  asset(GROUPED, 'topic', 'kafka', ['x']),
  asset('kafka://events', 'cluster', 'kafka', [], {
    consumerGroups: [{ groupId: 'app', members: [{ topics: ['grouped'] }] }],
  }),
  asset('kafka-connect://connect/cdc', 'connector', 'kafka-connect', [], {
    status: { state: 'RUNNING' },
    tasks: [{ id: 0, state: 'FAILED' }],
  }),
  asset('kafka-connect://connect/ok', 'connector', 'kafka-connect', [], {
    status: { state: 'RUNNING' },
    tasks: [{ id: 0, state: 'RUNNING' }],
  }),
]
const edges = [
  extracted(`${CAPTURED}#Email`, `${TOPIC}#after.Email`),
  extracted(`${NO_CDC}#Id`, `${LEGACY_TOPIC}#after.Id`),
  extracted(`${CAPTURED}#Email`, 'kafka://events/gone#email'),
]
const own = new Map<string, NodePersonalData>([
  [`${CAPTURED}#Email`, { category: 'contact.email', by: 'classification', reason: 'name' }],
])
const index = new LineageIndex({ assets, edges, personal: { own, rejected: new Set() } })
const insights = estateInsights({ assets, index })
const of = (kind: string) => insights.filter((i) => i.kind === kind).map((i) => i.urn)

describe('estate insights', () => {
  it('finds CDC tables no connector captures, and captured SQL Server tables without CDC', () => {
    expect(of('cdc-not-captured')).toEqual([UNCAPTURED])
    expect(of('captured-without-cdc')).toEqual([NO_CDC])
  })

  it('finds topics nobody reads: no consumer group (topic or cluster), no sink, no declared reader', () => {
    expect(of('topic-unconsumed').sort()).toEqual([IDLE, TOPIC].sort())
  })

  it('finds personal data flowing from a table to topics', () => {
    const flow = insights.find((i) => i.kind === 'personal-data-flow')!
    expect(flow.urn).toBe(CAPTURED)
    expect(flow.related).toEqual(['kafka://events/crm.dbo.Customer', 'kafka://events/gone'])
    expect(flow.message).toMatch(/contact\.email.*2 topics and 0 collections/)
  })

  it('finds failed connectors and tasks, and edges to assets the catalogue lacks', () => {
    expect(of('connector-failed')).toEqual(['kafka-connect://connect/cdc'])
    expect(insights.find((i) => i.kind === 'connector-failed')?.message).toMatch(/task 0 FAILED/)
    expect(of('dangling-edge')).toEqual(['kafka://events/gone'])
    // Errors first.
    expect(insights[0]!.severity).toBe('error')
  })
})

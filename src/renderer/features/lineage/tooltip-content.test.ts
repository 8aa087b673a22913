import { describe, expect, it } from 'vitest'
import type { LineageGraph } from '../../../shared/model/lineage'
import type { LineageEdgeData, LineageNodeData } from './graph-engine/to-elements'
import { edgeTooltip, nodeTooltip } from './tooltip-content'

const TOPIC = 'kafka://events/crm.dbo.Customer'
const SV = 'mongodb://singleview/singleview/customers'
const AFTER_EMAIL = `${TOPIC}#after.Email`
const SV_EMAIL = `${SV}#contact.email`

const graph: LineageGraph = {
  nodes: [
    {
      urn: TOPIC,
      level: 'asset',
      platform: 'kafka',
      kind: 'topic',
      source: 'events',
      label: 'crm.dbo.Customer',
      catalogued: true,
      fieldCount: 48,
    },
    {
      urn: SV,
      level: 'asset',
      platform: 'mongodb',
      kind: 'collection',
      source: 'singleview',
      label: 'singleview.customers',
      catalogued: true,
    },
    {
      urn: AFTER_EMAIL,
      level: 'field',
      platform: 'kafka',
      kind: 'topic',
      source: 'events',
      assetUrn: TOPIC,
      label: 'after.Email',
      path: 'after.Email',
      dataType: 'string',
      catalogued: true,
      owner: 'crm-platform',
    },
    {
      urn: SV_EMAIL,
      level: 'field',
      platform: 'mongodb',
      kind: 'collection',
      source: 'singleview',
      assetUrn: SV,
      label: 'contact.email',
      path: 'contact.email',
      catalogued: true,
      personalData: {
        category: 'contact.email',
        by: 'lineage',
        reason: 'fed by crm.dbo.Customer.Email via crm-cdc, singleview-builder (2 hops)',
      },
    },
  ],
  edges: [
    {
      id: 'b1',
      level: 'field',
      from: AFTER_EMAIL,
      to: SV_EMAIL,
      transform: { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] },
      via: { kind: 'process', name: 'singleview-builder' },
      origin: {
        kind: 'declared',
        file: 'catalog/lineage/singleview-builder.yaml',
        line: 30,
        process: 'singleview-builder',
      },
    },
  ],
  frontier: [],
}

function data(urn: string, over: Partial<LineageNodeData> = {}): LineageNodeData {
  const node = graph.nodes.find((n) => n.urn === urn)!
  return {
    id: urn,
    label: node.label,
    level: node.level,
    platform: node.platform,
    kind: node.kind,
    sourceName: node.source,
    catalogued: true,
    expandable: false,
    ...over,
  }
}

describe('canvas tooltips say the whole name and the facts', () => {
  it('a field: qualified name, URN, platform, type, owner', () => {
    const tip = nodeTooltip(data(AFTER_EMAIL, { label: '…Email' }), graph)
    expect(tip.title).toBe('crm.dbo.Customer › after.Email')
    expect(tip.lines).toEqual([
      { label: 'URN', value: AFTER_EMAIL, mono: true },
      { label: 'Platform', value: 'Kafka topic field' },
      { label: 'Type', value: 'string' },
      { label: 'Owner', value: 'crm-platform' },
    ])
  })

  it('personal data by lineage says the category and why', () => {
    const tip = nodeTooltip(data(SV_EMAIL), graph)
    expect(tip.lines).toContainEqual({
      label: 'Personal data',
      value: 'Email address (by lineage)',
    })
    expect(tip.lines.find((l) => l.label === 'Why')?.value).toMatch(
      /^fed by crm\.dbo\.Customer\.Email/,
    )
  })

  it('a connector says what it moves in view; a made-up one uses its full label', () => {
    const tip = nodeTooltip(
      {
        ...data(TOPIC),
        id: 'kafka-connect://connect/crm-cdc',
        label: 'crm-cdc',
        platform: 'kafka-connect',
        kind: 'connector',
      },
      graph,
      { in: 4, out: 4 },
    )
    expect(tip.title).toBe('crm-cdc')
    expect(tip.lines).toContainEqual({ label: 'Platform', value: 'Connector' })
    expect(tip.lines).toContainEqual({ label: 'In view', value: '4 in, 4 out' })
  })

  it('the "+N more" node says what a click does', () => {
    const tip = nodeTooltip(
      {
        ...data(AFTER_EMAIL),
        id: `more:${TOPIC}`,
        parent: TOPIC,
        toggle: true,
        hiddenCount: 38,
      } as LineageNodeData,
      graph,
    )
    expect(tip.title).toBe('38 more fields of crm.dbo.Customer')
    expect(tip.hint).toMatch(/click to show every field/)
  })

  it('an edge: from, to, transformation, process and where it was declared', () => {
    const edge: LineageEdgeData = {
      id: 'b1',
      source: AFTER_EMAIL,
      target: SV_EMAIL,
      label: 'trim → lower-case',
      level: 'field',
      edgeIds: ['b1'],
      originKind: 'declared',
    }
    const tip = edgeTooltip(edge, graph)
    expect(tip.title).toBe('crm.dbo.Customer › after.Email → singleview.customers › contact.email')
    expect(tip.lines).toEqual([
      { label: 'Transform', value: 'trim → lower-case' },
      { label: 'Via', value: 'singleview-builder (process)' },
      {
        label: 'Origin',
        value: 'Declared by singleview-builder in catalog/lineage/singleview-builder.yaml:30',
      },
    ])
  })
})

import type { ElementDefinition } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import type { LineageEdge, LineageGraph, LineageNode } from '../../../shared/model/lineage'
import {
  capFields,
  displayElements,
  displayGraph,
  routeThroughConnectors,
  tailLabel,
  toggleTarget,
} from './display-elements'
import { parentIds } from './graph-classes'
import { toCyElements } from './graph-engine/to-elements'
import { edgesOf, graphNode } from './lineage-logic'

const TABLE = 'postgres://amper-pg/crm/dbo/Customer'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const SV = 'mongodb://singleview/singleview/customers'
const CDC = 'kafka-connect://connect/crm-cdc'

function asset(urn: string, platform: LineageNode['platform'], over: Partial<LineageNode> = {}) {
  const node: LineageNode = {
    urn,
    level: 'asset',
    platform,
    kind: platform === 'kafka' ? 'topic' : platform === 'mongodb' ? 'collection' : 'table',
    source: 's',
    label: urn.split('/').pop()!,
    catalogued: true,
    fieldCount: 2,
    ...over,
  }
  return node
}

function field(assetUrn: string, path: string, platform: LineageNode['platform']): LineageNode {
  return {
    urn: `${assetUrn}#${path}`,
    level: 'field',
    platform,
    kind: 'table',
    source: 's',
    assetUrn,
    label: path,
    path,
    catalogued: true,
  }
}

function edge(id: string, from: string, to: string, via: LineageEdge['via']): LineageEdge {
  return {
    id,
    level: from.includes('#') ? 'field' : 'asset',
    from,
    to,
    via,
    origin: {
      kind: 'extracted',
      connectorUrn: via.urn ?? '',
      connector: via.name,
      connectorClass: 'x.Y',
      configKeys: [],
    },
  }
}

const cdc = { kind: 'connector' as const, name: 'crm-cdc', urn: CDC }
const builder = { kind: 'process' as const, name: 'singleview-builder' }

const nodes = (els: ElementDefinition[]) => els.filter((e) => e.group === 'nodes')
const edges = (els: ElementDefinition[]) => els.filter((e) => e.group === 'edges')
const ids = (els: ElementDefinition[]) => els.map((e) => e.data.id)

describe('routeThroughConnectors: a connector sits on the path it implements', () => {
  it('draws an asset edge as source -> connector -> target, with the connector the graph has', () => {
    const graph: LineageGraph = {
      nodes: [
        asset(TABLE, 'postgres'),
        asset(TOPIC, 'kafka'),
        asset(CDC, 'kafka-connect', { kind: 'connector', fieldCount: 0 }),
      ],
      edges: [edge('a1', TABLE, TOPIC, cdc)],
      frontier: [],
    }
    const out = routeThroughConnectors(toCyElements(graph))
    const drawn = edges(out).map((e) => [e.data.source, e.data.target, e.data.edgeIds])
    expect(drawn).toEqual([
      [TABLE, CDC, ['a1']],
      [CDC, TOPIC, ['a1']],
    ])
    // Every node has an edge: no orphan connector.
    for (const node of nodes(out)) {
      expect(drawn.some(([s, t]) => s === node.data.id || t === node.data.id)).toBe(true)
    }
  })

  it('makes the connector node from the edge when the query did not return it', () => {
    const graph: LineageGraph = {
      nodes: [asset(TABLE, 'postgres'), asset(TOPIC, 'kafka')],
      edges: [edge('a1', TABLE, TOPIC, cdc)],
      frontier: [],
    }
    const out = routeThroughConnectors(toCyElements(graph))
    const connector = nodes(out).find((n) => n.data.id === CDC)
    expect(connector?.data).toMatchObject({ label: 'crm-cdc', kind: 'connector', synthetic: true })
    expect(edges(out)).toHaveLength(2)
  })

  it('labels asset edges of other processes with the process; leaves field edges alone', () => {
    const graph: LineageGraph = {
      focus: `${SV}#contact.email`,
      nodes: [
        asset(TOPIC, 'kafka'),
        asset(SV, 'mongodb'),
        field(TOPIC, 'after.Email', 'kafka'),
        field(SV, 'contact.email', 'mongodb'),
      ],
      edges: [
        edge('a2', TOPIC, SV, builder),
        edge('f1', `${TOPIC}#after.Email`, `${SV}#contact.email`, cdc),
      ],
      frontier: [],
    }
    const asAssets = routeThroughConnectors(
      toCyElements({
        ...graph,
        focus: undefined,
        nodes: graph.nodes.slice(0, 2),
        edges: [graph.edges[0]!],
      }),
    )
    expect(edges(asAssets)[0]!.data.label).toBe('singleview-builder')
    // Field level, the connector not in the graph: the field edge stays as it is, no node made.
    const asFields = routeThroughConnectors(toCyElements(graph, { expanded: new Set([TOPIC, SV]) }))
    expect(ids(nodes(asFields))).not.toContain(CDC)
    expect(edges(asFields).map((e) => e.data.id)).toEqual(['f1'])
  })
})

describe('displayElements renders the same elements as the same objects', () => {
  it('returns the very objects of the last render for what did not change (patchElements compares by identity first)', () => {
    const long = 'postgres://amper-pg/crm/dbo/CustomerContactPreferenceHistory'
    const graph: LineageGraph = {
      nodes: [asset(TOPIC, 'kafka'), asset(SV, 'mongodb'), asset(long, 'postgres')],
      edges: [edge('a2', TOPIC, SV, builder), edge('a3', long, TOPIC, builder)],
      frontier: [],
    }
    const engine = toCyElements(graph)
    const first = displayElements(engine)
    const again = displayElements(toCyElements(graph))
    expect(again).toHaveLength(first.length)
    again.forEach((el, i) => expect(el).toBe(first[i]))
    // The copies are what they were: the process as label, the end of a long name.
    expect(edges(again).map((e) => e.data.label)).toEqual([
      'singleview-builder',
      'singleview-builder',
    ])
    expect(nodes(again).find((n) => n.data.id === long)?.data).toMatchObject({
      label: '…rContactPreferenceHistory',
      fullLabel: 'CustomerContactPreferenceHistory',
    })
  })

  it('routes through a connector only when every lineage edge of an element goes through it', () => {
    const other = {
      kind: 'connector' as const,
      name: 'orders-cdc',
      urn: 'kafka-connect://connect/orders-cdc',
    }
    const graph: LineageGraph = {
      nodes: [
        asset(TABLE, 'postgres'),
        asset(TOPIC, 'kafka'),
        field(TABLE, 'Email', 'postgres'),
        field(TABLE, 'Phone', 'postgres'),
        field(TOPIC, 'after.Email', 'kafka'),
        field(TOPIC, 'after.Phone', 'kafka'),
      ],
      edges: [
        edge('f1', `${TABLE}#Email`, `${TOPIC}#after.Email`, cdc),
        edge('f2', `${TABLE}#Phone`, `${TOPIC}#after.Phone`, other),
      ],
      frontier: [],
    }
    // Both assets closed: the two field edges merge onto one drawn edge, of two connectors.
    const out = routeThroughConnectors(toCyElements(graph))
    expect(ids(nodes(out))).toEqual([TABLE, TOPIC])
    expect(edges(out).map((e) => [e.data.source, e.data.target])).toEqual([[TABLE, TOPIC]])
  })
})

describe('capFields: a wide opened asset stays readable', () => {
  const wide = (count: number): LineageGraph => {
    const fields = Array.from({ length: count }, (_, i) => field(TOPIC, `after.f${i}`, 'kafka'))
    return {
      nodes: [asset(TOPIC, 'kafka', { fieldCount: count }), asset(SV, 'mongodb'), ...fields],
      edges: [
        edge('e30', `${TOPIC}#after.f30`, SV, builder),
        edge('e31', `${TOPIC}#after.f31`, SV, builder),
      ],
      frontier: [],
    }
  }

  it('shows fields on a path first, folds the rest into "+N more fields" with their edges', () => {
    const graph = wide(40)
    const engine = toCyElements(graph, { expanded: new Set([TOPIC]) })
    const out = capFields(engine, { cap: 5, keep: new Set([`${TOPIC}#after.f7`]) })
    const children = nodes(out).filter((n) => n.data.parent === TOPIC)
    // Picked: the kept one (the selection), those on an edge, then the first; drawn in the
    // catalogue's order.
    expect(children.map((n) => n.data.id)).toEqual([
      `${TOPIC}#after.f0`,
      `${TOPIC}#after.f1`,
      `${TOPIC}#after.f7`,
      `${TOPIC}#after.f30`,
      `${TOPIC}#after.f31`,
      `more:${TOPIC}`,
    ])
    expect(children.at(-1)!.data.label).toBe('+35 more fields')
    expect(toggleTarget(`more:${TOPIC}`)).toEqual({ asset: TOPIC, showAll: true })
    // Edges of the fields shown still start at them.
    expect(
      edges(out)
        .map((e) => e.data.source)
        .sort(),
    ).toEqual([`${TOPIC}#after.f30`, `${TOPIC}#after.f31`])
  })

  it('attaches the edges of folded fields to the "+N more" node, merged per pair of ends', () => {
    const graph = wide(40)
    const engine = toCyElements(graph, { expanded: new Set([TOPIC]) })
    const out = capFields(engine, { cap: 1, keep: new Set([`${TOPIC}#after.f0`]) })
    const folded = edges(out)
    expect(folded).toHaveLength(1)
    expect(folded[0]!.data).toMatchObject({
      source: `more:${TOPIC}`,
      target: SV,
      label: '2 fields',
    })
    expect([...folded[0]!.data.edgeIds].sort()).toEqual(['e30', 'e31'])
  })

  it('keeps the connector of folded edges only when all of them go through it', () => {
    const other = { kind: 'connector' as const, name: 'orders-cdc', urn: 'kafka-connect://c/o' }
    const folded = (second: LineageEdge['via']) => {
      const graph = wide(40)
      graph.nodes.push(asset(CDC, 'kafka-connect', { kind: 'connector', fieldCount: 0 }))
      graph.edges = [
        edge('e30', `${TOPIC}#after.f30`, SV, cdc),
        edge('e31', `${TOPIC}#after.f31`, SV, second),
      ]
      const engine = toCyElements(graph, { expanded: new Set([TOPIC]) })
      const out = capFields(engine, { cap: 1, keep: new Set([`${TOPIC}#after.f0`]) })
      return { merged: edges(out)[0]!.data, routed: edges(routeThroughConnectors(out)) }
    }
    // One connector: the merged edge keeps it, and with the connector drawn it is routed.
    const same = folded(cdc)
    expect(same.merged.connector).toBe(CDC)
    expect(same.routed.map((e) => [e.data.source, e.data.target])).toContainEqual([TOPIC, CDC])
    // Two: none, and the edge is drawn as it is.
    const mixed = folded(other)
    expect(mixed.merged.connector).toBeUndefined()
    expect(mixed.routed.map((e) => e.data.id)).toEqual([mixed.merged.id])
  })

  it('shows every field with a "Show fewer fields" node when asked; small assets are untouched', () => {
    const graph = wide(40)
    const engine = toCyElements(graph, { expanded: new Set([TOPIC]) })
    const all = capFields(engine, { cap: 5, showAll: new Set([TOPIC]) })
    expect(nodes(all).filter((n) => n.data.parent === TOPIC)).toHaveLength(41)
    expect(ids(all)).toContain(`fewer:${TOPIC}`)
    expect(toggleTarget(`fewer:${TOPIC}`)).toEqual({ asset: TOPIC, showAll: false })
    // Nodes before edges, whatever order they came in.
    const shuffled = [
      ...engine.filter((e) => e.group === 'edges'),
      ...engine.filter((e) => e.group === 'nodes'),
    ]
    const sorted = capFields(shuffled, { cap: 5, showAll: new Set([TOPIC]) })
    expect(sorted.map((e) => e.group)).toEqual(all.map((e) => e.group))
    expect(sorted.findLastIndex((e) => e.group === 'nodes')).toBe(nodes(all).length - 1)
    const small = toCyElements(wide(4), { expanded: new Set([TOPIC]) })
    expect(capFields(small, { cap: 5 })).toEqual(small)
  })
})

describe('displayGraph: the drawing, and what the page needs to know of it', () => {
  /** The facts as passes of their own over the drawn elements would find them. */
  const factsOf = (drawn: ElementDefinition[]) => ({
    parents: [...parentIds(drawn)].sort(),
    folded: drawn.reduce(
      (sum, el) => sum + ((el.data as { hiddenCount?: number }).hiddenCount ?? 0),
      0,
    ),
    madeConnectors: drawn.some((el) => el.data.synthetic && el.data.kind === 'connector'),
  })
  const factsGiven = (shown: ReturnType<typeof displayGraph>) => ({
    parents: [...shown.parents].sort(),
    folded: shown.folded,
    madeConnectors: shown.madeConnectors,
  })

  it('gives the parents, folded fields and made connectors of what it draws', () => {
    const graph = {
      nodes: [
        asset(TABLE, 'postgres'),
        asset(TOPIC, 'kafka'),
        asset(SV, 'mongodb'),
        ...Array.from({ length: 30 }, (_, i) => field(TOPIC, `after.f${i}`, 'kafka')),
        field(TABLE, 'Email', 'postgres'),
      ],
      edges: [
        edge('a1', TABLE, TOPIC, cdc),
        edge('f1', `${TABLE}#Email`, `${TOPIC}#after.f3`, cdc),
        edge('e2', `${TOPIC}#after.f29`, SV, builder),
      ],
      frontier: [],
    } satisfies LineageGraph
    const cases = [
      { expanded: [TOPIC], showAll: [] },
      { expanded: [TOPIC], showAll: [TOPIC] },
      { expanded: [TOPIC, TABLE], showAll: [] },
      { expanded: [], showAll: [] },
    ]
    for (const { expanded, showAll } of cases) {
      const engine = toCyElements(graph, { expanded: new Set(expanded) })
      const shown = displayGraph(engine, { cap: 5, showAll: new Set(showAll) })
      expect(factsGiven(shown)).toEqual(factsOf(shown.elements))
      expect(shown.elements).toEqual(displayElements(engine, { cap: 5, showAll: new Set(showAll) }))
    }
    const closed = displayGraph(toCyElements(graph), {})
    expect(closed.madeConnectors).toBe(true)
    const folding = displayGraph(toCyElements(graph, { expanded: new Set([TOPIC]) }), { cap: 5 })
    expect(folding.folded).toBe(25)
    expect([...folding.parents]).toEqual([TOPIC])
  })

  it('gives the very same answer for the same elements and options, a new one when they change', () => {
    const graph = {
      nodes: [asset(TOPIC, 'kafka'), ...[0, 1, 2].map((i) => field(TOPIC, `f${i}`, 'kafka'))],
      edges: [],
      frontier: [],
    } satisfies LineageGraph
    const engine = toCyElements(graph, { expanded: new Set([TOPIC]) })
    const first = displayGraph(engine, { cap: 2 })
    expect(displayGraph(engine, { cap: 2 })).toBe(first)
    const all = displayGraph(engine, { cap: 2, showAll: new Set([TOPIC]) })
    expect(all).not.toBe(first)
    expect(all.folded).toBe(0)
  })
})

describe('labels keep their meaningful end', () => {
  it('cuts from the start, at a segment where it can', () => {
    expect(tailLabel('crm.dbo.Customer', 24)).toBe('crm.dbo.Customer')
    expect(tailLabel('crm.dbo.CustomerContactPreference', 26)).toBe('…CustomerContactPreference')
    expect(tailLabel('orders.sales.legacy_card_payments', 26)).toBe('…legacy_card_payments')
    expect(tailLabel('a.VeryLongFieldNameThatCannotFitAnywhere', 12)).toBe('…FitAnywhere')
    expect(tailLabel('after.Customer.Email.Primary', 22)).toBe('…Email.Primary')
  })

  it('keeps the full label for the tooltip and the collapsed fan-out count', () => {
    const long = 'mongodb://singleview/singleview/customer_contact_preferences_history'
    const graph: LineageGraph = {
      nodes: [asset(long, 'mongodb', { label: 'singleview.customer_contact_preferences_history' })],
      edges: [],
      frontier: [],
      collapsed: { [long]: 3 },
    }
    const [el] = displayElements(toCyElements(graph))
    expect(el!.data).toMatchObject({
      label: expect.stringMatching(/^….*history$/),
      fullLabel: 'singleview.customer_contact_preferences_history',
    })
    expect(el!.data.collapsedLabel).toMatch(/^….*history \+3$/)
  })
})

describe('a connector in the side panel', () => {
  const graph: LineageGraph = {
    nodes: [asset(TABLE, 'postgres'), asset(TOPIC, 'kafka')],
    edges: [
      edge('a1', TABLE, TOPIC, cdc),
      edge('f1', `${TABLE}#Email`, `${TOPIC}#after.Email`, cdc),
    ],
    frontier: [],
  }

  it('lists the asset edges it carries as its upstream and downstream', () => {
    const { upstream, downstream } = edgesOf(graph, CDC)
    expect(upstream.map((e) => e.id)).toEqual(['a1'])
    expect(downstream.map((e) => e.id)).toEqual(['a1'])
    expect(edgesOf(graph, TABLE).downstream.map((e) => e.id)).toEqual(['a1'])
  })

  it('is a node even when the query returned only its edges', () => {
    expect(graphNode(graph, CDC)).toMatchObject({ kind: 'connector', label: 'crm-cdc' })
    expect(graphNode(graph, 'kafka-connect://connect/nothing')).toBeUndefined()
  })
})

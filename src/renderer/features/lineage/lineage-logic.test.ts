import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import type {
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineagePath,
  LineageSuggestion,
} from '../../../shared/model/lineage'
import { cyIdOf, highlightPath, selectionOfEdge } from './cy-selection'
import { parentIds, withoutOverlay } from './graph-classes'
import { patchElements } from './graph-engine/patch-elements'
import { toCyElements } from './graph-engine/to-elements'
import {
  describeOrigin,
  exportFileName,
  fieldUrnOf,
  focusFromHash,
  hitUrn,
  labelFromUrn,
  legendGroups,
  legendPlatforms,
  lineageHref,
  mergeGraphs,
  nodeTitle,
  nodeTitles,
  pathHops,
  pathMembers,
  sortSuggestions,
  suggestionsInView,
  withFieldsKey,
} from './lineage-logic'

const TABLE = 'postgres://amper-pg/crm/dbo/Customer'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const SV = 'mongodb://singleview/singleview/customers'
const EMAIL = `${TABLE}#Email`
const AFTER_EMAIL = `${TOPIC}#after.Email`
const SV_EMAIL = `${SV}#contact.email`

function asset(urn: string, label: string, platform: LineageNode['platform']): LineageNode {
  return { urn, level: 'asset', platform, kind: 'table', source: 's', label, catalogued: true }
}

function field(assetUrn: string, path: string, platform: LineageNode['platform']): LineageNode {
  return {
    urn: fieldUrnOf(assetUrn, path),
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

function edge(id: string, from: string, to: string, declared = false): LineageEdge {
  return {
    id,
    level: 'field',
    from,
    to,
    via: {
      kind: declared ? 'process' : 'connector',
      name: declared ? 'singleview-builder' : 'crm-cdc',
    },
    origin: declared
      ? {
          kind: 'declared',
          file: 'catalog/lineage/singleview-builder.yaml',
          line: 12,
          process: 'singleview-builder',
        }
      : {
          kind: 'extracted',
          connectorUrn: 'kafka-connect://connect/crm-cdc',
          connector: 'crm-cdc',
          connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
          configKeys: ['topic.prefix', 'table.include.list'],
        },
    ...(declared
      ? { transform: { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] } }
      : {}),
  } as LineageEdge
}

const nodes = [
  asset(TABLE, 'crm.dbo.Customer', 'postgres'),
  asset(TOPIC, 'crm.dbo.Customer', 'kafka'),
  asset(SV, 'singleview.customers', 'mongodb'),
  field(TABLE, 'Email', 'postgres'),
  field(TOPIC, 'after.Email', 'kafka'),
  {
    ...field(SV, 'contact.email', 'mongodb'),
    personalData: { category: 'contact.email', by: 'lineage', reason: 'fed by Email' },
  },
] satisfies LineageNode[]
const cdc = edge('e1', EMAIL, AFTER_EMAIL)
const builder = edge('e2', AFTER_EMAIL, SV_EMAIL, true)

const focusGraph: LineageGraph = {
  focus: SV_EMAIL,
  nodes: [nodes[1]!, nodes[2]!, nodes[4]!, nodes[5]!],
  edges: [builder],
  frontier: [AFTER_EMAIL],
}

describe('lineage addresses', () => {
  it('round-trips a focus through the hash', () => {
    expect(focusFromHash(lineageHref(SV_EMAIL))).toBe(SV_EMAIL)
    expect(focusFromHash('#/lineage')).toBeUndefined()
    expect(focusFromHash('#/lineage?urn=')).toBeUndefined()
  })

  it('takes the field URN of a field hit and the asset URN otherwise', () => {
    expect(hitUrn({ assetUrn: SV, fieldPath: 'contact.email' })).toBe(SV_EMAIL)
    expect(hitUrn({ assetUrn: SV })).toBe(SV)
    expect(fieldUrnOf(SV, 'addresses[].postcode')).toBe(`${SV}#addresses[].postcode`)
  })

  it('labels URNs it has no node for', () => {
    expect(labelFromUrn(EMAIL)).toBe('crm.dbo.Customer › Email')
    expect(labelFromUrn('kafka://events/crm.dbo.Customer')).toBe('crm.dbo.Customer')
  })
})

describe('mergeGraphs', () => {
  it('adds an expansion and takes its focus off the frontier', () => {
    const expansion: LineageGraph = {
      focus: AFTER_EMAIL,
      nodes: [nodes[0]!, nodes[1]!, nodes[3]!, nodes[4]!],
      edges: [cdc],
      frontier: [EMAIL],
    }
    const merged = mergeGraphs(focusGraph, [expansion])
    expect(merged.focus).toBe(SV_EMAIL)
    expect(merged.nodes.map((n) => n.urn).sort()).toEqual(nodes.map((n) => n.urn).sort())
    expect(merged.edges.map((e) => e.id).sort()).toEqual(['e1', 'e2'])
    expect(merged.frontier).toEqual([EMAIL])
  })

  it('returns the base itself when nothing was expanded', () => {
    expect(mergeGraphs(focusGraph, [])).toBe(focusGraph)
  })

  it('keys opened assets by those that have fields to draw', () => {
    // TABLE is not in the focus graph, SV and TOPIC are, with a field each.
    expect(withFieldsKey(focusGraph, [SV, TABLE, TOPIC])).toBe(`${SV}\n${TOPIC}`)
    // Opening an asset whose fields have not come yet changes nothing drawn: the same key.
    expect(withFieldsKey(focusGraph, [SV, TABLE])).toBe(withFieldsKey(focusGraph, [SV]))
    const withTable = mergeGraphs(focusGraph, [
      { focus: TABLE, nodes: [nodes[0]!, nodes[3]!], edges: [cdc], frontier: [] },
    ])
    expect(withFieldsKey(withTable, [SV, TABLE])).toBe(`${SV}\n${TABLE}`)
    expect(withFieldsKey(undefined, [SV])).toBe('')
  })
})

describe('paths', () => {
  const path: LineagePath = {
    from: EMAIL,
    to: SV_EMAIL,
    paths: [['e1', 'e2']],
    graph: { nodes, edges: [builder, cdc], frontier: [] },
  }

  it('lists the hops in order and the members for the highlight', () => {
    expect(pathHops(path).map((e) => e.id)).toEqual(['e1', 'e2'])
    const members = pathMembers(path)
    expect([...members.edges]).toEqual(['e1', 'e2'])
    expect([...members.nodes].sort()).toEqual([AFTER_EMAIL, EMAIL, SV_EMAIL].sort())
    expect(pathMembers(undefined).edges.size).toBe(0)
  })
})

describe('describeOrigin', () => {
  it('names the connector and its keys, or the file and line', () => {
    expect(describeOrigin(cdc.origin)).toBe(
      'Extracted from connector crm-cdc (PostgresConnector): topic.prefix, table.include.list',
    )
    expect(describeOrigin(builder.origin)).toBe(
      'Declared by singleview-builder in catalog/lineage/singleview-builder.yaml:12',
    )
  })
})

describe('suggestions', () => {
  const suggestion = (id: string, over: Partial<LineageSuggestion>): LineageSuggestion => ({
    id,
    from: EMAIL,
    to: SV_EMAIL,
    transform: { type: 'lower-case' },
    score: 0.5,
    evidence: {
      containment: 1,
      jaccard: 0.9,
      normalisation: 'lower-case',
      nameSimilarity: 0.6,
      typeCompatible: true,
      fromDistinct: 100,
      toDistinct: 98,
    },
    status: 'open',
    ...over,
  })

  it('keeps the open ones touching the view, best first', () => {
    const all = [
      suggestion('a', { score: 0.4 }),
      suggestion('b', { score: 0.9 }),
      suggestion('c', { status: 'rejected', decidedAt: '2026-01-01T00:00:00Z' }),
      suggestion('d', { from: 'x://y/z#a', to: 'x://y/z#b' }),
    ]
    expect(suggestionsInView(all, focusGraph).map((s) => s.id)).toEqual(['a', 'b'])
    expect(sortSuggestions(all).map((s) => s.id)).toEqual(['b', 'd', 'a', 'c'])
  })
})

describe('display', () => {
  it('titles fields with their asset and counts the overlay groups', () => {
    const assets = new Map(nodes.map((n) => [n.urn, n]))
    expect(nodeTitle(nodes[5]!, assets)).toBe('singleview.customers › contact.email')
    expect(legendGroups(focusGraph)).toEqual([['contact', 1]])
    // Nodes drawn without the overlay (opened assets) are not counted.
    expect(legendGroups(focusGraph, new Set([SV_EMAIL]))).toEqual([])
  })

  it('looks titles up by URN as nodeTitle makes them, and knows nothing of other URNs', () => {
    const assets = new Map(nodes.map((n) => [n.urn, n]))
    const titles = nodeTitles(focusGraph)
    for (const node of focusGraph.nodes) {
      expect(titles.get(node.urn)).toBe(nodeTitle(node, assets))
      expect(titles.get(node.urn)).toBe(nodeTitle(node, assets))
    }
    expect(titles.get('x://y/z#nowhere')).toBeUndefined()
    expect(nodeTitles(undefined).get(SV_EMAIL)).toBeUndefined()
  })

  it('lists the platforms on screen in the order data flows, with their colours', () => {
    expect(legendPlatforms({ nodes, edges: [], frontier: [] }).map((p) => p.label)).toEqual([
      'PostgreSQL',
      'Kafka topic',
      'MongoDB',
    ])
    expect(legendPlatforms(undefined)).toEqual([])
  })

  it('names export files after the focus and the day', () => {
    const day = new Date('2026-11-26T12:00:00Z')
    expect(exportFileName('openlineage', day, SV_EMAIL)).toBe(
      'lineage-singleview-customers-contact-email-2026-11-26.openlineage.json',
    )
    expect(exportFileName('png', day)).toBe('lineage-2026-11-26.png')
  })
})

describe('the drawn graph', () => {
  const graph: LineageGraph = { focus: SV_EMAIL, nodes, edges: [cdc, builder], frontier: [] }
  const elements = toCyElements(graph, { expanded: new Set([TABLE, TOPIC, SV]) })

  it('drops the overlay classes only when the overlay is off', () => {
    const plain = withoutOverlay(elements)
    const classesOf = (list: typeof elements) =>
      list.flatMap((e) => (Array.isArray(e.classes) ? e.classes : [e.classes ?? '']))
    expect(classesOf(elements).some((c) => c.startsWith('pd-'))).toBe(true)
    expect(classesOf(plain).some((c) => c.startsWith('pd-') || c === 'personal')).toBe(false)
  })

  it('gives the same copies each time, and the elements themselves where nothing is dropped', () => {
    const plain = withoutOverlay(elements)
    const again = withoutOverlay(elements)
    expect(again).not.toBe(plain)
    again.forEach((element, i) => expect(element).toBe(plain[i]))
    // The engine's definitions are left as they were.
    expect(elements.some((e) => (e.classes as string[]).includes('personal'))).toBe(true)
    const personal = new Set(
      elements.filter((e) => (e.classes as string[]).includes('personal')).map((e) => e.data.id!),
    )
    plain.forEach((element, i) => {
      if (!personal.has(element.data.id!)) expect(element).toBe(elements[i])
    })
    // With `only`, the others are the engine's own.
    const [first] = personal
    const some = withoutOverlay(elements, new Set([first!]))
    some.forEach((element, i) => {
      if (element.data.id === first) expect(element).toBe(plain[i])
      else expect(element).toBe(elements[i])
    })
  })

  it('lays the graph out again only when a patch changes the nodes or their parents', () => {
    const cy = cytoscape({ headless: true, styleEnabled: false })
    expect(patchElements(cy, elements).nodesChanged).toBe(true)
    const nodesOnly = elements.filter((e) => e.group === 'nodes')
    const edgesOnly = elements.filter((e) => e.group !== 'nodes')
    // The overlay, other classes and labels, edges in another order or one edge less: no layout.
    expect(patchElements(cy, withoutOverlay(elements)).nodesChanged).toBe(false)
    const relabelled = nodesOnly.map((e) => ({
      ...e,
      classes: ['x'],
      data: { ...e.data, label: 'y' },
    }))
    expect(patchElements(cy, [...relabelled, ...[...edgesOnly].reverse()]).nodesChanged).toBe(false)
    expect(patchElements(cy, [...nodesOnly, ...edgesOnly.slice(1)]).nodesChanged).toBe(false)
    expect(patchElements(cy, elements).nodesChanged).toBe(false)
    // One node more, one less, or a node under another parent: a layout.
    const extra = { group: 'nodes' as const, data: { id: 'urn:extra' } }
    expect(patchElements(cy, [...elements, extra]).nodesChanged).toBe(true)
    expect(patchElements(cy, elements).nodesChanged).toBe(true)
    const child = nodesOnly.find((e) => e.data.parent === TABLE)!
    const moved = elements.map((e) => (e === child ? { ...e, data: { ...e.data, parent: SV } } : e))
    expect(patchElements(cy, moved).nodesChanged).toBe(true)
    expect(cy.getElementById(child.data.id!).data('parent')).toBe(SV)
    cy.destroy()
  })

  it('leaves the overlay off opened assets only, whose fields carry it', () => {
    const assetPd = {
      ...graph,
      nodes: graph.nodes.map((node) =>
        node.urn === SV
          ? {
              ...node,
              personalData: {
                category: 'contact.email' as const,
                by: 'lineage' as const,
                reason: 'r',
              },
            }
          : node,
      ),
    }
    const drawn = toCyElements(assetPd, { expanded: new Set([SV]) })
    const parents = parentIds(drawn)
    expect([...parents].sort()).toEqual([SV])
    const classesOf = (list: typeof drawn, id: string) => {
      const classes = list.find((e) => e.data.id === id)?.classes ?? []
      return Array.isArray(classes) ? classes : classes.split(' ')
    }
    expect(classesOf(drawn, SV)).toContain('personal')
    const shown = withoutOverlay(drawn, parents)
    expect(classesOf(shown, SV)).not.toContain('personal')
    expect(classesOf(shown, SV_EMAIL)).toContain('personal')
    // Collapsed, the asset keeps it: it is all the overlay there is.
    const collapsed = toCyElements({ ...assetPd, focus: undefined }, {})
    expect(parentIds(collapsed).size).toBe(0)
    expect(classesOf(withoutOverlay(collapsed, parentIds(collapsed)), SV)).toContain('personal')
  })

  it('maps selections to drawn elements and back, and finds the path to highlight', () => {
    const cy = cytoscape({ headless: true, elements })
    const drawn = cy.getElementById('e2')
    expect(selectionOfEdge(drawn.data())).toEqual({ kind: 'edge', id: 'e2' })
    expect(cyIdOf(cy, { kind: 'edge', id: 'e1' })).toBe('e1')
    expect(cyIdOf(cy, { kind: 'node', urn: 'nowhere://x' })).toBeUndefined()
    highlightPath(cy, new Set(['e2']))
    expect(cy.$('edge.path').map((e) => e.id())).toEqual(['e2'])
    expect(
      cy
        .$('node.path')
        .map((e) => e.id())
        .sort(),
    ).toEqual([AFTER_EMAIL, SV_EMAIL].sort())
    const lit = cy
      .elements()
      .not('.dimmed')
      .map((e) => e.id())
    expect(lit.sort()).toEqual(['e2', AFTER_EMAIL, SV_EMAIL, TOPIC, SV].sort())
    highlightPath(cy, new Set())
    expect(cy.$('.dimmed').length).toBe(0)
    // Only the elements whose classes change are restyled: cytoscape's removeClass alone would
    // count all of them, on every render that changes the elements (issue 6, the app's expand).
    let restyled = 0
    cy.on('class', () => restyled++)
    highlightPath(cy, new Set())
    expect(restyled).toBe(0)
    highlightPath(cy, new Set(['e2']))
    // The path's 3 elements and the 3 dimmed; the ends' assets stay as they were.
    const changed = cy.$('.path, .dimmed').length
    expect(changed).toBe(6)
    expect(restyled).toBe(changed)
    restyled = 0
    highlightPath(cy, new Set(['e2']))
    expect(restyled).toBe(0)
    highlightPath(cy, new Set())
    expect(restyled).toBe(changed)
    expect(cy.$('.path, .dimmed').length).toBe(0)

    // Collapsed assets: the field edges are drawn merged, and select as all their members.
    const collapsed = cytoscape({
      headless: true,
      elements: toCyElements({ ...graph, focus: undefined }, {}),
    })
    const merged = collapsed.edges().filter((e) => (e.data('edgeIds') as string[]).includes('e1'))
    expect(merged.length).toBe(1)
    const id = cyIdOf(collapsed, { kind: 'edge', id: 'e1' })
    expect(id).toBe(merged.first().id())
    const selection = selectionOfEdge(merged.first().data())
    expect(selection.kind).toBe('edge')
    cy.destroy()
    collapsed.destroy()
  })
})

import { describe, expect, it } from 'vitest'
import type { ElementDefinition } from 'cytoscape'
import { toCyElements, type LineageEdgeData, type LineageNodeData } from './to-elements'
import { COLL, TABLE, TOPIC, edge, node, smallGraph } from './test-graph'
import type { LineageSuggestion } from '../../../../shared/model/lineage'

const ids = (els: ElementDefinition[]) => els.map((e) => e.data.id)
const byId = (els: ElementDefinition[], id: string) => els.find((e) => e.data.id === id)!
const cls = (el: ElementDefinition) => el.classes as string[]

describe('toCyElements', () => {
  it('draws only assets and asset edges when nothing is expanded', () => {
    const els = toCyElements(smallGraph())
    expect(ids(els)).toEqual([TABLE, TOPIC, COLL, 'a1', 'a2'])
    expect(cls(byId(els, TABLE))).toEqual(
      expect.arrayContaining(['asset', 'platform-postgres', 'expandable']),
    )
    expect(cls(byId(els, COLL))).toContain('frontier')
    const a2 = byId(els, 'a2').data as LineageEdgeData
    expect(a2.originKind).toBe('declared')
    expect(a2.origin).toMatchObject({ kind: 'declared', line: 12 })
    expect(cls(byId(els, 'a2'))).toEqual(['declared'])
  })

  it('puts the fields of an expanded asset inside it and redraws their edges to collapsed neighbours', () => {
    const els = toCyElements(smallGraph(), { expanded: new Set([TOPIC]) })
    const email = byId(els, `${TOPIC}#after.Email`).data as LineageNodeData
    expect(email.parent).toBe(TOPIC)
    expect(cls(byId(els, TOPIC))).toContain('expanded')
    expect(cls(byId(els, TOPIC))).not.toContain('expandable')
    // Parents before children, nodes before edges.
    const order = ids(els)
    expect(order.indexOf(TOPIC)).toBeLessThan(order.indexOf(`${TOPIC}#after.Email`))
    const lastNode = Math.max(...els.map((e, i) => (e.group === 'nodes' ? i : -1)))
    const firstEdge = els.findIndex((e) => e.group === 'edges')
    expect(lastNode).toBeLessThan(firstEdge)
    // Table side collapsed: one field edge per topic field, from the table node.
    const fromTable = els.filter((e) => e.data.source === TABLE)
    expect(fromTable.map((e) => e.data.target).sort()).toEqual(
      [`${TOPIC}#after.CustomerId`, `${TOPIC}#after.Email`].sort(),
    )
    // The detailed pairs replace the asset edges a1 and a2.
    expect(ids(els)).not.toContain('a1')
    expect(ids(els)).not.toContain('a2')
    const toColl = els.filter((e) => e.data.target === COLL)
    expect(toColl).toHaveLength(2)
    const emailEdge = toColl.find((e) => e.data.source === `${TOPIC}#after.Email`)!
    expect((emailEdge.data as LineageEdgeData).label).toBe('trim → lower-case')
    expect((emailEdge.data as LineageEdgeData).edgeIds).toEqual(['f3'])
  })

  it('merges several field edges that land on the same pair of visible ends', () => {
    const g = smallGraph()
    g.edges = g.edges.filter((e) => e.level === 'field') // no asset edges to fall back on
    const els = toCyElements(g)
    const merged = els.filter((e) => e.data.id!.startsWith('agg:'))
    expect(merged.map((e) => [e.data.source, e.data.target])).toEqual([
      [TABLE, TOPIC],
      [TOPIC, COLL],
    ])
    const d = merged[0]!.data as LineageEdgeData
    expect(d.edgeIds.sort()).toEqual(['f1', 'f2'])
    expect(d.label).toBe('2 fields')
    expect(d.origin).toBeUndefined()
    expect(cls(merged[0]!)).toContain('merged')
  })

  it('draws field edges directly when both assets are expanded, with overlay classes', () => {
    const els = toCyElements(smallGraph(), { expanded: new Set([TABLE, TOPIC, COLL]) })
    expect(
      ids(els)
        .filter((id) => /^f\d$/.test(id!))
        .sort(),
    ).toEqual(['f1', 'f2', 'f3', 'f4'])
    const src = byId(els, `${TABLE}#Email`)
    expect(cls(src)).toEqual(
      expect.arrayContaining(['field', 'personal', 'pd-contact-email', 'pd-group-contact']),
    )
    expect(cls(byId(els, `${COLL}#contact.email`))).toContain('pd-by-lineage')
    expect((src.data as LineageNodeData).pdReason).toBe('values')
    expect((byId(els, 'f4').data as LineageEdgeData).label).toBe('prefix-pad C/8')
  })

  it('groups fields whose asset is not in the graph under a synthetic asset, and expands the focus asset', () => {
    const g = smallGraph()
    g.nodes = g.nodes.filter((n) => n.level === 'field' || n.urn === COLL)
    g.edges = g.edges.filter((e) => e.level === 'field')
    g.focus = `${COLL}#contact.email`
    const els = toCyElements(g)
    const table = byId(els, TABLE)
    expect((table.data as LineageNodeData).synthetic).toBe(true)
    expect((table.data as LineageNodeData).label).toBe('crm.dbo.Customer')
    expect((byId(els, `${TABLE}#Email`).data as LineageNodeData).parent).toBe(TABLE)
    expect((byId(els, `${COLL}#contact.email`).data as LineageNodeData).parent).toBe(COLL)
    expect(cls(byId(els, `${COLL}#contact.email`))).toContain('focus')
    expect(ids(els)).toContain('f3')
  })

  it('draws open suggestions dashed, redrawn to collapsed assets, and skips decided ones', () => {
    const suggestion = (id: string, status: LineageSuggestion['status']): LineageSuggestion => ({
      id,
      from: `${TABLE}#Email`,
      to: `${COLL}#contact.email`,
      transform: { type: 'lower-case' },
      score: 0.93,
      evidence: {
        containment: 0.98,
        jaccard: 0.9,
        normalisation: 'lower-case',
        nameSimilarity: 0.5,
        typeCompatible: true,
        fromDistinct: 10,
        toDistinct: 10,
      },
      status,
    })
    const els = toCyElements(smallGraph(), {
      suggestions: [suggestion('s1', 'open'), suggestion('s2', 'rejected')],
      expanded: new Set([COLL]),
    })
    const s = byId(els, 'suggestion:s1')
    expect(s.data.source).toBe(TABLE)
    expect(s.data.target).toBe(`${COLL}#contact.email`)
    expect((s.data as LineageEdgeData).label).toBe('lower-case · 93%')
    expect(cls(s)).toEqual(['suggestion'])
    expect(ids(els)).not.toContain('suggestion:s2')
  })

  it('marks collapsed fan-outs, uncatalogued nodes, failed connectors and dynamic edges', () => {
    const g = smallGraph()
    g.collapsed = { [TOPIC]: 40 }
    g.nodes.push(node('mongodb://singleview/other/x', { catalogued: false }))
    g.nodes.push(node('kafka://events/t2', { state: 'FAILED' }))
    g.edges.push(
      edge('d1', TOPIC, 'mongodb://singleview/other/x', {
        origin: {
          kind: 'extracted',
          connectorUrn: 'c',
          connector: 'sink',
          connectorClass: 'MongoSinkConnector',
          configKeys: ['topics.regex'],
          dynamic: true,
        },
      }),
    )
    const els = toCyElements(g)
    const topic = byId(els, TOPIC)
    expect(cls(topic)).toContain('collapsed')
    expect((topic.data as LineageNodeData).collapsedLabel).toBe('crm.dbo.Customer +40')
    expect(cls(byId(els, 'mongodb://singleview/other/x'))).toContain('uncatalogued')
    expect(cls(byId(els, 'kafka://events/t2'))).toContain('state-failed')
    expect(cls(byId(els, 'd1'))).toEqual(['extracted', 'dynamic'])
  })

  it('returns the same definitions for the same graph objects, and new ones where they changed', () => {
    const graph = smallGraph()
    const first = toCyElements(graph)
    const again = toCyElements({ ...graph, nodes: [...graph.nodes], edges: [...graph.edges] })
    expect(again).toEqual(first)
    again.forEach((def, i) => expect(def).toBe(first[i]))
    // Expanding the topic: its own definition changes (classes), the table's does not.
    const expanded = toCyElements(graph, { expanded: new Set([TOPIC]) })
    expect(byId(expanded, TOPIC)).not.toBe(byId(first, TOPIC))
    expect(byId(expanded, TABLE)).toBe(byId(first, TABLE))
    expect(byId(toCyElements(graph), TOPIC)).toEqual(byId(first, TOPIC))
  })
})

import { describe, expect, it } from 'vitest'
import cytoscape from 'cytoscape'
import { patchElements } from './patch-elements'
import { toCyElements } from './to-elements'
import { COLL, TABLE, TOPIC, smallGraph } from './test-graph'
import { highlightElements } from './highlight'

function headless() {
  return cytoscape({ headless: true, styleEnabled: false })
}

describe('patchElements', () => {
  it('adds everything into an empty graph in one batch', () => {
    const cy = headless()
    let batches = 0
    cy.on('add', () => batches++)
    const els = toCyElements(smallGraph())
    const result = patchElements(cy, els)
    expect(result.added.sort()).toEqual(els.map((e) => e.data.id!).sort())
    expect(result.removed).toEqual([])
    expect(cy.elements().length).toBe(els.length)
    expect(cy.getElementById('a1').data('edgeIds')).toEqual(['a1'])
  })

  it('is a no-op when nothing changed', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph()))
    const result = patchElements(cy, toCyElements(smallGraph()))
    expect(result).toEqual({
      added: [],
      removed: [],
      updated: [],
      placed: [],
      nodesChanged: false,
      nodesBefore: cy.nodes().length,
    })
  })

  it('expands an asset: adds its fields as children in a column where it was, keeps everything else', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph()))
    cy.getElementById(TOPIC).position({ x: 500, y: 100 })
    cy.getElementById(TABLE).position({ x: 100, y: 100 })
    const table = cy.getElementById(TABLE)
    const result = patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    expect(result.added).toEqual(
      expect.arrayContaining([`${TOPIC}#after.Email`, `${TOPIC}#after.CustomerId`]),
    )
    expect(result.removed.sort()).toEqual(['a1', 'a2'])
    expect(result.placed.sort()).toEqual([`${TOPIC}#after.CustomerId`, `${TOPIC}#after.Email`])
    const child = cy.getElementById(`${TOPIC}#after.Email`)
    expect(child.parent().first().id()).toBe(TOPIC)
    expect(child.position('x')).toBe(500)
    // Same element object: untouched nodes keep their identity and position.
    expect(cy.getElementById(TABLE).same(table)).toBe(true)
    expect(cy.getElementById(TABLE).position()).toEqual({ x: 100, y: 100 })
    expect(cy.getElementById(TOPIC).hasClass('expanded')).toBe(true)
    expect(cy.getElementById(TOPIC).hasClass('expandable')).toBe(false)
    expect(result.updated).toContain(TOPIC)
  })

  it('collapses again: removes the children and restores the asset edges', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    const result = patchElements(cy, toCyElements(smallGraph()))
    expect(
      cy
        .nodes()
        .map((n) => n.id())
        .sort(),
    ).toEqual([COLL, TABLE, TOPIC].sort())
    expect(result.added.sort()).toEqual(['a1', 'a2'])
    expect(cy.getElementById(TOPIC).isParent()).toBe(false)
  })

  it('moves a child whose parent is removed instead of losing it, and drops removed data keys', () => {
    const cy = headless()
    const g = smallGraph()
    g.nodes = g.nodes.filter((n) => n.level === 'field')
    g.edges = g.edges.filter((e) => e.level === 'field')
    patchElements(cy, toCyElements(g)) // synthetic parents around the fields
    expect(cy.getElementById(`${TABLE}#Email`).parent().first().id()).toBe(TABLE)
    const standalone = g.nodes.map((n) => ({ ...n, assetUrn: undefined }))
    const result = patchElements(cy, toCyElements({ ...g, nodes: standalone }))
    const email = cy.getElementById(`${TABLE}#Email`)
    expect(email.nonempty()).toBe(true)
    expect(email.parent().empty()).toBe(true)
    expect(email.data('assetUrn')).toBeUndefined()
    expect(result.removed).toEqual(expect.arrayContaining([TABLE, TOPIC, COLL]))
    expect(cy.edges().length).toBe(4)
  })

  it('removes only something, after adding: cytoscape then searches no compound parent through every element', () => {
    // cytoscape's remove looks for a compound parent from the first element on: with none
    // yet, through all of them.
    const cy = headless()
    const n = 2000
    const line = (k: number) => ({
      group: 'edges' as const,
      data: { id: `e${k}`, source: `n${k}`, target: `n${k + 1}` },
    })
    const nodes = Array.from({ length: n }, (_, k) => ({
      group: 'nodes' as const,
      data: { id: `n${k}` },
    }))
    const edges = Array.from({ length: n - 1 }, (_, k) => line(k))
    patchElements(cy, [...nodes, ...edges])
    const proto = Object.getPrototypeOf(cy.getElementById('n0')) as { isParent(): boolean }
    const isParent = proto.isParent
    let calls = 0
    proto.isParent = function counted(this: unknown) {
      calls++
      return isParent.call(this)
    }
    try {
      // Nothing to remove: no search at all.
      patchElements(cy, [...nodes, ...edges])
      expect(calls).toBe(0)
      // n10 opens to a field; the edge from it goes (its field edge would replace it).
      const field = { group: 'nodes' as const, data: { id: 'n10#f', parent: 'n10' } }
      const result = patchElements(cy, [
        ...nodes,
        field,
        ...edges.filter((e) => e.data.id !== 'e10'),
      ])
      expect(result.removed).toEqual(['e10'])
      expect(cy.getElementById('n10').isParent()).toBe(true)
    } finally {
      proto.isParent = isParent
    }
    expect(calls).toBeLessThan(n / 10)
  })

  it('keeps run-time highlight classes across a patch', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph()))
    highlightElements(cy, ['a1', TABLE, TOPIC])
    expect(cy.getElementById(COLL).hasClass('dimmed')).toBe(true)
    const g = smallGraph()
    g.frontier = [] // COLL loses 'frontier'
    const result = patchElements(cy, toCyElements(g))
    expect(result.updated).toEqual([COLL])
    expect(cy.getElementById(COLL).hasClass('frontier')).toBe(false)
    expect(cy.getElementById(COLL).hasClass('dimmed')).toBe(true)
    expect(cy.getElementById('a1').hasClass('path')).toBe(true)
    highlightElements(cy, null)
    expect(cy.elements('.path, .dimmed').length).toBe(0)
  })

  it('restyles only the elements whose highlight classes change', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph()))
    let restyled = 0
    cy.on('class', () => restyled++)
    highlightElements(cy, null)
    expect(restyled).toBe(0)
    highlightElements(cy, ['a1', TABLE, TOPIC])
    expect(restyled).toBe(cy.elements().length)
    restyled = 0
    highlightElements(cy, ['a1', TABLE, TOPIC])
    expect(restyled).toBe(0)
    // The path moves to one element: it and the three it leaves change, no other.
    highlightElements(cy, [TABLE])
    expect(restyled).toBe(4)
  })

  it('moves a suggestion edge whose visible end changed', () => {
    const cy = headless()
    const suggestion = {
      id: 's1',
      from: `${TABLE}#Email`,
      to: `${COLL}#contact.email`,
      transform: { type: 'lower-case' as const },
      score: 0.9,
      evidence: {
        containment: 1,
        jaccard: 1,
        normalisation: 'lower-case',
        nameSimilarity: 1,
        typeCompatible: true,
        fromDistinct: 1,
        toDistinct: 1,
      },
      status: 'open' as const,
    }
    patchElements(cy, toCyElements(smallGraph(), { suggestions: [suggestion] }))
    expect(cy.getElementById('suggestion:s1').target().id()).toBe(COLL)
    patchElements(
      cy,
      toCyElements(smallGraph(), { suggestions: [suggestion], expanded: new Set([COLL]) }),
    )
    const moved = cy.getElementById('suggestion:s1')
    expect(moved.source().id()).toBe(TABLE)
    expect(moved.target().id()).toBe(`${COLL}#contact.email`)
  })

  it('places a new node beside its placed neighbour', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph()))
    cy.getElementById(COLL).position({ x: 900, y: 40 })
    const g = smallGraph()
    g.nodes.push({ ...g.nodes[6]!, urn: 'mongodb://singleview/singleview/audit', label: 'audit' })
    g.edges.push({
      ...g.edges[1]!,
      id: 'a3',
      from: COLL,
      to: 'mongodb://singleview/singleview/audit',
    })
    const result = patchElements(cy, toCyElements(g))
    expect(result.placed).toEqual(['mongodb://singleview/singleview/audit'])
    expect(cy.getElementById('mongodb://singleview/singleview/audit').position()).toEqual({
      x: 1120,
      y: 40,
    })
  })
})

describe('patchElements against its previous patch', () => {
  it('diffs against what it applied last, and falls back to the full diff when cy changed', () => {
    const cy = headless()
    patchElements(cy, toCyElements(smallGraph()))
    // A change made behind its back (an element added directly): the full diff removes it.
    cy.add({ group: 'nodes', data: { id: 'stray' } })
    const strayBefore = cy.nodes().length
    const result = patchElements(cy, toCyElements(smallGraph()))
    expect(result.removed).toEqual(['stray'])
    expect(result.nodesBefore).toBe(strayBefore)
    // The same definitions again: nothing touched.
    expect(patchElements(cy, toCyElements(smallGraph()))).toEqual({
      added: [],
      removed: [],
      updated: [],
      placed: [],
      nodesChanged: false,
      nodesBefore: cy.nodes().length,
    })
    // Expanded then collapsed through the fast path: the same as the full diff gives.
    const closedNodes = cy.nodes().length
    const expanded = patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    expect(expanded.updated).toContain(TOPIC)
    expect(expanded.nodesChanged).toBe(true)
    expect(expanded.nodesBefore).toBe(closedNodes)
    expect(cy.getElementById(TOPIC).children().length).toBeGreaterThan(0)
    const openNodes = cy.nodes().length
    const collapsed = patchElements(cy, toCyElements(smallGraph()))
    expect(collapsed.nodesChanged).toBe(true)
    expect(collapsed.nodesBefore).toBe(openNodes)
    expect(cy.getElementById(TOPIC).children().length).toBe(0)
    expect(cy.elements().length).toBe(toCyElements(smallGraph()).length)
  })

  /** What cy holds, as comparable text: ids, data, classes and parents, sorted. */
  function holding(cy: cytoscape.Core): string[] {
    return cy
      .elements()
      .map((ele) => `${ele.id()} ${JSON.stringify(ele.data())} ${[...ele.classes()].sort()}`)
      .sort()
  }

  it('brings cy to the same state as a fresh full diff, over a random run of patches', () => {
    // Graphs that share node and edge objects from patch to patch, as the page's renders do:
    // each step drops some elements, brings back others, and rebuilds some as new objects.
    const graph = smallGraph()
    const assets = graph.nodes.filter((n) => n.level === 'asset').map((n) => n.urn)
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const fast = headless()
    for (let step = 0; step < 60; step++) {
      const expanded = new Set(assets.filter(() => random() < 0.4))
      const nodes = graph.nodes
        .filter((n) => n.level === 'asset' || random() < 0.8)
        .map((n) => (random() < 0.2 ? { ...n } : n))
      const urns = new Set(nodes.map((n) => n.urn))
      const edges = graph.edges.filter((e) => urns.has(e.from) && urns.has(e.to) && random() < 0.9)
      const next = toCyElements({ ...graph, nodes, edges }, { expanded })
      patchElements(fast, next)
      const full = headless()
      patchElements(full, next)
      expect(holding(fast), `step ${step}`).toEqual(holding(full))
    }
  })

  it('forgets its record when a patch throws: the next patch diffs in full', () => {
    const cy = headless()
    const base = toCyElements(smallGraph())
    patchElements(cy, base)
    const node = { group: 'nodes' as const, data: { id: 'new' } }
    // cytoscape refuses an edge to a node it does not have: the add throws half-way.
    const dangling = {
      group: 'edges' as const,
      data: { id: 'dangling', source: 'nowhere', target: TABLE },
    }
    expect(() => patchElements(cy, [...base, node, dangling])).toThrow(/nowhere|source/i)
    // The batch was closed all the same (cytoscape would draw no frame again otherwise).
    expect((cy as unknown as { batching(): boolean }).batching()).toBe(false)
    // Whatever the failed add left behind goes: cy holds exactly `base` again.
    patchElements(cy, base)
    expect(
      cy
        .elements()
        .map((ele) => ele.id())
        .sort(),
    ).toEqual(base.map((d) => d.data.id!).sort())
  })

  it('removes an element even when `next` names another one twice', () => {
    const cy = headless()
    const base = toCyElements(smallGraph())
    patchElements(cy, base)
    // As many ids as before, the first twice and the last (an edge) missing.
    const dropped = base[base.length - 1]!
    const result = patchElements(cy, [...base.slice(0, -1), base[0]!])
    expect(result.removed).toEqual([dropped.data.id])
    expect(cy.getElementById(dropped.data.id!).empty()).toBe(true)
    expect(cy.elements().length).toBe(base.length - 1)
  })
})

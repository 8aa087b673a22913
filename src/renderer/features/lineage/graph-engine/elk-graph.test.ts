import { describe, expect, it } from 'vitest'
import cytoscape, { type Core } from 'cytoscape'
import ELK from 'elkjs/lib/elk.bundled.js'
import {
  applyPositions,
  bodiesBox,
  buildElkRequest,
  columnPositions,
  PACK_SLICE,
  readPositions,
  toElkGraph,
} from './elk-graph'
import { patchElements } from './patch-elements'
import { lineageStylesheet } from './stylesheet'
import { toCyElements } from './to-elements'
import { COLL, TABLE, TOPIC, smallGraph } from './test-graph'

/** What layoutWithElk does, with ELK in-process instead of in the worker. */
async function layout(cy: Core, only?: string[]) {
  const { request, nodes } = buildElkRequest(cy, 1, only)
  const laidOut = await new ELK().layout(toElkGraph(request))
  applyPositions(cy, request, nodes, readPositions(request, laidOut))
  return request
}

function styled(): Core {
  return cytoscape({ headless: true, styleEnabled: true, style: lineageStylesheet('light') })
}

describe('ELK layout (the worker protocol, run in-process)', () => {
  it('packs the edges of a big graph in the order connectedEdges gives them', () => {
    const cy = styled()
    const n = PACK_SLICE * 2 + 37
    cy.add(Array.from({ length: n }, (_, i) => ({ data: { id: `n${i}` } })))
    // Edges in both directions across slice boundaries, so first appearances interleave.
    const edges = Array.from({ length: n * 2 }, (_, i) => {
      const a = (i * 7919) % n
      const b = (i * 104729 + 13) % n
      return { data: { id: `e${i}`, source: `n${a}`, target: `n${b === a ? (b + 1) % n : b}` } }
    })
    cy.add(edges)
    const { request } = buildElkRequest(cy, 1)
    const index = new Map(request.ids.map((id, i) => [id, i]))
    const expected = cy
      .nodes()
      .connectedEdges()
      .map((e) => [index.get(e.source().id())!, index.get(e.target().id())!])
      .flat()
    expect([...request.edges]).toEqual(expected)
  })

  it('packs nodes, sizes, parents and edges into typed arrays', () => {
    const cy = styled()
    patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    const { request } = buildElkRequest(cy, 7)
    expect(request.id).toBe(7)
    expect(request.mode).toBe('full')
    expect(request.ids).toHaveLength(5)
    const topic = request.ids.indexOf(TOPIC)
    const child = request.ids.indexOf(`${TOPIC}#after.Email`)
    expect(request.parents[child]).toBe(topic)
    expect(request.sizes[topic * 2]).toBe(0) // a compound: ELK sizes it
    expect(request.sizes[child * 2]).toBe(152)
    expect(request.edges.length).toBe(8) // four drawn edges
  })

  it('lays the graph out left to right with fields stacked inside their asset', async () => {
    const cy = styled()
    patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    await layout(cy)
    const x = (id: string) => cy.getElementById(id).position('x')
    expect(x(TABLE)).toBeLessThan(x(`${TOPIC}#after.Email`))
    expect(x(`${TOPIC}#after.Email`)).toBeLessThan(x(COLL))
    const a = cy.getElementById(`${TOPIC}#after.Email`).position()
    const b = cy.getElementById(`${TOPIC}#after.CustomerId`).position()
    expect(a.x).toBe(b.x)
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(22)
  })

  it('lays out only the new part, as a column centred where it was', async () => {
    const cy = styled()
    patchElements(cy, toCyElements(smallGraph()))
    await layout(cy)
    const table = { ...cy.getElementById(TABLE).position() }
    const before = { ...cy.getElementById(TOPIC).position() }
    const patch = patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    const request = await layout(cy, patch.placed)
    expect(request.mode).toBe('part')
    expect(request.ids.sort()).toEqual(patch.placed.sort())
    const ys = patch.placed.map((id) => cy.getElementById(id).position('y'))
    const xs = patch.placed.map((id) => cy.getElementById(id).position('x'))
    expect(new Set(xs).size).toBe(1)
    expect(xs[0]).toBeCloseTo(before.x, 0)
    // patchElements put them in a column under the asset's old centre; the layout keeps that centre.
    expect((Math.min(...ys) + Math.max(...ys)) / 2).toBeCloseTo(before.y + 18, 0)
    expect(cy.getElementById(TABLE).position()).toEqual(table)
  })
})

describe('columnPositions', () => {
  it('stacks unconnected leaves in order, as ELK layered does', async () => {
    const cy = styled()
    patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    const fields = [`${TOPIC}#after.Email`, `${TOPIC}#after.CustomerId`]
    const { request } = buildElkRequest(cy, 1, fields)
    expect(request.edges.length).toBe(0)
    const mine = columnPositions(request)
    const elk = readPositions(request, await new ELK().layout(toElkGraph(request)))
    // Same column and order; ELK adds its padding as an offset.
    expect(mine[2]! - mine[0]!).toBe(elk[2]! - elk[0]!)
    expect(mine[3]! - mine[1]!).toBeCloseTo(elk[3]! - elk[1]!, 5)
  })
})

describe('bodiesBox', () => {
  it('centres where the box cytoscape computes without labels or overlays does', () => {
    const cy = styled()
    patchElements(cy, toCyElements(smallGraph(), { expanded: new Set([TOPIC]) }))
    cy.nodes().positions((_n, i) => ({ x: i * 37, y: (i % 3) * 53 }))
    const leaves = cy.nodes().filter((n) => !n.isParent())
    const expected = leaves.boundingBox({ includeLabels: false, includeOverlays: false })
    const got = bodiesBox(leaves.toArray() as cytoscape.NodeSingular[])
    // cytoscape pads every side by the same unit; the centre (all the layout uses) is the same.
    expect((got.x1 + got.x2) / 2).toBeCloseTo((expected.x1 + expected.x2) / 2, 6)
    expect((got.y1 + got.y2) / 2).toBeCloseTo((expected.y1 + expected.y2) / 2, 6)
    expect(got.x2 - got.x1).toBeCloseTo(expected.x2 - expected.x1 - 2, 6)
  })
})

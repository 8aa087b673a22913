import { describe, expect, it } from 'vitest'
import cytoscape, { type Core, type NodeCollection } from 'cytoscape'
import { grownAssets, makeRoom, moveLater } from './make-room'

/** A layer of assets at x = 0 (30 px tall, 44 px apart) and one at x = 300. */
function layers(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    layout: { name: 'preset' },
    style: [
      { selector: 'node', style: { width: 168, height: 30, shape: 'round-rectangle' } },
      { selector: ':parent', style: { padding: '8px' } },
    ],
    elements: [
      { data: { id: 'above' }, position: { x: 0, y: -44 } },
      { data: { id: 'asset' }, position: { x: 0, y: 0 } },
      { data: { id: 'below' }, position: { x: 0, y: 44 } },
      { data: { id: 'further' }, position: { x: 0, y: 88 } },
      { data: { id: 'beside' }, position: { x: 300, y: 44 } },
      { data: { id: 'e', source: 'asset', target: 'beside' } },
      // Nodes with edges in are moved too (compound orphans, not the graph's roots).
      { data: { id: 'f', source: 'beside', target: 'below' } },
    ],
  })
}

/** The asset opened: three fields in a column from its centre down, as patchElements adds them. */
function expand(cy: Core): NodeCollection {
  return cy.add(
    [0, 1, 2].map((i) => ({
      data: { id: `asset#f${i}`, parent: 'asset' },
      position: { x: 0, y: i * 36 },
    })),
  ) as unknown as NodeCollection
}

const y = (cy: Core, id: string) => cy.getElementById(id).position('y')

describe('makeRoom (an expanded asset pushes its layer apart)', () => {
  it('grows towards the side with fewer nodes, moving only those, and leaves other layers alone', () => {
    const cy = layers()
    const gapAbove = () =>
      cy.getElementById('asset').boundingBox({ includeLabels: false }).y1 -
      cy.getElementById('above').boundingBox({ includeLabels: false }).y2
    const gapBefore = gapAbove()
    const fields = expand(cy)
    const grown = grownAssets(fields)
    expect(grown).toEqual([{ id: 'asset', y: 0, height: 30 }])
    // One node above, two below: the asset grows upwards and only `above` moves.
    expect(makeRoom(cy, grown)).toEqual({ moved: 1, later: [] })
    const opened = cy.getElementById('asset').boundingBox({ includeLabels: false })
    expect(opened.y2).toBeCloseTo(15) // the collapsed asset's bottom
    expect(y(cy, 'above')).toBeLessThan(-44 - 60)
    expect([y(cy, 'below'), y(cy, 'further'), y(cy, 'beside')]).toEqual([44, 88, 44])
    // The fields keep their column, shifted together.
    const ys = fields.map((f) => f.position('y'))
    expect([ys[1]! - ys[0]!, ys[2]! - ys[1]!]).toEqual([36, 36])
    // Nothing in the layer overlaps the opened asset, and `above` keeps its spacing from it
    // (within the pixel cytoscape pads a bounding box with).
    expect(gapAbove()).toBeGreaterThanOrEqual(gapBefore)
    expect(gapAbove()).toBeLessThanOrEqual(gapBefore + 1)
  })

  it('grows downwards when as many nodes are below, moving a compound there through its leaves', () => {
    const cy = layers()
    cy.add([
      { data: { id: 'higher' }, position: { x: 0, y: -88 } },
      { data: { id: 'highest' }, position: { x: 0, y: -132 } },
      { data: { id: 'other' }, position: { x: 0, y: 140 } },
      { data: { id: 'other#a', parent: 'other' }, position: { x: 0, y: 140 } },
      { data: { id: 'other#b', parent: 'other' }, position: { x: 0, y: 176 } },
    ])
    const before = ['other#a', 'other#b'].map((id) => y(cy, id))
    const grown = grownAssets(expand(cy))
    expect(makeRoom(cy, grown)).toEqual({ moved: 3, later: [] })
    const after = ['other#a', 'other#b'].map((id) => y(cy, id))
    expect(after[0]! - before[0]!).toBeGreaterThan(60)
    expect(after[1]! - before[1]!).toBeCloseTo(after[0]! - before[0]!)
    expect(y(cy, 'below') - 44).toBeCloseTo(after[0]! - before[0]!)
    expect([y(cy, 'above'), y(cy, 'higher'), y(cy, 'highest')]).toEqual([-44, -88, -132])
    const opened = cy.getElementById('asset').boundingBox({ includeLabels: false })
    expect(opened.y1).toBeCloseTo(-15) // the collapsed asset's top
  })

  it('moves nothing when the asset did not grow', () => {
    const cy = layers()
    expect(makeRoom(cy, [{ id: 'asset', y: 0, height: 400 }])).toEqual({ moved: 0, later: [] })
    expect(y(cy, 'below')).toBe(44)
  })

  it('moves the nodes in sight now and the others after the frame, a few per task', async () => {
    const cy = layers()
    cy.add([
      { data: { id: 'higher' }, position: { x: 0, y: -88 } },
      { data: { id: 'highest' }, position: { x: 0, y: -132 } },
      { data: { id: 'far' }, position: { x: 0, y: 5000 } },
    ])
    const grown = grownAssets(expand(cy))
    // In sight: down to y = 100 (`below` is there, `further` reaches it once moved, `far` not).
    const { moved, later } = makeRoom(cy, grown, { y1: -200, y2: 100 })
    expect(moved).toBe(3)
    expect(later.map((m) => m.leaves.map((n) => n.id()))).toEqual([['far']])
    const room = y(cy, 'below') - 44
    expect(room).toBeGreaterThan(60)
    expect(y(cy, 'further')).toBeCloseTo(88 + room)
    expect(y(cy, 'far')).toBe(5000)
    let tasks = 0
    await moveLater(cy, later, {
      sliceMs: 5,
      nextTask: async () => void tasks++,
      current: () => true,
    })
    expect(tasks).toBeGreaterThan(0)
    expect(y(cy, 'far')).toBeCloseTo(5000 + room)
  })

  it("leaves the grown asset's bounds settled, before the next frame's bookkeeping", () => {
    // Left to that bookkeeping, the bounds' update marks the fields again while it runs and the
    // marks are dropped: the fields and their edges were computed twice (elk-graph.ts).
    const cy = layers()
    makeRoom(cy, grownAssets(expand(cy)))
    const asset = cy.getElementById('asset') as unknown as {
      _private: { compoundBoundsClean: boolean }
    }
    expect(asset._private.compoundBoundsClean).toBe(true)
  })

  it('stops moving later when a whole layout started meanwhile', async () => {
    const cy = layers()
    cy.add({ data: { id: 'far' }, position: { x: 0, y: 5000 } })
    cy.add([
      { data: { id: 'higher' }, position: { x: 0, y: -88 } },
      { data: { id: 'highest' }, position: { x: 0, y: -132 } },
    ])
    const { later } = makeRoom(cy, grownAssets(expand(cy)), { y1: -200, y2: 100 })
    await moveLater(cy, later, { sliceMs: 5, nextTask: async () => {}, current: () => false })
    expect(y(cy, 'far')).toBe(5000)
  })
})

import cytoscape, { type Core } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { trackNodeExtent } from './node-extent'

function graph(): Core {
  return cytoscape({
    headless: true,
    layout: { name: 'preset' },
    elements: [
      { data: { id: 'a' }, position: { x: 0, y: 0 } },
      { data: { id: 'b' }, position: { x: 100, y: 40 } },
      { data: { id: 'ab', source: 'a', target: 'b' } },
    ],
  })
}

/** The extent by a pass over every node, as the tracker's first read computes it. */
function exact(cy: Core) {
  const xs = cy.nodes().map((n) => n.position('x'))
  const ys = cy.nodes().map((n) => n.position('y'))
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) }
}

describe('trackNodeExtent', () => {
  it('reads the node centres box, and grows it with added and moved nodes', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    expect(extent()).toEqual({ w: 100, h: 40 })
    cy.add({ data: { id: 'c' }, position: { x: -50, y: 10 } })
    expect(extent()).toEqual({ w: 150, h: 40 })
    cy.getElementById('b').position({ x: 100, y: 90 })
    expect(extent()).toEqual({ w: 150, h: 90 })
    expect(extent()).toEqual(exact(cy))
  })

  it('works it out again after a removal (the box may shrink)', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    cy.add({ data: { id: 'far' }, position: { x: 1000, y: 0 } })
    expect(extent()!.w).toBe(1000)
    cy.getElementById('far').remove()
    expect(extent()).toEqual({ w: 100, h: 40 })
  })

  it('never reads smaller than the centres, and is exact again after many moves', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    extent()
    // Moved inwards: the box kept is larger than the centres' until enough moves came.
    cy.getElementById('b').position({ x: 10, y: 4 })
    expect(extent()!.w).toBeGreaterThanOrEqual(exact(cy).w)
    for (let i = 0; i < 1001; i++) cy.getElementById('a').position({ x: i % 2, y: 0 })
    expect(extent()).toEqual(exact(cy))
  })

  it('is one tracker per instance, whoever asks', () => {
    const cy = graph()
    expect(trackNodeExtent(cy)).toBe(trackNodeExtent(cy))
  })

  it('reads undefined for a graph without nodes, then the first node added', () => {
    const cy = cytoscape({ headless: true })
    const extent = trackNodeExtent(cy)
    expect(extent()).toBeUndefined()
    cy.add({ data: { id: 'a' }, position: { x: 5, y: 5 } })
    expect(extent()).toEqual({ w: 0, h: 0 })
  })

  it('does not pass over every node when only a few were added or moved', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    extent()
    const live = (cy as unknown as { mutableElements: () => unknown }).mutableElements
    let passes = 0
    ;(cy as unknown as { mutableElements: () => unknown }).mutableElements = function () {
      passes++
      return live.call(this)
    }
    cy.add({ data: { id: 'c' }, position: { x: 7, y: 7 } })
    cy.getElementById('c').position({ x: 8, y: 8 })
    extent()
    expect(passes).toBe(0)
  })
})

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

  it('shrinks when a node on the edge moves inwards, as a pass over every node would read', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    cy.add({ data: { id: 'c' }, position: { x: 50, y: 20 } })
    expect(extent()).toEqual({ w: 100, h: 40 })
    cy.getElementById('b').position({ x: 60, y: 30 })
    expect(extent()).toEqual(exact(cy))
    expect(extent()).toEqual({ w: 60, h: 30 })
    // A node inside moving inside leaves the box as it is.
    cy.getElementById('c').position({ x: 30, y: 10 })
    expect(extent()).toEqual(exact(cy))
  })

  it('follows a whole layout (every node moved, some many times)', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    for (let i = 0; i < 20; i++) cy.add({ data: { id: `n${i}` }, position: { x: i * 10, y: -i } })
    expect(extent()).toEqual(exact(cy))
    cy.nodes().forEach((node, i) => {
      node.position({ x: (i * 37) % 101, y: (i * 53) % 67 })
      node.position({ x: (i * 13) % 29, y: (i * 7) % 31 })
    })
    expect(extent()).toEqual(exact(cy))
  })

  it('reads as a pass over every node would, after any adds, moves and removals', () => {
    const cy = graph()
    const extent = trackNodeExtent(cy)
    let seed = 7
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const spot = () => ({
      x: Math.round(random() * 200 - 100),
      y: Math.round(random() * 200 - 100),
    })
    for (let step = 0; step < 2000; step++) {
      const nodes = cy.nodes()
      const roll = random()
      if (roll < 0.3 || nodes.length < 3) cy.add({ data: { id: `r${step}` }, position: spot() })
      else if (roll < 0.4) nodes[Math.floor(random() * nodes.length)]!.remove()
      else nodes[Math.floor(random() * nodes.length)]!.position(spot())
      if (step % 3 === 0) expect(extent()).toEqual(exact(cy))
    }
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

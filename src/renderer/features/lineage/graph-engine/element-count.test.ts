import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { elementCount, nodeCount } from './element-count'

describe('element counts', () => {
  it('counts elements and nodes from the live list, as cytoscape holds them', () => {
    const cy = cytoscape({
      headless: true,
      elements: [
        { data: { id: 'a' } },
        { data: { id: 'b', parent: 'a' } },
        { data: { id: 'c' } },
        { data: { id: 'bc', source: 'b', target: 'c' } },
        { data: { id: 'ca', source: 'c', target: 'a' } },
      ],
    })
    expect([elementCount(cy), nodeCount(cy)]).toEqual([5, 3])
    cy.getElementById('c').remove()
    expect([elementCount(cy), nodeCount(cy)]).toEqual([2, 2])
    cy.destroy()
  })
})

import cytoscape from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { elementCount } from './element-count'

describe('element counts', () => {
  it('counts elements from the live list, as cytoscape holds them', () => {
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
    expect(elementCount(cy)).toBe(5)
    cy.getElementById('c').remove()
    expect(elementCount(cy)).toBe(2)
    cy.destroy()
  })
})

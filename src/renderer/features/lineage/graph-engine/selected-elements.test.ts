import cytoscape, { type Core } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { selectOnly, trackSelection } from './selected-elements'

function graph(): Core {
  return cytoscape({
    headless: true,
    selectionType: 'single',
    elements: [
      { data: { id: 'a' } },
      { data: { id: 'b' } },
      { data: { id: 'c' } },
      { data: { id: 'ab', source: 'a', target: 'b' } },
    ],
  })
}

const selectedIds = (cy: Core) => cy.elements(':selected').map((ele) => ele.id())

describe('selectOnly', () => {
  it('selects one element and lets go of the one selected before', () => {
    const cy = graph()
    trackSelection(cy)
    selectOnly(cy, 'a')
    expect(selectedIds(cy)).toEqual(['a'])
    selectOnly(cy, 'ab')
    expect(selectedIds(cy)).toEqual(['ab'])
    selectOnly(cy, undefined)
    expect(selectedIds(cy)).toEqual([])
  })

  it('lets go of elements selected by anyone else (a tap, the API)', () => {
    const cy = graph()
    trackSelection(cy)
    cy.getElementById('b').select()
    cy.getElementById('c').select()
    selectOnly(cy, 'a')
    expect(selectedIds(cy)).toEqual(['a'])
  })

  it('selects nothing for an id the graph does not hold', () => {
    const cy = graph()
    trackSelection(cy)
    selectOnly(cy, 'b')
    selectOnly(cy, 'gone')
    expect(selectedIds(cy)).toEqual([])
  })

  it('forgets a removed element, and selects its successor under the same id', () => {
    const cy = graph()
    trackSelection(cy)
    selectOnly(cy, 'c')
    cy.getElementById('c').remove()
    cy.add({ data: { id: 'c' } })
    selectOnly(cy, 'c')
    expect(selectedIds(cy)).toEqual(['c'])
  })

  it('sends no event for an element already selected', () => {
    const cy = graph()
    trackSelection(cy)
    selectOnly(cy, 'a')
    let events = 0
    cy.on('select unselect', () => void events++)
    selectOnly(cy, 'a')
    expect(events).toBe(0)
  })

  it('never matches the :selected selector on a tracked instance (every element, each time)', () => {
    const cy = graph()
    trackSelection(cy)
    const elements = cy.elements.bind(cy)
    const asked: unknown[] = []
    cy.elements = ((selector?: string) => {
      asked.push(selector)
      return elements(selector)
    }) as Core['elements']
    selectOnly(cy, 'a')
    selectOnly(cy, 'b')
    expect(asked).toEqual([])
  })

  it('works on an untracked instance too', () => {
    const cy = graph()
    cy.getElementById('b').select()
    selectOnly(cy, 'a')
    expect(selectedIds(cy)).toEqual(['a'])
  })
})

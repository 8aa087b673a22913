import { describe, expect, it } from 'vitest'
import { displayElements } from '../display-elements'
import { COLL, smallGraph, TABLE, TOPIC } from './test-graph'
import { toCyElements } from './to-elements'

const ids = (list: ReadonlyArray<{ data: { id?: string } }>) => list.map((el) => el.data.id)

describe('stable lists of elements', () => {
  it('toCyElements hands back its last list for the graph when nothing drawn changed', () => {
    const graph = smallGraph()
    const first = toCyElements(graph)
    expect(toCyElements(graph)).toBe(first)
    // An asset opened before its fields came (the page's render before the answer).
    expect(toCyElements(graph, { expanded: new Set(['postgres://amper-pg/crm/dbo/Other']) })).toBe(
      first,
    )
    const opened = toCyElements(graph, { expanded: new Set([TOPIC]) })
    expect(opened).not.toBe(first)
    expect(ids(opened)).toContain(`${TOPIC}#after.Email`)
    const closed = toCyElements(graph)
    expect(closed).not.toBe(opened)
    expect(ids(closed)).toEqual(ids(first))
    // Another graph object with the same content is another input: its own list.
    expect(toCyElements(smallGraph())).not.toBe(closed)
  })

  it('displayElements hands back its last list, elements made afresh included', () => {
    const graph = smallGraph()
    const engine = toCyElements(graph, { expanded: new Set([TOPIC, COLL]) })
    // Capped at one field: "+1 more field" nodes and the edges merged onto them are made anew
    // on every call, and compared as values.
    const first = displayElements(engine, { cap: 1 })
    expect(ids(first)).toContain(`more:${TOPIC}`)
    expect(displayElements(engine, { cap: 1 })).toBe(first)
    expect(displayElements(engine, { cap: 1, showAll: new Set([TABLE]) })).toBe(first)
    // Keeping a folded field in view changes what is drawn: a new list.
    const kept = displayElements(engine, { cap: 1, keep: new Set([`${TOPIC}#after.CustomerId`]) })
    expect(kept).not.toBe(first)
    expect(ids(first)).not.toContain(`${TOPIC}#after.CustomerId`)
    expect(ids(kept)).toContain(`${TOPIC}#after.CustomerId`)
  })
})

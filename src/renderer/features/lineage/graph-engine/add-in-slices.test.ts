import { describe, expect, it } from 'vitest'
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { patchElementsInSlices } from './add-in-slices'
import { patchElements } from './patch-elements'
import { toCyElements } from './to-elements'
import { TOPIC, smallGraph } from './test-graph'

const headless = () => cytoscape({ headless: true, styleEnabled: true })
/** `batching()` is cytoscape API, missing from its typings. */
const batching = (cy: Core) => (cy as unknown as { batching(): boolean }).batching()

describe('patchElementsInSlices (the first add of a big graph)', () => {
  it('adds everything, holding frames until released, and later patches diff against it', async () => {
    const cy = headless()
    const els = toCyElements(smallGraph(), { expanded: new Set([TOPIC]) })
    const { result, release } = await patchElementsInSlices(cy, els, { from: 1 })
    expect(batching(cy)).toBe(true)
    release()
    expect(batching(cy)).toBe(false)
    expect(cy.elements().length).toBe(els.length)
    expect(result.added.sort()).toEqual(els.map((e) => e.data.id!).sort())
    expect(result.placed.length).toBe(cy.nodes().length)
    // Fields keep their compound parent; the style was applied (not left to the batch's end).
    expect(cy.getElementById(`${TOPIC}#after.Email`).parent().first().id()).toBe(TOPIC)
    expect(patchElements(cy, els)).toEqual({
      added: [],
      removed: [],
      updated: [],
      placed: [],
      nodesChanged: false,
      nodesBefore: cy.nodes().length,
    })
  })

  it('adds parents before their children whatever the order given', async () => {
    const cy = headless()
    const els: ElementDefinition[] = [
      { data: { id: 'child', parent: 'mid' } },
      { data: { id: 'mid', parent: 'top' } },
      { data: { id: 'top' } },
      { data: { id: 'e', source: 'child', target: 'top' } },
    ]
    const { release } = await patchElementsInSlices(cy, els, { from: 1 })
    release()
    expect(cy.getElementById('child').parent().first().id()).toBe('mid')
    expect(cy.getElementById('mid').parent().first().id()).toBe('top')
    expect(cy.edges().length).toBe(1)
  })

  it('patches synchronously into a non-empty instance (nothing held)', async () => {
    const cy = headless()
    cy.add({ data: { id: 'x' } })
    const els = toCyElements(smallGraph())
    const { result, release } = await patchElementsInSlices(cy, els, { from: 1 })
    expect(batching(cy)).toBe(false)
    release()
    expect(result.removed).toEqual(['x'])
  })

  it('stops when aborted and releases the frames', async () => {
    const cy = headless()
    const controller = new AbortController()
    controller.abort()
    const els = Array.from({ length: 5000 }, (_, i) => ({ data: { id: `n${i}` } }))
    await expect(
      patchElementsInSlices(cy, els, { from: 1, signal: controller.signal }),
    ).rejects.toThrow(/aborted/)
    expect(batching(cy)).toBe(false)
  })
})

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import {
  clearStyleCaches,
  installCoalescedStyleTriggers,
  noteTriggers,
} from './coalesce-style-triggers'
import { lineageStylesheet } from './stylesheet'

const graph: ElementDefinition[] = [
  { data: { id: 'table', label: 'orders' }, classes: 'asset' },
  { data: { id: 'topic', label: 'cdc.orders' }, classes: 'asset' },
  { data: { id: 'e', source: 'table', target: 'topic', label: '' } },
]
const fields: ElementDefinition[] = [0, 1, 2].map((i) => ({
  data: { id: `topic#f${i}`, parent: 'topic', label: `after.col_${i}` },
  classes: 'field',
  position: { x: 0, y: i * 30 },
}))

function build(coalesce: boolean): { cy: Core; bounds: () => number } {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: lineageStylesheet('light'),
    elements: graph,
  })
  if (coalesce) installCoalescedStyleTriggers(cy)
  let bounds = 0
  cy.on('bounds', () => void bounds++)
  return { cy, bounds: () => bounds }
}

describe('installCoalescedStyleTriggers', () => {
  it('styles and sizes an expanded asset as cytoscape does, with far fewer bounds events', () => {
    const plain = build(false)
    const coalesced = build(true)
    for (const { cy } of [plain, coalesced]) {
      cy.add(fields)
      cy.getElementById('topic#f1').addClass('pd-identity')
    }
    const look = (cy: Core) =>
      cy.elements().map((ele) => ({
        id: ele.id(),
        bb: ele.boundingBox(),
        border: ele.style('border-width') as unknown,
        colour: ele.style(ele.isNode() ? 'background-color' : 'line-color') as unknown,
      }))
    expect(look(coalesced.cy)).toEqual(look(plain.cy))
    expect(coalesced.bounds()).toBeLessThan(plain.bounds() / 3)
  })

  it('leaves instances it was not given alone', () => {
    build(true)
    const other = build(false)
    other.cy.add(fields)
    const reference = build(false)
    reference.cy.add(fields)
    // Same prototype, but the other instance keeps cytoscape's per-property triggers.
    expect(other.bounds()).toBe(reference.bounds())
  })
})

describe('noteTriggers', () => {
  it('notes each kind once, from cytoscape property trigger checks', () => {
    const fired = {
      zOrder: false,
      bounds: false,
      connectedEdgesBounds: false,
      parallelEdgesBounds: false,
    }
    const yes = () => true
    const no = () => false
    noteTriggers(fired, { triggersBounds: yes, triggersZOrder: no }, 1, 2, {})
    noteTriggers(fired, undefined, 1, 2, {})
    expect(fired).toEqual({
      zOrder: false,
      bounds: true,
      connectedEdgesBounds: false,
      parallelEdgesBounds: false,
    })
    noteTriggers(fired, { triggersZOrder: yes, triggersBoundsOfConnectedEdges: yes }, 1, 2, {})
    expect(fired.zOrder && fired.connectedEdgesBounds).toBe(true)
  })
})

describe('clearStyleCaches', () => {
  const nested: ElementDefinition[] = [
    { data: { id: 'outer' } },
    { data: { id: 'asset', parent: 'outer' } },
    { data: { id: 'field', parent: 'asset' } },
    { data: { id: 'sub', parent: 'field' } },
    { data: { id: 'other' } },
    { data: { id: 'loose' } },
    { data: { id: 'e1', source: 'other', target: 'field' } },
    { data: { id: 'e2', source: 'outer', target: 'other' } },
    { data: { id: 'e3', source: 'sub', target: 'other' } },
    { data: { id: 'e4', source: 'other', target: 'loose' } },
  ]
  type Private = { _private: { styleCache: unknown } }
  const clearedBy = (cy: Core, clear: () => void) => {
    cy.elements().forEach((e) => void ((e as unknown as Private)._private.styleCache = {}))
    clear()
    return cy
      .elements()
      .filter((e) => (e as unknown as Private)._private.styleCache === null)
      .map((e) => e.id())
      .sort()
  }

  it("clears what cytoscape's dirtyStyleCache clears, with or without compounds", () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: nested })
    const flat = cytoscape({ headless: true, styleEnabled: true, elements: graph })
    const cases: Array<[Core, string]> = [
      [cy, 'asset'],
      [cy, 'field'],
      [cy, 'other'],
      [cy, 'e1'],
      [flat, 'table'],
      [flat, 'e'],
    ]
    for (const [instance, id] of cases) {
      const ele = instance.getElementById(id)
      const compounds = (instance as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes()
      const theirs = clearedBy(
        instance,
        () => void (ele as unknown as { dirtyStyleCache(): void }).dirtyStyleCache(),
      )
      const ours = clearedBy(instance, () => clearStyleCaches(ele[0] as never, compounds))
      expect(ours, id).toEqual(theirs)
    }
  })
})

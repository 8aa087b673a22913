import { describe, expect, it } from 'vitest'
import { EDGE_REACH, inView, segmentMeetsBox, staleness } from './viewport-cull'

const ele = (bb: { x1: number; y1: number; x2: number; y2: number } | null) => ({
  _private: { bbCache: bb },
})

const fresh = () => false

describe('inView (the elements a zoomed-in full redraw is given)', () => {
  const view = { x1: 0, y1: 0, x2: 100, y2: 100 }

  it('keeps, in order, the elements whose cached box meets the view, and drops the rest', () => {
    const inside = ele({ x1: 10, y1: 10, x2: 20, y2: 20 })
    const across = ele({ x1: -500, y1: 50, x2: 500, y2: 60 })
    const touching = ele({ x1: 100, y1: 100, x2: 120, y2: 120 })
    const outside = ele({ x1: 200, y1: 0, x2: 300, y2: 50 })
    const above = ele({ x1: 0, y1: -90, x2: 50, y2: -1 })
    expect(inView([outside, across, inside, above, touching], view, fresh)).toEqual([
      across,
      inside,
      touching,
    ])
  })

  it('keeps elements with no cached box, and stale ones (drawing refreshes their box)', () => {
    const unknown = ele(null)
    const moved = ele({ x1: 200, y1: 0, x2: 300, y2: 50 })
    expect(inView([unknown, moved], view, (e) => e === moved)).toEqual([unknown, moved])
    expect(inView([unknown, moved], view, fresh)).toEqual([unknown])
  })
})

describe('staleness (what a change makes stale)', () => {
  type Node = { _private: { group: string; parent?: Node | null } }
  type Edge = { _private: { group: string; source: Node; target: Node } }
  const node = (parent: Node | null = null): Node => ({ _private: { group: 'nodes', parent } })
  const edge = (source: Node, target: Node): Edge => ({
    _private: { group: 'edges', source, target },
  })

  it('marks a changed node, its ancestors, and the edges of all of them', () => {
    const outer = node()
    const asset = node(outer)
    const field = node(asset)
    const sibling = node(asset)
    const other = node()
    const fieldEdge = edge(other, field)
    const assetEdge = edge(asset, other)
    const siblingEdge = edge(sibling, other)
    const changedEdge = edge(other, other)
    const stale = staleness(new Set([field]), new Set([changedEdge]))
    const marked = [
      outer,
      asset,
      field,
      sibling,
      other,
      fieldEdge,
      assetEdge,
      siblingEdge,
      changedEdge,
    ].filter(stale)
    expect(marked).toEqual([outer, asset, field, fieldEdge, assetEdge, changedEdge])
  })

  it('marks nothing when nothing changed', () => {
    expect(staleness(new Set(), new Set())(node())).toBe(false)
  })
})

describe('inView on straight edges (the line, not only its box)', () => {
  const view = { x1: 0, y1: 0, x2: 100, y2: 100 }
  const edge = (
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    label: { x1: number; y1: number; x2: number; y2: number } | null = null,
  ) => ({
    _private: {
      group: 'edges',
      bbCache: {
        x1: Math.min(x1, x2),
        y1: Math.min(y1, y2),
        x2: Math.max(x1, x2),
        y2: Math.max(y1, y2),
      },
      labelBounds: { all: label },
      rscratch: { edgeType: 'straight', startX: x1, startY: y1, endX: x2, endY: y2 },
    },
  })

  it('drops a long edge whose box meets the view but whose line passes beside it', () => {
    const beside = edge(-1000, -500, 1000, 1500) // y = x + 500: far below the view
    const through = edge(-1000, 50, 1000, 60)
    // Just below the view: its box (arrowheads, stroke) reaches into it, and so does the reach.
    const near = edge(-1000, 100 + EDGE_REACH - 1, 1000, 100 + EDGE_REACH - 1)
    near._private.bbCache.y1 = 95
    expect(inView([beside, through, near], view, fresh)).toEqual([through, near])
  })

  it('keeps an edge whose line misses the view when its label shows in it', () => {
    const labelled = edge(-1000, -500, 1000, 1500, { x1: 40, y1: 40, x2: 60, y2: 50 })
    expect(inView([labelled], view, fresh)).toEqual([labelled])
  })

  it('keeps other edge kinds and edges without a computed line by their box', () => {
    const bezier = edge(-1000, -500, 1000, 1500)
    bezier._private.rscratch.edgeType = 'bezier'
    const unknown = edge(-1000, -500, 1000, 1500)
    unknown._private.rscratch.startX = Number.NaN
    expect(inView([bezier, unknown], view, fresh)).toEqual([bezier, unknown])
  })
})

describe('segmentMeetsBox', () => {
  const box = { x1: 0, y1: 0, x2: 10, y2: 10 }
  it('tells crossing, inside, touching and missing segments apart', () => {
    expect(segmentMeetsBox(-5, 5, 15, 5, box)).toBe(true)
    expect(segmentMeetsBox(2, 2, 3, 3, box)).toBe(true)
    expect(segmentMeetsBox(-5, 0, 15, 0, box)).toBe(true)
    expect(segmentMeetsBox(-5, 30, 30, -5, box)).toBe(false)
    expect(segmentMeetsBox(11, -5, 11, 15, box)).toBe(false)
    expect(segmentMeetsBox(-5, -5, -1, -1, box)).toBe(false)
  })
})

import type { Core } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { installBoundsOncePerDraw } from './bounds-once-per-draw'

const box = (x1: number, y1: number, x2: number, y2: number) => ({
  x1,
  y1,
  x2,
  y2,
  w: x2 - x1,
  h: y2 - y1,
})

/** A stand-in for cytoscape's canvas renderer: each draw asks all four caches for their box. */
function fakeRenderer() {
  const checks: string[] = []
  const cache = (name: string) => ({
    getBoundingBox(ele: { id: string }) {
      checks.push(`${name}:${ele.id}`)
      return box(0, 0, 1, 1)
    },
  })
  const data = {
    eleTxrCache: cache('body'),
    lblTxrCache: cache('label'),
    slbTxrCache: cache('source'),
    tlbTxrCache: cache('target'),
  }
  const got: unknown[] = []
  const renderer = {
    data,
    drawCachedElement(_context: unknown, ele: unknown, _pxRatio?: unknown, _extent?: unknown) {
      for (const c of Object.values(data)) got.push(c.getBoundingBox(ele as { id: string }))
    },
  }
  const cy = { renderer: () => renderer } as unknown as Core
  return { cy, renderer, data, checks, got }
}

const edge = (id: string, label: ReturnType<typeof box>) => ({
  id,
  _private: {
    bbCache: box(0, 0, 500, 500),
    bodyBounds: box(0, 0, 500, 500),
    labelBounds: { main: label, mainRot: label, source: null, target: null },
  },
})

describe('installBoundsOncePerDraw', () => {
  it("reads a drawn element's parts without checking its box again", () => {
    const { cy, renderer, checks, got } = fakeRenderer()
    installBoundsOncePerDraw(cy)
    const e = edge('e', box(240, 240, 260, 250))
    renderer.drawCachedElement(null, e, 1, box(0, 0, 1000, 1000))
    expect(checks).toEqual([])
    expect(got[0]).toBe(e._private.bodyBounds)
    expect(got[1]).toBe(e._private.labelBounds.main)
    // No source or target label: an empty box, which cytoscape skips.
    expect(got[2]).toMatchObject({ w: 0, h: 0 })
    expect(got[3]).toMatchObject({ w: 0, h: 0 })
  })

  it('gives a label outside the area drawn an empty box', () => {
    const { cy, renderer, got } = fakeRenderer()
    installBoundsOncePerDraw(cy)
    const e = edge('e', box(240, 240, 260, 250))
    renderer.drawCachedElement(null, e, 1, box(0, 0, 100, 100))
    expect(got[0]).toBe(e._private.bodyBounds)
    expect(got[1]).toMatchObject({ w: 0, h: 0 })
  })

  it('leaves other callers, and elements without a checked box, to the caches', () => {
    const { cy, renderer, data, checks } = fakeRenderer()
    installBoundsOncePerDraw(cy)
    const e = edge('e', box(0, 0, 1, 1))
    data.lblTxrCache.getBoundingBox(e)
    const unchecked = { ...edge('u', box(0, 0, 1, 1)) }
    unchecked._private = { ...unchecked._private, bbCache: null as never }
    renderer.drawCachedElement(null, unchecked, 1, null)
    expect(checks).toEqual(['label:e', 'body:u', 'label:u', 'source:u', 'target:u'])
  })
})

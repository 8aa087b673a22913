import cytoscape, { type Core } from 'cytoscape'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { graphInsideCanvas, installTranslatePan, RELEASE_MS } from './translate-pan'

describe('graphInsideCanvas', () => {
  const box = { x1: 0, y1: 0, x2: 1000, y2: 500 }

  it('is true when the rendered box lies on the canvas, edges included', () => {
    expect(graphInsideCanvas(box, 0.5, { x: 10, y: 10 }, 520, 260)).toBe(true)
    expect(graphInsideCanvas(box, 0.5, { x: 0, y: 0 }, 500, 250)).toBe(true)
  })

  it('is false when any side passes the canvas', () => {
    expect(graphInsideCanvas(box, 0.5, { x: -1, y: 10 }, 520, 260)).toBe(false)
    expect(graphInsideCanvas(box, 0.5, { x: 10, y: -1 }, 520, 260)).toBe(false)
    expect(graphInsideCanvas(box, 0.5, { x: 21, y: 10 }, 520, 260)).toBe(false)
    expect(graphInsideCanvas(box, 1, { x: 0, y: 0 }, 520, 260)).toBe(false)
  })

  it('is true for an empty graph (cytoscape’s box of nothing is infinite)', () => {
    const none = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }
    expect(graphInsideCanvas(none, 1, { x: 0, y: 0 }, 10, 10)).toBe(true)
  })
})

/**
 * A stand-in for cytoscape 3.34's canvas renderer and core, holding what translate-pan reads:
 * the view, the graph's box, the canvases' styles and redraw flags, and counts of real draws.
 */
function fakeCy(graph = { x1: 0, y1: 0, x2: 1000, y2: 500 }) {
  const view = { zoom: 0.5, pan: { x: 100, y: 100 }, width: 800, height: 600 }
  const canvases = [0, 1, 2].map(() => ({ style: { transform: '' } }))
  const emitted: string[] = []
  const real: unknown[] = []
  const notified: string[] = []
  let redraws = 0
  const r = {
    NODE: 2,
    DRAG: 1,
    SELECT_BOX: 0,
    hoverData: { dragging: false },
    textureDrawLastFrame: false,
    data: { canvases, canvasNeedsRedraw: [false, false, false], wheelZooming: false },
    render(options?: unknown) {
      real.push(options)
      r.data.canvasNeedsRedraw.fill(false)
    },
    notify(eventName: string) {
      notified.push(eventName)
      r.data.canvasNeedsRedraw.fill(true)
    },
    redrawHint: () => undefined,
    redraw: () => void redraws++,
  }
  const cy = {
    renderer: () => r,
    zoom: () => view.zoom,
    pan: () => ({ ...view.pan }),
    width: () => view.width,
    height: () => view.height,
    mutableElements: () => ({ boundingBox: () => graph }),
    emit: (name: string) => void emitted.push(name),
    // Events of elements (node-extent.ts listens): none come from this fake.
    on: () => undefined,
  }
  /** A pan as cytoscape makes one: the view changes, the renderer is told, a frame is drawn. */
  const panBy = (dx: number, dy: number) => {
    view.pan.x += dx
    view.pan.y += dy
    r.notify('viewport')
    r.render()
  }
  const transforms = () => canvases.map((c) => c.style.transform)
  return {
    cy: cy as unknown as Core,
    r,
    view,
    real,
    emitted,
    notified,
    panBy,
    transforms,
    redraws: () => redraws,
  }
}

describe('installTranslatePan', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('does nothing on a headless instance', () => {
    const cy = cytoscape({ headless: true })
    const stop = installTranslatePan(cy)
    cy.panBy({ x: 10, y: 10 })
    expect(() => stop()).not.toThrow()
  })

  it('moves the canvases by the pan since the last real draw instead of drawing', () => {
    const f = fakeCy()
    installTranslatePan(f.cy)
    f.r.render()
    expect(f.real).toHaveLength(1)
    f.panBy(12, 5)
    f.panBy(12, 5)
    expect(f.real).toHaveLength(1)
    expect(f.transforms()).toEqual(Array(3).fill('translate(24px, 10px)'))
    // Nothing left to draw, and listeners still hear that a frame was made.
    expect(f.r.data.canvasNeedsRedraw).toEqual([false, false, false])
    expect(f.emitted).toEqual(['render', 'render'])
    expect(f.notified).toEqual(['viewport', 'viewport'])
  })

  it('draws for real RELEASE_MS after the view stops, and drops the shift in that same draw', () => {
    const f = fakeCy()
    installTranslatePan(f.cy)
    f.r.render()
    f.panBy(-7, 3)
    vi.advanceTimersByTime(RELEASE_MS - 10)
    expect(f.redraws()).toBe(0)
    vi.advanceTimersByTime(20)
    expect(f.redraws()).toBe(1)
    // cytoscape's frame after that redraw request:
    f.r.render()
    expect(f.real).toHaveLength(2)
    expect(f.transforms()).toEqual(['', '', ''])
    // That real draw is the new starting point.
    f.panBy(1, 1)
    expect(f.transforms()).toEqual(Array(3).fill('translate(1px, 1px)'))
  })

  it('waits for a gesture to end before the real draw', () => {
    const f = fakeCy()
    installTranslatePan(f.cy)
    f.r.render()
    f.r.hoverData.dragging = true
    f.panBy(30, 0)
    vi.advanceTimersByTime(5 * RELEASE_MS)
    expect(f.redraws()).toBe(0)
    // A frame while the button is held still (a texture dequeued, say) keeps the shift.
    f.r.render()
    expect(f.real).toHaveLength(1)
    f.r.hoverData.dragging = false
    vi.advanceTimersByTime(2 * RELEASE_MS)
    expect(f.redraws()).toBe(1)
  })

  it('draws for real a zoom, a resize or any change other than the view', () => {
    const f = fakeCy()
    installTranslatePan(f.cy)
    f.r.render()
    f.panBy(5, 5)
    expect(f.real).toHaveLength(1)

    f.view.zoom = 0.6
    f.panBy(0, 0)
    expect(f.real).toHaveLength(2)
    expect(f.transforms()).toEqual(['', '', ''])
    const g = fakeCy()
    installTranslatePan(g.cy)
    g.r.render()
    g.panBy(5, 5)
    g.r.notify('style')
    g.r.render()
    expect(g.real).toHaveLength(2)
    expect(g.transforms()).toEqual(['', '', ''])

    const h = fakeCy()
    installTranslatePan(h.cy)
    h.r.render()
    h.view.width = 900
    h.panBy(5, 5)
    expect(h.real).toHaveLength(2)
  })

  it('redraws every layer when it draws over shifted canvases', () => {
    const f = fakeCy()
    let flags: boolean[] = []
    const render = f.r.render
    f.r.render = (options?: unknown) => {
      flags = [...f.r.data.canvasNeedsRedraw]
      render(options)
    }
    installTranslatePan(f.cy)
    f.r.render()
    f.panBy(5, 5)
    // Something asks for a frame without any redraw hint, after the view stopped.
    vi.advanceTimersByTime(RELEASE_MS + 1)
    f.r.data.canvasNeedsRedraw.fill(false)
    f.r.render()
    expect(flags).toEqual([true, true, true])
    expect(f.transforms()).toEqual(['', '', ''])
  })

  it('draws for real when the graph does not lie wholly on the canvas', () => {
    const f = fakeCy({ x1: 0, y1: 0, x2: 4000, y2: 500 })
    installTranslatePan(f.cy)
    f.r.render()
    f.panBy(5, 5)
    expect(f.real).toHaveLength(2)
    expect(f.transforms()).toEqual(['', '', ''])
  })

  it('does not ask cytoscape for the box of every element when the node centres alone overflow', () => {
    const f = fakeCy()
    let asked = 0
    const nodes = [0, 4000].map((x) => ({ _private: { group: 'nodes', position: { x, y: 0 } } }))
    const live = Object.assign(nodes, {
      boundingBox: () => (asked++, { x1: 0, y1: 0, x2: 1, y2: 1 }),
    })
    ;(f.cy as unknown as { mutableElements: () => unknown }).mutableElements = () => live
    installTranslatePan(f.cy)
    f.r.render()
    f.panBy(5, 5)
    expect(f.real).toHaveLength(2)
    expect(asked).toBe(0)
  })

  it('never moves a frame drawn from the viewport texture', () => {
    const f = fakeCy()
    installTranslatePan(f.cy)
    f.r.textureDrawLastFrame = true
    f.r.render()
    f.panBy(5, 5)
    expect(f.real).toHaveLength(2)
  })

  it('leaves drawing into other contexts (exports, textures) alone', () => {
    const f = fakeCy()
    installTranslatePan(f.cy)
    f.r.render()
    f.panBy(5, 5)
    const forced = { forcedContext: {}, drawOnlyNodeLayer: true }
    f.r.render(forced)
    expect(f.real.at(-1)).toBe(forced)
    // Still shifted, from the same starting point.
    expect(f.transforms()).toEqual(Array(3).fill('translate(5px, 5px)'))
    f.panBy(5, 5)
    expect(f.transforms()).toEqual(Array(3).fill('translate(10px, 10px)'))
  })

  it('stops: the renderer’s own functions back, the shift dropped and drawn for real', () => {
    const f = fakeCy()
    const { render, notify } = f.r
    const stop = installTranslatePan(f.cy)
    f.r.render()
    f.panBy(5, 5)
    stop()
    expect(f.r.render).toBe(render)
    expect(f.r.notify).toBe(notify)
    expect(f.transforms()).toEqual(['', '', ''])
    expect(f.redraws()).toBe(1)
  })
})

import { describe, expect, it, vi } from 'vitest'
import cytoscape from 'cytoscape'
import { installViewportMode, layeredCacheServes } from './viewport-mode'

describe('layeredCacheServes (when cytoscape’s layered texture cache can draw the view)', () => {
  // bench/graph's overview after ELK: about 8,100 × 61,000 model units.
  const [w, h] = [8100, 61_000]

  it('serves the fitted overview and other zoomed-out views', () => {
    expect(layeredCacheServes(0.013, w, h)).toBe(true)
    expect(layeredCacheServes(0.1, w, h)).toBe(true)
  })

  it('does not serve zoom 1 on a big graph: its layer would pass the size limits', () => {
    expect(layeredCacheServes(1, w, h)).toBe(false)
    expect(layeredCacheServes(0.3, w, h)).toBe(false)
  })

  it('serves a small graph up to its zoom limit, never beyond', () => {
    expect(layeredCacheServes(1, 1500, 900)).toBe(true)
    expect(layeredCacheServes(3, 800, 600)).toBe(true)
    expect(layeredCacheServes(4, 800, 600)).toBe(false)
  })
})

describe('installViewportMode', () => {
  it('does nothing on a headless instance', () => {
    const cy = cytoscape({ headless: true })
    const stop = installViewportMode(cy)
    cy.zoom(2)
    cy.panBy({ x: 10, y: 10 })
    expect(() => stop()).not.toThrow()
  })

  it('never sorts the draw order inside a viewport event: no kept order, no layers ready', () => {
    const cy = cytoscape({
      headless: true,
      elements: [{ data: { id: 'a' } }, { data: { id: 'b' } }],
    })
    cy.getElementById('b').position({ x: 400, y: 300 })
    const order = Object.assign([cy.getElementById('a'), cy.getElementById('b')], {})
    const renderer = {
      textureOnViewport: false,
      cachedZSortedEles: null as unknown[] | null,
      getCachedZSortedEles: vi.fn(() => order),
      data: { lyrTxrCache: { levelIsComplete: () => true } },
      hoverData: {},
      redrawHint: () => undefined,
      redraw: () => undefined,
      notify: () => undefined,
    }
    ;(cy as unknown as { renderer: () => unknown }).renderer = () => renderer
    const stop = installViewportMode(cy)
    cy.zoom(0.5)
    // The order was never sorted (no frame since the elements came): the texture stays on.
    expect(renderer.getCachedZSortedEles).not.toHaveBeenCalled()
    expect(renderer.textureOnViewport).toBe(true)
    // Once a frame kept an order, the complete layers are used.
    renderer.cachedZSortedEles = order
    cy.zoom(0.6)
    expect(renderer.getCachedZSortedEles).toHaveBeenCalled()
    expect(renderer.textureOnViewport).toBe(false)
    stop()
  })
})

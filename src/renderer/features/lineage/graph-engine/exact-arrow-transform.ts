import type { Core } from 'cytoscape'

/**
 * Each arrowhead leaves the canvas transform exactly as it found it.
 *
 * cytoscape 3.34's `drawArrowShape` places a cached arrow path with `translate`, `rotate` and
 * `scale`, then undoes them by applying the inverse (`scale(1/size)`, `rotate(-angle)`,
 * `translate(-x, -y)`). In floating point that is not the identity: every arrowhead leaves a
 * little error in the transform, and the next arrowhead starts from it. Found by recording the
 * transform at each stroke of a redraw of bench/graph's overview at zoom 1: the scale crept
 * from 1 to 1.00003 and the translation by about a pixel over ~600 edges, so edges drawn late
 * in a frame were drawn slightly bigger and off their place.
 *
 * It also cost time: Chromium's software canvas (no GPU: the e2e and bench setup) draws a
 * stroke no wider than one device pixel as a hairline, about three times cheaper to rasterise
 * than a wider one (stylesheet.ts draws edges 1 wide for it); at a scale of 1.00003 a 1-wide
 * edge is no longer a hairline.
 *
 * Here arrowheads are drawn the way cytoscape draws them without Path2D support: the shape's
 * few points are rotated, scaled and placed in model coordinates and filled, and the canvas
 * transform is never touched. (Reading the transform before each arrowhead and setting it back
 * after also kept it exact, but `getTransform` builds a DOMMatrix each time: in a page test
 * 600 arrowheads took 5-7 ms that way, ~1 ms from points, 1.2-1.4 ms by cytoscape's path.)
 * Other path drawing (node shapes) keeps its Path2D cache.
 *
 * Wraps `drawArrowShape` of cytoscape 3.34's canvas renderer, calling it on a view of the
 * renderer whose `usePaths()` is false; without it nothing is installed.
 */
interface Renderer {
  drawArrowShape(this: unknown, ...args: unknown[]): void
  usePaths(): boolean
}

/** Install on `cy`'s renderer (no-op headless or on a renderer without `drawArrowShape`). */
export function installExactArrowTransform(cy: Core): void {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  if (!r || typeof r.drawArrowShape !== 'function') return
  const renderer = r as Renderer
  const drawArrowShape = renderer.drawArrowShape
  // Reads fall through to the renderer (arrow shapes, sizes, caches); only usePaths differs.
  const withoutPaths: Renderer = Object.create(renderer, { usePaths: { value: () => false } })
  renderer.drawArrowShape = function drawArrowShapeFromPoints(...args) {
    drawArrowShape.apply(this === renderer ? withoutPaths : this, args)
  }
}

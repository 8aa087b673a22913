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
 * Here the transform is read before the arrowhead and set back after it. Contexts without
 * `getTransform`/`setTransform` (an SVG export's) are drawn as cytoscape does.
 *
 * Wraps `drawArrowShape(edge, context, ...)` of cytoscape 3.34's canvas renderer; without it
 * nothing is installed.
 */
interface Renderer {
  drawArrowShape(this: unknown, edge: unknown, context: unknown, ...rest: unknown[]): void
}

interface TransformingContext {
  getTransform(): DOMMatrix
  setTransform(transform: DOMMatrix): void
}

const canTransform = (context: unknown): context is TransformingContext =>
  typeof (context as Partial<TransformingContext> | null)?.getTransform === 'function' &&
  typeof (context as Partial<TransformingContext>).setTransform === 'function'

/** Install on `cy`'s renderer (no-op headless or on a renderer without `drawArrowShape`). */
export function installExactArrowTransform(cy: Core): void {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  if (!r || typeof r.drawArrowShape !== 'function') return
  const renderer = r as Renderer
  const drawArrowShape = renderer.drawArrowShape
  renderer.drawArrowShape = function exactDrawArrowShape(edge, context, ...rest) {
    if (!canTransform(context)) return drawArrowShape.call(this, edge, context, ...rest)
    const before = context.getTransform()
    drawArrowShape.call(this, edge, context, ...rest)
    context.setTransform(before)
  }
}

import type { Core } from 'cytoscape'

/** cytoscape's canvas renderer, the parts bench/graph reads (cytoscape 3.34 fields). */
export interface Renderer {
  beforeRenderCallbacks: Array<{ fn: (willDraw: boolean, now: number) => void }>
  render(options?: unknown): void
  renderOptions?: unknown
  requestedFrame: boolean
  data: { contexts: Array<CanvasRenderingContext2D | WebGL2RenderingContext> }
  lastRedrawTime?: number
  NODE: number
  DRAG: number
  WEBGL: number
  webgl?: boolean
  findNearestElement(x: number, y: number, interactiveOnly: boolean, isTouch: boolean): unknown
}

/**
 * One forced, synchronous redraw: exactly what cytoscape's own requestAnimationFrame loop does
 * for a frame (its before-render hooks: element geometry, texture-cache dequeuing; then
 * `render()`), called directly, then a 1-pixel `getImageData` on the node and drag layers so
 * Chromium rasterises the recorded canvas commands now instead of at the next compositor
 * commit. The time covers the move too (a `panBy`, or a mouse event cytoscape pans on).
 */
export function forcedRedraw(cy: Core, move: () => void): number {
  const r = (cy as unknown as { renderer(): Renderer }).renderer()
  const t0 = performance.now()
  move()
  for (const cb of r.beforeRenderCallbacks) cb.fn(true, t0)
  r.render(r.renderOptions)
  r.requestedFrame = false
  if (r.webgl) {
    // WebGL: readPixels waits for the GPU (here SwiftShader) to finish the frame.
    const g = r.data.contexts[r.WEBGL] as WebGL2RenderingContext
    g.readPixels(0, 0, 1, 1, g.RGBA, g.UNSIGNED_BYTE, new Uint8Array(4))
  }
  ;(r.data.contexts[r.NODE] as CanvasRenderingContext2D).getImageData(0, 0, 1, 1)
  ;(r.data.contexts[r.DRAG] as CanvasRenderingContext2D).getImageData(0, 0, 1, 1)
  return performance.now() - t0
}

import type { Core } from 'cytoscape'

/**
 * Straight edges stroked only over the part of the canvas they cross (issue 6: expanding a node
 * ≤ 200 ms, and every full redraw zoomed in).
 *
 * Chromium's software canvas (no GPU: the e2e and bench setup, and any machine whose GPU
 * Chromium will not use) rasterises a stroke wider than one pixel over the whole line, visible
 * or not: 600 lines 20,000 px long and 1.5 px wide took 90-160 ms to rasterise on a 1280×800
 * canvas, the same lines cut to the canvas 12-15 ms. Zoomed in on bench/graph's overview, a
 * redraw strokes ~600 edges that run thousands of pixels beyond the view: that rasterising was
 * most of the time of the redraw after an expand.
 *
 * Here a solid straight edge drawn on cytoscape's own canvases (the node and drag layers, whose
 * transform is the view) is cut to the canvas plus a margin before it is stroked, and not
 * stroked when it misses it. The pixels are the same: what is cut off is off the canvas.
 * Textures and layers (drawn once, shown at other views) get the whole line, as do dashed and
 * dotted lines (cutting would move their pattern). Arrowheads are drawn apart and untouched.
 *
 * Wraps `drawEdgePath` of cytoscape 3.34's canvas renderer and reads `data.contexts`, `NODE`,
 * `DRAG` and an edge's `rscratch.edgeType`; without them nothing is installed.
 */

/** Device pixels kept beyond each side of the canvas: line caps and joins stay off-canvas. */
export const CLIP_MARGIN_PX = 16

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

interface Renderer {
  render(...args: unknown[]): void
  drawEdgePath(edge: Edge, context: CanvasRenderingContext2D, pts: number[], type: string): void
  data: { contexts: unknown[] }
  NODE: number
  DRAG: number
}

interface Edge {
  _private: { rscratch: { edgeType?: string } }
}

/**
 * The part of the segment (x1, y1)-(x2, y2) inside `box` (Liang-Barsky): the same four numbers
 * when it lies wholly inside, undefined when it misses.
 */
export function clipSegment(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  box: Box,
): [number, number, number, number] | undefined {
  const dx = x2 - x1
  const dy = y2 - y1
  let t0 = 0
  let t1 = 1
  const sides: Array<[number, number]> = [
    [-dx, x1 - box.x1],
    [dx, box.x2 - x1],
    [-dy, y1 - box.y1],
    [dy, box.y2 - y1],
  ]
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return undefined
      continue
    }
    const t = q / p
    if (p < 0) {
      if (t > t1) return undefined
      if (t > t0) t0 = t
    } else {
      if (t < t0) return undefined
      if (t < t1) t1 = t
    }
  }
  if (t0 === 0 && t1 === 1) return [x1, y1, x2, y2]
  return [x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy]
}

/** The canvas of `context` plus the margin, in the model coordinates its transform draws in. */
function canvasInModel(context: CanvasRenderingContext2D): Box | undefined {
  const m = context.getTransform()
  // Scale and translation only (cytoscape's view); anything else is drawn as it comes.
  if (m.b !== 0 || m.c !== 0 || m.a <= 0 || m.d <= 0) return undefined
  const { width, height } = context.canvas
  return {
    x1: (-CLIP_MARGIN_PX - m.e) / m.a,
    y1: (-CLIP_MARGIN_PX - m.f) / m.d,
    x2: (width + CLIP_MARGIN_PX - m.e) / m.a,
    y2: (height + CLIP_MARGIN_PX - m.f) / m.d,
  }
}

/** Install on `cy`'s renderer (no-op headless or on a renderer without these fields). */
export function installEdgeLineClip(cy: Core): void {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  if (
    !r ||
    typeof r.drawEdgePath !== 'function' ||
    typeof r.render !== 'function' ||
    !Array.isArray(r.data?.contexts) ||
    typeof r.NODE !== 'number' ||
    typeof r.DRAG !== 'number'
  ) {
    return
  }
  const renderer = r as Renderer
  const contexts = renderer.data.contexts
  const drawEdgePath = renderer.drawEdgePath
  // A render sets each layer's transform to the view once and draws every edge under it
  // (exact-arrow-transform.ts keeps arrowheads from moving it), so the canvas box is worked out
  // once per layer and render: `getTransform` builds a DOMMatrix, ~600 of them per redraw.
  let renderCount = 0
  const render = renderer.render
  renderer.render = function countedRender(...args) {
    renderCount++
    return render.apply(this, args)
  }
  const boxes = new Map<CanvasRenderingContext2D, { render: number; box: Box | undefined }>()
  const boxOf = (context: CanvasRenderingContext2D) => {
    let known = boxes.get(context)
    if (known?.render !== renderCount) {
      known = { render: renderCount, box: canvasInModel(context) }
      boxes.set(context, known)
    }
    return known.box
  }
  renderer.drawEdgePath = function clippedDrawEdgePath(edge, context, pts, type) {
    if (
      type === 'solid' &&
      pts.length === 4 &&
      edge._private.rscratch.edgeType === 'straight' &&
      (context === contexts[renderer.NODE] || context === contexts[renderer.DRAG])
    ) {
      const box = boxOf(context)
      if (box) {
        const part = clipSegment(pts[0]!, pts[1]!, pts[2]!, pts[3]!, box)
        if (!part) return
        if (part[0] !== pts[0] || part[1] !== pts[1] || part[2] !== pts[2] || part[3] !== pts[3]) {
          pts = part
        }
      }
    }
    drawEdgePath.call(this, edge, context, pts, type)
  }
}

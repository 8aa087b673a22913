import type { Collection, Core } from 'cytoscape'
import { trackNodeExtent } from './node-extent'

/**
 * Panning a view that shows the whole graph moves the drawn canvases instead of redrawing them
 * (issue 6: a pan of the fitted 5,000-node overview at ≤ 1/3 of cytoscape's default cost per
 * redraw; bench/graph measures it).
 *
 * When every element lies inside the canvas, a pan changes nothing on it but where things are:
 * what comes into view is empty background. So while the view moves (a drag, a swipe, a burst
 * of programmatic pans) and nothing but the pan has changed since the last real redraw, the
 * renderer's canvases are shifted with a CSS transform by the pan since then, and the browser
 * composites them at their new place: no clear, no blit, no rasterising. Map libraries pan their
 * tiles the same way. cytoscape's own cheapest redraw there (its layered texture cache: clear a
 * 1280 × 800 canvas, draw one small layer) costs about as much as clearing the canvas alone,
 * which is why the ratio target could not be met by drawing less (bench/results/graph.md).
 *
 * RELEASE_MS after the view stops (and once any gesture has ended) one real redraw is made at
 * the final pan and the shift removed in the same task, so the picture never jumps; any other
 * change (elements, styles, zoom, size) is drawn for real at once. Hit testing is unaffected: it
 * maps pointer positions through the pan, never through the canvases' place.
 *
 * Wraps `render` and `notify` of cytoscape 3.34's canvas renderer and reads `data.canvases`,
 * `data.canvasNeedsRedraw`, `NODE`, `DRAG`, `SELECT_BOX`, `textureDrawLastFrame` and its
 * gesture flags; without them nothing is installed and pans redraw as by default.
 */

/** Real redraw this long after the view's last move (cytoscape's wheel gesture ends after 150 ms). */
export const RELEASE_MS = 150

interface RenderOptions {
  forcedContext?: unknown
  drawAllLayers?: boolean
  drawOnlyNodeLayer?: boolean
  forcedPan?: unknown
  forcedZoom?: number
}

interface Renderer {
  render(options?: RenderOptions): void
  notify(eventName: string, eles?: unknown): void
  redrawHint(group: 'eles' | 'drag' | 'select', dirty: boolean): void
  redraw(): void
  textureDrawLastFrame?: boolean
  pinching?: boolean
  swipePanning?: boolean
  hoverData: { dragging?: boolean }
  data: {
    canvases: HTMLCanvasElement[]
    canvasNeedsRedraw: boolean[]
    wheelZooming?: boolean
  }
  NODE: number
  DRAG: number
  SELECT_BOX: number
}

/** The view a real redraw drew, and (once asked) where the graph lay on the canvas then. */
interface DrawnView {
  zoom: number
  panX: number
  panY: number
  width: number
  height: number
  graphInside?: boolean
}

/** A box in rendered (canvas) pixels. */
export interface RenderedBox {
  x1: number
  y1: number
  x2: number
  y2: number
}

/**
 * Whether a graph whose model box is `box` lies wholly on a `width` × `height` canvas at
 * `zoom` and `pan`. An empty graph (cytoscape's box of nothing is infinite) does.
 */
export function graphInsideCanvas(
  box: RenderedBox,
  zoom: number,
  pan: { x: number; y: number },
  width: number,
  height: number,
): boolean {
  if (!Number.isFinite(box.x1) || !Number.isFinite(box.x2)) return true
  return (
    box.x1 * zoom + pan.x >= 0 &&
    box.y1 * zoom + pan.y >= 0 &&
    box.x2 * zoom + pan.x <= width &&
    box.y2 * zoom + pan.y <= height
  )
}

function rendererOf(cy: Core): Renderer | undefined {
  const r = (cy as unknown as { renderer?: () => unknown }).renderer?.() as
    Partial<Renderer> | undefined
  if (
    !r ||
    typeof r.render !== 'function' ||
    typeof r.notify !== 'function' ||
    !r.hoverData ||
    !Array.isArray(r.data?.canvases) ||
    !Array.isArray(r.data?.canvasNeedsRedraw) ||
    typeof r.NODE !== 'number'
  ) {
    return undefined
  }
  return r as Renderer
}

/**
 * Shift instead of redraw, as described above, from now until `cy` is destroyed. Returns a
 * function that stops it (and draws the view for real if it was shifted).
 */
export function installTranslatePan(cy: Core, releaseMs = RELEASE_MS): () => void {
  const r = rendererOf(cy)
  if (!r) return () => undefined
  const realRender = r.render
  const realNotify = r.notify
  const data = r.data
  const nodeCentres = trackNodeExtent(cy)
  let drawn: DrawnView | undefined
  let shifted = false
  let lastMove = -Infinity
  let releaseTimer: ReturnType<typeof setTimeout> | undefined

  const gesture = () =>
    Boolean(r.pinching || r.swipePanning || r.hoverData.dragging || data.wheelZooming)

  const setShift = (dx: number, dy: number) => {
    const transform = dx === 0 && dy === 0 ? '' : `translate(${dx}px, ${dy}px)`
    for (const canvas of data.canvases) if (canvas) canvas.style.transform = transform
  }

  /** Whether this frame can be the last real one, moved: only the pan changed, all in view. */
  const canShift = (): boolean => {
    if (!drawn) return false
    // The view is moving: a gesture is on, or the pan changed less than releaseMs ago.
    if (!gesture() && performance.now() - lastMove > releaseMs) return false
    if (cy.zoom() !== drawn.zoom || cy.width() !== drawn.width || cy.height() !== drawn.height) {
      return false
    }
    if (drawn.graphInside === undefined) {
      // The node centres alone wider or taller than the canvas (node-extent.ts): not inside, and
      // cytoscape's box of every element is not asked for. Zoomed in on a big graph, that box
      // would compute and cache the bounds of elements the culled redraws never look at.
      const centres = nodeCentres()
      if (
        centres &&
        (centres.w * drawn.zoom > drawn.width || centres.h * drawn.zoom > drawn.height)
      ) {
        drawn.graphInside = false
        return false
      }
      // Once per real redraw, the first time a pan asks: cytoscape's box of every element
      // (labels and overlays included), from its cached element boxes.
      const box = (cy as unknown as { mutableElements(): Collection })
        .mutableElements()
        .boundingBox()
      const pan = { x: drawn.panX, y: drawn.panY }
      drawn.graphInside = graphInsideCanvas(box, drawn.zoom, pan, drawn.width, drawn.height)
    }
    return drawn.graphInside
  }

  const release = () => {
    releaseTimer = undefined
    if (!shifted) return
    const idle = performance.now() - lastMove
    if (gesture() || idle < releaseMs) {
      releaseTimer = setTimeout(release, Math.max(releaseMs - idle, 16))
      return
    }
    r.redrawHint('eles', true)
    r.redrawHint('drag', true)
    r.redraw()
  }

  r.render = function (options?: RenderOptions) {
    const own = !options?.forcedContext
    const plain =
      own && !options?.drawAllLayers && !options?.drawOnlyNodeLayer && !options?.forcedPan
    if (plain && canShift()) {
      const pan = cy.pan()
      setShift(pan.x - drawn!.panX, pan.y - drawn!.panY)
      shifted = true
      // The canvases already show this view, moved: nothing is left to draw.
      data.canvasNeedsRedraw[r.NODE] = false
      data.canvasNeedsRedraw[r.DRAG] = false
      data.canvasNeedsRedraw[r.SELECT_BOX] = false
      if (releaseTimer === undefined) releaseTimer = setTimeout(release, releaseMs)
      cy.emit('render')
      return
    }
    if (!own) {
      realRender.call(this, options)
      return
    }
    if (shifted) {
      // The shifted canvases are about to be drawn at the current pan: all of them, now.
      data.canvasNeedsRedraw[r.NODE] = true
      data.canvasNeedsRedraw[r.DRAG] = true
      data.canvasNeedsRedraw[r.SELECT_BOX] = true
    }
    realRender.call(this, options)
    if (shifted) {
      setShift(0, 0)
      shifted = false
    }
    const pan = cy.pan()
    // A frame drawn from the viewport texture holds only the texture's view: never move it.
    drawn = r.textureDrawLastFrame
      ? undefined
      : { zoom: cy.zoom(), panX: pan.x, panY: pan.y, width: cy.width(), height: cy.height() }
  }

  r.notify = function (eventName: string, eles?: unknown) {
    if (eventName === 'viewport') lastMove = performance.now()
    // Anything else (elements, styles, size, the collector) is drawn for real.
    else drawn = undefined
    realNotify.call(this, eventName, eles)
  }

  return () => {
    r.render = realRender
    r.notify = realNotify
    clearTimeout(releaseTimer)
    if (shifted) {
      setShift(0, 0)
      shifted = false
      r.redrawHint('eles', true)
      r.redrawHint('drag', true)
      r.redraw()
    }
  }
}

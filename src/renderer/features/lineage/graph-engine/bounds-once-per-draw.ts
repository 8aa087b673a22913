import type { Core } from 'cytoscape'

/**
 * One bounds check per element drawn, not five (issue 6: expanding a node ≤ 200 ms; every
 * redraw zoomed in on a big graph).
 *
 * cytoscape 3.34's canvas renderer draws an element from its texture caches in portions: the
 * body, the label and, for an edge, its source and target labels. It first calls
 * `ele.boundingBox()`, which checks the element's cached box (a position key hashed from the
 * element's, or its two ends', positions, and a memo built per call) and recomputes it if
 * stale; then each portion asks its cache for its box, and every cache asks
 * `ele.boundingBox()` again before reading the part it wants. Nothing between those calls can
 * change the element, so after the first the answer is known: on bench/graph's overview at
 * zoom 1 a redraw draws ~600 edges, ~2,400 repeated checks.
 *
 * Here, while `drawCachedElement` draws an element (not a compound parent or one of its edges,
 * see `nearCompound`), the caches read its parts directly:
 * `_private.bodyBounds` and `_private.labelBounds.{main,source,target}`, as their own
 * `getBoundingBox` does after its check.
 *
 * A label entirely outside the area being drawn (the view: cytoscape only tests the element's
 * whole box against it) is given an empty box, which cytoscape skips: no texture is made for it
 * and nothing drawn. A long edge crossing the view mostly has its label elsewhere: the 50 new
 * edges of bench/graph's expand made 50 label textures, most never on screen. The test uses the
 * label's box after rotation (`labelBounds.*Rot`), the area its texture is drawn over.
 *
 * Reaches into cytoscape 3.34's canvas renderer (`drawCachedElement` and its `extent` argument,
 * `data.{ele,lbl,slb,tlb}TxrCache.getBoundingBox`); without them nothing is installed.
 */

interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
  w: number
  h: number
}

type LabelBounds = Partial<Record<'main' | 'source' | 'target', Box | null>> &
  Partial<Record<'mainRot' | 'sourceRot' | 'targetRot', Box | null>>

interface Ele {
  _private: {
    group?: string
    children?: unknown[]
    source?: Ele
    target?: Ele
    bbCache?: Box | null
    bodyBounds?: Box | null
    labelBounds?: LabelBounds
  }
}

interface TextureCache {
  getBoundingBox(ele: Ele): Box
}

interface Renderer {
  drawCachedElement(
    context: unknown,
    ele: Ele,
    pxRatio?: unknown,
    extent?: Box | null,
    ...rest: unknown[]
  ): void
  data: {
    eleTxrCache?: TextureCache
    lblTxrCache?: TextureCache
    slbTxrCache?: TextureCache
    tlbTxrCache?: TextureCache
  }
}

/** cytoscape's empty box (what its caches return for a label an element does not have). */
const EMPTY: Box = Object.freeze({
  x1: Infinity,
  y1: Infinity,
  x2: -Infinity,
  y2: -Infinity,
  w: 0,
  h: 0,
})

/** An element's part a texture cache draws: its box, and for a label the box it covers rotated. */
type Part = (p: Ele['_private']) => { box: Box | null | undefined; covers?: Box | null }

const apart = (a: Box, b: Box) => a.x2 < b.x1 || a.x1 > b.x2 || a.y2 < b.y1 || a.y1 > b.y2

const isParent = (ele: Ele | undefined) => (ele?._private.children?.length ?? 0) > 0

/**
 * A compound parent, or an edge of one: drawing it reads the parent's position, which brings
 * the parent's bounds up to date when its children moved, and its label with them; cytoscape's
 * next check then sees the change. These keep every check.
 */
function nearCompound(ele: Ele): boolean {
  const p = ele._private
  if (p.group === 'edges') return isParent(p.source) || isParent(p.target)
  return isParent(ele)
}

/** Install on `cy`'s renderer (no-op headless or on a renderer without these fields). */
export function installBoundsOncePerDraw(cy: Core): void {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  const data = r?.data
  const parts: Array<[TextureCache | undefined, Part]> = [
    [data?.eleTxrCache, (p) => ({ box: p.bodyBounds })],
    [data?.lblTxrCache, (p) => ({ box: p.labelBounds?.main, covers: p.labelBounds?.mainRot })],
    [data?.slbTxrCache, (p) => ({ box: p.labelBounds?.source, covers: p.labelBounds?.sourceRot })],
    [data?.tlbTxrCache, (p) => ({ box: p.labelBounds?.target, covers: p.labelBounds?.targetRot })],
  ]
  if (
    !r ||
    typeof r.drawCachedElement !== 'function' ||
    parts.some(([cache]) => typeof cache?.getBoundingBox !== 'function')
  ) {
    return
  }
  const renderer = r as Renderer
  /** The element `drawCachedElement` is drawing, its box just checked, and the area drawn. */
  let drawing: Ele | undefined
  let area: Box | null | undefined
  const draw = renderer.drawCachedElement
  renderer.drawCachedElement = function drawCachedElement(context, ele, pxRatio, extent, ...rest) {
    drawing = ele
    area = extent
    try {
      draw.call(this, context, ele, pxRatio, extent, ...rest)
    } finally {
      drawing = undefined
      area = undefined
    }
  }
  for (const [cache, part] of parts) {
    const own = cache!.getBoundingBox
    cache!.getBoundingBox = function getBoundingBox(ele) {
      const p = ele._private
      // Checked by this draw (a box it found empty ends the draw before any portion).
      if (ele === drawing && p.bbCache && !nearCompound(ele)) {
        const { box, covers } = part(p)
        if (box !== undefined) {
          if (!box || (area && covers && apart(covers, area))) return EMPTY
          return box
        }
      }
      return own.call(this, ele)
    }
  }
}

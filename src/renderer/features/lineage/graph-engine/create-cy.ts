import cytoscape, { type Core, type CytoscapeOptions } from 'cytoscape'
import { installBoundsOncePerDraw } from './bounds-once-per-draw'
import { installEdgeLineClip } from './clip-edge-lines'
import { installExactArrowTransform } from './exact-arrow-transform'
import { installCoalescedStyleTriggers } from './coalesce-style-triggers'
import { installIncrementalZOrder } from './incremental-zorder'
import { installLabelMeasureCache } from './label-measure-cache'
import { lineageStylesheet, type LineageTheme } from './stylesheet'
import { installViewportCull } from './viewport-cull'
import { installTranslatePan } from './translate-pan'
import { installViewportMode } from './viewport-mode'

export interface CreateLineageCyOptions {
  theme: LineageTheme
  /**
   * cytoscape's WebGL renderer (experimental in 3.34): nodes and edges drawn from texture
   * atlases on the GPU. Off unless asked; bench/graph measures it beside the canvas renderer.
   */
  webgl?: boolean
}

/**
 * Renderer options for big graphs (issue 6: a 5,000-node, 10,000-edge overview pans at
 * ≤ 33 ms per redraw; bench/graph measures it against cytoscape's defaults):
 * - `textureOnViewport`: while the view moves, cytoscape moves one cached texture of the
 *   viewport instead of drawing up to 15,000 elements per frame (bench/graph: ~5-17 ms against
 *   ~150-400 ms at zoom 1). viewport-mode.ts switches it off where cytoscape's layered texture
 *   cache is cheaper (zoomed out) and extends it to bursts of programmatic pans.
 *   `hideEdgesOnViewport` is off: with the texture it saves nothing during the gesture and made
 *   the full redraw on release slower in bench/graph's probes;
 * - `pixelRatio: 1`: a HiDPI screen would otherwise quadruple the pixels filled per redraw;
 * - no box selection, no motion blur (an extra buffer pass every frame).
 * Everything visual lives in the stylesheet (stylesheet.ts), which keeps labels off when zoomed
 * out and uses straight edges.
 */
export const LINEAGE_RENDER_OPTIONS = {
  hideEdgesOnViewport: false,
  textureOnViewport: true,
  motionBlur: false,
  pixelRatio: 1,
  boxSelectionEnabled: false,
  selectionType: 'single',
  minZoom: 0.01,
  maxZoom: 4,
} as const satisfies CytoscapeOptions

/**
 * A cytoscape instance for the Lineage page, empty: add elements with `patchElements`
 * (patch-elements.ts) and place them with `layoutWithElk` (elk-layout.ts).
 */
export function createLineageCy(container: HTMLElement, opts: CreateLineageCyOptions): Core {
  const cy = cytoscape({
    container,
    ...LINEAGE_RENDER_OPTIONS,
    ...(opts.webgl ? { webgl: true } : {}),
    style: lineageStylesheet(opts.theme),
    elements: [],
    layout: { name: 'preset' },
  })
  // A new element's style costs its triggers once, not once per property.
  installCoalescedStyleTriggers(cy)
  // A label's size is measured once per font and text, not at every restyle.
  installLabelMeasureCache(cy)
  if (!opts.webgl) {
    installViewportMode(cy)
    // A pan of a view showing the whole graph moves the drawn canvases, without redrawing.
    installTranslatePan(cy)
    // Zoomed in, a full redraw looks only at what is in view.
    installViewportCull(cy)
    // An add re-places the new elements in the draw order instead of sorting all of them.
    installIncrementalZOrder(cy)
    // Each element drawn has its box checked once, not once per portion (body, labels).
    installBoundsOncePerDraw(cy)
    // Long edges are stroked over the canvas only (software rasterising cost).
    installEdgeLineClip(cy)
    // Arrowheads leave the transform exact (cytoscape undoes theirs by inverse, which drifts).
    installExactArrowTransform(cy)
  }
  return cy
}

/** Switch the stylesheet when the app's colour scheme changes (keeps elements and viewport). */
export function setLineageTheme(cy: Core, theme: LineageTheme): void {
  cy.style(lineageStylesheet(theme))
}

import type { Core } from 'cytoscape'

/**
 * Label measurements remembered by font and text (issue 6: expanding a node ≤ 200 ms).
 *
 * cytoscape 3.34 measures a label afresh every time it needs its size: it sets the font on a
 * scratch canvas (Chromium parses the font string each time) and calls `measureText`, with no
 * cache. Expanding an asset of bench/graph's overview made ~320 such calls in the redraw after
 * it (~20 ms of its ~55 ms of geometry under load): three per new edge (its label and its empty
 * source and target labels), one per field, and one per character tried for each label cut
 * with an ellipsis (`text-wrap: ellipsis`). Most are repeats: the empty label, field names
 * shared by many tables, the prefixes an ellipsis tries.
 *
 * The answer depends only on the font, the text-metrics mode and the text, so it is kept per
 * those; the cache is cleared when the document's fonts change (a web font loading after a
 * label was measured) and when it grows past MAX_ENTRIES.
 *
 * This wraps `calculateLabelDimensions` on the instance's renderer (cytoscape 3.34's base
 * renderer); without that method nothing is installed and cytoscape measures as before.
 */

export interface LabelDimensions {
  width: number
  height: number
  labelActualAscent: number
  labelActualDescent: number
}

interface StyledEle {
  pstyle(name: string): { strValue?: string; pfValue?: number }
}

interface MeasuringRenderer {
  calculateLabelDimensions?: (ele: StyledEle, text: string) => LabelDimensions
}

/** Enough for the labels of a few overviews; past it the cache starts again (a plain clear). */
export const MAX_ENTRIES = 50_000

/** The parts of an element's style `calculateLabelDimensions` reads, as one key. */
export function measureKey(ele: StyledEle, text: string): string {
  const font = `${ele.pstyle('font-style').strValue} ${ele.pstyle('font-weight').strValue} ${
    ele.pstyle('font-size').pfValue
  }px ${ele.pstyle('font-family').strValue}`
  return `${font}\u0000${ele.pstyle('text-metrics').strValue || 'font'}\u0000${text}`
}

/**
 * Wrap `renderer.calculateLabelDimensions` with a cache. Returns false when the renderer has no
 * such method (then nothing changed).
 */
export function cacheLabelMeasurements(renderer: object, fonts?: FontFaceSet): boolean {
  const r = renderer as MeasuringRenderer
  const measure = r.calculateLabelDimensions
  if (typeof measure !== 'function') return false
  const cache = new Map<string, LabelDimensions>()
  fonts?.addEventListener('loadingdone', () => cache.clear())
  r.calculateLabelDimensions = function calculateLabelDimensions(ele, text) {
    const key = measureKey(ele, text)
    const hit = cache.get(key)
    if (hit) return hit
    const dims = measure.call(this, ele, text)
    if (cache.size >= MAX_ENTRIES) cache.clear()
    // Shared between elements: cytoscape's callers only read it.
    cache.set(key, Object.freeze({ ...dims }))
    return cache.get(key)!
  }
  return true
}

/** Install the cache on `cy`'s renderer (no-op headless or with another renderer). */
export function installLabelMeasureCache(cy: Core): void {
  const r = (cy as unknown as { renderer?: () => object | undefined }).renderer?.()
  if (!r) return
  const fonts = typeof document !== 'undefined' ? document.fonts : undefined
  cacheLabelMeasurements(r, fonts)
}

import type { Core } from 'cytoscape'

/**
 * Let cytoscape's renderer process the elements changed so far (style, geometry, texture-cache
 * invalidation: what the next frame would do first), so that work is done a few elements at a
 * time as they change. Left to the frame after a big change, it is one task over all of them
 * (bench/graph: 0.9 to 10 s for the 15,000 elements of the overview). No-op headless.
 *
 * `geometry: false` does all of it but the rendered geometry (edge endpoints and control points,
 * label positions), which stays marked dirty: for changes whose geometry is computed later anyway
 * before anything is drawn (the held opening's add and first apply: prepareFirstDraw computes
 * every element once). Computed at each of them, bench/graph's overview had its 10,000 edges'
 * geometry worked out ~29,000 times before the first frame (at the origin during the add, then
 * once per end moved), and the add outran V8's incremental marking: it ended in a full,
 * non-incremental collection of 58-69 ms (4 of 4 traced openings, bench/graph/probe.ts
 * PROBE_TRACE). With the geometry left to prepareFirstDraw, the collection is incremental and
 * its last pause 17-42 ms (issue 6: no main-thread task over 50 ms during layout). A
 * `boundingBox()` asked meanwhile computes the element's geometry on demand, as cytoscape always
 * does, and bench/graph checks the drawn geometry against a recomputation (stale-geometry.ts).
 */
export function flushChanges(cy: Core, { geometry = true }: { geometry?: boolean } = {}): void {
  const r = (cy as unknown as { renderer?: () => FlushingRenderer }).renderer?.()
  if (!r?.flushRenderedStyleQueue) return
  if (geometry || !r.recalculateRenderedStyle) {
    r.flushRenderedStyleQueue()
    return
  }
  // Shadowed on the instance for the flush (cytoscape calls it as `r.recalculateRenderedStyle`),
  // over whatever the instance may already have there (a probe's wrapper), restored after.
  const own = Object.hasOwn(r, 'recalculateRenderedStyle') ? r.recalculateRenderedStyle : undefined
  r.recalculateRenderedStyle = () => undefined
  try {
    r.flushRenderedStyleQueue()
  } finally {
    if (own) r.recalculateRenderedStyle = own
    else delete r.recalculateRenderedStyle
  }
}

/** The part of cytoscape 3.34's renderer `flushChanges` uses. */
interface FlushingRenderer {
  flushRenderedStyleQueue?: () => void
  recalculateRenderedStyle?: (eles: unknown, useCache?: boolean) => void
}

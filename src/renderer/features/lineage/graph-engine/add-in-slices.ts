import type { Collection, Core, ElementDefinition } from 'cytoscape'
import { abortError, holdFrames, nextTask, SLICE_MS } from './elk-layout'
import { flushChanges } from './flush-changes'
import { isEdge, patchElements, recordApplied, type PatchResult } from './patch-elements'

/**
 * The first add of a big graph, in parts (issue 6: no main-thread task over 50 ms while the
 * Lineage page opens a graph). `cy.add` of bench/graph's 15,000-element overview in one call
 * was one task of 3.6 to 6.4 s on the bench machine; here elements are added a few at a time,
 * SLICE_MS of work per task, with the instance's frames held throughout (the nodes have no
 * place yet: drawing the heap would be waste), and the caller lays the graph out before
 * releasing them.
 */

/** From this many elements an add into an empty instance is sliced. */
export const SLICED_ADD_FROM = 2000
/** Elements per `cy.add` between two clock reads (about a millisecond of work, styled). */
const ADD_STEP = 20

export interface PatchInSlicesOptions {
  signal?: AbortSignal
  /** Slice from this many elements (default SLICED_ADD_FROM; the unit test lowers it). */
  from?: number
}

/**
 * `patchElements(cy, next)`, but when `cy` is empty and `next` big, spread over tasks. Resolves
 * with the patch's result and a `release` for the frames it holds: lay the graph out first
 * (`layoutWithElk` takes its own hold synchronously), then release. A small or non-empty patch
 * runs synchronously, as patchElements (its `release` does nothing).
 *
 * New nodes without a position are left at the origin (`placed`): with nothing drawn yet there
 * is no neighbour to place them by, and the layout that follows places them all.
 */
export async function patchElementsInSlices(
  cy: Core,
  next: ElementDefinition[],
  opts: PatchInSlicesOptions = {},
): Promise<{ result: PatchResult; release: () => void }> {
  if (cy.elements().nonempty() || next.length < (opts.from ?? SLICED_ADD_FROM)) {
    return { result: patchElements(cy, next), release: () => undefined }
  }
  const release = holdFrames(cy)
  try {
    const ordered = [...parentsFirst(next.filter((d) => !isEdge(d))), ...next.filter(isEdge)]
    let k = 0
    while (k < ordered.length) {
      const sliceStart = performance.now()
      while (k < ordered.length && performance.now() - sliceStart < SLICE_MS) {
        const to = Math.min(k + ADD_STEP, ordered.length)
        const added = cy.add(ordered.slice(k, to))
        restyle(cy, added)
        keepOtherEdgesClean(added)
        // Styled now, a step at a time, not all at once before the first frame; the geometry
        // waits for the layout's positions (prepareFirstDraw computes it).
        flushChanges(cy, { geometry: false })
        k = to
      }
      performance.measure('graph:add:slice', { start: sliceStart })
      if (k < ordered.length) {
        await nextTask()
        if (opts.signal?.aborted || cy.destroyed()) throw abortError()
      }
    }
  } catch (error) {
    // Abandoned (the page went away): what was added stays; a later patchElements diffs it.
    release()
    throw error
  }
  recordApplied(cy, next)
  const result: PatchResult = {
    added: next.map((d) => d.data.id!),
    removed: [],
    updated: [],
    placed: next.filter((d) => !isEdge(d) && !d.position).map((d) => d.data.id!),
    nodesChanged: next.some((d) => !isEdge(d)),
    // Added into an instance with no elements (the first add).
    nodesBefore: 0,
  }
  return { result, release }
}

/**
 * What `cy.add` outside a batch does for style, now: inside the held batch cytoscape would only
 * list the elements, and restyle all 15,000 when the hold ends, after the layout's first frame
 * was prepared, throwing that preparation away (first-draw.ts). Marked dirty here, the style is
 * applied when first read (first-draw.ts reads it in slices).
 */
function restyle(cy: Core, added: Collection): void {
  const pending = (cy as unknown as { _private: { batchStyleEles?: Collection } })._private
    .batchStyleEles
  pending?.unmerge(added)
  ;(added as unknown as { emitAndNotify(event: string): void }).emitAndNotify('style')
  added.forEach((ele) => {
    ;(ele as unknown as { _private: { styleDirty?: boolean } })._private.styleDirty = true
  })
}

/**
 * Adding an edge marks its two ends as changed, and cytoscape's next flush then recomputes the
 * geometry of every edge of both ends: adding a hub's edges a slice at a time recomputed its
 * earlier edges each time (bench/graph: single flushes of 30-130 ms while the overview's edges
 * went in). A straight edge changes nothing about its ends or their other edges (they did not
 * move, and only bundled beziers share geometry with parallel edges), so its ends are marked
 * as having their edges taken care of; the ends themselves are still recomputed.
 * (cytoscape 3.34's `rstyle.cleanConnected`, read by its before-frame bookkeeping.)
 */
function keepOtherEdgesClean(added: Collection): void {
  added.edges().forEach((edge) => {
    const curve = (edge as unknown as { pstyle(name: string): { value: unknown } }).pstyle(
      'curve-style',
    ).value
    if (curve !== 'straight') return
    for (const end of [edge.source(), edge.target()]) {
      const rstyle = (end as unknown as { _private: { rstyle: { cleanConnected?: boolean } } })
        ._private.rstyle
      rstyle.cleanConnected = true
    }
  })
}

/** Nodes ordered so each parent comes before its children (cytoscape drops unknown parents). */
function parentsFirst(nodes: ElementDefinition[]): ElementDefinition[] {
  const byId = new Map(nodes.map((d) => [d.data.id!, d]))
  const depth = new Map<string, number>()
  const depthOf = (d: ElementDefinition): number => {
    const id = d.data.id!
    const known = depth.get(id)
    if (known !== undefined) return known
    depth.set(id, 0) // a cycle stops here
    const parent = byId.get(d.data.parent as string)
    const value = parent ? depthOf(parent) + 1 : 0
    depth.set(id, value)
    return value
  }
  return nodes
    .map((d, i) => ({ d, i, k: depthOf(d) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.d)
}

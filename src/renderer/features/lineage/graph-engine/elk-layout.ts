import type { Core } from 'cytoscape'
import {
  applyPositions,
  columnPositions,
  moveLeaves,
  PACK_SLICE,
  packSteps,
  targetPositions,
  type ElkLayoutRequest,
  type ElkLayoutResponse,
} from './elk-graph'
import { prepareFirstDraw, type ViewFn } from './first-draw'
import { flushChanges } from './flush-changes'
import { grownAssets, makeRoom, moveLater, type GrownFrom } from './make-room'

export interface LayoutWithElkOptions {
  /** Abandon the layout: the promise rejects with an AbortError and the worker is replaced. */
  signal?: AbortSignal
  /** Lay out only these nodes (and their descendants), keeping their current centre. */
  only?: string[]
  /**
   * Draw nothing until the positions are applied (cytoscape's frames are held). Default: for
   * the first full layout of an instance, whose nodes have no place yet. See `holdFrames`.
   */
  hold?: boolean
  /**
   * Set the viewport once the positions are applied (e.g. fit the graph). With `hold`, it is
   * set before the first frame is prepared (first-draw.ts), which prepares that view.
   */
  view?: ViewFn
}

/** Whole layouts started per instance (make-room's moves after the frame stop at the next). */
const wholeLayouts = new WeakMap<Core, number>()

/**
 * Room in their layer for the assets an expansion grew (make-room.ts): the nodes in sight (the
 * view, and a view's height above and below it) move now, the rest after the frame, a few per
 * task, so that the expansion's redraw computes the edges of tens of moved nodes, not hundreds.
 */
function makeRoomFor(cy: Core, grown: readonly GrownFrom[]): void {
  const view = cy.extent()
  const h = view.y2 - view.y1
  const { later } = makeRoom(cy, grown, { y1: view.y1 - h, y2: view.y2 + h })
  if (later.length === 0) return
  const generation = wholeLayouts.get(cy)
  moveLater(cy, later, {
    sliceMs: SLICE_MS,
    nextTask,
    current: () => wholeLayouts.get(cy) === generation,
  }).catch((error: unknown) => console.error('Lineage: making room failed', error))
}

/** Instances that finished a full layout: a relayout keeps drawing while ELK works. */
const laidOut = new WeakSet<Core>()

/**
 * Hold `cy`'s frames (its render loop skips drawing, and the style, geometry and texture-cache
 * work before it, while a batch is open) until the returned function is called. Nestable.
 *
 * Why: a graph that was never laid out has its nodes stacked where patchElements could put
 * them, and drawing it is pure waste: on bench/graph's 5,000-node overview cytoscape drew
 * that heap frame after frame while ELK worked in the worker, in main-thread tasks of 0.1 to
 * 7 s (issue 6: no task over 50 ms during layout). `layoutWithElk` holds frames itself for a
 * first layout; a caller that adds the elements in an earlier task holds them from the add.
 */
export function holdFrames(cy: Core): () => void {
  cy.startBatch()
  let held = true
  return () => {
    if (!held) return
    held = false
    if (!cy.destroyed()) cy.endBatch()
  }
}

let worker: Worker | undefined
let nextId = 1
const pending = new Map<number, (answer: ElkLayoutResponse) => void>()

function layoutWorker(): Worker {
  if (!worker) {
    // Vite turns this exact form into a bundled module worker (a same-origin file: CSP
    // worker-src 'self', src/shared/security/csp.ts).
    worker = new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = (event: MessageEvent<ElkLayoutResponse>) => {
      const resolve = pending.get(event.data.id)
      pending.delete(event.data.id)
      resolve?.(event.data)
    }
    worker.onerror = (event) => {
      // A worker that failed to load or crashed: fail what waits on it, start afresh next time.
      const answer = (id: number): ElkLayoutResponse => ({ id, ok: false, error: event.message })
      for (const [id, resolve] of pending) resolve(answer(id))
      pending.clear()
      worker?.terminate()
      worker = undefined
    }
  }
  return worker
}

export function abortError(): Error {
  return new DOMException('The layout was aborted', 'AbortError')
}

/**
 * Main-thread work per task while packing, applying and preparing the first frame: well under
 * the 50 ms long-task line (issue 6) even when a loaded machine runs it at a fifth of its speed.
 */
export const SLICE_MS = 5
/**
 * Nodes moved between two clock reads while applying: a fraction of a millisecond, with the
 * geometry of the moved nodes and their edges brought up to date in the same step.
 */
const APPLY_STEP = 25

/** Yield to the event loop: a new task, without setTimeout's 4 ms clamp. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(null)
  })
}

/** The request for the worker, packed over as many tasks as it takes (SLICE_MS each). */
async function packSliced(cy: Core, id: number, only: string[] | undefined, signal?: AbortSignal) {
  const steps = packSteps(cy, id, only)
  // A part (an expansion's few nodes) packs in one go: yielding would let cytoscape draw a
  // frame in between, which on a big graph costs more than the packing (bench/graph: expand).
  if (only && only.length <= PACK_SLICE) {
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
    }
  }
  // A whole graph's pack follows the add's last slice (patchElementsInSlices -> layoutWithElk):
  // its first step gets a task of its own rather than adding to that slice (bench/graph: the
  // longest opening tasks left were `graph:add:slice` + `elk:pack` together, 72-150 ms).
  await nextTask()
  if (signal?.aborted) throw abortError()
  let sliceStart = performance.now()
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTask()
      if (signal?.aborted) throw abortError()
      sliceStart = performance.now()
    }
  }
}

/**
 * Apply an answer over as many tasks as it takes, SLICE_MS each, inside one batch held open
 * across them: cytoscape skips its frames while a batch is open, so no half-moved graph is
 * drawn, and the one redraw of the new positions comes after the last slice. `held`: the
 * frames stay held after it, until prepareFirstDraw has computed every element's geometry; so
 * the moves leave theirs to it (flushChanges).
 */
async function applySliced(
  cy: Core,
  req: ElkLayoutRequest,
  nodes: Parameters<typeof targetPositions>[1],
  positions: Float64Array,
  { signal, held }: { signal?: AbortSignal | undefined; held: boolean },
) {
  const { leaves, xy } = targetPositions(req, nodes, positions)
  cy.startBatch()
  try {
    let k = 0
    while (k < leaves.length) {
      const sliceStart = performance.now()
      while (k < leaves.length && performance.now() - sliceStart < SLICE_MS) {
        const to = Math.min(k + APPLY_STEP, leaves.length)
        moveLeaves(cy, leaves, xy, k, to)
        flushChanges(cy, { geometry: !held })
        k = to
      }
      performance.measure('elk:apply:slice', { start: sliceStart })
      if (k < leaves.length) {
        await nextTask()
        if (signal?.aborted || cy.destroyed()) throw abortError()
      }
    }
  } finally {
    if (!cy.destroyed()) cy.endBatch()
  }
}

/**
 * ELK 'layered', left to right, computed in a web worker; the positions are applied to `cy` in
 * one batch when the answer comes. The first full layout of an instance draws nothing until
 * then (`hold`). The main thread only packs the graph into typed arrays and
 * applies the answer (elk-graph.ts), both in slices of SLICE_MS spread over tasks; bench/graph
 * checks no task of it exceeds 50 ms on a 5,000-node graph.
 */
export async function layoutWithElk(cy: Core, opts: LayoutWithElkOptions = {}): Promise<void> {
  if (opts.signal?.aborted) throw abortError()
  // A whole layout places every node: room still being made for an expansion stops.
  if (!opts.only) wholeLayouts.set(cy, (wholeLayouts.get(cy) ?? 0) + 1)
  // Synchronously, before the first await: no frame of the unplaced graph slips in.
  const release = (opts.hold ?? (!opts.only && !laidOut.has(cy))) ? holdFrames(cy) : undefined
  try {
    await layoutHeld(cy, opts, release !== undefined)
    if (!opts.only) laidOut.add(cy)
    if (!release) {
      opts.view?.(cy)
    } else {
      // Still held: style, geometry, the view and the texture layers of the first frame.
      performance.mark('elk:first-draw:start')
      await prepareFirstDraw(cy, {
        sliceMs: SLICE_MS,
        ...(opts.view ? { view: opts.view } : {}),
        yieldTask: async () => {
          await nextTask()
          if (opts.signal?.aborted || cy.destroyed()) throw abortError()
        },
      })
      performance.measure('elk:first-draw', 'elk:first-draw:start')
    }
  } finally {
    release?.()
  }
}

async function layoutHeld(cy: Core, opts: LayoutWithElkOptions, held: boolean): Promise<void> {
  const id = nextId++
  // performance.measure marks: visible in devtools, and bench/graph reads them.
  performance.mark('elk:pack:start')
  const { request, nodes } = await packSliced(cy, id, opts.only, opts.signal)
  performance.measure('elk:pack', 'elk:pack:start')
  if (request.ids.length === 0) return
  // Assets the part's new fields went into, as they were: they grow, and their layer makes room.
  const grown = request.mode === 'part' ? grownAssets(nodes) : []
  if (
    request.mode === 'part' &&
    request.edges.length === 0 &&
    request.parents.every((p) => p < 0)
  ) {
    // Unconnected leaves (the fields of an asset just expanded): ELK 'layered' would stack them
    // in one layer, in order. Doing that here saves the worker round trip and the frame drawn
    // while waiting for it: expanding a node has a 200 ms budget (issue 6).
    performance.mark('elk:apply:start')
    applyPositions(cy, request, nodes, columnPositions(request))
    if (grown.length > 0) makeRoomFor(cy, grown)
    performance.measure('elk:apply', 'elk:apply:start')
    return
  }
  const w = layoutWorker()
  const answer = await new Promise<ElkLayoutResponse>((resolve, reject) => {
    const onAbort = () => {
      pending.delete(id)
      // ELK cannot be interrupted mid-layout: drop the worker, a new one serves the next call.
      if (worker === w) {
        w.terminate()
        worker = undefined
        for (const [otherId, other] of pending) {
          other({ id: otherId, ok: false, error: 'The layout worker was restarted' })
        }
        pending.clear()
      }
      reject(abortError())
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    pending.set(id, (a) => {
      opts.signal?.removeEventListener('abort', onAbort)
      resolve(a)
    })
    w.postMessage(request)
  })
  if (!answer.ok) throw new Error(`Layout failed: ${answer.error}`)
  if (opts.signal?.aborted) throw abortError()
  // Elements removed while ELK worked are skipped; ones added are left where they are.
  performance.mark('elk:apply:start')
  const alive = nodes.filter((n) => n.inside())
  await applySliced(cy, request, alive, answer.positions, { signal: opts.signal, held })
  if (grown.length > 0) makeRoomFor(cy, grown)
  performance.measure('elk:apply', 'elk:apply:start')
}

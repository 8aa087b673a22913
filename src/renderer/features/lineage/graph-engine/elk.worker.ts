/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js'
import {
  readPositions,
  toElkGraph,
  type ElkLayoutRequest,
  type ElkLayoutResponse,
} from './elk-graph'

/**
 * ELK runs here, off the main thread (issue 6: no main-thread task over 50 ms during layout).
 * elkjs's bundled build runs its GWT code in-process (its "fake worker"), which in this worker
 * is exactly what we want. Importing it also installs ELK's own message handler on `self`
 * (it thinks it is its worker script); ours replaces it, since our protocol is smaller.
 */
const elk = new ELK()
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<ElkLayoutRequest>) => {
  const req = event.data
  const started = performance.now()
  try {
    const laidOut = await elk.layout(toElkGraph(req))
    const positions = readPositions(req, laidOut)
    const answer: ElkLayoutResponse = {
      id: req.id,
      ok: true,
      positions,
      millis: performance.now() - started,
    }
    scope.postMessage(answer, [positions.buffer])
  } catch (error) {
    const answer: ElkLayoutResponse = {
      id: req.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }
    scope.postMessage(answer)
  }
}

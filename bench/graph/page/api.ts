/** The bench page's API as bench/graph/run.ts calls it through page.evaluate. Plain JSON. */
export interface LongTask {
  start: number
  duration: number
}

export interface PanResult {
  zoom: number
  /** Milliseconds per forced redraw, one per pan step. */
  samples: number[]
  /** For drags: the forced redraw after the mouse is released (the full redraw). */
  release?: number
}

export interface EngineSetup {
  addMs: number
  layoutMs: number
  /** layoutWithElk's own main-thread work: packing the request, applying the answer. */
  packMs: number
  applyMs: number
  longTasksDuringLayout: LongTask[]
  /** From the answer until three frames later: the first render of the new positions. */
  longTasksAfterLayout: LongTask[]
}

export interface ExpandResult {
  added: number
  placed: number
  children: number
  toElementsMs: number
  patchMs: number
  layoutMs: number
  /** Inside layoutWithElk: packing the request and applying the answer (main thread). */
  packMs: number
  applyMs: number
  renderMs: number
  totalMs: number
}

export interface BenchApi {
  counts(): { nodes: number; edges: number }
  setupEngine(): Promise<EngineSetup>
  setupDefault(): { addMs: number }
  /** The engine's elements (same positions) in a second engine instance with WebGL on. */
  setupWebgl(): { addMs: number }
  pan(
    which: 'engine' | 'default' | 'webgl',
    opts: { zoom: number | 'fit'; steps: number; warmupFrames: number },
  ): Promise<PanResult>
  /** The same pan as a mouse drag on the background (cytoscape's own gesture handling). */
  drag(
    which: 'engine' | 'default' | 'webgl',
    opts: { zoom: number | 'fit'; steps: number; warmupFrames: number },
  ): Promise<PanResult>
  expand(): Promise<ExpandResult>
}

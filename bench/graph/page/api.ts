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
  /**
   * For panBy: the redraw cytoscape's own frame made after the pans stopped (the engine's burst
   * of programmatic pans ends with one full redraw), render time only, as cytoscape times it.
   */
  settle?: number
}

export type Which = 'engine' | 'default' | 'webgl' | 'floor'

export interface EngineSetup {
  /** patchElementsInSlices of the 15,000 elements into the empty instance: wall, in slices. */
  addMs: number
  /** toCyElements of the overview (the page's render, before the add). */
  toElementsMs?: number
  /** From the add's start until three frames after the layout: when the user sees the graph. */
  firstPictureMs?: number
  layoutMs: number
  /** layoutWithElk's own main-thread work: packing the request, applying the answer. */
  packMs: number
  applyMs: number
  /** From the add's first slice until the layout's promise resolves (add and layout). */
  longTasksDuringLayout: LongTask[]
  /** When layoutWithElk was called (performance.now()): tasks starting before it are the add's. */
  layoutStartAt?: number
  /** From the answer until three frames later: the first render of the new positions. */
  longTasksAfterLayout: LongTask[]
  /** Preparing the first frame while frames are held (first-draw.ts), wall, in slices. */
  firstDrawMs?: number
  /** The longest slice of applying the answer (elk:apply:slice), and of the whole apply's tasks. */
  applySliceMaxMs: number
  applySlices: number
  /** cytoscape's layered cache when the layout resolves and three frames later (diagnosis). */
  layeredCache?: string
  /** For each long task during layout: the elk:* measures it overlaps (what ran then). */
  longTaskCauses: string[]
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
  /**
   * `asPage`: the elements as the Lineage page draws them (displayElements after toCyElements,
   * the page's stylesheet), for this setup and the expand after it; else the engine's own.
   */
  setupEngine(asPage?: boolean): Promise<EngineSetup>
  setupDefault(): { addMs: number }
  /** The engine's elements (same positions) in a second engine instance with WebGL on. */
  setupWebgl(): { addMs: number }
  /** An empty cytoscape instance (default options) of the same size: the floor of a redraw. */
  setupFloor(): void
  pan(
    which: Which,
    opts: { zoom: number | 'fit'; steps: number; warmupFrames: number },
  ): Promise<PanResult>
  /** The same pan as a mouse drag on the background (cytoscape's own gesture handling). */
  drag(
    which: Which,
    opts: { zoom: number | 'fit'; steps: number; warmupFrames: number },
  ): Promise<PanResult>
  expand(): Promise<ExpandResult>
}

/** The app bench page's API, as bench/graph/app-run.ts calls it through page.evaluate. Plain JSON. */
export interface AppOpening {
  nodes: number
  edges: number
  /** When the page asked for the overview, its add began, its layout began (elk:pack), and its
   * first frame was prepared (elk:first-draw's end): ms from the page's start. */
  overviewAskedMs: number
  addStartMs: number
  layoutStartMs: number
  firstDrawnMs: number
  /** Main-thread tasks over 50 ms from the overview asked until its first frame was prepared. */
  longTasksOpening: LongTask[]
  /** The same, from the layout's start (issue 6: none during layout). */
  longTasksDuringLayout: LongTask[]
}

export interface LongTask {
  start: number
  duration: number
}

/**
 * Opening a topic to its 50 fields in the Lineage page of the real app (the store's
 * toggleAsset and setAllFields, as the node panel's "Show fields" and the "+N more fields" node
 * do), each time stamp measured from that call (ms).
 */
export interface AppExpandResult {
  /** The page asked the API for the topic's fields (the first render after the toggle ended). */
  fetchMs: number
  /** The first element was added to cytoscape (the render with the fields, up to the patch). */
  firstAddMs: number
  /** The layout of the new part started (elk:pack), and its positions were applied (elk:apply). */
  packStartMs: number
  applyEndMs: number
  /** The forced redraw after the positions were applied ended: the total. */
  totalMs: number
  redrawMs: number
  /** 'column': the fields placed without the worker; 'worker': an ELK run (a whole layout if `moved` is large). */
  layout: 'column' | 'worker'
  /** Nodes drawn before the expand that had moved when it was drawn (making room, or a whole layout). */
  moved: number
  children: number
  /** The view's zoom before the expand and when it was drawn (a refit would change it). */
  zoom: { before: number; after: number }
  /** Elements whose classes cytoscape counted as changed (each is restyled and drawn afresh). */
  classChanges: number
  added: number
  longTasks: LongTask[]
  /** API calls made from the toggle to the end. */
  calls: string[]
}

export interface AppBenchApi {
  ready(): Promise<AppOpening>
  expand(): Promise<AppExpandResult>
}

/** The app bench page's API, as bench/graph/app-run.ts calls it through page.evaluate. Plain JSON. */
export interface AppOpening {
  nodes: number
  edges: number
  /** From the page's start until the first layout's first frame was prepared. */
  firstDrawnMs: number
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
  longTasks: Array<{ start: number; duration: number }>
  /** API calls made from the toggle to the end. */
  calls: string[]
}

export interface AppBenchApi {
  ready(): Promise<AppOpening>
  expand(): Promise<AppExpandResult>
}

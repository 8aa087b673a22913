import type { CollectionArgument, Core, NodeCollection, NodeSingular } from 'cytoscape'
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api'

/**
 * The message between the page and the ELK worker (elk.worker.ts), and the pure functions on
 * both sides of it. Compact on purpose: 5,000 nodes go as one string array and typed arrays
 * (cheap to clone, and the answer's Float64Array is transferred, not copied), so neither
 * posting nor reading the answer is a long task on the main thread.
 */
export interface ElkLayoutRequest {
  id: number
  /** Node ids, index = node number. Compound parents included. */
  ids: string[]
  /** width, height per node. */
  sizes: Float64Array
  /** Index of each node's compound parent, or -1. */
  parents: Int32Array
  /** source, target node numbers per edge. */
  edges: Int32Array
  /** `part`: lay out a few new nodes (a column of fields, a neighbourhood) as one block. */
  mode: 'full' | 'part'
}

export type ElkLayoutResponse =
  | { id: number; ok: true; positions: Float64Array; millis: number }
  | { id: number; ok: false; error: string }

/** Vertical gap between stacked nodes (ELK's `elk.spacing.nodeNode` below). */
export const COLUMN_GAP = 14

/** Above this many nodes ELK's thorough defaults take minutes: faster strategies are used. */
export const LARGE_GRAPH = 800
/**
 * Above this many, node placement is 'SIMPLE': on bench/graph's 5,000-node overview it took
 * ~8 s in the worker where Brandes-Köpf took ~14 s and linear segments over a minute.
 */
export const HUGE_GRAPH = 2500

/** ELK 'layered', left to right, tuned by size (DESIGN.md §7). */
export function elkOptions(nodeCount: number, mode: ElkLayoutRequest['mode']): LayoutOptions {
  const options: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'POLYLINE',
    'elk.spacing.nodeNode': String(COLUMN_GAP),
    'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    'elk.spacing.componentComponent': '40',
    'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
    // A column of unconnected fields stays a column (one layer), not a packed grid.
    'elk.separateConnectedComponents': mode === 'part' ? 'false' : 'true',
  }
  if (nodeCount > LARGE_GRAPH) {
    Object.assign(options, {
      'elk.layered.thoroughness': '1',
      'elk.layered.layering.strategy': 'LONGEST_PATH',
      'elk.layered.nodePlacement.strategy': nodeCount > HUGE_GRAPH ? 'SIMPLE' : 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
      'elk.layered.compaction.postCompaction.strategy': 'NONE',
    })
  }
  return options
}

/**
 * The request for the nodes of `cy` (or only `only` and their descendants) and the edges among
 * them. Returns the leaf nodes too: they are the ones whose positions are applied (a compound
 * parent's position follows its children).
 */
export function buildElkRequest(
  cy: Core,
  id: number,
  only?: readonly string[],
): { request: ElkLayoutRequest; nodes: NodeCollection } {
  const steps = packSteps(cy, id, only)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** Nodes packed between two yields of `packSteps`: a few milliseconds of work. */
export const PACK_SLICE = 500
/**
 * Nodes read between two yields (the caller checks its clock at each): reading a node's size
 * applies its style first when no frame has drawn it yet (a first layout, whose frames are
 * held), ~0.1-1 ms a node on a loaded machine, so 500 at a time made tasks of 200-650 ms.
 */
const PACK_STEP = 4

/**
 * `buildElkRequest` as a generator that yields every few nodes or edges, so a caller
 * can spread the packing of a big graph over several tasks (elk-layout.ts) and keep each under
 * the 50 ms long-task line (issue 6).
 */
export function* packSteps(
  cy: Core,
  id: number,
  only?: readonly string[],
): Generator<void, { request: ElkLayoutRequest; nodes: NodeCollection }> {
  let nodes: NodeCollection
  if (only) {
    let picked = cy.collection() as NodeCollection
    for (const nodeId of only) {
      const node = cy.getElementById(nodeId)
      if (node.nonempty() && node.isNode()) picked = picked.union(node).union(node.descendants())
    }
    nodes = picked
  } else {
    nodes = cy.nodes()
  }
  const index = new Map<string, number>()
  const ids: string[] = new Array(nodes.length)
  const sizes = new Float64Array(nodes.length * 2)
  const parents = new Int32Array(nodes.length).fill(-1)
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!
    ids[i] = node.id()
    index.set(ids[i]!, i)
    // A compound's own size is its children's; ELK computes it. Leaves: the styled box.
    const parent = node.isParent()
    sizes[i * 2] = parent ? 0 : node.width()
    sizes[i * 2 + 1] = parent ? 0 : node.height()
    if (i % PACK_STEP === PACK_STEP - 1) yield
  }
  for (let i = 0; i < nodes.length; i++) {
    const parentId = nodes[i]!.data('parent') as string | undefined
    if (parentId !== undefined) parents[i] = index.get(parentId) ?? -1
  }
  yield
  const pairs: number[] = []
  // The nodes' edges a few hundred nodes at a time, in the order `nodes.connectedEdges()` gives
  // (each edge where it first appears): that one call over the 5,000 nodes of bench/graph's
  // overview built a 10,000-edge collection in a single step (6-55 ms in a probe).
  const seen = new Set<string>()
  for (let from = 0; from < nodes.length; from += PACK_SLICE) {
    const edges = nodes.slice(from, from + PACK_SLICE).connectedEdges()
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e]!
      const id = edge.id()
      if (seen.has(id)) continue
      seen.add(id)
      const data = edge.data() as { source: string; target: string }
      const s = index.get(data.source)
      const t = index.get(data.target)
      if (s !== undefined && t !== undefined && s !== t) pairs.push(s, t)
    }
    yield
  }
  return {
    request: {
      id,
      ids,
      sizes,
      parents,
      edges: Int32Array.from(pairs),
      mode: only ? 'part' : 'full',
    },
    nodes,
  }
}

/** The ELK JSON graph for a request: compounds nest their children, edges sit in the lowest common parent. */
export function toElkGraph(req: ElkLayoutRequest): ElkNode {
  const n = req.ids.length
  const elkNodes: ElkNode[] = req.ids.map((_id, i) => {
    const node: ElkNode = { id: String(i) }
    if (req.sizes[i * 2]! > 0) {
      node.width = req.sizes[i * 2]!
      node.height = req.sizes[i * 2 + 1]!
    } else {
      node.layoutOptions = { 'elk.padding': '[top=24,left=10,bottom=10,right=10]' }
    }
    return node
  })
  const root: ElkNode = {
    id: 'root',
    layoutOptions: elkOptions(n, req.mode),
    children: [],
    edges: [],
  }
  for (let i = 0; i < n; i++) {
    const p = req.parents[i]!
    const container = p >= 0 ? elkNodes[p]! : root
    ;(container.children ??= []).push(elkNodes[i]!)
  }
  for (let e = 0; e < req.edges.length; e += 2) {
    const s = req.edges[e]!
    const t = req.edges[e + 1]!
    const edge: ElkExtendedEdge = { id: `e${e / 2}`, sources: [String(s)], targets: [String(t)] }
    const ps = req.parents[s]!
    const container = ps >= 0 && ps === req.parents[t] ? elkNodes[ps]! : root
    ;(container.edges ??= []).push(edge)
  }
  return root
}

/** Absolute centre (x, y) of every node of the request, from ELK's parent-relative corners. */
export function readPositions(req: ElkLayoutRequest, laidOut: ElkNode): Float64Array {
  const out = new Float64Array(req.ids.length * 2)
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0)
      const y = dy + (child.y ?? 0)
      const i = Number(child.id)
      out[i * 2] = x + (child.width ?? 0) / 2
      out[i * 2 + 1] = y + (child.height ?? 0) / 2
      walk(child, x, y)
    }
  }
  walk(laidOut, 0, 0)
  return out
}

/** What ELK 'layered' makes of unconnected leaves: one column, in order, nodeNode spacing apart. */
export function columnPositions(req: ElkLayoutRequest): Float64Array {
  const out = new Float64Array(req.ids.length * 2)
  let y = 0
  for (let i = 0; i < req.ids.length; i++) {
    const h = req.sizes[i * 2 + 1]!
    out[i * 2] = 0
    out[i * 2 + 1] = y + h / 2
    y += h + COLUMN_GAP
  }
  return out
}

/**
 * Where each laid-out leaf goes (compounds follow their children). For a `part`, the block
 * keeps the centre the nodes had before, so new fields appear where their asset was.
 */
export function targetPositions(
  req: ElkLayoutRequest,
  nodes: NodeCollection,
  positions: Float64Array,
): { leaves: NodeSingular[]; xy: Float64Array } {
  const leaves: NodeSingular[] = []
  const indexOf = new Map<string, number>()
  for (let i = 0; i < req.ids.length; i++) indexOf.set(req.ids[i]!, i)
  nodes.forEach((n) => {
    if (!n.isParent()) leaves.push(n)
  })
  const xy = new Float64Array(leaves.length * 2)
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  leaves.forEach((node, k) => {
    const i = indexOf.get(node.id())!
    const x = positions[i * 2]!
    const y = positions[i * 2 + 1]!
    xy[k * 2] = x
    xy[k * 2 + 1] = y
    x1 = Math.min(x1, x)
    y1 = Math.min(y1, y)
    x2 = Math.max(x2, x)
    y2 = Math.max(y2, y)
  })
  if (req.mode === 'part' && leaves.length > 0) {
    const bb = bodiesBox(leaves)
    const dx = (bb.x1 + bb.x2) / 2 - (x1 + x2) / 2
    const dy = (bb.y1 + bb.y2) / 2 - (y1 + y2) / 2
    for (let k = 0; k < leaves.length; k++) {
      xy[k * 2] = xy[k * 2]! + dx
      xy[k * 2 + 1] = xy[k * 2 + 1]! + dy
    }
  }
  return { leaves, xy }
}

/**
 * The box of the nodes' bodies where they are now (what `boundingBox({ includeLabels: false,
 * includeOverlays: false })` gives for leaves, less the unit it pads each side with: the same
 * centre), from positions and styled sizes only:
 * cytoscape's bounding box computes every label's geometry first, and the expanded nodes are
 * about to move, which throws that away (bench/graph: expand).
 */
export function bodiesBox(nodes: readonly NodeSingular[]): {
  x1: number
  y1: number
  x2: number
  y2: number
} {
  let x1 = Infinity
  let y1 = Infinity
  let x2 = -Infinity
  let y2 = -Infinity
  for (const node of nodes) {
    const p = node.position()
    const hw = node.outerWidth() / 2
    const hh = node.outerHeight() / 2
    x1 = Math.min(x1, p.x - hw)
    y1 = Math.min(y1, p.y - hh)
    x2 = Math.max(x2, p.x + hw)
    y2 = Math.max(y2, p.y + hh)
  }
  return { x1, y1, x2, y2 }
}

/** Move the laid-out nodes in one batch (small graphs, tests; elk-layout.ts slices big ones). */
export function applyPositions(
  cy: Core,
  req: ElkLayoutRequest,
  nodes: NodeCollection,
  positions: Float64Array,
): void {
  const { leaves, xy } = targetPositions(req, nodes, positions)
  cy.batch(() => moveLeaves(cy, leaves, xy, 0, leaves.length))
  settleParents(leaves)
}

/**
 * Bring the compound parents of moved nodes to their new bounds now (call after the moves'
 * batch: a parent's bounds are not updated inside one). cytoscape does it when a
 * parent's position is first read, which is usually in the middle of the next frame's
 * bookkeeping of changed elements: the parent's update marks its children's geometry changed
 * again, and that bookkeeping drops marks made while it runs, so the children are left marked
 * and every edge of theirs is computed twice (bench/graph, after an expand: its 50 new edges
 * again in the draw). Done here, the marks come before that bookkeeping, which then sees them.
 */
export function settleParents(leaves: readonly NodeSingular[]): void {
  const seen = new Set<string>()
  for (const leaf of leaves) {
    const parent = leaf.parent().first() as NodeSingular
    if (parent.empty() || seen.has(parent.id())) continue
    seen.add(parent.id())
    // Reading a parent's position updates its bounds (cytoscape's compound-bounds update).
    parent.position()
  }
}

/** Position leaves[from, to) from `xy` (call inside a batch). */
export function moveLeaves(
  cy: Core,
  leaves: NodeSingular[],
  xy: Float64Array,
  from: number,
  to: number,
): void {
  // One `positions` call per slice: one event and one compound-bounds update, not one per node.
  cy.collection(leaves.slice(from, to) as unknown as CollectionArgument).positions((_node, k) => ({
    x: xy[(from + k) * 2]!,
    y: xy[(from + k) * 2 + 1]!,
  }))
}

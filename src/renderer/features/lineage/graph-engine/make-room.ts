import type { CollectionArgument, Core, NodeCollection, NodeSingular, Position } from 'cytoscape'
import { bodiesBox, settleParents } from './elk-graph'
import { flushChanges } from './flush-changes'

/**
 * Room for an asset that grew when it was expanded. A big graph lays out only the new fields
 * (elk-layout.ts, `only`): they are placed in a column inside their asset, which keeps its place,
 * so the asset's box grows over its neighbours in the same ELK layer (bench/graph's overview:
 * a topic with 50 fields covered the ~40 topics below it). Here the layer makes room, as if the
 * space had been there: the asset grows one way, towards the side of its layer with fewer nodes,
 * and the nodes on that side move by its growth, which keeps the spacing they had from it. Other
 * layers stay put, so the picture the user knew keeps its shape.
 */

/** Where an expanded asset was before it grew: its centre and its collapsed height. */
export interface GrownFrom {
  id: string
  y: number
  height: number
}

/**
 * Horizontal distance from a grown asset's centre beyond which no node's box can reach its
 * column: asset boxes are 168 px wide, opened ones ~200 (stylesheet.ts), layers ELK's spacing apart.
 */
const NEAR_X = 600

/**
 * The parents outside `part` of its nodes (the assets an expansion's fields went into), each as
 * it was: call before the part is placed.
 */
export function grownAssets(part: NodeCollection): GrownFrom[] {
  const children = new Map<string, { parent: NodeSingular; nodes: NodeSingular[] }>()
  part.forEach((node) => {
    const parent = node.parent().first() as NodeSingular
    if (parent.empty() || part.has(parent)) return
    const entry = children.get(parent.id())
    if (entry) entry.nodes.push(node)
    else children.set(parent.id(), { parent, nodes: [node] })
  })
  return [...children.values()].map(({ parent, nodes }) => grownFrom(parent, nodes))
}

/**
 * The asset `from.id` as it was before its fields were placed (call before moving them): its new
 * fields stand in a column from its old centre down (patch-elements.ts), so the first one's
 * place is that centre, and a compound keeps its styled height as the collapsed box's.
 */
function grownFrom(parent: NodeSingular, children: readonly NodeSingular[]): GrownFrom {
  let y = Infinity
  for (const child of children) y = Math.min(y, child.position('y'))
  const height = (parent as unknown as { pstyle(p: string): { pfValue: number } }).pstyle(
    'height',
  ).pfValue
  return { id: parent.id(), y: Number.isFinite(y) ? y : parent.position('y'), height }
}

/** Nodes to move by `dy` after the frame: off the view when their asset grew. */
export interface LaterMove {
  leaves: NodeSingular[]
  dy: number
}

/**
 * Move the nodes of each grown asset's layer out of its new box (call after its fields were
 * placed, outside a batch: the moved compounds' bounds are settled here, after the moves). The
 * asset grows towards the side of its layer with fewer nodes: its fields are shifted so that its
 * other edge stays where the collapsed asset's was, and only the nodes on that side move
 * (bench/graph: a topic in a layer of 1,000 moved ~500 instead of ~1,000).
 *
 * Each moved node's edges are computed again before the next frame, ~4 per node: with `soon`
 * (the part of the graph the user can see, in model units), only the nodes there move now and
 * the others are returned, to be moved after the frame (`moveLater`). Until then the far end of
 * the layer overlaps itself out of view.
 */
export function makeRoom(
  cy: Core,
  grown: readonly GrownFrom[],
  soon?: { y1: number; y2: number },
): { moved: number; later: LaterMove[] } {
  let moved = 0
  const later: LaterMove[] = []
  for (const from of grown) {
    const asset = cy.getElementById(from.id) as NodeSingular
    if (asset.empty() || !asset.isNode()) continue
    const box = asset.boundingBox({ includeLabels: false, includeOverlays: false })
    const top = from.y - from.height / 2
    const bottom = from.y + from.height / 2
    if (box.y1 >= top && box.y2 <= bottom) continue
    const own = new Set(asset.union(asset.ancestors()).union(asset.descendants()).toArray())
    // The layer: top-level nodes beside the asset's box (a compound moves with its leaves).
    const above: LayerNode[] = []
    const below: LayerNode[] = []
    // Every element as cytoscape holds them, not `cy.nodes()`: that builds a collection of all
    // nodes (bench/graph: ~5 ms of an expand, for the ~1,000 near the box).
    const eles = (cy as unknown as { mutableElements(): ArrayLike<NodeSingular> }).mutableElements()
    for (let i = 0; i < eles.length; i++) {
      const root = eles[i]!
      const p = (root as unknown as { _private: LayerPrivate })._private
      // Top-level nodes near the box's column only (a plain read first: 15,000 elements per expand).
      if (p.group !== 'nodes' || p.parent) continue
      if (Math.abs(p.position.x - (box.x1 + box.x2) / 2) > NEAR_X || own.has(root)) continue
      const b = root.isParent()
        ? root.boundingBox({ includeLabels: false, includeOverlays: false })
        : bodiesBox([root])
      if (b.x2 <= box.x1 || b.x1 >= box.x2) continue
      ;((b.y1 + b.y2) / 2 < from.y ? above : below).push({ root, y1: b.y1, y2: b.y2 })
    }
    const downwards = below.length <= above.length
    // The asset's fields shifted so that it grows one way only, then that side moved by as much.
    const shift = downwards ? top - box.y1 : bottom - box.y2
    const room = downwards ? box.y2 + shift - bottom : box.y1 + shift - top
    const targets: NodeSingular[] = []
    const places: Position[] = []
    const move = (leaves: NodeSingular[], dy: number) => {
      for (const leaf of leaves) {
        const p = leaf.position()
        targets.push(leaf)
        places.push({ x: p.x, y: p.y + dy })
      }
    }
    if (shift !== 0) move(leavesOf(asset), shift)
    if (room !== 0) {
      const deferred: NodeSingular[] = []
      for (const { root, y1, y2 } of downwards ? below : above) {
        const leaves = root.isParent() ? leavesOf(root) : [root]
        // Where it is now or where it goes is in sight: now; else after the frame.
        const inSight =
          !soon || (Math.min(y1, y1 + room) <= soon.y2 && Math.max(y2, y2 + room) >= soon.y1)
        if (inSight) move(leaves, room)
        else deferred.push(...leaves)
        moved++
      }
      if (deferred.length > 0) later.push({ leaves: deferred, dy: room })
    }
    if (targets.length === 0) continue
    // One `positions` call: one event and one compound-bounds update, not one per node.
    cy.batch(() => {
      cy.collection(targets as unknown as CollectionArgument).positions((_n, k) => places[k]!)
    })
    // The asset's fields moved again after the layout settled it: settled once more here, or
    // the next frame computes the fields and their edges twice (elk-graph.ts, settleParents).
    settleParents(targets)
  }
  return { moved, later }
}

/** What the layer scan reads of an element (cytoscape 3.34's `_private`). */
interface LayerPrivate {
  group: 'nodes' | 'edges'
  parent?: unknown
  position: Position
}

interface LayerNode {
  root: NodeSingular
  y1: number
  y2: number
}

/** Nodes moved per step after the frame (each step's edges computed with it: flushChanges). */
const LATER_STEP = 10

/**
 * Move `later`'s nodes a few at a time, `sliceMs` of work per task, their geometry computed as
 * they go; stops when `current()` turns false (a new layout of the instance) or it is destroyed.
 */
export async function moveLater(
  cy: Core,
  later: readonly LaterMove[],
  opts: { sliceMs: number; nextTask: () => Promise<void>; current: () => boolean },
): Promise<void> {
  for (const { leaves, dy } of later) {
    let k = 0
    while (k < leaves.length) {
      await opts.nextTask()
      if (cy.destroyed() || !opts.current()) return
      const sliceStart = performance.now()
      while (k < leaves.length && performance.now() - sliceStart < opts.sliceMs) {
        const step = leaves.slice(k, k + LATER_STEP).filter((leaf) => leaf.inside())
        k += LATER_STEP
        cy.batch(() => {
          cy.collection(step as unknown as CollectionArgument).positions((leaf) => {
            const p = (leaf as NodeSingular).position()
            return { x: p.x, y: p.y + dy }
          })
        })
        settleParents(step)
        flushChanges(cy)
      }
    }
  }
}

const leavesOf = (node: NodeSingular): NodeSingular[] =>
  node
    .descendants()
    .filter((n) => !n.isParent())
    .toArray() as NodeSingular[]

import type { CollectionArgument, Core, NodeCollection, NodeSingular, Position } from 'cytoscape'

/**
 * Room for an asset that grew when it was expanded. A big graph lays out only the new fields
 * (elk-layout.ts, `only`): they are placed in a column inside their asset, which keeps its place,
 * so the asset's box grows over its neighbours in the same ELK layer (bench/graph's overview:
 * a topic with 50 fields covered the ~40 topics below it). Here the nodes of that layer are
 * moved apart, as if the space had been there: those above the asset's old place go up by what it
 * grew upwards, those below go down by what it grew downwards, which keeps the spacing they had
 * from it. Other layers stay put, so the picture the user knew keeps its shape.
 */

/** Where an expanded asset was before it grew: its centre and its collapsed height. */
export interface GrownFrom {
  id: string
  y: number
  height: number
}

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
export function grownFrom(parent: NodeSingular, children: readonly NodeSingular[]): GrownFrom {
  let y = Infinity
  for (const child of children) y = Math.min(y, child.position('y'))
  const height = (parent as unknown as { pstyle(p: string): { pfValue: number } }).pstyle(
    'height',
  ).pfValue
  return { id: parent.id(), y: Number.isFinite(y) ? y : parent.position('y'), height }
}

/**
 * Move the nodes of each grown asset's layer out of its new box (call inside a batch, after its
 * fields were placed). The asset grows towards the side of its layer with fewer nodes: its fields
 * are shifted so that its other edge stays where the collapsed asset's was, and only the nodes on
 * that side move (each moved node's edges are computed again before the next frame: bench/graph,
 * a topic in a layer of 1,000 moved ~500 instead of ~1,000). Returns how many nodes moved.
 */
export function makeRoom(cy: Core, grown: readonly GrownFrom[]): number {
  let moved = 0
  for (const from of grown) {
    const asset = cy.getElementById(from.id) as NodeSingular
    if (asset.empty() || !asset.isNode()) continue
    const box = asset.boundingBox({ includeLabels: false, includeOverlays: false })
    const top = from.y - from.height / 2
    const bottom = from.y + from.height / 2
    if (box.y1 >= top && box.y2 <= bottom) continue
    const own = asset.union(asset.ancestors()).union(asset.descendants())
    // The layer: top-level nodes beside the asset's box (a compound moves with its leaves).
    const above: NodeSingular[] = []
    const below: NodeSingular[] = []
    cy.nodes()
      .orphans()
      .forEach((root) => {
        if (own.has(root)) return
        const { x1, x2, y1, y2 } = root.isParent()
          ? root.boundingBox({ includeLabels: false, includeOverlays: false })
          : leafBox(root)
        if (x2 <= box.x1 || x1 >= box.x2) return
        ;((y1 + y2) / 2 < from.y ? above : below).push(root)
      })
    const downwards = below.length <= above.length
    // The asset's fields shifted so that it grows one way only, then that side moved by as much.
    const shift = downwards ? top - box.y1 : bottom - box.y2
    const room = downwards ? box.y2 + shift - bottom : box.y1 + shift - top
    const targets: NodeSingular[] = []
    const places: Position[] = []
    const move = (nodes: NodeCollection | NodeSingular, dy: number) => {
      if (dy === 0) return
      nodes.forEach((leaf: NodeSingular) => {
        const p = leaf.position()
        targets.push(leaf)
        places.push({ x: p.x, y: p.y + dy })
      })
    }
    move(leavesOf(asset), shift)
    for (const root of downwards ? below : above) {
      move(root.isParent() ? leavesOf(root) : root, room)
      if (room !== 0) moved++
    }
    if (targets.length === 0) continue
    // One `positions` call: one event and one compound-bounds update, not one per node.
    cy.collection(targets as unknown as CollectionArgument).positions((_n, k) => places[k]!)
  }
  return moved
}

const leavesOf = (node: NodeSingular): NodeCollection =>
  node.descendants().filter((n) => !n.isParent())

/** A leaf's body box from its position and styled size (no label geometry computed). */
function leafBox(node: NodeSingular): { x1: number; x2: number; y1: number; y2: number } {
  const p = node.position()
  const hw = node.outerWidth() / 2
  const hh = node.outerHeight() / 2
  return { x1: p.x - hw, x2: p.x + hw, y1: p.y - hh, y2: p.y + hh }
}

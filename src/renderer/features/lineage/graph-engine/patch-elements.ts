import type { Core, ElementDefinition, NodeSingular, Position } from 'cytoscape'
import { RUNTIME_CLASSES } from './classes'
import { COLUMN_GAP } from './elk-graph'
import { elementCount } from './element-count'
import { classList, isEdge, sameDefinition, sameList } from './same-definition'

export { isEdge }

/** What one patch changed, by element id. */
export interface PatchResult {
  added: string[]
  removed: string[]
  updated: string[]
  /** Added nodes without a position of their own, placed near a parent or neighbour: lay these out. */
  placed: string[]
  /**
   * Whether the set of nodes or their parents changed (nodes added or removed, a node moved into
   * another compound): what a layout depends on. Classes, data and edges alone do not change it.
   */
  nodesChanged: boolean
  /** How many nodes `cy` held before the patch (counted from `next`, not by a pass over `cy`). */
  nodesBefore: number
}

/**
 * Vertical step between the fields of a freshly expanded asset: field node height (22,
 * stylesheet.ts) + the gap ELK leaves, so the column already is what the layout will make.
 */
const FIELD_STEP = 22 + COLUMN_GAP
/** Horizontal step from a neighbour for a new node with no parent. */
const NEIGHBOUR_STEP = 220

/**
 * Bring `cy` to exactly `next` (usually `toCyElements(...)`) in one `cy.batch()`: one style
 * pass and one redraw, however many elements change. Elements keep their identity (and
 * position) when their id stays, so expanding an asset adds its fields and leaves the rest of
 * the drawing where the user had it.
 *
 * - Removed ids are removed; nodes whose compound parent changes are moved first, so removing
 *   a parent never takes a child that stays.
 * - Data is replaced key by key (keys missing from `next` are removed); classes are replaced,
 *   except the run-time ones (`path`, `dimmed`) the page set, which are kept.
 * - Edges whose ends changed (a suggestion redrawn to a collapsed asset) are moved.
 * - New nodes without a position are placed: fields of an asset in a column where the asset
 *   was, other nodes beside their first placed neighbour (right of a source, left of a target).
 *   Their ids are returned in `placed` for `layoutWithElk(cy, { only })`.
 */
export function patchElements(cy: Core, next: ElementDefinition[]): PatchResult {
  const result: PatchResult = {
    added: [],
    removed: [],
    updated: [],
    placed: [],
    nodesChanged: false,
    nodesBefore: 0,
  }
  // What the previous patch applied, if cy still holds exactly that: then the diff is plain
  // object comparisons against it and only changed elements are touched in cytoscape (an
  // expand on a 15,000-element graph has a 200 ms budget, issue 6). Otherwise, the full diff.
  const last = applied.get(cy)
  const prev = last && last.byId.size === elementCount(cy) ? last : undefined
  // Forgotten until this patch has gone through: a patch that throws leaves no record behind.
  applied.delete(cy)
  const stamp = prev ? prev.patch + 1 : 0
  // One pass over `next`: what is new and, of the rest, what may differ (all of it without a
  // previous patch). With one, each entry it still holds is stamped, with no index of `next`
  // built (15,000 map entries per expand): the unstamped ones are the elements to remove.
  const toAdd: ElementDefinition[] = []
  const candidates: ElementDefinition[] = []
  let kept = 0
  let nodesNext = 0
  for (const def of next) {
    const id = def.data.id
    if (id === undefined) throw new Error('patchElements needs an id on every element')
    if (!isEdge(def)) nodesNext++
    if (!prev) {
      if (cy.getElementById(id).empty()) toAdd.push(def)
      else candidates.push(def)
      continue
    }
    const entry = prev.byId.get(id)
    if (!entry) {
      toAdd.push(def)
      continue
    }
    if (entry.seen !== stamp) {
      entry.seen = stamp
      kept++
    }
    if (entry.def !== def) {
      if (!sameDefinition(entry.def, def)) candidates.push(def)
      entry.def = def
    }
  }
  // A batch that a throw cannot leave open (cy.batch would: no frame would be drawn again).
  cy.startBatch()
  try {
    // Where the parents of new nodes were before anything moves: their new children start there.
    const before = new Map<string, Position>()
    for (const def of toAdd) {
      const parent = def.data.parent as string | undefined
      if (!parent || before.has(parent)) continue
      const node = cy.getElementById(parent)
      if (node.nonempty()) before.set(parent, { ...(node as NodeSingular).position() })
    }
    const reparent: Array<[string, string | null]> = []
    for (const def of candidates) {
      if (isEdge(def)) continue
      const node = cy.getElementById(def.data.id!)
      const wanted = (def.data.parent as string | undefined) ?? null
      const current = (node.data('parent') as string | undefined) ?? null
      if (wanted !== current) reparent.push([node.id(), wanted])
    }
    // Detach first: a child moved out of a parent about to be removed must survive it.
    const moved = new Set<string>()
    for (const [id] of reparent) {
      const node = cy.getElementById(id)
      if (node.data('parent') !== undefined) {
        node.move({ parent: null })
        moved.add(id)
      }
    }

    // Nodes first, in the given order (parents before children), then edges. The fields of an
    // asset that was already drawn come with their place in its column: placed afterwards, each
    // would be a position change (an event and a compound-bounds mark per field).
    const columns = new Map<string, number>()
    const inColumn: string[] = []
    const nodesToAdd = toAdd
      .filter((d) => !isEdge(d))
      .map((def) => {
        const anchor = def.position ? undefined : before.get(def.data.parent as string)
        if (!anchor) return def
        const i = columns.get(def.data.parent as string) ?? 0
        columns.set(def.data.parent as string, i + 1)
        inColumn.push(def.data.id!)
        return { ...def, position: { x: anchor.x, y: anchor.y + i * FIELD_STEP } }
      })
    cy.add([...nodesToAdd, ...toAdd.filter(isEdge)])
    result.added = toAdd.map((def) => def.data.id!)

    for (const [id, parent] of reparent) {
      const node = cy.getElementById(id)
      if (node.nonempty() && ((node.data('parent') as string | undefined) ?? null) !== parent) {
        node.move({ parent })
      }
    }

    // Removed after the adds, and only when there is something to remove: cytoscape's remove
    // (even of nothing) looks for a compound parent among all the elements, from the first, to
    // know whether the graph still has one. Before an expand's add there may be none (an
    // overview of closed assets): a pass over all 15,000 (3 ms of bench/graph's expand), which
    // the expanded asset, long in the graph, ends early.
    let gone = cy.collection()
    if (!prev) {
      const ids = new Set(next.map((def) => def.data.id!))
      gone = cy.elements().filter((ele) => !ids.has(ele.id()))
    } else if (kept !== prev.byId.size) {
      for (const [id, entry] of prev.byId) {
        if (entry.seen !== stamp) gone.merge(cy.getElementById(id))
      }
    }
    result.removed = gone.map((ele) => ele.id())
    const goneNodes = gone.nodes().length
    result.nodesChanged = reparent.length > 0 || goneNodes > 0 || nodesToAdd.length > 0
    // cy holds exactly `next` after the patch: its nodes, less those added, plus those removed.
    result.nodesBefore = nodesNext - nodesToAdd.length + goneNodes
    if (gone.nonempty()) cy.remove(gone)

    for (const def of candidates) {
      const id = def.data.id!
      const ele = cy.getElementById(id)
      if (ele.empty()) continue
      let changed = moved.has(id)
      if (ele.isEdge()) {
        const { source, target } = def.data
        if (source !== ele.data('source') || target !== ele.data('target')) {
          ele.move({ source: source as string, target: target as string })
          changed = true
        }
      }
      if (patchData(ele.data() as Record<string, unknown>, def.data, (k) => ele.removeData(k))) {
        ele.data(def.data)
        changed = true
      }
      const classes = classList(def.classes)
      if (classesDiffer(ele, classes)) {
        const keep = RUNTIME_CLASSES.filter((c) => ele.hasClass(c))
        ele.classes([...classes, ...keep])
        changed = true
      }
      if (changed) result.updated.push(id)
    }

    result.placed = [...inColumn, ...placeBesideNeighbours(cy, toAdd, new Set(inColumn))]
  } finally {
    cy.endBatch()
  }
  if (prev) {
    for (const id of result.removed) prev.byId.delete(id)
    for (const def of toAdd) prev.byId.set(def.data.id!, { def, seen: stamp })
    applied.set(cy, { byId: prev.byId, patch: stamp })
  } else {
    recordApplied(cy, next)
  }
  return result
}

/** What the last patch of an instance applied: each id's definition and the patch that saw it last. */
interface Applied {
  byId: Map<string, { def: ElementDefinition; seen: number }>
  /** The number of that patch (entries it saw carry it). */
  patch: number
}

const applied = new WeakMap<Core, Applied>()

/**
 * Record `next` as what `cy` now holds exactly (for the next patch's cheap diff): for code that
 * brought `cy` there itself (patchElementsInSlices).
 */
export function recordApplied(cy: Core, next: ElementDefinition[]): void {
  applied.set(cy, {
    byId: new Map(next.map((def) => [def.data.id!, { def, seen: 0 }])),
    patch: 0,
  })
}

/** True when `next` differs from `current`; removes keys `next` dropped through `remove`. */
function patchData(
  current: Record<string, unknown>,
  next: Record<string, unknown>,
  remove: (key: string) => void,
): boolean {
  let changed = false
  for (const key of Object.keys(current)) {
    if (key === 'id' || key === 'parent' || key === 'source' || key === 'target') continue
    if (!(key in next)) {
      remove(key)
      changed = true
    }
  }
  for (const [key, value] of Object.entries(next)) {
    if (key === 'id' || key === 'parent' || key === 'source' || key === 'target') continue
    const old = current[key]
    if (old === value) continue
    if (Array.isArray(value) && Array.isArray(old) && sameList(old, value)) continue
    if (
      typeof value === 'object' &&
      value !== null &&
      JSON.stringify(old) === JSON.stringify(value)
    ) {
      continue
    }
    changed = true
  }
  return changed
}

const RUNTIME = new Set<string>(RUNTIME_CLASSES)

/** Whether the element's classes (run-time ones aside) differ from `next` (no sorting, no copies beyond one). */
function classesDiffer(
  ele: { classes(): unknown; hasClass(c: string): boolean },
  next: readonly string[],
): boolean {
  const current = ele.classes() as string[]
  let own = 0
  for (const c of current) if (!RUNTIME.has(c)) own++
  if (own !== new Set(next).size) return true
  for (const c of next) if (!ele.hasClass(c)) return true
  return false
}

/** New nodes with no place yet (`inColumn` have one): beside a neighbour, else the view's centre. */
function placeBesideNeighbours(
  cy: Core,
  added: ElementDefinition[],
  inColumn: ReadonlySet<string>,
): string[] {
  const placed: string[] = []
  const pending: NodeSingular[] = []
  for (const def of added) {
    if (isEdge(def) || def.position || inColumn.has(def.data.id!)) continue
    pending.push(cy.getElementById(def.data.id!) as NodeSingular)
  }
  // Others beside a neighbour that has a place; later passes reach chains of new nodes.
  const unplaced = new Set(pending.map((n) => n.id()))
  for (let pass = 0; pass < 3 && pending.length > 0; pass++) {
    const last = pass === 2
    for (let i = 0; i < pending.length;) {
      const node = pending[i]!
      const spot = besideNeighbour(node, unplaced)
      if (!spot && !last) {
        i++
        continue
      }
      node.position(spot ?? centre(cy))
      unplaced.delete(node.id())
      placed.push(node.id())
      pending.splice(i, 1)
    }
  }
  return placed
}

/** Right of a placed source, else left of a placed target. */
function besideNeighbour(node: NodeSingular, unplaced: Set<string>): Position | undefined {
  const hasPlace = (n: NodeSingular) => !unplaced.has(n.id()) && !n.same(node)
  const source = node.incomers('node').filter((n) => hasPlace(n as NodeSingular))
  if (source.nonempty()) {
    const p = (source.first() as NodeSingular).position()
    return { x: p.x + NEIGHBOUR_STEP, y: p.y }
  }
  const target = node.outgoers('node').filter((n) => hasPlace(n as NodeSingular))
  if (target.nonempty()) {
    const p = (target.first() as NodeSingular).position()
    return { x: p.x - NEIGHBOUR_STEP, y: p.y }
  }
  return undefined
}

function centre(cy: Core): Position {
  const ext = cy.extent()
  return { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 }
}

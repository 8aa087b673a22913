import type { Core } from 'cytoscape'
import { DrawOrderNotices } from './draw-order-notices'

/**
 * Keep cytoscape's draw order across an add, instead of sorting every element again (issue 6:
 * expanding a node ≤ 200 ms).
 *
 * cytoscape's canvas renderer caches its elements sorted by z-order (compound depth, edges
 * under nodes, z-index, then the order added) and drops that cache on every add, remove or
 * z-order change: the next frame sorts all of them, reading styles in each comparison
 * (bench/graph: 20-40 ms for the 15,100 elements after expanding an asset of the overview).
 * Here an add, or a z-order change of given elements (a new element's first style), keeps the
 * cached order: the next frame takes out the elements concerned, sorts only them, and merges
 * them back in with cytoscape's own comparison. Any other change (a remove, a move, a restyle
 * without elements) sorts everything, as before.
 *
 * Equal to a full sort as long as the elements left in place keep their relative order. Their
 * keys change only when a node becomes or stops being a compound parent (its depth), which
 * changes its edges' depth too: the parents of added nodes and their edges are re-placed with
 * them. When the graph gets its first compound, every other element's depth changes alike, so
 * their relative order holds.
 *
 * A notice of elements the cached order's last full sort already placed (queued in a batch
 * before that sort) re-places nothing (draw-order-notices.ts).
 *
 * Reaches into cytoscape 3.34's renderer (`notify`, `cachedZSortedEles`, `getCachedZSortedEles`,
 * `updateCachedGrabbedEles`) and wraps the core's `notify`; without them nothing is installed.
 */

interface Ele {
  removed(): boolean
  isNode(): boolean
  isParent(): boolean
  parent(): ArrayLike<Ele>
  connectedEdges(): ArrayLike<Ele>
  interactive(): boolean
  grabbed(): boolean
  _private: { rscratch: { inDragLayer?: boolean } }
}

/** What the z-order key reads of an element (public API, but `poolIndex`). */
export interface ZEle {
  pstyle(name: string): { value: unknown }
  isNode(): boolean
  isParent(): boolean
  data(key: string): unknown
  parents(): { length: number }
  source(): ZEle
  target(): ZEle
  poolIndex(): number
}

type Sorted = Ele[] & { interactive?: Ele[]; drag?: Ele[]; nondrag?: Ele[] }

interface Renderer {
  notify(eventName: string, eles?: ArrayLike<Ele>): void
  cachedZSortedEles?: Sorted | null
  getCachedZSortedEles(forceRecalc?: boolean): Sorted
  updateCachedGrabbedEles(): void
  cy: Core
}

interface NotifyingCore {
  notify(eventName: string, eles?: ArrayLike<Ele> | null): void
}

/** Each instance's numbering of notices, for `sortDrawOrderInSlices`. */
const noticesOf = new WeakMap<Core, DrawOrderNotices>()

/**
 * Z-order keys kept from one re-placement to the next, and filled by the sort in slices. A
 * re-placement compares its few elements with ~14 others each, by binary search (an expand of
 * bench/graph's overview: ~1,400 keys, each reading three styles, a few ms); those others'
 * keys have not changed since they were last read. An element's key is forgotten when a notice
 * names it; all are, when cytoscape sorts everything again (a remove renumbers the elements'
 * `poolIndex`, a restyle without elements may change any) or the graph gains or loses its
 * compounds (every element's depth changes).
 */
export class ZOrderKeys {
  // A Map, not a WeakMap: 15,000 entries in a WeakMap are ephemerons that every collection
  // marks apart. Removed elements are not kept alive by it: a remove clears it (a full sort).
  private keys = new Map<object, readonly number[]>()
  private compounds: boolean | undefined

  of(ele: ZEle, hasCompounds: boolean): readonly number[] {
    if (hasCompounds !== this.compounds) this.clear(hasCompounds)
    let key = this.keys.get(ele)
    if (!key) {
      key = zOrderKey(ele, hasCompounds)
      this.keys.set(ele, key)
    }
    return key
  }

  forget(ele: object): void {
    this.keys.delete(ele)
  }

  clear(hasCompounds?: boolean): void {
    this.keys = new Map()
    this.compounds = hasCompounds
  }
}

const keysOf = new WeakMap<Core, ZOrderKeys>()

/** Above this share of the graph, changed elements are sorted with everything (a full sort). */
const MAX_SHARE = 0.1

/**
 * `sorted` with the elements of `changed` taken out and those that `keep` accepts put back where
 * `compare` places them. `sorted` must be in `compare`'s order apart from the elements of
 * `changed`, which may also hold elements not in `sorted` (new ones). Equal to sorting them all
 * when `compare` is a total order.
 */
export function mergeSorted<T>(
  sorted: readonly T[],
  changed: ReadonlySet<T>,
  compare: (a: T, b: T) => number,
  keep: (x: T) => boolean = () => true,
): T[] {
  const placed = [...changed].filter(keep).sort(compare)
  const rest = sorted.filter((x) => !changed.has(x))
  // Binary search per placed element (a few comparisons each: cytoscape's read styles), then
  // one pass to build the result.
  const out: T[] = []
  let from = 0
  for (const x of placed) {
    let lo = from
    let hi = rest.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(rest[mid]!, x) < 0) lo = mid + 1
      else hi = mid
    }
    for (let i = from; i < lo; i++) out.push(rest[i]!)
    out.push(x)
    from = lo
  }
  for (let i = from; i < rest.length; i++) out.push(rest[i]!)
  return out
}

/**
 * cytoscape's draw order (collection/zsort in 3.34, not exported) as a key per element, so that
 * each element's compound depth, which builds a collection of its ancestors, is computed once:
 * compound depth (`z-compound-depth`), then nodes above edges (`z-index-compare: auto`), then
 * `z-index`, then the order added. The unit test checks it against cytoscape's `sortByZIndex`.
 */
export function zOrderKey(ele: ZEle, hasCompoundNodes: boolean): readonly number[] {
  const compound = ele.pstyle('z-compound-depth').value
  const depth =
    compound === 'auto'
      ? hasCompoundNodes
        ? compoundDepth(ele)
        : 0
      : compound === 'bottom'
        ? -1
        : compound === 'top'
          ? Number.MAX_SAFE_INTEGER
          : 0
  const nodesAbove = ele.pstyle('z-index-compare').value === 'auto' && ele.isNode() ? 1 : 0
  return [depth, nodesAbove, Number(ele.pstyle('z-index').value), ele.poolIndex()]
}

/** cytoscape's `zDepth`: childless nodes on top, parents by depth, edges at their deeper end. */
function compoundDepth(ele: ZEle): number {
  if (ele.isNode()) {
    if (!ele.isParent()) return Number.MAX_SAFE_INTEGER - 1
    return ele.data('parent') ? ele.parents().length : 0
  }
  return Math.max(compoundDepth(ele.source()), compoundDepth(ele.target()), 0)
}

/** Lexicographic comparison of two keys of the same length. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]! ? -1 : 1
  }
  return 0
}

/** Install on `cy`'s renderer (no-op headless or on a renderer without these fields). */
export function installIncrementalZOrder(cy: Core): void {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  if (
    !r ||
    typeof r.notify !== 'function' ||
    typeof r.getCachedZSortedEles !== 'function' ||
    typeof r.updateCachedGrabbedEles !== 'function' ||
    !('cachedZSortedEles' in r)
  ) {
    return
  }
  const renderer = r as Renderer
  const notify = renderer.notify
  const getSorted = renderer.getCachedZSortedEles
  /** Elements to re-place in the cached order at the next read of it. */
  const pending = new Set<Ele>()
  const notices = new DrawOrderNotices()
  noticesOf.set(cy, notices)
  const keys = new ZOrderKeys()
  keysOf.set(cy, keys)
  const core = cy as unknown as NotifyingCore
  const coreNotify = core.notify
  core.notify = function numberingNotices(eventName, eles) {
    if ((eventName === 'add' || eventName === 'zorder') && eles) notices.heard(eles)
    coreNotify.call(this, eventName, eles)
  }
  /** cytoscape's own full sort, numbered. */
  const fullSort = (self: Renderer, forceRecalc?: boolean) => {
    const recomputes = forceRecalc || !self.cachedZSortedEles
    if (recomputes) keys.clear()
    const n = notices.fullSortStarts()
    const sorted = getSorted.call(self, forceRecalc)
    if (recomputes) notices.fullSortCached(n)
    return sorted
  }

  renderer.notify = function notifyKeepingOrder(eventName, eles) {
    const cached = this.cachedZSortedEles
    // A key read before this notice may be stale, with or without an order cached.
    if ((eventName === 'add' || eventName === 'zorder') && eles) {
      for (let i = 0; i < eles.length; i++) {
        if (!notices.accountedFor(eles[i]!)) keys.forget(eles[i]!)
      }
    }
    notify.call(this, eventName, eles)
    if (!cached || this.cachedZSortedEles) return
    // cytoscape dropped its order: keep it when it only needs these elements re-placed.
    if ((eventName === 'add' || eventName === 'zorder') && eles && eles.length > 0) {
      for (let i = 0; i < eles.length; i++) {
        const ele = eles[i]!
        if (!notices.accountedFor(ele)) pending.add(ele)
      }
      this.cachedZSortedEles = cached
    } else {
      pending.clear()
      keys.clear()
    }
  }

  renderer.getCachedZSortedEles = function getOrderKeepingIt(forceRecalc) {
    const cached = this.cachedZSortedEles
    // A full sort since an element was noticed (sortDrawOrderInSlices) placed it already.
    for (const ele of pending) if (notices.accountedFor(ele)) pending.delete(ele)
    if (forceRecalc || !cached || pending.size === 0) {
      pending.clear()
      return fullSort(this, forceRecalc)
    }
    if (pending.size > cached.length * MAX_SHARE) {
      pending.clear()
      return fullSort(this, true)
    }
    // Nodes' parents may have just become parents: their depth, and their edges', changed.
    // (A remove sorts everything: no element of `cached` has left the graph.)
    const changed = new Set(pending)
    pending.clear()
    for (const ele of [...changed]) {
      if (!ele.isNode() || ele.removed()) continue
      const parent = ele.parent()[0]
      if (!parent || changed.has(parent)) continue
      changed.add(parent)
      const edges = parent.connectedEdges()
      for (let i = 0; i < edges.length; i++) changed.add(edges[i]!)
    }
    const inGraph = (ele: Ele) => !ele.removed()
    for (const ele of changed) keys.forget(ele)
    const hasCompounds = (cy as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes()
    const compare = (a: Ele, b: Ele) =>
      compareKeys(
        keys.of(a as unknown as ZEle, hasCompounds),
        keys.of(b as unknown as ZEle, hasCompounds),
      )
    const eles: Sorted = mergeSorted(cached, changed, compare, inGraph)
    // cytoscape's list of the interactive ones, in the same order.
    eles.interactive = mergeSorted(
      cached.interactive ?? eles.filter((ele) => ele.interactive()),
      changed,
      compare,
      (ele) => inGraph(ele) && ele.interactive(),
    )
    this.cachedZSortedEles = eles
    withDragLists(this, eles, cached, changed)
    return eles
  }
}

/**
 * cytoscape's split of the order into the elements drawn in the drag layer and the others
 * (`updateCachedGrabbedEles`: a pass over every element, calling `grabbed()` on each). When
 * nothing was being dragged and no re-placed element is, the others are the whole order, with
 * no such pass (bench/graph's expand: 4-6 ms in the redraw after it).
 */
function withDragLists(r: Renderer, eles: Sorted, cached: Sorted, changed: ReadonlySet<Ele>) {
  const dragging =
    cached.drag === undefined ||
    cached.drag.length > 0 ||
    [...changed].some((ele) => ele.grabbed() || ele._private.rscratch.inDragLayer)
  if (dragging) {
    r.updateCachedGrabbedEles()
    return
  }
  eles.drag = []
  eles.nondrag = eles.slice()
}

export interface SortSliceOptions {
  sliceMs: number
  /** Yield to the event loop; throws when the work should stop. */
  yieldTask: () => Promise<void>
}

/**
 * What the renderer's `getCachedZSortedEles(true)` does (sort every element into draw order and
 * cache it), over several tasks: each element's key and interactivity in slices, then one sort
 * of the keys. For the first frame of a big graph (first-draw.ts): sorting bench/graph's 15,000
 * elements with cytoscape's comparison, which reads styles in every comparison, is one task of
 * 15-60 ms. Returns the order, or undefined on a renderer without these fields (nothing done).
 */
export async function sortDrawOrderInSlices(
  cy: Core,
  opts: SortSliceOptions,
): Promise<Sorted | undefined> {
  const r = (cy as unknown as { renderer?: () => Partial<Renderer> | undefined }).renderer?.()
  if (!r || typeof r.updateCachedGrabbedEles !== 'function' || !('cachedZSortedEles' in r)) {
    return undefined
  }
  // Every notice heard before this point is accounted for by the keys read below.
  const notices = noticesOf.get(cy)
  const sortNumber = notices?.fullSortStarts()
  // The keys read here are kept for later re-placements (a notice still forgets its element's).
  const keys = keysOf.get(cy) ?? new ZOrderKeys()
  keys.clear()
  const eles = (cy as unknown as { mutableElements(): { toArray(): Ele[] } })
    .mutableElements()
    .toArray()
  const hasCompounds = (cy as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes()
  const keyed: Array<{ ele: Ele; key: readonly number[]; interactive: boolean }> = []
  let k = 0
  while (k < eles.length) {
    const sliceStart = performance.now()
    while (k < eles.length && performance.now() - sliceStart < opts.sliceMs) {
      const to = Math.min(k + 20, eles.length)
      for (; k < to; k++) {
        const ele = eles[k]!
        keyed.push({
          ele,
          key: keys.of(ele as unknown as ZEle, hasCompounds),
          interactive: ele.interactive(),
        })
      }
    }
    performance.measure('elk:first-draw:sort:slice', { start: sliceStart })
    await opts.yieldTask()
  }
  const sliceStart = performance.now()
  keyed.sort((a, b) => compareKeys(a.key, b.key))
  const sorted: Sorted = keyed.map((x) => x.ele)
  sorted.interactive = keyed.filter((x) => x.interactive).map((x) => x.ele)
  const renderer = r as Renderer
  renderer.cachedZSortedEles = sorted
  renderer.updateCachedGrabbedEles()
  if (notices && sortNumber !== undefined) notices.fullSortCached(sortNumber)
  performance.measure('elk:first-draw:sort:slice', { start: sliceStart })
  return renderer.cachedZSortedEles ?? sorted
}

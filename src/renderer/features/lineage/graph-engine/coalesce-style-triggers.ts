import type { Core } from 'cytoscape'

/**
 * Style triggers once per element, not once per property (issue 6: expanding a node ≤ 200 ms).
 *
 * When cytoscape applies an element's style it runs, for every property whose value changed,
 * `checkTriggers`: it clears the style cache of the element *and* (once the graph has compound
 * nodes) of its descendants, ancestors and all their connected edges, building a collection of
 * them each time, then dirties bounds and emits `bounds` events. A new element changes every
 * property from unset, ~70 of them: expanding an asset of bench/graph's overview (its 50 fields
 * and 50 field edges, inside the asset now a compound parent) spent ~50 ms of its ~70 ms of
 * style application in those repeats.
 *
 * Here, while an element's style is applied, the triggers are only noted, and once that
 * element is done each kind that fired runs once, in cytoscape's order. Its effects (cache and
 * bounds flags, `bounds` and z-order notifications) are idempotent, and nothing within one
 * element's application reads them. Triggers outside `apply` (style bypasses) run as before.
 *
 * This wraps two methods of cytoscape 3.34's Style prototype (`apply`, `checkTriggers`) and reads
 * its property table (`properties[name].triggers*`); the wrappers act only for instances given
 * to `installCoalescedStyleTriggers`, and if the methods are missing nothing is installed.
 */

/** Which of cytoscape's triggers fired for one element (see `checkTriggers` in style/apply). */
export interface FiredTriggers {
  zOrder: boolean
  bounds: boolean
  connectedEdgesBounds: boolean
  parallelEdgesBounds: boolean
}

type Check = ((from: unknown, to: unknown, ele: unknown) => boolean) | undefined

interface PropertyTriggers {
  triggersZOrder?: Check
  triggersBounds?: Check
  triggersBoundsOfConnectedEdges?: Check
  triggersBoundsOfParallelEdges?: Check
}

interface Ele {
  _private: {
    styleCache?: unknown
    group?: string
    /** A node's compound parent, children and connected edges (cytoscape 3.34). */
    parent?: Ele | null
    children?: Ele[]
    edges?: Ele[]
  }
  removed(): boolean
  dirtyCompoundBoundsCache(): unknown
  dirtyBoundingBoxCache(): unknown
  connectedEdges(): { forEach(fn: (edge: Ele) => void): void }
  parallelEdges(): { forEach(fn: (edge: Ele) => void): void }
}

interface StyleProto {
  apply(eles: ArrayLike<Ele>): { merge(other: unknown): unknown }
  checkTriggers(ele: Ele, name: string, from: unknown, to: unknown): void
  properties: Record<string, PropertyTriggers | undefined>
  _private: { cy: Core }
}

/** Note in `fired` what the change of property `prop` from `from` to `to` triggers. */
export function noteTriggers(
  fired: FiredTriggers,
  prop: PropertyTriggers | undefined,
  from: unknown,
  to: unknown,
  ele: unknown,
): void {
  if (!prop) return
  if (!fired.zOrder && prop.triggersZOrder?.(from, to, ele)) fired.zOrder = true
  if (!fired.bounds && prop.triggersBounds?.(from, to, ele)) fired.bounds = true
  if (!fired.connectedEdgesBounds && prop.triggersBoundsOfConnectedEdges?.(from, to, ele)) {
    fired.connectedEdgesBounds = true
  }
  if (!fired.parallelEdgesBounds && prop.triggersBoundsOfParallelEdges?.(from, to, ele)) {
    fired.parallelEdgesBounds = true
  }
}

const enabled = new WeakSet<Core>()
/** The element whose style is being applied, and what fired for it so far. */
const applying = new Map<Ele, FiredTriggers & { any: boolean }>()
const installedOn = new WeakSet<object>()

/** Coalesce `cy`'s style triggers as described above (no-op headless or on other versions). */
export function installCoalescedStyleTriggers(cy: Core): void {
  const proto = Object.getPrototypeOf(cy.style()) as StyleProto | null
  if (
    !proto ||
    typeof proto.apply !== 'function' ||
    typeof proto.checkTriggers !== 'function' ||
    !proto.properties
  ) {
    return
  }
  enabled.add(cy)
  if (installedOn.has(proto)) return
  installedOn.add(proto)
  const apply = proto.apply
  const checkTriggers = proto.checkTriggers
  proto.apply = function coalescedApply(this: StyleProto, eles) {
    const cy = this._private.cy
    if (!enabled.has(cy) || cy.destroyed()) return apply.call(this, eles)
    let updated: ReturnType<StyleProto['apply']> | undefined
    for (let i = 0; i < eles.length; i++) {
      const ele = eles[i]!
      // Applying one element can apply another (a style read of a dirty neighbour): each has
      // its own note, run when its own application ends.
      const fired = {
        any: false,
        zOrder: false,
        bounds: false,
        connectedEdgesBounds: false,
        parallelEdgesBounds: false,
      }
      applying.set(ele, fired)
      let changed: ReturnType<StyleProto['apply']>
      try {
        changed = apply.call(this, [ele])
      } finally {
        applying.delete(ele)
        if (fired.any) runTriggers(cy, ele, fired)
      }
      if (updated) updated.merge(changed)
      else updated = changed
    }
    return updated ?? apply.call(this, eles)
  }
  proto.checkTriggers = function coalescedCheckTriggers(this: StyleProto, ele, name, from, to) {
    const fired = applying.get(ele)
    if (!fired) {
      checkTriggers.call(this, ele, name, from, to)
      return
    }
    fired.any = true
    // cytoscape's checkTrigger skips removed elements (the cache is cleared regardless).
    if (!ele.removed()) noteTriggers(fired, this.properties[name], from, to, ele)
  }
}

/** What cytoscape's `checkTriggers` does, once for all the properties noted. */
function runTriggers(cy: Core, ele: Ele, fired: FiredTriggers): void {
  clearStyleCaches(ele, (cy as unknown as { hasCompoundNodes(): boolean }).hasCompoundNodes())
  if (fired.zOrder)
    (cy as unknown as { notify(e: string, eles: unknown): void }).notify('zorder', ele)
  if (fired.bounds) {
    ele.dirtyCompoundBoundsCache()
    ele.dirtyBoundingBoxCache()
  }
  if (fired.connectedEdgesBounds)
    ele.connectedEdges().forEach((edge) => edge.dirtyBoundingBoxCache())
  if (fired.parallelEdgesBounds) ele.parallelEdges().forEach((edge) => edge.dirtyBoundingBoxCache())
}

/**
 * cytoscape's `ele.dirtyStyleCache()` (its cached style functions: visibility, opacity and
 * the like, which depend on ancestors and ends), without its collections: the element's cache
 * and its connected edges'; once the graph has compounds, also its ancestors' and descendants'
 * and their connected edges'. cytoscape builds that set as collections (`parents()`,
 * `descendants()`, each copied by a `filter`, merged, then `connectedEdges()`): the first style
 * of the 50 fields of an expanded asset spent most of its time there (bench/graph).
 */
export function clearStyleCaches(ele: Ele, hasCompoundNodes: boolean): void {
  const clearWithEdges = (e: Ele) => {
    e._private.styleCache = null
    const edges = e._private.group === 'nodes' ? e._private.edges : undefined
    if (edges) for (const edge of edges) edge._private.styleCache = null
  }
  clearWithEdges(ele)
  if (!hasCompoundNodes || ele._private.group !== 'nodes') return
  for (let up = ele._private.parent; up; up = up._private.parent) clearWithEdges(up)
  const below = [...(ele._private.children ?? [])]
  for (let child = below.pop(); child; child = below.pop()) {
    clearWithEdges(child)
    if (child._private.children) below.push(...child._private.children)
  }
}

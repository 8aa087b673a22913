import type { ElementDefinition } from 'cytoscape'

/*
 * Comparing element definitions as values: what patchElements diffs with, and what lets the
 * page's element steps hand back the very list they made last time (stable-list.ts).
 */

/** Whether two lists hold the very same items (by identity) in the same order. */
export function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Same data (as patchData compares it), classes and parent: nothing to do in cytoscape. */
export function sameDefinition(a: ElementDefinition, b: ElementDefinition): boolean {
  if (a === b) return true
  if (isEdge(a) !== isEdge(b)) return false
  const ca = classList(a.classes)
  const cb = classList(b.classes)
  if (!sameList(ca, cb)) return false
  const da = a.data as Record<string, unknown>
  const db = b.data as Record<string, unknown>
  const ka = Object.keys(da)
  if (ka.length !== Object.keys(db).length) return false
  for (const key of ka) {
    if (!(key in db)) return false
    const x = da[key]
    const y = db[key]
    if (x === y) continue
    if (Array.isArray(x) && Array.isArray(y) && sameList(x, y)) continue
    if (typeof x === 'object' && x !== null && JSON.stringify(x) === JSON.stringify(y)) continue
    return false
  }
  return true
}

/** Edges say so, or (as cytoscape infers) have a source. */
export function isEdge(def: ElementDefinition): boolean {
  return def.group === 'edges' || (def.group === undefined && def.data.source !== undefined)
}

/** An element definition's classes as a list (not copied when already one). */
export function classList(classes: ElementDefinition['classes']): readonly string[] {
  if (!classes) return []
  return Array.isArray(classes) ? classes : classes.split(/\s+/).filter(Boolean)
}

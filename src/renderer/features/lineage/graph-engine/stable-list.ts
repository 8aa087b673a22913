import type { ElementDefinition } from 'cytoscape'
import { sameDefinition } from './same-definition'

/**
 * The list a pure function just made from `input`, or the one it made from it last time when
 * that holds the same definitions: React memos and effects keyed on the list's identity then
 * skip. The Lineage page renders again when its question changes in ways that do not change the
 * drawing (opening an asset whose fields are still being fetched); without this, each such
 * render recomputed and re-patched all of a big graph's 15,000 elements (issue 6, the app's
 * expand: bench/graph/app-run.ts).
 */
export function stableList<K extends object>(
  made: WeakMap<K, readonly ElementDefinition[]>,
  input: K,
  next: ElementDefinition[],
): ElementDefinition[] {
  const last = made.get(input)
  if (last && sameElements(last, next)) return last as ElementDefinition[]
  made.set(input, next)
  return next
}

/**
 * The same definitions in the same order: most are the very same objects (the steps keep what
 * they made per element); the few made afresh on each call (merged edges, "+N more" nodes,
 * connector hops) are compared as values.
 */
function sameElements(a: readonly ElementDefinition[], b: readonly ElementDefinition[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameDefinition(a[i]!, b[i]!)) return false
  return true
}

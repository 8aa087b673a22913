import type { Core } from 'cytoscape'

/**
 * How many elements `cy` holds. `cy.elements()` copies them into a new collection first (an
 * index of 15,000 entries on bench/graph's overview: 0.3-4 ms, and garbage to collect on every
 * patch); `mutableElements()` is cytoscape's own live collection, only read here.
 */
export function elementCount(cy: Core): number {
  const live = (cy as unknown as { mutableElements?: () => { length: number } }).mutableElements
  return typeof live === 'function' ? live.call(cy).length : cy.elements().length
}

/**
 * How many nodes `cy` holds: one plain loop over cytoscape's live list. `cy.nodes()` matches the
 * `node` selector against a new collection of every element (~10 ms on bench/graph's overview
 * in the app's expand, bench/graph/app-probe.ts).
 */
export function nodeCount(cy: Core): number {
  const live = (cy as unknown as { mutableElements?: () => ArrayLike<{ isNode(): boolean }> })
    .mutableElements
  if (typeof live !== 'function') return cy.nodes().length
  const all = live.call(cy)
  let count = 0
  for (let i = 0; i < all.length; i++) if (all[i]!.isNode()) count++
  return count
}

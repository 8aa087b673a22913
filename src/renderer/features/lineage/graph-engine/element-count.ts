import type { Core, SingularElementReturnValue } from 'cytoscape'

/**
 * Every element of `cy`, as cytoscape holds them: `mutableElements()`, its own live collection,
 * only read here. `cy.elements()` and `cy.nodes()` copy them into a new collection first (an
 * index of 15,000 entries on bench/graph's overview: 0.3-4 ms, and garbage to collect), and
 * `cy.nodes()` matches the `node` selector against each (~10 ms per render of the app's expand,
 * bench/graph/app-probe.ts). `cy.elements()` where a cytoscape has no live collection.
 */
export function liveElements(cy: Core): ArrayLike<SingularElementReturnValue> {
  const live = (cy as unknown as { mutableElements?: () => ArrayLike<SingularElementReturnValue> })
    .mutableElements
  return typeof live === 'function' ? live.call(cy) : cy.elements()
}

/** How many elements `cy` holds. */
export function elementCount(cy: Core): number {
  return liveElements(cy).length
}

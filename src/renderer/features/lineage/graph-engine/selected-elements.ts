import type { Core, SingularElementReturnValue } from 'cytoscape'

/** The selected elements of each tracked instance, kept from its own events. */
const tracked = new WeakMap<Core, Set<SingularElementReturnValue>>()

/**
 * Keep `cy`'s selected elements at hand (selectOnly reads them): `cy.elements(':selected')`
 * matches the selector against every element, ~10 ms on bench/graph's 15,000-element overview,
 * and the page asks on every render that changes the elements (an expand, issue 6).
 */
export function trackSelection(cy: Core): void {
  const selected = new Set<SingularElementReturnValue>()
  cy.on('select', (event) => void selected.add(event.target as SingularElementReturnValue))
  cy.on(
    'unselect remove',
    (event) => void selected.delete(event.target as SingularElementReturnValue),
  )
  tracked.set(cy, selected)
}

/**
 * `id`'s element selected alone, or nothing selected without one (or when `cy` has no such
 * element). Only the elements selected now are visited on a tracked instance (trackSelection);
 * an element already in the wanted state is left as it is, so no event is sent for it.
 */
export function selectOnly(cy: Core, id: string | undefined): void {
  const target = id === undefined ? undefined : cy.getElementById(id)
  const known = tracked.get(cy)
  const current = known ? [...known] : cy.elements(':selected').toArray()
  for (const ele of current) if (!target || !ele.same(target)) ele.unselect()
  if (target?.nonempty() && !target.selected()) target.select()
}

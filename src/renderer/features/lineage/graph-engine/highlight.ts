import type { Core } from 'cytoscape'
import { setClass } from './classes'

/**
 * Path highlight: the given elements get `path`, every other element `dimmed`; `null` clears
 * both. One batch, one style pass, over the elements whose classes change (setClass).
 * patchElements keeps these classes across patches.
 */
export function highlightElements(cy: Core, ids: readonly string[] | null): void {
  cy.batch(() => {
    const all = cy.elements()
    let on = cy.collection()
    for (const id of ids ?? []) on = on.union(cy.getElementById(id))
    // A highlighted field keeps its (expanded) asset readable.
    on = on.union(on.nodes().ancestors())
    const off = all.difference(on)
    setClass(on, 'path', true)
    setClass(off, 'path', false)
    setClass(on, 'dimmed', false)
    setClass(off, 'dimmed', ids !== null)
  })
}

import type { Core } from 'cytoscape'

/**
 * Path highlight: the given elements get `path`, every other element `dimmed`; `null` clears
 * both. One batch, one style pass. patchElements keeps these classes across patches.
 */
export function highlightElements(cy: Core, ids: readonly string[] | null): void {
  cy.batch(() => {
    const all = cy.elements()
    all.removeClass('path dimmed')
    if (!ids) return
    let on = cy.collection()
    for (const id of ids) on = on.union(cy.getElementById(id))
    // A highlighted field keeps its (expanded) asset readable.
    on = on.union(on.nodes().ancestors())
    on.addClass('path')
    all.difference(on).addClass('dimmed')
  })
}

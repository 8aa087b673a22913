import type { ElementDefinition } from 'cytoscape'

function classList(classes: ElementDefinition['classes']): string[] {
  if (!classes) return []
  return Array.isArray(classes) ? [...classes] : classes.split(/\s+/).filter(Boolean)
}

/**
 * The personal-data overlay off: the engine's `personal` and `pd-*` classes removed from the
 * element definitions, so the one patch in the cy hook stays the only writer of the graph.
 */
export function withoutOverlay(elements: readonly ElementDefinition[]): ElementDefinition[] {
  return elements.map((element) => {
    const classes = classList(element.classes)
    const kept = classes.filter((name) => name !== 'personal' && !name.startsWith('pd-'))
    return kept.length === classes.length ? element : { ...element, classes: kept }
  })
}

/**
 * The layout key: the node ids on screen and their parents. The graph is laid out again only when
 * it changes, never for a selection, a highlight or the overlay.
 */
export function layoutKeyOf(elements: readonly ElementDefinition[]): string {
  return (
    elements
      // By group: a node's data has a `source` too (the catalogue source's name).
      .filter((element) => element.group === 'nodes')
      .map((element) => `${element.data.id ?? ''}<${(element.data.parent as string) ?? ''}`)
      .sort()
      .join('\n')
  )
}

import type { ElementDefinition } from 'cytoscape'

function classList(classes: ElementDefinition['classes']): string[] {
  if (!classes) return []
  return Array.isArray(classes) ? [...classes] : classes.split(/\s+/).filter(Boolean)
}

const isOverlayClass = (name: string) => name === 'personal' || name.startsWith('pd-')

/**
 * The personal-data overlay off: the engine's `personal` and `pd-*` classes removed from the
 * element definitions, so the one patch in the cy hook stays the only writer of the graph.
 * With `only`, just from those node ids.
 */
export function withoutOverlay(
  elements: readonly ElementDefinition[],
  only?: ReadonlySet<string>,
): ElementDefinition[] {
  return elements.map((element) => {
    if (only && !only.has(element.data.id ?? '')) return element
    const classes = classList(element.classes)
    const kept = classes.filter((name) => !isOverlayClass(name))
    return kept.length === classes.length ? element : { ...element, classes: kept }
  })
}

/**
 * Nodes drawn as compound parents: assets opened to their fields. Their fields carry the overlay;
 * a border on the box around them too would say the same thing twice.
 */
export function parentIds(elements: readonly ElementDefinition[]): Set<string> {
  const parents = new Set<string>()
  for (const element of elements) {
    const parent = element.data.parent as string | undefined
    if (element.group === 'nodes' && parent) parents.add(parent)
  }
  return parents
}

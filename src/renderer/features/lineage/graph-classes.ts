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
 *
 * Each element's copy is made once and given again (the engine keeps its definitions between
 * renders): patchElements then finds the element unchanged by identity, and an expand of a big
 * graph makes no copies but the new elements' (issue 6).
 */
export function withoutOverlay(
  elements: readonly ElementDefinition[],
  only?: ReadonlySet<string>,
): ElementDefinition[] {
  const out = new Array<ElementDefinition>(elements.length)
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!
    out[i] = only && !only.has(element.data.id ?? '') ? element : stripped(element)
  }
  return out
}

/** The copy of each element without its overlay classes (the element itself when it has none). */
const strippedCopies = new WeakMap<ElementDefinition, ElementDefinition>()

function stripped(element: ElementDefinition): ElementDefinition {
  const known = strippedCopies.get(element)
  if (known) return known
  const classes = classList(element.classes)
  const kept = classes.filter((name) => !isOverlayClass(name))
  const made = kept.length === classes.length ? element : { ...element, classes: kept }
  strippedCopies.set(element, made)
  return made
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

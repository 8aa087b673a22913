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

/**
 * The layout key: the node ids on screen and their parents. The graph is laid out again only when
 * it changes, never for a selection, a highlight or the overlay.
 *
 * A fingerprint of that set rather than the set itself: every render that changes the elements
 * computes it, and a sorted, joined list of 5,000 ids (URNs with long shared prefixes) cost
 * 2-8 ms of an expand's 200 ms (issue 6). Two 32-bit hashes of each `id<parent`, summed and
 * xor-ed over the nodes, do not depend on their order; with the count, two different sets share
 * a key with a chance of about 2^-96, and then only a relayout is missed.
 */
export function layoutKeyOf(elements: readonly ElementDefinition[]): string {
  let count = 0
  let sumA = 0
  let sumB = 0
  let xorA = 0
  for (const element of elements) {
    // By group: a node's data has a `source` too (the catalogue source's name).
    if (element.group !== 'nodes') continue
    const id = element.data.id ?? ''
    const parent = (element.data.parent as string | undefined) ?? ''
    const a = hashText(
      parent,
      hashText(SEPARATOR, hashText(id, FNV_OFFSET, FNV_PRIME), FNV_PRIME),
      FNV_PRIME,
    )
    const b = hashText(
      parent,
      hashText(SEPARATOR, hashText(id, MIX_SEED, MIX_PRIME), MIX_PRIME),
      MIX_PRIME,
    )
    count++
    sumA = (sumA + a) >>> 0
    sumB = (sumB + b) >>> 0
    xorA = (xorA ^ a) >>> 0
  }
  return `${count}:${sumA.toString(36)}:${sumB.toString(36)}:${xorA.toString(36)}`
}

/** Between a node's id and its parent's in the hashed text (no URN holds it). */
const SEPARATOR = '\u0000'
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** The second hash: another seed and multiplier (MurmurHash3's seed example and c1). */
const MIX_SEED = 0x9747b28c
const MIX_PRIME = 0xcc9e2d51

/** FNV-1a over UTF-16 code units, from `seed`, with `prime` (32 bits, unsigned). */
function hashText(text: string, seed: number, prime: number): number {
  let h = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, prime)
  }
  return h >>> 0
}

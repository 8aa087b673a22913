import { buildUrn, parseUrn, type ParsedUrn } from '../../../shared/urn'
import type { CatalogTreeNode } from '../../../shared/model/catalog'

/** One visible line of the catalogue tree, flattened for a virtual list. */
export interface TreeRow {
  node: CatalogTreeNode
  /** 1 for sources, as aria-level counts. */
  level: number
  parentId?: string
  expandable: boolean
  expanded: boolean
  /** Expanded, but its children have not arrived yet. */
  loading: boolean
  posInSet: number
  setSize: number
}

/**
 * The rows a user sees: every root, and the children of each expanded node whose children are
 * loaded, depth first. Children of collapsed nodes stay cached but hidden.
 */
export function flattenTree(
  roots: readonly CatalogTreeNode[],
  childrenOf: ReadonlyMap<string, readonly CatalogTreeNode[]>,
  expanded: ReadonlySet<string>,
): TreeRow[] {
  const rows: TreeRow[] = []
  const visit = (nodes: readonly CatalogTreeNode[], level: number, parentId?: string) => {
    nodes.forEach((node, index) => {
      const expandable = node.childCount > 0
      const isExpanded = expandable && expanded.has(node.id)
      const children = isExpanded ? childrenOf.get(node.id) : undefined
      rows.push({
        node,
        level,
        parentId,
        expandable,
        expanded: isExpanded,
        loading: isExpanded && children === undefined,
        posInSet: index + 1,
        setSize: nodes.length,
      })
      if (children) visit(children, level + 1, node.id)
    })
  }
  visit(roots, 1)
  return rows
}

export type TreeAction =
  | { type: 'move'; index: number }
  | { type: 'expand'; id: string }
  | { type: 'collapse'; id: string }
  | { type: 'open'; row: TreeRow }
  | { type: 'none' }

/**
 * What a key does on the active row, after the WAI-ARIA tree pattern: Up/Down move, Right opens a
 * closed node or steps into an open one, Left closes an open node or steps out to its parent,
 * Home/End jump, Enter opens the row.
 */
export function treeKeyAction(key: string, rows: readonly TreeRow[], active: number): TreeAction {
  const row = rows[active]
  if (!row) return rows.length > 0 ? { type: 'move', index: 0 } : { type: 'none' }
  switch (key) {
    case 'ArrowDown':
      return { type: 'move', index: Math.min(active + 1, rows.length - 1) }
    case 'ArrowUp':
      return { type: 'move', index: Math.max(active - 1, 0) }
    case 'Home':
      return { type: 'move', index: 0 }
    case 'End':
      return { type: 'move', index: rows.length - 1 }
    case 'ArrowRight':
      if (row.expandable && !row.expanded) return { type: 'expand', id: row.node.id }
      if (row.expanded && rows[active + 1]?.parentId === row.node.id) {
        return { type: 'move', index: active + 1 }
      }
      return { type: 'none' }
    case 'ArrowLeft': {
      if (row.expanded) return { type: 'collapse', id: row.node.id }
      const parent = rows.findIndex((candidate) => candidate.node.id === row.parentId)
      return parent >= 0 ? { type: 'move', index: parent } : { type: 'none' }
    }
    case 'Enter':
      return { type: 'open', row }
    default:
      return { type: 'none' }
  }
}

/**
 * The tree nodes that may contain an asset, outermost first: its source node, then every URN
 * prefix (`kafka://events` is the cluster of `kafka://events/orders`). Prefixes that are not
 * nodes cost one empty lookup and nothing else.
 */
export function ancestorIds(urn: string, source: string): string[] {
  const ids = [`source:${source}`]
  let parsed: ParsedUrn
  try {
    parsed = parseUrn(urn)
  } catch {
    return ids
  }
  for (let length = 0; length < parsed.path.length; length++) {
    ids.push(buildUrn(parsed.scheme, parsed.source, parsed.path.slice(0, length)))
  }
  return ids
}

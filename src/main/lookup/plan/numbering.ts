import type { LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import { transformSteps } from './identifier-fields'

/**
 * Which numbering a customer-number field belongs to (issue 7 item 2), from lineage alone. Fields
 * joined by lineage that keeps a value one person's (a copy, a rename, the builder's prefix-pad:
 * crm `CustomerId`, its CDC topic, singleview `_id`, orders `customer_id`) share a numbering; when
 * such a group spans two stores' assets, lineage has confirmed it. A table whose primary key is a
 * customer number outside any confirmed group numbers its customers itself (legacy `tblCust`'s
 * 100001): its 42 is not crm's 42. Other fields (a fraud case's `customerRef`, no lineage) have
 * no known numbering: they take the one of the records they are found with.
 *
 * The planner uses it to keep category pivots from crossing numberings; the merger to refuse
 * tying two records by a number that means two customers.
 */

/** Transforms after which the value is no longer one person's identifier. */
const FOLDS = new Set<TransformSpec['type']>([
  'aggregate',
  'latest',
  'concat',
  'hmac-sha256',
  'sha256',
])

export interface Numberings {
  /**
   * The numbering of a field holding customer numbers: its confirmed group's id, the field itself
   * for a primary key numbering its own table, undefined when unknown.
   */
  of(fieldUrn: string, isPrimaryKey: boolean): string | undefined
  /**
   * True for a primary key numbering its own table (no confirmed group) while lineage confirms
   * another numbering in the catalogue: its numbers mean nothing anywhere else. Without any
   * confirmed numbering (a catalogue with no lineage) nothing is foreign: category pivots are
   * the only way between stores.
   */
  isForeignIssuer(fieldUrn: string, isPrimaryKey: boolean): boolean
}

const assetOf = (fieldUrn: string) => fieldUrn.split('#')[0]!

export function numberingsFrom(
  edges: ReadonlyArray<Pick<LineageEdge, 'level' | 'from' | 'to' | 'transform'>>,
): Numberings {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!
    for (let cur = x; cur !== root;) {
      const next = parent.get(cur)!
      parent.set(cur, root)
      cur = next
    }
    return root
  }
  for (const e of edges) {
    if (e.level !== 'field' || e.from === e.to) continue
    if (transformSteps(e.transform).some((s) => FOLDS.has(s.type))) continue
    if (!parent.has(e.from)) parent.set(e.from, e.from)
    if (!parent.has(e.to)) parent.set(e.to, e.to)
    const a = find(e.from)
    const b = find(e.to)
    // The smaller URN is the root: the group's id does not depend on the order of edges.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b)
  }
  const stores = new Map<string, Set<string>>() // root -> non-topic assets in the group
  for (const urn of parent.keys()) {
    if (urn.startsWith('kafka://')) continue
    const root = find(urn)
    const set = stores.get(root) ?? new Set<string>()
    set.add(assetOf(urn))
    stores.set(root, set)
  }
  const confirmed = (urn: string) =>
    parent.has(urn) && (stores.get(find(urn))?.size ?? 0) >= 2 ? find(urn) : undefined
  const anyConfirmed = [...stores.values()].some((s) => s.size >= 2)
  return {
    of: (fieldUrn, isPrimaryKey) =>
      confirmed(fieldUrn) ?? (isPrimaryKey ? `table:${fieldUrn}` : undefined),
    isForeignIssuer: (fieldUrn, isPrimaryKey) =>
      anyConfirmed && isPrimaryKey && confirmed(fieldUrn) === undefined,
  }
}

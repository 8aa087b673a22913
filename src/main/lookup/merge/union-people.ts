import type { LineageEdge } from '../../../shared/model/lineage'
import type { LookupPlanStep } from '../../../shared/model/lookup'
import { numberingsFrom } from '../plan/numbering'
import type { RawRecord } from '../lookup-inputs'
import type { RecordKey } from './record-keys'

/**
 * Records into people by strong identifiers only (issue 7 item 2): a union-find over customer
 * numbers, then loyalty numbers, then emails, then strong pivots (a record reached from another
 * through a customer-number edge belongs to the same person). A union that would put two
 * customer numbers in one person is refused, and a loyalty number or email held under two
 * customer numbers ties nothing: a household sharing an email, or an old email still in a topic
 * now another customer's, are people to show side by side, never one person. (Two crm records
 * of one person, a duplicate CustomerId, therefore stay two people: linked, not merged.)
 */

export interface Component {
  root: string
  records: RawRecord[]
  /** Strong keys refused as a merge: another person holds them too. */
  refused: RecordKey[]
}

const PASSES = ['customer-number', 'loyalty-number', 'email'] as const

/**
 * The numbering of a customer-number field (plan/numbering.ts): lineage's confirmed group (crm's
 * CustomerId, its topic, the single view's `C00000042`, orders' customer_id), a table numbering
 * its own customers (legacy tblCust's 100001), or undefined when unknown (a reference with no
 * lineage takes the numbering of the records it is found with). Two numbers of one numbering are
 * two customers; one number in two numberings is two customers too, which an email may tie.
 */
export function numberingFrom(
  edges: ReadonlyArray<Pick<LineageEdge, 'level' | 'from' | 'to' | 'transform'>>,
): NumberingOf {
  const numberings = numberingsFrom(edges)
  return (fieldUrn, isPrimaryKey = false) => numberings.of(fieldUrn, isPrimaryKey)
}

export type NumberingOf = (fieldUrn: string, isPrimaryKey?: boolean) => string | undefined

type Numbers = ReadonlyMap<string, string>

/** True when the two hold different customer numbers in one numbering. */
function clash(a: Numbers | undefined, b: Numbers | undefined): boolean {
  if (!a || !b) return false
  for (const [numbering, key] of a) {
    const other = b.get(numbering)
    if (other !== undefined && other !== key) return true
  }
  return false
}

export function unionPeople(
  records: readonly RawRecord[],
  keysOf: ReadonlyMap<string, RecordKey[]>,
  steps: ReadonlyMap<string, LookupPlanStep>,
  numberingOf: NumberingOf = numberingFrom([]),
): Component[] {
  const isKeyOf = (r: RawRecord, path: string) => Object.hasOwn(r.recordKey, path)
  /** record id -> customer key -> its numbering (undefined: unknown). */
  const numberingOfKey = new Map<string, Map<string, string | undefined>>()
  const parent = new Map<string, string>()
  const customer = new Map<string, Numbers>() // root -> its customer numbers, by numbering
  const refused = new Map<string, RecordKey[]>() // record id -> refused keys
  for (const r of records) {
    parent.set(r.id, r.id)
    const numbers = new Map<string, string>()
    const byKey = new Map<string, string | undefined>()
    for (const k of keysOf.get(r.id) ?? []) {
      if (k.kind !== 'customer-number') continue
      const numbering = numberingOf(k.fieldUrn, isKeyOf(r, k.path))
      byKey.set(k.key, numbering)
      if (numbering !== undefined && !numbers.has(numbering)) numbers.set(numbering, k.key)
    }
    customer.set(r.id, numbers)
    numberingOfKey.set(r.id, byKey)
  }
  const find = (id: string): string => {
    let root = id
    while (parent.get(root) !== root) root = parent.get(root)!
    let cur = id
    while (cur !== root) {
      const next = parent.get(cur)!
      parent.set(cur, root)
      cur = next
    }
    return root
  }
  /** False when the two hold different customer numbers of one numbering. */
  const union = (a: string, b: string): boolean => {
    const ra = find(a)
    const rb = find(b)
    if (ra === rb) return true
    const ca = customer.get(ra)
    const cb = customer.get(rb)
    if (clash(ca, cb)) return false
    parent.set(rb, ra)
    customer.set(ra, new Map([...(cb ?? []), ...(ca ?? [])]))
    return true
  }

  for (const kind of PASSES) {
    const holders = new Map<string, string[]>() // key -> ids of the records holding it
    for (const r of records) {
      for (const k of keysOf.get(r.id) ?? []) {
        if (k.kind !== kind) continue
        const list = holders.get(k.key) ?? []
        list.push(r.id)
        holders.set(k.key, list)
      }
    }
    for (const [key, ids] of holders) {
      // A household's shared email names two customers: it ties neither to the other, nor
      // a record that holds only that email to either of them.
      const roots = [...new Set(ids.map(find))].map((root) => customer.get(root))
      const shared = roots.some((a, i) => roots.slice(i + 1).some((b) => clash(a, b)))
      if (kind !== 'customer-number' && shared) {
        for (const id of ids) refuse(id, key)
        continue
      }
      if (kind === 'customer-number') {
        tieByNumber(key, ids)
        continue
      }
      for (const id of ids.slice(1)) if (!union(ids[0]!, id)) refuse(id, key)
    }
  }
  /**
   * One number ties records of one numbering; records whose numbering is unknown (a fraud
   * case's customerRef) join it when only one numbering holds the number. The same number in
   * two numberings (crm's 100335 and legacy's 100335) is two customers: never tied by it.
   */
  function tieByNumber(key: string, ids: readonly string[]): void {
    const classes = new Map<string, string[]>()
    const unknown: string[] = []
    for (const id of ids) {
      const numbering = numberingOfKey.get(id)?.get(key)
      if (numbering === undefined) unknown.push(id)
      else classes.set(numbering, [...(classes.get(numbering) ?? []), id])
    }
    for (const members of classes.values())
      for (const id of members.slice(1)) if (!union(members[0]!, id)) refuse(id, key)
    if (classes.size > 1) return
    const anchor = [...classes.values()][0]?.[0] ?? unknown[0]
    if (anchor === undefined) return
    for (const id of unknown) if (id !== anchor && !union(anchor, id)) refuse(id, key)
  }
  function refuse(id: string, key: string): void {
    const k = keysOf.get(id)?.find((x) => x.key === key)
    if (!k) return
    const list = refused.get(id) ?? []
    list.push(k)
    refused.set(id, list)
  }
  const ids = new Set(records.map((r) => r.id))
  // A record with no identifier of its own (an order line reached by its order) belongs to
  // the person it was reached from through a strong pivot, when that is one person.
  // The other way too: a record with no strong identifier found by a weak one (a delivery by its
  // contact phone) belongs to the person its strong pivot leads to (the order it is for).
  const hasStrong = (id: string) => keysOf.get(id)?.some((k) => k.strength === 'strong') ?? false
  const strongRoots = new Set(records.filter((r) => hasStrong(r.id)).map((r) => find(r.id)))
  for (const r of records) {
    if (steps.get(r.stepId)?.strength !== 'strong') continue
    const parents = (r.parents ?? []).filter((p) => ids.has(p))
    if (!hasStrong(r.id)) {
      const roots = new Set(parents.map(find))
      if (roots.size === 1) union([...roots][0]!, r.id)
    } else if (parents.length === 1 && !strongRoots.has(find(parents[0]!))) {
      union(r.id, parents[0]!)
    }
  }
  // A record with no strong identifier found directly by a weak one (a delivery by its contact
  // phone) was reached first that way, so the executor kept no parents for it: the plan's
  // keyed pivots into its asset (deliveries.order_id from orders.order_id) say whose it is.
  for (const r of records) {
    if (hasStrong(r.id) || strongRoots.has(find(r.id))) continue
    const roots = new Set(keyedParents(r, records, steps).map(find))
    if (roots.size === 1) union([...roots][0]!, r.id)
  }

  const byRoot = new Map<string, Component>()
  for (const r of records) {
    const root = find(r.id)
    let c = byRoot.get(root)
    if (!c) byRoot.set(root, (c = { root, records: [], refused: [] }))
    c.records.push(r)
    c.refused.push(...(refused.get(r.id) ?? []))
  }
  return [...byRoot.values()]
}

/**
 * The records `r` joins by a plain strong pivot of the plan into its asset (a foreign key or a
 * copy: no transform), whatever step found `r`: those holding the value `r` holds there.
 */
function keyedParents(
  r: RawRecord,
  records: readonly RawRecord[],
  steps: ReadonlyMap<string, LookupPlanStep>,
): string[] {
  const out = new Set<string>()
  for (const step of steps.values()) {
    const input = step.input
    if (step.assetUrn !== r.assetUrn || input.kind !== 'pivot') continue
    if (step.strength !== 'strong' || input.transform || input.as) continue
    const mine = scalars(r.values[pathOf(step.fieldUrn)])
    if (mine.length === 0) continue
    const fromAsset = input.fromField.split('#')[0]
    const fromPath = pathOf(input.fromField)
    for (const other of records) {
      if (other.id === r.id || other.assetUrn !== fromAsset) continue
      if (scalars(other.values[fromPath]).some((v) => mine.includes(v))) out.add(other.id)
    }
  }
  return [...out]
}

const pathOf = (fieldUrn: string) => decodeURIComponent(fieldUrn.split('#')[1] ?? '')

function scalars(value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value]
  return list
    .filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint')
    .map(String)
}

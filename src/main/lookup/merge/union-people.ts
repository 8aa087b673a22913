import type { LookupPlanStep } from '../../../shared/model/lookup'
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
 * The numbering a customer number belongs to: the database of the field lineage copies it from
 * (crm's for its CDC topic and the single view's `C00000042`), else its own database. Two
 * numbers of one numbering are two customers; a legacy system's `100001` and crm's `1` are two
 * numberings of one person, which an email may tie.
 */
export function numberingFrom(
  edges: ReadonlyArray<{ level: string; from: string; to: string }>,
): (fieldUrn: string) => string {
  const into = new Map<string, string>()
  for (const e of edges) if (e.level === 'field' && !into.has(e.to)) into.set(e.to, e.from)
  const memo = new Map<string, string>()
  return (fieldUrn) => {
    let numbering = memo.get(fieldUrn)
    if (numbering !== undefined) return numbering
    let origin = fieldUrn
    const seen = new Set([origin])
    for (let up = into.get(origin); up !== undefined && !seen.has(up); up = into.get(up)) {
      seen.add(up)
      origin = up
    }
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/#]*\/[^/#]*)/.exec(origin)
    numbering = m ? m[1]! : origin
    memo.set(fieldUrn, numbering)
    return numbering
  }
}

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
  numberingOf: (fieldUrn: string) => string = numberingFrom([]),
): Component[] {
  const parent = new Map<string, string>()
  const customer = new Map<string, Numbers>() // root -> its customer numbers, by numbering
  const refused = new Map<string, RecordKey[]>() // record id -> refused keys
  for (const r of records) {
    parent.set(r.id, r.id)
    const numbers = new Map<string, string>()
    for (const k of keysOf.get(r.id) ?? [])
      if (k.kind === 'customer-number' && !numbers.has(numberingOf(k.fieldUrn)))
        numbers.set(numberingOf(k.fieldUrn), k.key)
    customer.set(r.id, numbers)
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
      for (const id of ids.slice(1)) if (!union(ids[0]!, id)) refuse(id, key)
    }
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

import type { LineageEdge, NodePersonalData, TransformSpec } from '../../../shared/model/lineage'

/**
 * Personal data carried along lineage (issue 6 item 6). A field with no category of its own that
 * is fed, directly or through other fields, by a personal field is personal `by: 'lineage'`, with a
 * reason naming the nearest personal upstream field, the processes on the way and the hops.
 *
 * What carries and what does not:
 * - copies, renames, normalisations, concatenations and `latest` folds carry the category: the
 *   value (or part of it) still describes the person;
 * - SHA-256 / HMAC carry it as `pseudonymous.hash`: a hash of an email is pseudonymised personal
 *   data (GDPR Recital 26), not anonymous;
 * - aggregates (count, sum, max...) stop it: a count of orders per customer is not the email it
 *   was grouped by. The grouped field's own classification still applies where it has one.
 * - a reviewer's rejection stops it: a field a person said is not personal stays so, and does not
 *   pass a category on either (it was reviewed with its values in view).
 */

export type Carry = 'keep' | 'hash' | 'block'

/** How a transformation carries personal data from its input to its output. */
export function carryOf(transform: TransformSpec | undefined): Carry {
  if (!transform) return 'keep'
  switch (transform.type) {
    case 'aggregate':
      return 'block'
    case 'sha256':
    case 'hmac-sha256':
      return 'hash'
    case 'chain': {
      let carry: Carry = 'keep'
      for (const step of transform.steps) {
        const c = carryOf(step)
        if (c === 'block') return 'block'
        if (c === 'hash') carry = 'hash'
      }
      return carry
    }
    default:
      return 'keep'
  }
}

export interface PropagationInput {
  /** Fields' own personal data (classifier suggestions, reviews, model declarations). */
  own: ReadonlyMap<string, NodePersonalData>
  /** Fields a reviewer rejected: never personal by lineage, and they pass nothing on. */
  rejected: ReadonlySet<string>
  /** Field-level edges out of a field. */
  out: (urn: string) => readonly LineageEdge[]
  /** Display name of a field for reasons: `crm.dbo.Customer.Email`. */
  label: (urn: string) => string
}

interface Reached {
  category: NodePersonalData['category']
  origin: string
  hops: number
  processes: string[]
}

const PSEUDONYMOUS = 'pseudonymous.hash' as NodePersonalData['category']

/**
 * Categories by lineage for every field reachable from a personal field: a breadth-first walk
 * from all personal fields at once, so each field gets its nearest personal upstream (ties: the
 * first in URN order of the origins, for a stable answer).
 */
export function propagatePersonalData(input: PropagationInput): Map<string, NodePersonalData> {
  const result = new Map<string, NodePersonalData>()
  const reached = new Map<string, Reached>()
  let frontier: string[] = []
  for (const [urn, data] of [...input.own].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (input.rejected.has(urn)) continue
    reached.set(urn, { category: data.category, origin: urn, hops: 0, processes: [] })
    frontier.push(urn)
  }
  while (frontier.length > 0) {
    const next: string[] = []
    for (const urn of frontier) {
      const from = reached.get(urn)!
      for (const edge of input.out(urn)) {
        const to = edge.to
        if (reached.has(to) || input.own.has(to) || input.rejected.has(to)) continue
        const carry = carryOf(edge.transform)
        if (carry === 'block') continue
        const processes =
          from.processes[from.processes.length - 1] === edge.via.name
            ? from.processes
            : [...from.processes, edge.via.name]
        const r: Reached = {
          category: carry === 'hash' ? PSEUDONYMOUS : from.category,
          origin: from.origin,
          hops: from.hops + 1,
          processes,
        }
        reached.set(to, r)
        next.push(to)
        const hashed =
          carry === 'hash' || (r.category === PSEUDONYMOUS && from.category === PSEUDONYMOUS)
            ? '; hashed, still pseudonymised personal data'
            : ''
        result.set(to, {
          category: r.category,
          by: 'lineage',
          reason: `fed by ${input.label(r.origin)} via ${processes.join(', ')} (${r.hops} hop${
            r.hops === 1 ? '' : 's'
          })${hashed}`,
          from: r.origin,
          hops: r.hops,
        })
      }
    }
    frontier = next
  }
  return result
}

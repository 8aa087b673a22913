import { isInvertible } from '../../../shared/lineage/transforms'
import type { LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import type { StepMatch } from '../../../shared/model/lookup'
import { transformSteps } from './identifier-fields'

/**
 * Where a value found in one field can be looked for elsewhere, along field-level lineage
 * (issue 7 item 2): downstream by applying each edge's transform, upstream by inverting it,
 * several hops composed into one transform (crm `CustomerId` -> topic `after.CustomerId` ->
 * singleview `_id` is the builder's prefix-pad). A walk keeps one direction: a value that went
 * down one branch and up another is not a single transform, and the category pivot covers it.
 */

export interface LineageReach {
  fieldUrn: string
  /**
   * Downstream: the transform from the found field to this one (apply it). Upstream: the
   * transform from this field down to the found one (invert it). Undefined when values are copied.
   */
  transform?: TransformSpec
  inverted: boolean
  /** The edges walked, in the order walked. */
  edges: LineageEdge[]
}

/** Transforms a pivot may go through downstream: the value stays one person's identifier. */
const FOLDS = new Set<TransformSpec['type']>(['aggregate', 'latest', 'concat', 'hmac-sha256'])

export interface EdgeIndex {
  from: ReadonlyMap<string, LineageEdge[]>
  to: ReadonlyMap<string, LineageEdge[]>
}

/** Field-level edges by their ends. */
export function indexEdges(edges: readonly LineageEdge[]): EdgeIndex {
  const from = new Map<string, LineageEdge[]>()
  const to = new Map<string, LineageEdge[]>()
  for (const e of edges) {
    if (e.level !== 'field') continue
    ;(from.get(e.from) ?? from.set(e.from, []).get(e.from)!).push(e)
    ;(to.get(e.to) ?? to.set(e.to, []).get(e.to)!).push(e)
  }
  return { from, to }
}

/** Identity steps dropped; nothing left is a copy (undefined); one step stays itself. */
export function compose(specs: readonly (TransformSpec | undefined)[]): TransformSpec | undefined {
  const steps = specs
    .flatMap(transformSteps)
    .filter((s) => s.type !== 'identity' && s.type !== 'rename')
  if (steps.length === 0) return undefined
  return steps.length === 1 ? steps[0] : { type: 'chain', steps }
}

/** Every field reachable from `fieldUrn` in one direction, nearest first, with its transform. */
export function walkLineage(
  fieldUrn: string,
  index: EdgeIndex,
  direction: 'down' | 'up',
  maxHops = 6,
): LineageReach[] {
  const out: LineageReach[] = []
  const seen = new Set([fieldUrn])
  let frontier: Array<{ urn: string; edges: LineageEdge[] }> = [{ urn: fieldUrn, edges: [] }]
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const next: typeof frontier = []
    for (const node of frontier) {
      const edges = (direction === 'down' ? index.from : index.to).get(node.urn) ?? []
      for (const e of edges) {
        const steps = transformSteps(e.transform)
        if (direction === 'down' && steps.some((s) => FOLDS.has(s.type))) continue
        if (direction === 'up' && e.transform && !isInvertible(e.transform)) continue
        const urn = direction === 'down' ? e.to : e.from
        if (seen.has(urn)) continue
        seen.add(urn)
        const walked = [...node.edges, e]
        // Upstream, the transform runs from the reached field down to the found one.
        const ordered = direction === 'down' ? walked : [...walked].reverse()
        const transform = compose(ordered.map((w) => w.transform))
        out.push({
          fieldUrn: urn,
          ...(transform ? { transform } : {}),
          inverted: direction === 'up',
          edges: walked,
        })
        next.push({ urn, edges: walked })
      }
    }
    frontier = next
  }
  return out
}

/**
 * How a value carried upstream compares with the source's values: an inverted e164 matches on
 * digits (crm holds phones as typed), inverted case and trim changes ignore case or spaces, an
 * inverted prefix-pad gives exact candidates.
 */
export function inverseMatch(spec: TransformSpec | undefined): StepMatch {
  const types = new Set(transformSteps(spec).map((s) => s.type))
  if (types.has('e164')) return 'digits-only'
  if (types.has('lower-case') || types.has('upper-case') || types.has('postcode-format'))
    return 'case-insensitive'
  if (types.has('trim') || types.has('collapse-whitespace')) return 'trimmed'
  return 'equals'
}

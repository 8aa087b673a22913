import type { LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import { applyTransform } from '../../../shared/lineage/transforms'

/**
 * Which single-view attribute a field holds (issue 7 item 5): a field the model names
 * (`modelPaths`), or one whose values flow there along lineage (crm `Email` -> topic
 * `after.Email` -> singleview `contact.email`). The transforms met on the way turn a source's
 * value into the attribute's form, so values from different stores compare as the model holds
 * them (`' Jane@X.com'` and `jane@x.com` are one email; `42` and `C00000042` one id).
 */

export interface Attribute {
  /** Model path: `contact.email`, `addresses[].postcode`. */
  path: string
  /** Transforms from the field to the attribute, in order (empty: the value as is). */
  transforms: TransformSpec[]
}

/** How far along lineage a field may be from the single view (crm -> topic -> singleview). */
const MAX_HOPS = 4

/** Folds and one-way hashes do not carry a record's value onto an attribute. */
function carriesValue(spec: TransformSpec | undefined): boolean {
  if (!spec) return true
  switch (spec.type) {
    case 'aggregate':
    case 'latest':
    case 'sha256':
    case 'hmac-sha256':
    case 'concat':
      return false
    case 'chain':
      return spec.steps.every(carriesValue)
    default:
      return true
  }
}

const MODEL_URN = /^model:\/\/[^#]+#(.+)$/

export class AttributeResolver {
  private readonly out = new Map<string, LineageEdge[]>()
  private readonly memo = new Map<string, Attribute | null>()

  constructor(
    private readonly modelPaths: ReadonlyMap<string, string>,
    edges: readonly LineageEdge[],
  ) {
    for (const e of edges) {
      if (e.level !== 'field' || !carriesValue(e.transform)) continue
      const list = this.out.get(e.from) ?? []
      list.push(e)
      this.out.set(e.from, list)
    }
  }

  /** The attribute a field holds, by the shortest lineage path; undefined when none. */
  resolve(fieldUrn: string): Attribute | undefined {
    if (this.memo.has(fieldUrn)) return this.memo.get(fieldUrn) ?? undefined
    const found = this.search(fieldUrn)
    this.memo.set(fieldUrn, found ?? null)
    return found
  }

  private search(start: string): Attribute | undefined {
    const direct = this.attributeAt(start)
    if (direct !== undefined) return { path: direct, transforms: [] }
    let frontier: Array<{ urn: string; transforms: TransformSpec[] }> = [
      { urn: start, transforms: [] },
    ]
    const seen = new Set([start])
    for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
      const next: typeof frontier = []
      for (const { urn, transforms } of frontier) {
        for (const e of this.out.get(urn) ?? []) {
          if (seen.has(e.to)) continue
          seen.add(e.to)
          const t = e.transform ? [...transforms, e.transform] : transforms
          const path = this.attributeAt(e.to)
          if (path !== undefined) return { path, transforms: t }
          next.push({ urn: e.to, transforms: t })
        }
      }
      frontier = next
    }
    return undefined
  }

  private attributeAt(urn: string): string | undefined {
    return this.modelPaths.get(urn) ?? MODEL_URN.exec(urn)?.[1]
  }
}

/** A value in its attribute's form; the value itself when a transform cannot handle it. */
export function toAttributeForm(value: unknown, attribute: Attribute): unknown {
  let v = value
  for (const t of attribute.transforms) {
    try {
      const next = applyTransform(t, v)
      // A transform that cannot read a messy value gives null: keep the value rather than lose it.
      if (next === null && v !== null) return v
      v = next
    } catch {
      return v
    }
  }
  return v
}

import type { LineageEdge } from '../../../shared/model/lineage'
import type { CategoryId } from '../../../shared/model/personal-data'
import { DEFAULT_ID_FORMATS, type IdFormat } from '../identifiers/id-formats'
import { transformSteps } from './identifier-fields'

const KIND_OF: Partial<Record<CategoryId, IdFormat['kind']>> = {
  'identifier.customer': 'customer-number',
  'identifier.loyalty': 'loyalty-number',
}

const label = (urn: string) => {
  const [asset = '', field = ''] = urn.split('#')
  return `${asset.split('/').slice(3).join('.') || asset} ${field}`
}

/**
 * Customer and loyalty number forms as the catalogue knows them (docs/lookup-design.md §1.3):
 * every `prefix-pad` edge into a customer or loyalty identifier field gives its padded form and
 * the bare form of the field it comes from (`crm CustomerId` 42, `singleview _id` C00000042).
 * A kind without such an edge keeps the estate defaults, so recognition works before lineage.
 */
export function idFormatsFromCatalogue(
  edges: readonly LineageEdge[],
  categories: ReadonlyMap<string, CategoryId>,
): IdFormat[] {
  const found = new Map<string, IdFormat>()
  for (const e of edges) {
    if (e.level !== 'field') continue
    const kind = KIND_OF[categories.get(e.to) ?? ('' as CategoryId)]
    if (!kind) continue
    for (const step of transformSteps(e.transform)) {
      if (step.type !== 'prefix-pad') continue
      const padded = { kind, label: label(e.to), prefix: step.prefix, width: step.width }
      const bare = { kind, label: label(e.from), prefix: '', width: 0 }
      for (const f of [bare, padded]) {
        const key = `${f.kind}|${f.prefix}|${f.width}`
        if (!found.has(key)) found.set(key, f)
      }
    }
  }
  const derived = [...found.values()]
  const kinds = new Set(derived.map((f) => f.kind))
  return [...derived, ...DEFAULT_ID_FORMATS.filter((f) => !kinds.has(f.kind))]
}

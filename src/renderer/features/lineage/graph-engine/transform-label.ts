import type { TransformSpec } from '../../../../shared/model/lineage'

/**
 * The short text an edge shows for its transformation (DESIGN.md §4): `trim → lower-case`,
 * `e164 GB`, `prefix-pad C/8`. Identity and plain renames say nothing, so the common case of a
 * value copied unchanged stays quiet on a busy graph.
 */
export function transformLabel(spec: TransformSpec | undefined): string {
  if (!spec) return ''
  switch (spec.type) {
    case 'identity':
      return ''
    case 'e164':
      return `e164 ${spec.region}`
    case 'prefix-pad':
      return `prefix-pad ${spec.prefix}/${spec.width}`
    case 'hmac-sha256':
      return `hmac-sha256 (${spec.keyRef})`
    case 'epoch-days-to-date':
      return 'epoch-days → date'
    case 'concat':
      return `concat(${spec.fields.join(', ')})`
    case 'aggregate':
      return `${spec.fn} by ${spec.groupBy}`
    case 'latest':
      return `latest by ${spec.orderBy}`
    case 'rename':
      return `rename ${spec.from} → ${spec.to}`
    case 'chain':
      return spec.steps.map(transformLabel).filter(Boolean).join(' → ')
    default:
      return spec.type
  }
}

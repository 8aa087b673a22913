import type { TransformSpec } from '../../model/lineage'

/** A short human description for edges and exports: "trim, then lower-case", "E.164 (GB)". */
export function describeTransform(spec: TransformSpec): string {
  switch (spec.type) {
    case 'identity':
      return 'copied as is'
    case 'trim':
    case 'lower-case':
    case 'upper-case':
    case 'collapse-whitespace':
      return spec.type
    case 'e164':
      return `E.164 (${spec.region})`
    case 'prefix-pad':
      return spec.prefix === ''
        ? `zero-pad to ${spec.width}`
        : `prefix ${spec.prefix}, zero-pad to ${spec.width}`
    case 'sha256':
      return 'SHA-256'
    case 'hmac-sha256':
      return `HMAC-SHA-256 (key ${spec.keyRef})`
    case 'epoch-days-to-date':
      return `days since 1970-01-01 to date (${spec.format})`
    case 'postcode-format':
      return 'UK postcode format'
    case 'concat':
      return `concatenation of ${spec.fields.join(', ')} with ${JSON.stringify(spec.separator)}`
    case 'aggregate':
      return `${spec.fn} per ${spec.groupBy}`
    case 'latest':
      return `latest by ${spec.orderBy} per ${spec.groupBy}`
    case 'rename':
      return `renamed ${spec.from} to ${spec.to}`
    case 'chain':
      return spec.steps.map(describeTransform).join(', then ')
  }
}

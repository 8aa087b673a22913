import type { CatalogAsset, CatalogField } from '../../../src/shared/model/catalog'
import type {
  CategoryId,
  ClassificationLabel,
  FieldClassification,
  ReviewDecision,
} from '../../../src/shared/model/personal-data'

/** Hand-made classifications: the map and reports are tested apart from the classifier. */
export function label(
  category: CategoryId,
  confidence: number,
  values?: { matched: number; of: number; example?: string },
): ClassificationLabel {
  return {
    category,
    confidence,
    evidence: [
      { source: `name:${category}`, kind: 'name', detail: `named like ${category}`, weight: 0.5 },
      ...(values
        ? [
            {
              source: `value:${category}`,
              kind: 'value' as const,
              detail: `${values.matched} of ${values.of} match`,
              matched: values.matched,
              of: values.of,
              ...(values.example ? { example: values.example } : {}),
              weight: 0.4,
            },
          ]
        : []),
    ],
  }
}

export function classification(
  labels: ClassificationLabel[],
  extra: Partial<FieldClassification> = {},
): FieldClassification {
  return { labels, nearMisses: [], rulePacks: ['builtin@1'], sampled: 100, ...extra }
}

export function field(assetUrn: string, path: string, cls?: FieldClassification): CatalogField {
  return {
    urn: `${assetUrn}#${path}`,
    path,
    name: path.split('.').pop()!,
    ...(cls ? { classification: cls } : {}),
  }
}

export function table(source: string, path: string[], fields: CatalogField[]): CatalogAsset {
  const urn = `postgres://${source}/${path.join('/')}`
  return {
    urn,
    source,
    platform: 'postgres',
    kind: 'table',
    name: path[path.length - 1]!,
    path,
    counts: { rows: 1000 },
    fields: fields.map((f) => ({ ...f, urn: `${urn}#${f.path}` })),
  }
}

export function decision(
  urn: string,
  kind: ReviewDecision['decision'],
  category: CategoryId,
): ReviewDecision {
  return { urn, decision: kind, category, by: 'alice', at: '2026-01-02T03:04:05.000Z' }
}

import type { CatalogAsset } from '../../../shared/model/catalog'
import type { CategoryId } from '../../../shared/model/personal-data'
import { parseUrn } from '../../../shared/urn'
import { isKeyPath } from '../../connectors/kafka/lookup-decode'
import { indexedFieldsOf, recordKeyField, type IndexedField } from './index-fields'

/**
 * The lookup index's fields per Kafka source, from the catalogue: every field of a crawled topic
 * whose effective category (reviews applied, rejected fields left out) is an identifier the index
 * matches (index-fields.ts), and the record key of every topic the crawl saw keyed (its key has
 * fields in the catalogue), which keyed reads find offsets by. Sources without either are left out.
 */
export function indexedFieldsBySource(input: {
  assets: Iterable<CatalogAsset>
  categories: ReadonlyMap<string, CategoryId>
}): Map<string, IndexedField[]> {
  const bySource = new Map<string, IndexedField[]>()
  for (const asset of input.assets) {
    if (asset.platform !== 'kafka' || asset.fields.length === 0) continue
    const topic = parseUrn(asset.urn).path.at(-1)
    if (!topic) continue
    const classified: Array<{ topic: string; path: string; category: CategoryId }> = []
    for (const f of asset.fields) {
      const category = input.categories.get(f.urn)
      if (category) classified.push({ topic, path: f.path, category })
    }
    const fields = indexedFieldsOf(classified)
    if (asset.fields.some((f) => isKeyPath(f.path))) fields.push(recordKeyField(topic))
    if (fields.length === 0) continue
    bySource.set(asset.source, [...(bySource.get(asset.source) ?? []), ...fields])
  }
  return bySource
}

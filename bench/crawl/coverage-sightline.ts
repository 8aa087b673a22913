/**
 * Coverage of a Sightline crawl, from its catalogue export JSON (docs/catalog-export.md: an object
 * with `assets`, each a CatalogAsset), counted by coverage-model.ts exactly as DataHub's output is.
 *
 *   npx tsx bench/crawl/coverage-sightline.ts <export.json>
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { CatalogAsset } from '../../src/shared/model/catalog'
import {
  countCoverage,
  type Coverage,
  type CoverageAsset,
  type CoverageKind,
} from './coverage-model'

/** Which Sightline asset kinds count as which coverage kind (containers and subjects do not). */
function coverageKind(asset: Pick<CatalogAsset, 'kind' | 'platform'>): CoverageKind | undefined {
  switch (asset.kind) {
    case 'table':
      return 'table'
    case 'view':
      // A MongoDB view is listed among collections, as DataHub lists it.
      return asset.platform === 'mongodb' ? 'collection' : 'view'
    case 'topic':
      return 'topic'
    case 'collection':
      return 'collection'
    case 'connector':
      return 'connector'
    default:
      return undefined
  }
}

/** Sightline's catalogue assets as coverage assets. */
export function sightlineAssets(assets: CatalogAsset[]): CoverageAsset[] {
  const out: CoverageAsset[] = []
  for (const a of assets) {
    const kind = coverageKind(a)
    if (!kind) continue
    out.push({
      kind,
      // Topics by their own name (as DataHub names them); everything else by its path.
      name: kind === 'topic' ? a.name : a.path.join('.'),
      fieldPaths: a.fields.map((f) => f.path),
      primaryKeyColumns: kind === 'table' || kind === 'view' ? (a.primaryKey?.columns ?? []) : [],
      foreignKeys: a.foreignKeys?.length ?? 0,
    })
  }
  return out
}

/** Schema-registry subjects: Sightline catalogues them, DataHub's kafka source does not. */
export function countSubjects(assets: CatalogAsset[]): number {
  return assets.filter((a) => a.kind === 'subject').length
}

/** Counts an export document (or a bare array of assets). */
export function sightlineCoverage(doc: unknown): {
  coverage: Coverage
  subjects: number
  assets: CoverageAsset[]
} {
  const assets: CatalogAsset[] = Array.isArray(doc)
    ? (doc as CatalogAsset[])
    : ((doc as { assets?: CatalogAsset[] }).assets ?? [])
  const mapped = sightlineAssets(assets)
  return { coverage: countCoverage(mapped), subjects: countSubjects(assets), assets: mapped }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2]
  if (!file) {
    console.error('usage: npx tsx bench/crawl/coverage-sightline.ts <export.json>')
    process.exit(2)
  }
  const { coverage, subjects } = sightlineCoverage(JSON.parse(readFileSync(file, 'utf8')))
  console.log(JSON.stringify({ ...coverage, subjects }, null, 2))
}

/**
 * Classification quality on the second labelled set (bench/classify/labelled/*.json, written by
 * make-labelled-set.ts): each file's fields become catalogue assets and go through the crawl's
 * own classification step (classifyAssets with the builtin rule pack: classifyField per field,
 * exactly as a crawl calls it), then the best label at or above the classifier's documented
 * LABEL_THRESHOLD is compared with the truth.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { classifyAssets } from '../../src/main/classify/classify-assets'
import { LABEL_THRESHOLD } from '../../src/main/classify/classify-field'
import { builtinPack } from '../../src/main/classify/rule-packs'
import type { CatalogAsset, CatalogField, FieldTypeCount } from '../../src/shared/model/catalog'
import { buildUrn } from '../../src/shared/urn'
import type { SourceKind } from '../../src/shared/model/sources'
import type { LabelledField, LabelledFile } from './make-labelled-set'
import { effective, evidenceLine, type Outcome } from './metrics'

export function readLabelledSet(dir: string): LabelledFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as LabelledFile)
}

/** Catalogue assets (as a crawl would build them) and raw samples by field URN. */
export function toAssets(files: readonly LabelledFile[]): {
  assets: CatalogAsset[]
  samples: Map<string, unknown[]>
} {
  const assets = new Map<string, CatalogAsset>()
  const samples = new Map<string, unknown[]>()
  for (const file of files)
    for (const f of file.fields) {
      const platform = f.platform as SourceKind
      const urn = buildUrn(platform, f.source, f.assetPath)
      let asset = assets.get(urn)
      if (!asset) {
        asset = {
          urn,
          source: f.source,
          platform,
          kind: platform === 'kafka' ? 'topic' : platform === 'mongodb' ? 'collection' : 'table',
          name: f.asset,
          path: f.assetPath,
          fields: [],
        }
        assets.set(urn, asset)
      }
      asset.fields.push(catalogField(f, asset.fields.length + 1))
      samples.set(f.urn, f.values)
    }
  return { assets: [...assets.values()], samples }
}

/** Inferred-schema sources report observed types, not declared ones (infer-shape.ts names). */
const INFERRED: Record<string, Record<string, string>> = {
  mongodb: { double: 'number' },
  kafka: { int: 'number', long: 'number', double: 'number', date: 'string', objectId: 'string' },
}

function catalogField(f: LabelledField, ordinal: number): CatalogField {
  const field: CatalogField = { urn: f.urn, path: f.path, name: f.name, ordinal }
  const inferred = INFERRED[f.platform]
  if (inferred && f.declaredType) {
    const nulls = f.values.filter((v) => v === null || v === undefined).length
    const type = (inferred[f.declaredType] ?? f.declaredType) as FieldTypeCount['type']
    const types: FieldTypeCount[] = [{ type, count: f.values.length - nulls }]
    if (nulls > 0) types.push({ type: 'null', count: nulls })
    field.types = types.sort((a, b) => b.count - a.count)
  } else if (f.declaredType) field.declaredType = f.declaredType
  if (f.primaryKey) field.primaryKey = true
  if (f.references) field.references = f.references
  return field
}

export function labelledQuality(dir: string): { outcomes: Outcome[]; ms: number } {
  const files = readLabelledSet(dir)
  const { assets, samples } = toAssets(files)
  const t0 = performance.now()
  classifyAssets(assets, samples, [builtinPack()])
  const ms = performance.now() - t0
  const truth = new Map(files.flatMap((f) => f.fields.map((x) => [x.urn, x] as const)))
  const outcomes: Outcome[] = []
  for (const asset of assets)
    for (const field of asset.fields) {
      const lf = truth.get(field.urn)!
      const best = effective(field.classification, LABEL_THRESHOLD)
      const outcome: Outcome = {
        urn: field.urn,
        label: `${lf.source}:${lf.asset}.${lf.path}`,
        truth: lf.truth,
        predicted: best.category,
        evidence: evidenceLine(field.classification) + (lf.note ? ` (truth note: ${lf.note})` : ''),
      }
      if (best.confidence !== undefined) outcome.confidence = best.confidence
      outcomes.push(outcome)
    }
  return { outcomes, ms }
}

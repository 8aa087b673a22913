/**
 * Writes the second labelled set (bench/classify/labelled/<source>.json) from the specs in
 * labelled-specs*.ts with a seeded generator, so it is reproducible byte for byte:
 * `npx tsx bench/classify/make-labelled-set.ts [--values 100] [--seed sightline-labelled-1]`.
 * One file per made-up source; the format is LabelledFile below (quality.ts reads it).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildUrn } from '../../src/shared/urn'
import type { CategoryId } from '../../src/shared/model/personal-data'
import { Rng } from './labelled-values'
import type { SourceSpec } from './labelled-field'
import { SOURCES } from './labelled-specs'

export const LABELLED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'labelled')

/** One labelled field: what the classifier is given, and the truth. */
export interface LabelledField {
  urn: string
  source: string
  platform: string
  /** The asset's name (table, topic, collection) and its path under the source. */
  asset: string
  assetPath: string[]
  /** The field's own name (last path segment) and its full path (`titular.dni`, `lineas[].imei`). */
  name: string
  path: string
  declaredType?: string
  primaryKey?: boolean
  /** URN of the referenced field (a foreign key). */
  references?: string
  truth: CategoryId | null
  note?: string
  values: unknown[]
}
export interface LabelledFile {
  format: 'sightline-labelled-fields/1'
  seed: string
  source: string
  platform: string
  fields: LabelledField[]
}

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback
}

function referenceUrn(src: SourceSpec, [assetName, field]: [string, string]): string {
  const asset = src.assets.find((a) => a.name === assetName)
  if (!asset) throw new Error(`${src.source}: no asset ${assetName} to reference`)
  return buildUrn(src.platform, src.source, asset.path, field)
}

export function makeLabelledSet(seed: string, count: number): LabelledFile[] {
  return SOURCES.map((src) => ({
    format: 'sightline-labelled-fields/1',
    seed,
    source: src.source,
    platform: src.platform,
    fields: src.assets.flatMap((asset) =>
      asset.fields.map((spec): LabelledField => {
        const fieldPath = spec.path ?? spec.name
        // Each field its own stream: editing one spec never shifts another's values.
        const r = new Rng(`${seed}/${src.source}/${asset.name}/${fieldPath}`)
        const nulls = spec.nulls ?? 0.05
        const values = Array.from({ length: count }, (_, i) =>
          r.chance(nulls) ? null : spec.gen(r, i),
        )
        const name = fieldPath.split('.').pop()!.replace(/\[\]$/, '')
        return {
          urn: buildUrn(src.platform, src.source, asset.path, fieldPath),
          source: src.source,
          platform: src.platform,
          asset: asset.name,
          assetPath: asset.path,
          name,
          path: fieldPath,
          ...(spec.declaredType ? { declaredType: spec.declaredType } : {}),
          ...(spec.primaryKey ? { primaryKey: true } : {}),
          ...(spec.references ? { references: referenceUrn(src, spec.references) } : {}),
          truth: spec.truth,
          ...(spec.note ? { note: spec.note } : {}),
          values,
        }
      }),
    ),
  }))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const seed = arg('seed', 'sightline-labelled-1')
  const files = makeLabelledSet(seed, Number(arg('values', '100')))
  mkdirSync(LABELLED_DIR, { recursive: true })
  for (const f of readdirSync(LABELLED_DIR))
    if (f.endsWith('.json')) rmSync(path.join(LABELLED_DIR, f))
  let fields = 0
  let negatives = 0
  for (const file of files) {
    writeFileSync(
      path.join(LABELLED_DIR, `${file.source}.json`),
      `${JSON.stringify(file, null, 1)}\n`,
    )
    fields += file.fields.length
    negatives += file.fields.filter((f) => f.truth === null).length
  }
  console.log(
    `wrote ${files.length} files, ${fields} fields, ${negatives} negatives (${((100 * negatives) / fields).toFixed(0)}%) to ${LABELLED_DIR}`,
  )
}

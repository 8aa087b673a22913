import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { FieldSketch } from '../../store/sketch-repository'
import { NORMALISERS, SKETCH_VARIANTS, idFormat, sampleText, type FieldHints } from './normalise'
import { bottomK, keyedHash, SKETCH_K } from './sketch-math'

/** Fields with fewer distinct values say little by their values: not sketched. */
export const MIN_DISTINCT = 3
/** Values per field looked at: bounds the cost of a crawl with large samples. */
export const MAX_VALUES_PER_FIELD = 20_000

export interface SketchSourceInput {
  source: string
  assets: readonly CatalogAsset[]
  samples: ReadonlyMap<string, readonly unknown[]>
  /** The workspace's HMAC key (store.workspaceKey()). */
  key: Buffer
}

/**
 * Sketches of every sampled field of one committed crawl (issue 6 item 4): per normalisation
 * variant that changes the values, the bottom-k keyed hashes of the distinct normalised values.
 * Raw values are read here and dropped: only hashes and counts come out.
 */
export function sketchSource(input: SketchSourceInput): FieldSketch[] {
  const out: FieldSketch[] = []
  for (const asset of input.assets) {
    const population = asset.counts?.rows ?? asset.counts?.documents ?? asset.counts?.messages
    const recordsSampled = asset.counts?.sampled
    for (const field of asset.fields) {
      const values = input.samples.get(field.urn)
      if (!values || values.length === 0) continue
      const sketches = sketchField(field, values, input.key)
      for (const s of sketches)
        out.push({
          ...s,
          fieldUrn: field.urn,
          assetUrn: asset.urn,
          source: input.source,
          ...(population === undefined ? {} : { population }),
          ...(recordsSampled === undefined ? {} : { recordsSampled }),
        })
    }
  }
  return out
}

type VariantSketch = Pick<FieldSketch, 'variant' | 'hashes' | 'distinct' | 'sampled' | 'idFormat'>

/** One field's sketches; none for booleans, structures and fields of a handful of values. */
export function sketchField(
  field: Pick<CatalogField, 'name' | 'declaredType'>,
  values: readonly unknown[],
  key: Buffer,
): VariantSketch[] {
  const texts: string[] = []
  for (const v of values) {
    if (texts.length >= MAX_VALUES_PER_FIELD) break
    const t = sampleText(v)
    if (t !== undefined && t.trim() !== '') texts.push(t)
  }
  const distinctTexts = [...new Set(texts)]
  if (distinctTexts.length < MIN_DISTINCT) return []
  const hints: FieldHints = {
    typeAndName: `${field.declaredType ?? ''} ${field.name}`.toLowerCase(),
  }
  const result: VariantSketch[] = []
  const asIs = new Set(distinctTexts)
  for (const variant of SKETCH_VARIANTS) {
    const normaliser = NORMALISERS[variant]
    if (normaliser.gate && !normaliser.gate(hints, distinctTexts)) continue
    const normal = new Set<string>()
    let applied = 0
    for (const t of distinctTexts) {
      const n = normaliser.apply(t)
      if (n === undefined) continue
      applied++
      normal.add(n)
    }
    if (applied < normaliser.applies * distinctTexts.length || normal.size < MIN_DISTINCT) continue
    // A variant that leaves the set as it is adds nothing to as-is.
    if (variant !== 'as-is' && normal.size === asIs.size && [...normal].every((n) => asIs.has(n)))
      continue
    const sketch: VariantSketch = {
      variant,
      hashes: bottomK(
        [...normal].map((n) => keyedHash(key, n)),
        SKETCH_K,
      ),
      distinct: normal.size,
      sampled: texts.length,
    }
    if (variant === 'id-core') {
      const format = idFormat(distinctTexts)
      if (!format) continue
      sketch.idFormat = format
    }
    result.push(sketch)
  }
  return result
}

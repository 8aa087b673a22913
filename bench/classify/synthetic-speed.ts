/**
 * Classification speed on a synthetic catalogue: N fields (default 100,000) with 100 sampled
 * values each, classified through the crawl's own step (classifyAssets with the builtin pack).
 * The mix is the second labelled set's field kinds (about half of them not personal, as in a
 * real estate, with ids, amounts, dates and codes), each drawn with fresh seeds and renamed in
 * other naming styles (snake, camel, Pascal, SCREAMING, Hungarian, prefixed/suffixed), grouped
 * 20 fields to an asset. Only classification is timed, not generating the values.
 */
import { classifyAssets } from '../../src/main/classify/classify-assets'
import { builtinPack } from '../../src/main/classify/rule-packs'
import type { CatalogAsset, CatalogField } from '../../src/shared/model/catalog'
import { buildUrn } from '../../src/shared/urn'
import type { FieldSpec } from './labelled-field'
import { SOURCES } from './labelled-specs'
import { Rng } from './labelled-values'

const FIELDS_PER_ASSET = 20
/** Distinct value arrays per field kind; fields reuse them (copied) so memory stays bounded. */
const VARIANTS = 10

function words(name: string): string[] {
  return name
    .replace(/\[\]/g, '')
    .split(/[._\s-]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(Boolean)
    .map((w) => w.toLowerCase())
}

/** The field name in another naming style (deterministic per index). */
export function restyle(name: string, i: number): string {
  const w = words(name)
  if (w.length === 0) return name
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
  switch (i % 7) {
    case 0:
      return name
    case 1:
      return w.join('_')
    case 2:
      return w[0] + w.slice(1).map(cap).join('')
    case 3:
      return w.map(cap).join('')
    case 4:
      return w.join('_').toUpperCase()
    case 5:
      return `str${w.map(cap).join('')}`
    default:
      return `${w.join('_')}_${(i % 3) + 1}`
  }
}

interface Kind {
  spec: FieldSpec
  variants: unknown[][]
}

function kinds(valuesPerField: number): Kind[] {
  return SOURCES.flatMap((src) =>
    src.assets.flatMap((asset) =>
      asset.fields.map((spec): Kind => ({
        spec,
        variants: Array.from({ length: VARIANTS }, (_, v) => {
          const r = new Rng(`speed/${src.source}/${asset.name}/${spec.path ?? spec.name}/${v}`)
          const nulls = spec.nulls ?? 0.05
          return Array.from({ length: valuesPerField }, (_, i) =>
            r.chance(nulls) ? null : spec.gen(r, i),
          )
        }),
      })),
    ),
  )
}

export interface SyntheticCatalogue {
  assets: CatalogAsset[]
  samples: Map<string, unknown[]>
  fields: number
  values: number
  kinds: number
}

export function syntheticCatalogue(fields: number, valuesPerField = 100): SyntheticCatalogue {
  const pool = kinds(valuesPerField)
  const r = new Rng('speed/mix')
  const assets: CatalogAsset[] = []
  const samples = new Map<string, unknown[]>()
  let values = 0
  for (let a = 0; a * FIELDS_PER_ASSET < fields; a++) {
    const table = `${r.pick(['tbl', 'stg_', 'dim_', 'fact_', '', ''])}${r.pick(['customer', 'orders', 'kunden', 'clients', 'abonados', 'PATIENT', 'events', 'ledger', 'inventory', 'audit'])}_${a}`
    const path = ['bench', 'public', table]
    const urn = buildUrn('postgres', 'speed', path)
    const asset: CatalogAsset = {
      urn,
      source: 'speed',
      platform: 'postgres',
      kind: 'table',
      name: table,
      path,
      fields: [],
    }
    for (let f = 0; f < FIELDS_PER_ASSET && a * FIELDS_PER_ASSET + f < fields; f++) {
      const kind = r.pick(pool)
      const base = (kind.spec.path ?? kind.spec.name).split('.').pop()!
      let name = restyle(base, a + f)
      // Unique within the asset.
      if (asset.fields.some((x) => x.name === name)) name = `${name}${f}`
      const field: CatalogField = {
        urn: buildUrn('postgres', 'speed', path, name),
        path: name,
        name,
        ordinal: f + 1,
      }
      if (kind.spec.declaredType) field.declaredType = kind.spec.declaredType
      const v = kind.variants[r.int(0, VARIANTS - 1)]!
      samples.set(field.urn, v.slice())
      values += v.length
      asset.fields.push(field)
    }
    assets.push(asset)
  }
  return { assets, samples, fields, values, kinds: pool.length }
}

export interface SyntheticResult {
  fields: number
  values: number
  ms: number
  /** Per-chunk times (of 5,000 fields), to see it stays linear. */
  chunkMs: number[]
  labelled: number
  heapMb: number
  /** Distinct field kinds the mix was drawn from. */
  kinds: number
}

export function syntheticSpeed(fields = 100_000, valuesPerField = 100): SyntheticResult {
  const cat = syntheticCatalogue(fields, valuesPerField)
  const packs = [builtinPack()]
  // Warm-up on a copy of a few assets, as a crawl's first source would warm the JIT.
  classifyAssets(structuredClone(cat.assets.slice(0, 10)), cat.samples, packs)
  const chunk = 5_000 / FIELDS_PER_ASSET
  const chunkMs: number[] = []
  const t0 = performance.now()
  for (let i = 0; i < cat.assets.length; i += chunk) {
    const c0 = performance.now()
    classifyAssets(cat.assets.slice(i, i + chunk), cat.samples, packs)
    chunkMs.push(performance.now() - c0)
  }
  const ms = performance.now() - t0
  const labelled = cat.assets.reduce(
    (n, a) => n + a.fields.filter((f) => (f.classification?.labels.length ?? 0) > 0).length,
    0,
  )
  return {
    fields: cat.fields,
    values: cat.values,
    ms,
    chunkMs,
    labelled,
    heapMb: process.memoryUsage().heapUsed / 2 ** 20,
    kinds: cat.kinds,
  }
}

import type { CatalogAsset } from '../../../shared/model/catalog'
import type { SketchHook } from '../../crawl/crawl-source'
import type { CatalogStore } from '../../store/catalog-store'
import type { FieldSketch } from '../../store/sketch-repository'
import { sketchSource } from './sketch-fields'

/**
 * The crawl's sketch hook (issue 6 item 4): after a crawl of a source commits, its raw samples
 * become sketches of HMAC hashes under the workspace key, replacing the source's previous ones
 * except where the previous ones were read deeper (keepDeeperSketches).
 */
export function sketchHook(store: Pick<CatalogStore, 'sketches' | 'workspaceKey'>): SketchHook {
  return async ({ source, assets, samples }) => {
    const key = await store.workspaceKey()
    const next = sketchSource({ source, assets, samples, key })
    const previous = (await store.sketches.all()).filter((s) => s.source === source)
    await store.sketches.replaceSource(source, keepDeeperSketches(previous, next, assets))
  }
}

/** How deep an asset's sketches read it: records sampled, else the most values of one field. */
export function sketchDepth(sketches: readonly FieldSketch[]): number {
  let depth = 0
  for (const s of sketches) depth = Math.max(depth, s.recordsSampled ?? s.sampled)
  return depth
}

/**
 * The sketches to keep for one source after a crawl: per asset of the crawl, the new sketches,
 * unless the previous ones read the asset deeper. "Find suggestions" profiles sources with a
 * large sample (lineage-profile.ts); the everyday crawl that follows samples 100 records, and
 * must not throw away the evidence inference needs. Previous sketches of assets or fields the
 * crawl no longer has are dropped. A later profile (or any crawl as deep) replaces them.
 */
export function keepDeeperSketches(
  previous: readonly FieldSketch[],
  next: readonly FieldSketch[],
  assets: readonly CatalogAsset[],
): FieldSketch[] {
  const byAsset = (list: readonly FieldSketch[]) => {
    const out = new Map<string, FieldSketch[]>()
    for (const s of list) out.set(s.assetUrn, [...(out.get(s.assetUrn) ?? []), s])
    return out
  }
  const before = byAsset(previous)
  const after = byAsset(next)
  const out: FieldSketch[] = []
  for (const asset of assets) {
    const fresh = after.get(asset.urn) ?? []
    const fields = new Set(asset.fields.map((f) => f.urn))
    const old = (before.get(asset.urn) ?? []).filter((s) => fields.has(s.fieldUrn))
    if (sketchDepth(old) > sketchDepth(fresh)) out.push(...old)
    else out.push(...withKnownPopulation(fresh, old))
  }
  return out
}

/**
 * Sampling correction needs the asset's record count, which a crawl does not always get (the
 * MongoDB crawl's count budget runs out on FerretDB): the previous sketches' count stands in.
 */
function withKnownPopulation(fresh: FieldSketch[], old: readonly FieldSketch[]): FieldSketch[] {
  const known = old.find((s) => s.population !== undefined)?.population
  if (known === undefined) return fresh
  return fresh.map((s) => (s.population === undefined ? { ...s, population: known } : s))
}

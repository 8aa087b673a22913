import type { SketchHook } from '../../crawl/crawl-source'
import type { CatalogStore } from '../../store/catalog-store'
import { sketchSource } from './sketch-fields'

/**
 * The crawl's sketch hook (issue 6 item 4): after a crawl of a source commits, its raw samples
 * become sketches of HMAC hashes under the workspace key, replacing the source's previous ones.
 */
export function sketchHook(store: Pick<CatalogStore, 'sketches' | 'workspaceKey'>): SketchHook {
  return async ({ source, assets, samples }) => {
    const key = await store.workspaceKey()
    await store.sketches.replaceSource(source, sketchSource({ source, assets, samples, key }))
  }
}

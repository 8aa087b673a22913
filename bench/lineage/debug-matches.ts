/**
 * A look at why a target field gets (or misses) its suggestions, on a kept bench workspace:
 * `npx tsx bench/lineage/debug-matches.ts DIR FIELD-URN-SUBSTRING`. Prints every scored match
 * into the matching fields with its containments, names and sampling slack. Development aid.
 */
import { CopyClasses, indexFields } from '../../src/main/lineage/infer/field-context'
import { scoreMatches } from '../../src/main/lineage/infer/score-matches'
import { openSqliteStore } from '../../src/main/store/sqlite-store'
import { workspacePaths } from '../../src/main/workspace/workspace'
import type { CatalogAsset } from '../../src/shared/model/catalog'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { knownEdges, readManifestEdges } from './estate-truth'

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const [dir, needle] = process.argv.slice(2) as [string, string]
const store = openSqliteStore(workspacePaths(dir).storeFile)
const assets = new Map<string, CatalogAsset>()
for await (const a of store.catalog.currentAssets({})) assets.set(a.urn, a)
const sketches = await store.sketches.all()
await store.close()
const fields = indexFields(assets)
const known = knownEdges(readManifestEdges(REPO_ROOT), assets)
const matches = scoreMatches(sketches, fields, new CopyClasses(known))
for (const m of matches)
  if (m.to.field.urn.includes(needle) || m.from.field.urn.includes(needle))
    console.log(
      [
        m.from.field.urn,
        '->',
        m.to.field.urn,
        m.normalisation,
        `cf=${m.containFrom.toFixed(3)} ct=${m.containTo.toFixed(3)} slack=${m.samplingSlack.toFixed(3)}`,
        `d=${m.fromDistinct}/${m.toDistinct} names=${m.nameSimilarity.toFixed(2)} shared=${m.shared}`,
      ].join(' '),
    )
for (const s of sketches)
  if (s.fieldUrn.includes(needle))
    console.log(
      'sketch',
      s.fieldUrn,
      s.variant,
      s.distinct,
      s.sampled,
      s.recordsSampled,
      s.population,
    )

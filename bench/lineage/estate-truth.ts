/**
 * The estate manifest's lineage, split the way the quality bench needs it: the edges extraction
 * finds from Kafka Connect (CDC and sink: given to inference as known), and the edges inference
 * is scored on (the single-view builder's and the application's, without aggregates and
 * latest-value folds, which values cannot reveal).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { CatalogAsset } from '../../src/shared/model/catalog'
import type { LineageEdge, TransformSpec } from '../../src/shared/model/lineage'
import { lineageEdgeId } from '../../src/shared/lineage/edge-id'

export interface ManifestEdge {
  from: string
  to: string
  transform: TransformSpec
  via: string
}

export function readManifestEdges(repoRoot: string, scale = 'small'): ManifestEdge[] {
  const file = path.join(repoRoot, '.estate', 'data', scale, 'manifest.json')
  return (JSON.parse(readFileSync(file, 'utf8')) as { lineage: ManifestEdge[] }).lineage
}

const UNREVEALABLE = new Set(['aggregate', 'latest'])

/** The edges inferred suggestions are scored against. */
export function targetEdges(edges: readonly ManifestEdge[]): ManifestEdge[] {
  return edges.filter(
    (e) =>
      (e.via === 'builder:singleview' || e.via === 'application') &&
      !UNREVEALABLE.has(e.transform.type),
  )
}

/**
 * What extraction knows (CDC: column -> `after.X`; the sink's copies), as LineageEdges. Debezium
 * also writes the column to `before.X` (and key columns to `key.X`), which the manifest leaves
 * implicit: added where the catalogue has those fields, as the extractor draws them.
 */
export function knownEdges(
  edges: readonly ManifestEdge[],
  assets: ReadonlyMap<string, CatalogAsset>,
): LineageEdge[] {
  const fieldUrns = new Set<string>()
  for (const a of assets.values()) for (const f of a.fields) fieldUrns.add(f.urn)
  const out: LineageEdge[] = []
  const add = (from: string, to: string, process: string) =>
    out.push({
      id: lineageEdgeId('field', from, to, process),
      level: 'field',
      from,
      to,
      transform: { type: 'identity' },
      via: { kind: 'connector', name: process },
      origin: {
        kind: 'extracted',
        connectorUrn: `kafka-connect://connect/${process}`,
        connector: process,
        connectorClass: 'bench',
        configKeys: [],
      },
    })
  for (const e of edges) {
    if (!e.via.startsWith('cdc:') && !e.via.startsWith('sink:')) continue
    const process = e.via.slice(e.via.indexOf(':') + 1)
    add(e.from, e.to, process)
    if (e.via.startsWith('cdc:') && e.to.includes('#after.'))
      for (const sibling of ['before.', 'key.']) {
        const urn = e.to.replace('#after.', `#${sibling}`)
        if (fieldUrns.has(urn)) add(e.from, urn, process)
      }
  }
  return out
}

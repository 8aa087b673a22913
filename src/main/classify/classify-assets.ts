import { ApiError } from '../../shared/api/errors'
import type { CatalogAsset, CatalogField } from '../../shared/model/catalog'
import type { ClassifyHook } from '../crawl/crawl-source'
import { classifyField } from './classify-field'
import type { RulePack } from './name-rules'
import { builtinPack, loadRulePacks } from './rule-packs'
import { tokenizeName } from './tokenize-name'

/**
 * The crawl's ClassifyHook (issue 5): every field of every asset classified with its raw samples
 * (by field URN) before the assets are stored. Rule packs are loaded at the start of each
 * source's classification, so an edited catalog/rules/*.yaml applies to the next crawl.
 */

const CONTAINER_TYPES = new Set(['object', 'array'])
/** Asset kinds whose fields hold data (not schemas, connectors or containers). */
const HOLDS_DATA = new Set<CatalogAsset['kind']>(['table', 'view', 'topic', 'collection'])

/** An object or array field (`addresses`, `name`): its children are classified, not it. */
function isContainer(field: CatalogField): boolean {
  const observed = field.types?.filter((t) => t.type !== 'null') ?? []
  return observed.length > 0 && observed.every((t) => CONTAINER_TYPES.has(t.type))
}

/** Classifies the assets in place (their fields get `classification`) and returns them. */
export function classifyAssets(
  assets: CatalogAsset[],
  samples: ReadonlyMap<string, readonly unknown[]>,
  packs: readonly RulePack[],
): CatalogAsset[] {
  for (const asset of assets) {
    // A registry subject is a schema, not a place data is held: its topic's fields are
    // classified with their values, so labelling the schema too would count every field twice.
    if (!HOLDS_DATA.has(asset.kind)) continue
    const assetTokens = tokenizeName(asset.name)
    for (const field of asset.fields) {
      if (isContainer(field)) continue
      const observed = field.types?.map((t) => t.type)
      field.classification = classifyField(
        {
          fieldName: field.name,
          fieldPath: field.path,
          assetTokens,
          ...(field.declaredType === undefined ? {} : { declaredType: field.declaredType }),
          ...(observed === undefined ? {} : { observedTypes: observed }),
          values: samples.get(field.urn) ?? [],
        },
        packs,
      )
    }
    shareChangeImages(asset)
  }
  return assets
}

/**
 * A change-data-capture envelope carries one column twice, as `before.X` and `after.X`. The
 * before image is empty for inserts and snapshots, so its own samples are thin: where it found
 * nothing and the after image of the same column did, it takes the after image's labels, saying
 * why.
 */
function shareChangeImages(asset: CatalogAsset): void {
  const byPath = new Map(asset.fields.map((f) => [f.path, f]))
  for (const field of asset.fields) {
    if (!field.path.startsWith('before.') || field.classification?.labels.length !== 0) continue
    const after = byPath.get(`after.${field.path.slice('before.'.length)}`)
    const labels = after?.classification?.labels
    if (!after || !labels || labels.length === 0) continue
    field.classification = {
      ...field.classification,
      labels: labels.map((label) => ({
        ...label,
        evidence: [
          {
            source: 'context:change-image',
            kind: 'context' as const,
            detail: `the before image of ${after.path}, the same column: labelled as it is`,
            weight: 0,
          },
          ...label.evidence,
        ],
      })),
    }
  }
}

/**
 * The hook for a workspace. A bad rule pack does not fail the crawl: the builtin pack classifies
 * and the first asset carries a note naming the file and the key to fix.
 */
export function createClassifyHook(workspaceDir: string): ClassifyHook {
  return (assets, samples) => {
    let packs: RulePack[]
    let problem: string | undefined
    try {
      packs = loadRulePacks(workspaceDir)
    } catch (err) {
      packs = [builtinPack()]
      problem =
        err instanceof ApiError ? err.message : 'a rule pack in catalog/rules could not be loaded'
    }
    const out = classifyAssets(assets, samples, packs)
    const first = out[0]
    if (problem && first)
      first.notes = [...(first.notes ?? []), `Classified with the builtin rules only: ${problem}`]
    return out
  }
}

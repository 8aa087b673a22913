import type { CatalogAsset } from '../../shared/model/catalog'
import type { EdgeProcess, LineageEdge, SingleViewModel } from '../../shared/model/lineage'
import type {
  CategoryId,
  PersonalDataEntry,
  ProcessingAttributes,
  ProcessingRule,
  ReviewDecision,
} from '../../shared/model/personal-data'
import { buildPersonalDataMap } from '../classify/personal-data-map'
import type { LineageState } from '../lineage/lineage-service'
import type { LineageSnapshot } from '../lineage/lineage-inputs'
import { resolveProcessing } from '../workspace/processing-file'

/**
 * What one lookup reads of the workspace, assembled once per lookup from the lineage service's
 * cached state and the personal-data map: the planner's and merger's inputs, and what the
 * subject-access report and erasure plan need (processing attributes, where data comes from,
 * what writes into an asset).
 */
export interface LookupContext {
  snapshot: LineageSnapshot
  /** Field-level edges (extracted, declared, accepted, model) with their transforms. */
  edges: LineageEdge[]
  /** Effective category per field URN: reviews applied, rejected fields left out. */
  categories: Map<string, CategoryId>
  /** The personal-data map's entries by field URN (processing attributes resolved). */
  entries: Map<string, PersonalDataEntry>
  /**
   * Record-of-processing attributes of a field (catalog/processing.yaml, resolved as the
   * personal-data map resolves them), for any field the lookup found, classified or not.
   */
  processingOf(fieldUrn: string, category: string): ProcessingAttributes
  /** Collection field URN -> single-view model path. */
  modelPaths: Map<string, string>
  /** Asset-level edges into an asset: the connectors and processes that write it. */
  writersOf(assetUrn: string): Array<{ from: string; via: EdgeProcess }>
  /** Asset-level edges out of an asset: where its changes go (CDC topics, the builder). */
  readersOf(assetUrn: string): Array<{ to: string; via: EdgeProcess }>
  /** Field-level edges into a field. */
  feedersOf(fieldUrn: string): string[]
  /** `crm.dbo.Customer.Email` for a URN the lineage graph knows, else the URN. */
  labelOf(urn: string): string
}

export interface LookupContextInput {
  state: LineageState
  decisions: ReadonlyMap<string, ReviewDecision>
  processing: readonly ProcessingRule[]
  workspace: string
}

function modelPathsOf(models: readonly SingleViewModel[]): Map<string, string> {
  const paths = new Map<string, string>()
  for (const model of models)
    for (const field of model.fields)
      for (const urn of field.implementedBy) if (!paths.has(urn)) paths.set(urn, field.path)
  return paths
}

export function buildLookupContext(input: LookupContextInput): LookupContext {
  const { state } = input
  const assets: CatalogAsset[] = state.assets
  const map = buildPersonalDataMap({
    assets,
    decisions: input.decisions,
    processing: input.processing,
    workspace: input.workspace,
    generatedAt: new Date().toISOString(),
  })
  const entries = new Map<string, PersonalDataEntry>()
  const categories = new Map<string, CategoryId>()
  for (const entry of map.entries) {
    entries.set(entry.urn, entry)
    if (entry.reviewState !== 'rejected') categories.set(entry.urn, entry.category)
  }
  // The model declares categories of the single view's fields the classifier may not have seen.
  for (const model of state.models)
    for (const field of model.fields)
      if (field.category)
        for (const urn of [field.urn, ...field.implementedBy])
          if (!categories.has(urn) && !entries.has(urn)) categories.set(urn, field.category)
  const { index } = state
  return {
    snapshot: state.snapshot,
    edges: state.edges.filter((e) => e.level === 'field'),
    categories,
    entries,
    processingOf: (fieldUrn, category) =>
      entries.get(fieldUrn)?.processing ?? resolveProcessing(input.processing, fieldUrn, category),
    modelPaths: modelPathsOf(state.models),
    writersOf: (assetUrn) => index.in(assetUrn, 'asset').map((e) => ({ from: e.from, via: e.via })),
    readersOf: (assetUrn) => index.out(assetUrn, 'asset').map((e) => ({ to: e.to, via: e.via })),
    feedersOf: (fieldUrn) => index.in(fieldUrn, 'field').map((e) => e.from),
    labelOf: (urn) => {
      try {
        return index.qualifiedLabel(urn)
      } catch {
        return urn
      }
    },
  }
}

import type { CatalogAsset } from '../../shared/model/catalog'
import type { LineageEdge, LineageInsight } from '../../shared/model/lineage'
import type { SourceKind } from '../../shared/model/sources'

/**
 * The seams between lineage's parts (issue 6). Extraction, declarations, inference and the graph
 * each read a LineageSnapshot and produce edges; src/main/lineage/lineage-service.ts assembles
 * them and caches the graph until the catalogue or catalog/ files change.
 */

/** A source of the workspace as lineage needs it: to match connector configs to sources. */
export interface LineageSourceRef {
  name: string
  kind: SourceKind
  /** The URL from sources.yaml with env references resolved (never a password). */
  url: string
  /** host:port pairs, Debezium `database.hostname`s, Kafka cluster ids, replica-set names. */
  aliases: string[]
}

/** One consistent view of the current catalogue. */
export interface LineageSnapshot {
  /** Every asset of the current catalogue, by URN. */
  assets: ReadonlyMap<string, CatalogAsset>
  sources: readonly LineageSourceRef[]
}

/** What an edge producer returns: edges, plus problems worth an insight (dangling names...). */
export interface EdgeBatch {
  edges: LineageEdge[]
  insights: LineageInsight[]
}

/** A human decision on an inferred suggestion, kept in catalog/lineage/ so the team shares it. */
export interface SuggestionDecision {
  id: string
  status: 'accepted' | 'rejected'
  from: string
  to: string
  by: string
  at: string
  reason?: string
}

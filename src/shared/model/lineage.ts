import type { CategoryId } from './personal-data'
import type { AssetKind } from './catalog'
import type { SourceKind } from './sources'

/**
 * Lineage (issue 6) as the API, the CLI, the export and the UI see it. Plain JSON only.
 *
 * Nodes are catalogue assets and fields (by URN, DESIGN.md §4) plus the single-view model's
 * fields (`model://<model>#<path>`, catalog/model/). Edges go from where a value comes from to
 * where it lands, and always say where they came from (a connector's config keys, a declaration
 * file and line, an accepted suggestion with its score).
 */

/**
 * A typed, parameterised transformation between two fields (DESIGN.md §4). Implemented in
 * src/shared/lineage/transforms with `apply` and, where one exists, `invert`. The estate's
 * manifest (test/estate/data/lineage.ts) uses the same shapes, so edges compare by value.
 */
export type TransformSpec =
  | { type: 'identity' }
  | { type: 'trim' }
  | { type: 'lower-case' }
  | { type: 'upper-case' }
  | { type: 'collapse-whitespace' }
  /** To E.164 with a default region for national numbers. */
  | { type: 'e164'; region: string }
  /** `42` -> `C00000042`. */
  | { type: 'prefix-pad'; prefix: string; width: number }
  /** Hex SHA-256 of the UTF-8 value. */
  | { type: 'sha256' }
  /** Hex HMAC-SHA-256 with a key that lives elsewhere: `keyRef` names it, never holds it. */
  | { type: 'hmac-sha256'; keyRef: string }
  /** Debezium io.debezium.time.Date (days since 1970-01-01) -> ISO date. */
  | { type: 'epoch-days-to-date'; format: 'YYYY-MM-DD' }
  /** UK postcode canonical form: upper case, one space before the inward code. */
  | { type: 'postcode-format' }
  /** Several source fields joined (the edge's `from` is one of `fields`, in order). */
  | { type: 'concat'; fields: string[]; separator: string }
  | { type: 'aggregate'; fn: 'count' | 'sum' | 'max' | 'min' | 'avg'; groupBy: string }
  /** The latest value per group: a fold, not invertible. */
  | { type: 'latest'; orderBy: string; groupBy: string }
  /** A field renamed on the way (ReplaceField renames, unwrap): the value is untouched. */
  | { type: 'rename'; from: string; to: string }
  | { type: 'chain'; steps: TransformSpec[] }

export type TransformType = TransformSpec['type']

/** Where an edge came from. Every edge has exactly one. */
export type EdgeOrigin =
  | {
      kind: 'extracted'
      /** The Kafka Connect connector asset URN and name. */
      connectorUrn: string
      connector: string
      /** Connector class (short form in the UI). */
      connectorClass: string
      /** The config keys that determined the edge: `topic.prefix`, `transforms.route.regex`... */
      configKeys: string[]
      /** A dynamic mapping (a namespace mapper reading the record, `topics.regex`): edge is best effort. */
      dynamic?: boolean
      note?: string
    }
  | {
      kind: 'declared'
      /** Workspace-relative path: `catalog/lineage/singleview-builder.yaml`. */
      file: string
      /** 1-based line of the edge's entry. */
      line: number
      /** The declared process: `singleview-builder`. */
      process: string
    }
  | {
      kind: 'accepted-suggestion'
      file: string
      line: number
      score: number
      acceptedBy?: string
      acceptedAt?: string
    }
  | {
      /** A single-view collection field implementing a model field (catalog/model/). */
      kind: 'model'
      file: string
      line: number
    }

/** What moves values: a connector, a declared process, or nothing named. */
export interface EdgeProcess {
  kind: 'connector' | 'process' | 'model'
  name: string
  /** Connector asset URN for connectors. */
  urn?: string
}

export interface LineageEdge {
  /** Stable: a hash of level, from, to and process name. */
  id: string
  level: 'asset' | 'field'
  from: string
  to: string
  transform?: TransformSpec
  via: EdgeProcess
  origin: EdgeOrigin
  /** For field edges: the asset-level edge they roll up into. */
  assetEdge?: string
}

/** Personal data on a node: its own classification, a review, or carried along lineage. */
export interface NodePersonalData {
  category: CategoryId
  /** `classification`: the classifier; `review`: a reviewer; `lineage`: fed by a personal field. */
  by: 'classification' | 'review' | 'lineage'
  /** Human reason, e.g. "fed by crm.dbo.Customer.Email (contact.email) via singleview-builder". */
  reason: string
  /** For `lineage`: the upstream field URN the category came from, and how many hops. */
  from?: string
  hops?: number
}

export interface LineageNode {
  urn: string
  level: 'asset' | 'field'
  /** `model` for the single-view model's fields and the model itself. */
  platform: SourceKind | 'model'
  /** Asset kind for assets; the owning asset's kind for fields. */
  kind: AssetKind | 'model'
  source: string
  /** For fields: the owning asset's URN. */
  assetUrn?: string
  /** Display: `crm.dbo.Customer`, `Email`, `after.Email`. */
  label: string
  /** For fields: dotted path inside the asset. */
  path?: string
  /** For catalogued fields: the declared type, else the most frequent sampled one. */
  dataType?: string
  /** For assets: how many fields it has (expandable to them). */
  fieldCount?: number
  /** False for nodes only known from a config or declaration, not (yet) in the catalogue. */
  catalogued: boolean
  owner?: string
  personalData?: NodePersonalData
  /** For connectors shown as nodes in the asset view: Connect's state (RUNNING, FAILED...). */
  state?: string
}

export type LineageDirection = 'up' | 'down' | 'both'

export interface LineageGraph {
  /** The node the query started from (absent for the overview). */
  focus?: string
  nodes: LineageNode[]
  edges: LineageEdge[]
  /** Nodes whose further neighbours were not included (depth or fan-out limit): expandable. */
  frontier: string[]
  /** Wide fan-outs collapsed: node -> how many neighbours were left out. */
  collapsed?: Record<string, number>
}

export interface LineagePath {
  from: string
  to: string
  /** Shortest paths first; each is a list of edge ids from `from` to `to`. */
  paths: string[][]
  graph: LineageGraph
}

/** What depends on a field: everything downstream, grouped for an impact review. */
export interface LineageImpact {
  urn: string
  downstream: Array<{ urn: string; hops: number; owner?: string; category?: CategoryId }>
  byOwner: Array<{ owner: string; count: number }>
  byCategory: Array<{ category: CategoryId; count: number }>
  byPlatform: Array<{ platform: SourceKind | 'model'; count: number }>
}

/** Evidence for an inferred lineage suggestion. */
export interface SuggestionEvidence {
  /** Estimated |A ∩ B| / |A| for the normalised sampled values of from (A) and to (B). */
  containment: number
  /** Estimated Jaccard similarity of the two value sets. */
  jaccard: number
  /** The normalisation under which the values matched: `lower-case`, `e164`, `prefix-pad C/8`... */
  normalisation: string
  nameSimilarity: number
  typeCompatible: boolean
  /** Sketch sizes (distinct values seen) of from and to. */
  fromDistinct: number
  toDistinct: number
  notes?: string[]
}

export interface LineageSuggestion {
  /** Stable: a hash of from, to and transform. */
  id: string
  from: string
  to: string
  transform: TransformSpec
  /** 0..1. */
  score: number
  evidence: SuggestionEvidence
  status: 'open' | 'accepted' | 'rejected'
  decidedBy?: string
  decidedAt?: string
  reason?: string
}

export type LineageInsightKind =
  | 'cdc-not-captured' // a table with CDC enabled that no connector captures
  | 'captured-without-cdc' // a connector captures a table whose CDC is not enabled (SQL Server)
  | 'personal-data-flow' // a personal-data table flowing to topics and collections
  | 'topic-unconsumed' // a topic no consumer group and no sink reads
  | 'connector-failed' // a connector or task in FAILED state
  | 'dangling-edge' // a config or declaration names an asset the catalogue does not have

export interface LineageInsight {
  kind: LineageInsightKind
  severity: 'info' | 'warning' | 'error'
  /** The main asset (table, topic, connector). */
  urn: string
  message: string
  /** Other URNs involved (the topics and collections a personal table reaches...). */
  related?: string[]
}

/** The single-view model (catalog/model/*.yaml): the target customer document. */
export interface ModelField {
  urn: string
  path: string
  meaning: string
  owner?: string
  category?: CategoryId
  /** The collection field(s) that implement it. */
  implementedBy: string[]
}

export interface SingleViewModel {
  name: string
  urn: string
  description?: string
  owner?: string
  /** The collection(s) holding it. */
  collections: string[]
  fields: ModelField[]
  file: string
}

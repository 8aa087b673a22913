import { createHash } from 'node:crypto'
import type { CatalogAsset } from '../../../shared/model/catalog'
import type {
  LineageEdge,
  LineageNode,
  NodePersonalData,
  SingleViewModel,
} from '../../../shared/model/lineage'
import type { SourceKind } from '../../../shared/model/sources'
import { parseUrn } from '../../../shared/urn'
import { assetPersonalData } from './asset-personal-data'
import { propagatePersonalData } from './personal-propagation'

/**
 * The lineage graph of one catalogue version (issue 6 item 6): nodes by URN, field edges and the
 * asset edges they roll up into, adjacency both ways at both levels, assets -> fields. Built once
 * per catalogue version by the lineage service; every query walks these maps and never rebuilds.
 */

/** Assets that are lineage nodes: containers, connectors and registry subjects are not. */
const DATA_KINDS = new Set(['table', 'view', 'topic', 'collection'])

export interface LineageIndexInput {
  assets: Iterable<CatalogAsset>
  models?: readonly SingleViewModel[]
  /** Field and asset edges from every producer; the first of two with one id wins. */
  edges: readonly LineageEdge[]
  /** The owner team id of an asset (catalog/owners.yaml). */
  ownerOf?: (assetUrn: string) => string | undefined
  /** Fields' own personal data (classification, review, model), and reviewers' rejections. */
  personal?: {
    own: ReadonlyMap<string, NodePersonalData>
    rejected: ReadonlySet<string>
  }
}

/** The asset URN of a field URN (the part before `#`); an asset URN is its own. */
export function assetUrnOf(urn: string): string {
  const hash = urn.indexOf('#')
  return hash < 0 ? urn : urn.slice(0, hash)
}

const EMPTY: readonly LineageEdge[] = []

/**
 * `lineageEdgeId('asset', from, to, process)` (src/shared/lineage/edge-id.ts), computed with
 * node's native SHA-256: the roll-up asks for one per field edge, tens of thousands on a large
 * estate, where the portable hash costs a second. The unit test holds the two equal.
 */
export function assetEdgeId(from: string, to: string, process: string): string {
  return createHash('sha256')
    .update(['edge', 'asset', from, to, process].join('\u0000'))
    .digest('hex')
    .slice(0, 16)
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function platformOfScheme(scheme: string): LineageNode['platform'] {
  if (scheme === 'model') return 'model'
  // A scheme Sightline has no connector for (mysql from a Debezium config) is kept as it is: the
  // JSON says what the config said rather than a wrong known platform.
  return scheme as SourceKind
}

function kindOfScheme(scheme: string): LineageNode['kind'] {
  if (scheme === 'kafka') return 'topic'
  if (scheme === 'mongodb') return 'collection'
  if (scheme === 'model') return 'model'
  return 'table'
}

export class LineageIndex {
  readonly nodes = new Map<string, LineageNode>()
  readonly edgesById = new Map<string, LineageEdge>()
  /** Field URNs of each asset (catalogued fields, then fields only edges know). */
  readonly fieldsOf = new Map<string, string[]>()
  private readonly fieldOut = new Map<string, LineageEdge[]>()
  private readonly fieldIn = new Map<string, LineageEdge[]>()
  private readonly assetOut = new Map<string, LineageEdge[]>()
  private readonly assetIn = new Map<string, LineageEdge[]>()
  readonly fieldEdges: LineageEdge[] = []
  readonly assetEdges: LineageEdge[] = []
  private readonly assetEdgeIds = new Map<string, string>()
  private readonly carriedBy = new Map<string, LineageEdge[]>()

  private readonly ownerOf: (assetUrn: string) => string | undefined

  constructor(input: LineageIndexInput) {
    this.ownerOf = input.ownerOf ?? (() => undefined)
    for (const asset of input.assets) this.addAsset(asset, input.ownerOf?.(asset.urn))
    for (const model of input.models ?? []) this.addModel(model)
    for (const edge of input.edges) this.addEdge(edge)
    if (input.personal) {
      const byLineage = propagatePersonalData({
        own: input.personal.own,
        rejected: input.personal.rejected,
        out: (urn) => this.out(urn, 'field'),
        label: (urn) => this.qualifiedLabel(urn),
      })
      for (const [urn, data] of input.personal.own) {
        const node = this.nodes.get(urn)
        if (node && !input.personal.rejected.has(urn)) node.personalData = data
      }
      for (const [urn, data] of byLineage) {
        const node = this.nodes.get(urn)
        if (node) node.personalData = data
      }
      // Assets carry their fields' personal data, so the asset-level graph shows it too.
      for (const [assetUrn, fieldUrns] of this.fieldsOf) {
        const asset = this.nodes.get(assetUrn)
        const fields = fieldUrns.flatMap((urn) => this.nodes.get(urn) ?? [])
        const data = asset && !asset.personalData ? assetPersonalData(fields) : undefined
        if (data) asset!.personalData = data
      }
    }
  }

  private addAsset(asset: CatalogAsset, owner: string | undefined): void {
    if (asset.kind === 'connector') return this.addConnector(asset, owner)
    if (!DATA_KINDS.has(asset.kind)) return
    const node: LineageNode = {
      urn: asset.urn,
      level: 'asset',
      platform: asset.platform,
      kind: asset.kind,
      source: asset.source,
      label: asset.path.join('.'),
      fieldCount: asset.fields.length,
      catalogued: true,
    }
    if (owner) node.owner = owner
    this.nodes.set(asset.urn, node)
    const fields: string[] = []
    for (const field of asset.fields) {
      const f: LineageNode = {
        urn: field.urn,
        level: 'field',
        platform: asset.platform,
        kind: asset.kind,
        source: asset.source,
        assetUrn: asset.urn,
        label: field.path,
        path: field.path,
        catalogued: true,
      }
      const dataType = field.declaredType ?? field.types?.[0]?.type
      if (dataType) f.dataType = dataType
      if (owner) f.owner = owner
      this.nodes.set(field.urn, f)
      fields.push(field.urn)
    }
    this.fieldsOf.set(asset.urn, fields)
  }

  /** A connector is a node of its own (with Connect's state); its edges are those it carries. */
  private addConnector(asset: CatalogAsset, owner: string | undefined): void {
    const status = asset.properties?.status
    const state =
      status && typeof status === 'object' && !Array.isArray(status) ? status.state : undefined
    const node: LineageNode = {
      urn: asset.urn,
      level: 'asset',
      platform: asset.platform,
      kind: 'connector',
      source: asset.source,
      label: asset.name,
      fieldCount: 0,
      catalogued: true,
    }
    if (typeof state === 'string') node.state = state
    if (owner) node.owner = owner
    this.nodes.set(asset.urn, node)
  }

  private addModel(model: SingleViewModel): void {
    const node: LineageNode = {
      urn: model.urn,
      level: 'asset',
      platform: 'model',
      kind: 'model',
      source: 'model',
      label: model.name,
      fieldCount: model.fields.length,
      catalogued: true,
    }
    if (model.owner) node.owner = model.owner
    this.nodes.set(model.urn, node)
    const fields: string[] = []
    for (const field of model.fields) {
      const f: LineageNode = {
        urn: field.urn,
        level: 'field',
        platform: 'model',
        kind: 'model',
        source: 'model',
        assetUrn: model.urn,
        label: field.path,
        path: field.path,
        catalogued: true,
      }
      const owner = field.owner ?? model.owner
      if (owner) f.owner = owner
      this.nodes.set(field.urn, f)
      fields.push(field.urn)
    }
    this.fieldsOf.set(model.urn, fields)
  }

  /** A node only a config or declaration names: not (yet) in the catalogue. */
  private ensureNode(urn: string): LineageNode {
    const known = this.nodes.get(urn)
    if (known) return known
    const assetUrn = assetUrnOf(urn)
    let parsed: ReturnType<typeof parseUrn> | undefined
    try {
      parsed = parseUrn(urn)
    } catch {
      parsed = undefined
    }
    const scheme = parsed?.scheme ?? 'unknown'
    const base = {
      platform: platformOfScheme(scheme),
      kind: kindOfScheme(scheme),
      source: parsed?.source ?? '',
      catalogued: false,
    }
    if (assetUrn !== urn) {
      const asset = this.ensureNode(assetUrn)
      const path = parsed?.field ?? urn.slice(assetUrn.length + 1)
      const node: LineageNode = { ...base, urn, level: 'field', assetUrn, label: path, path }
      if (asset.owner) node.owner = asset.owner
      this.nodes.set(urn, node)
      push(this.fieldsOf, assetUrn, urn)
      asset.fieldCount = (asset.fieldCount ?? 0) + (asset.catalogued ? 0 : 1)
      return node
    }
    const node: LineageNode = {
      ...base,
      urn,
      level: 'asset',
      label: parsed ? parsed.path.join('.') || parsed.source : urn,
      fieldCount: 0,
    }
    const owner = this.ownerOf(urn)
    if (owner) node.owner = owner
    this.nodes.set(urn, node)
    return node
  }

  private addEdge(edge: LineageEdge): void {
    if (this.edgesById.has(edge.id)) return
    this.ensureNode(edge.from)
    this.ensureNode(edge.to)
    if (edge.level === 'asset') {
      this.addAssetEdge(edge)
      return
    }
    const fromAsset = assetUrnOf(edge.from)
    const toAsset = assetUrnOf(edge.to)
    let field = edge
    if (fromAsset !== toAsset) {
      const pair = `${fromAsset}\u0000${toAsset}\u0000${edge.via.name}`
      let id = this.assetEdgeIds.get(pair)
      if (id === undefined) {
        id = assetEdgeId(fromAsset, toAsset, edge.via.name)
        this.assetEdgeIds.set(pair, id)
      }
      if (!this.edgesById.has(id))
        this.addAssetEdge({
          id,
          level: 'asset',
          from: fromAsset,
          to: toAsset,
          via: edge.via,
          origin: edge.origin,
        })
      field = { ...edge, assetEdge: id }
    }
    this.edgesById.set(field.id, field)
    this.fieldEdges.push(field)
    if (field.via.urn) push(this.carriedBy, field.via.urn, field)
    push(this.fieldOut, field.from, field)
    push(this.fieldIn, field.to, field)
  }

  private addAssetEdge(edge: LineageEdge): void {
    if (this.edgesById.has(edge.id)) return
    this.edgesById.set(edge.id, edge)
    this.assetEdges.push(edge)
    if (edge.via.urn) push(this.carriedBy, edge.via.urn, edge)
    push(this.assetOut, edge.from, edge)
    push(this.assetIn, edge.to, edge)
  }

  /** The edges a connector (or another process with a URN) carries, at a level. */
  carried(processUrn: string, level: 'asset' | 'field'): LineageEdge[] {
    return (this.carriedBy.get(processUrn) ?? []).filter((e) => e.level === level)
  }

  /** Edges leaving `urn` at a level. */
  out(urn: string, level: 'asset' | 'field'): readonly LineageEdge[] {
    return (level === 'field' ? this.fieldOut : this.assetOut).get(urn) ?? EMPTY
  }

  /** Edges arriving at `urn` at a level. */
  in(urn: string, level: 'asset' | 'field'): readonly LineageEdge[] {
    return (level === 'field' ? this.fieldIn : this.assetIn).get(urn) ?? EMPTY
  }

  /** `crm.dbo.Customer.Email`, `singleview.customers › contact.email` for nested paths. */
  qualifiedLabel(urn: string): string {
    const node = this.nodes.get(urn)
    if (!node) return urn
    if (node.level === 'asset' || !node.assetUrn) return node.label
    const asset = this.nodes.get(node.assetUrn)?.label ?? node.assetUrn
    return /[.[]/.test(node.label) ? `${asset} › ${node.label}` : `${asset}.${node.label}`
  }
}

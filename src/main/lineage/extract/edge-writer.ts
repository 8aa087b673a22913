import type { CatalogAsset } from '../../../shared/model/catalog'
import type {
  EdgeOrigin,
  LineageEdge,
  LineageInsight,
  TransformSpec,
} from '../../../shared/model/lineage'
import { lineageEdgeId } from '../../../shared/lineage/edge-id'

/** A Kafka Connect connector as extraction reads it from its catalogue asset. */
export interface ConnectorRef {
  urn: string
  name: string
  /** `connector.class`. */
  cls: string
  type: string
  /** The redacted config (secrets are `***`). */
  config: Readonly<Record<string, string>>
  kafkaClusterId?: string
  /** Topics Connect reports as active for the connector, when known. */
  activeTopics?: string[]
  state?: string
}

export function connectorRef(asset: CatalogAsset): ConnectorRef {
  const p = asset.properties ?? {}
  const config: Record<string, string> = {}
  const raw = p.config
  if (raw && typeof raw === 'object' && !Array.isArray(raw))
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') config[k] = v
  const ref: ConnectorRef = {
    urn: asset.urn,
    name: asset.name,
    cls:
      typeof p.class === 'string' && p.class !== '' ? p.class : (config['connector.class'] ?? ''),
    type: typeof p.type === 'string' ? p.type : 'unknown',
    config,
  }
  if (typeof p.kafkaClusterId === 'string') ref.kafkaClusterId = p.kafkaClusterId
  if (Array.isArray(p.topics)) ref.activeTopics = p.topics.filter((t) => typeof t === 'string')
  const status = p.status
  if (status && typeof status === 'object' && !Array.isArray(status)) {
    if (typeof status.state === 'string') ref.state = status.state
  }
  return ref
}

/** What an edge says about where it came from, beyond the connector itself. */
export interface EdgeProvenance {
  configKeys: readonly string[]
  dynamic?: boolean
  notes?: readonly string[]
}

const IDENTITY: TransformSpec = { type: 'identity' }

/**
 * Collects the edges and insights of one extraction. Edges are keyed by id: the same edge found
 * twice (two databases routed into one topic...) is kept once with the union of its config keys.
 */
export class EdgeWriter {
  private readonly edges = new Map<string, LineageEdge>()
  readonly insights: LineageInsight[] = []
  private readonly insightKeys = new Set<string>()

  assetEdge(c: ConnectorRef, from: string, to: string, p: EdgeProvenance): string {
    const id = lineageEdgeId('asset', from, to, c.name)
    this.put({ id, level: 'asset', from, to, via: via(c), origin: origin(c, p) })
    return id
  }

  fieldEdge(
    c: ConnectorRef,
    from: string,
    to: string,
    assetEdge: string,
    p: EdgeProvenance,
    transform: TransformSpec = IDENTITY,
  ): void {
    const id = lineageEdgeId('field', from, to, c.name)
    this.put({
      id,
      level: 'field',
      from,
      to,
      transform,
      via: via(c),
      origin: origin(c, p),
      assetEdge,
    })
  }

  insight(i: LineageInsight): void {
    const key = `${i.kind}\u0000${i.urn}\u0000${i.message}`
    if (this.insightKeys.has(key)) return
    this.insightKeys.add(key)
    this.insights.push(i)
  }

  /** A config this connector cannot be resolved against the catalogue. */
  dangling(
    c: ConnectorRef,
    message: string,
    related?: string[],
    severity: LineageInsight['severity'] = 'warning',
  ): void {
    this.insight({
      kind: 'dangling-edge',
      severity,
      urn: c.urn,
      message: `${c.name}: ${message}`,
      ...(related && related.length > 0 ? { related } : {}),
    })
  }

  result(): LineageEdge[] {
    return [...this.edges.values()]
  }

  private put(edge: LineageEdge): void {
    const existing = this.edges.get(edge.id)
    if (!existing) {
      this.edges.set(edge.id, edge)
      return
    }
    if (existing.origin.kind === 'extracted' && edge.origin.kind === 'extracted') {
      const keys = new Set([...existing.origin.configKeys, ...edge.origin.configKeys])
      existing.origin.configKeys = [...keys]
    }
  }
}

function via(c: ConnectorRef): LineageEdge['via'] {
  return { kind: 'connector', name: c.name, urn: c.urn }
}

function origin(c: ConnectorRef, p: EdgeProvenance): EdgeOrigin {
  const o: EdgeOrigin = {
    kind: 'extracted',
    connectorUrn: c.urn,
    connector: c.name,
    connectorClass: c.cls,
    configKeys: [...new Set(p.configKeys)],
  }
  if (p.dynamic) o.dynamic = true
  const notes = [...new Set(p.notes ?? [])]
  if (notes.length > 0) o.note = notes.join(' ')
  return o
}

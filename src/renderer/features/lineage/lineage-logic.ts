import type {
  EdgeOrigin,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineagePath,
  LineageSuggestion,
} from '../../../shared/model/lineage'
import {
  GDPR_GROUPS,
  PERSONAL_DATA_CATEGORIES,
  type CategoryId,
  type GdprGroup,
} from '../../../shared/model/personal-data'
import { encodeFieldPath } from '../../../shared/urn'
import type { Platform } from './graph-engine/classes'
import { graphIndex, rememberGraphIndex } from './graph-engine/graph-index'
import { PD_GROUP_COLOURS, PLATFORM_COLOURS } from './graph-engine/stylesheet'

/** The Lineage page's address: `#/lineage`, with the focus as `?urn=` so links can point at it. */
export function lineageHref(urn?: string): string {
  return urn ? `#/lineage?urn=${encodeURIComponent(urn)}` : '#/lineage'
}

/** The `urn` parameter of a `#/lineage?urn=...` hash, if any. */
export function focusFromHash(hash: string): string | undefined {
  const query = hash.indexOf('?')
  if (query < 0) return undefined
  const urn = new URLSearchParams(hash.slice(query + 1)).get('urn')
  return urn?.trim() ? urn : undefined
}

/** The URN of a field of an asset (DESIGN.md §4). */
export function fieldUrnOf(assetUrn: string, path: string): string {
  return `${assetUrn}#${encodeFieldPath(path)}`
}

/** A search hit's URN: the field's own when a field matched, the asset's otherwise. */
export function hitUrn(hit: { assetUrn: string; fieldPath?: string }): string {
  return hit.fieldPath ? fieldUrnOf(hit.assetUrn, hit.fieldPath) : hit.assetUrn
}

/** A URN's own level: fields have a `#`. */
export function urnLevel(urn: string): 'asset' | 'field' {
  return urn.includes('#') ? 'field' : 'asset'
}

/**
 * Of `assets` (opened by the user, or showing all their fields), those with a field in `graph`,
 * one per line: what toCyElements and displayElements draw differently for. An asset opened
 * while its fields are still being fetched changes nothing drawn, so the page's memos keyed on
 * this skip the render before the answer (issue 6: a 15,000-element graph's steps, ~40 ms).
 */
export function withFieldsKey(graph: LineageGraph | undefined, assets: readonly string[]): string {
  if (!graph || assets.length === 0) return ''
  const { fieldOwners } = graphIndex(graph)
  return assets.filter((urn) => fieldOwners.has(urn)).join('\n')
}

/**
 * The graph on screen: the focus query plus every neighbourhood the user expanded. Nodes and edges
 * are unioned by URN and id; a node stays on the frontier only while no expansion has covered it.
 */
export function mergeGraphs(base: LineageGraph, extras: readonly LineageGraph[]): LineageGraph {
  if (extras.length === 0) return base
  const nodes = new Map<string, LineageNode>()
  const fieldOwners = new Set<string>()
  const edges = new Map<string, LineageEdge>()
  const frontier = new Set<string>()
  const expandedFrom = new Set<string>()
  let collapsed: Record<string, number> | undefined
  for (const graph of [base, ...extras]) {
    for (const node of graph.nodes) {
      if (nodes.has(node.urn)) continue
      nodes.set(node.urn, node)
      if (node.level === 'field' && node.assetUrn) fieldOwners.add(node.assetUrn)
    }
    for (const edge of graph.edges) edges.set(edge.id, edge)
    for (const urn of graph.frontier) frontier.add(urn)
    if (graph !== base && graph.focus) expandedFrom.add(graph.focus)
    if (graph.collapsed) collapsed = { ...collapsed, ...graph.collapsed }
  }
  for (const urn of expandedFrom) {
    frontier.delete(urn)
    if (collapsed) delete collapsed[urn]
  }
  const merged: LineageGraph = {
    focus: base.focus,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    frontier: [...frontier],
    ...(collapsed && Object.keys(collapsed).length ? { collapsed } : {}),
  }
  // The map just built is the merged graph's index: its steps need not build it again.
  rememberGraphIndex(merged, { byUrn: nodes, fieldOwners })
  return merged
}

/** getLineage's default fan-out limit (src/shared/api/contract.ts). */
export const DEFAULT_FAN_OUT = 25

/**
 * What expanding a node asks for: one more hop from a frontier node; for a collapsed fan-out, the
 * same hop with room for every neighbour that was left out.
 */
export function expansionFor(
  graph: LineageGraph | undefined,
  urn: string,
): { urn: string; maxFanOut?: number } | undefined {
  const hidden = graph?.collapsed?.[urn]
  if (hidden) return { urn, maxFanOut: hidden + DEFAULT_FAN_OUT }
  return graph?.frontier.includes(urn) ? { urn } : undefined
}

/** The edges and nodes on any of a path answer's paths, for the highlight. */
export function pathMembers(path: LineagePath | undefined): {
  edges: Set<string>
  nodes: Set<string>
} {
  const edges = new Set<string>()
  const nodes = new Set<string>()
  if (!path) return { edges, nodes }
  const byId = new Map(path.graph.edges.map((edge) => [edge.id, edge]))
  for (const ids of path.paths) {
    for (const id of ids) {
      edges.add(id)
      const edge = byId.get(id)
      if (edge) nodes.add(edge.from).add(edge.to)
    }
  }
  return { edges, nodes }
}

/** The edges of one path, in order from `from` to `to`. */
export function pathHops(path: LineagePath, index = 0): LineageEdge[] {
  const byId = new Map(path.graph.edges.map((edge) => [edge.id, edge]))
  return (path.paths[index] ?? []).flatMap((id) => byId.get(id) ?? [])
}

/** Short connector class: `io.debezium.connector.postgresql.PostgresConnector` -> `PostgresConnector`. */
export function shortClass(connectorClass: string): string {
  return connectorClass.split('.').pop() ?? connectorClass
}

/** One line saying where an edge came from: a connector's keys, a file and line, a score. */
export function describeOrigin(origin: EdgeOrigin): string {
  switch (origin.kind) {
    case 'extracted':
      return `Extracted from connector ${origin.connector} (${shortClass(origin.connectorClass)}): ${origin.configKeys.join(', ') || 'no keys'}${origin.dynamic ? ' — dynamic mapping, best effort' : ''}`
    case 'declared':
      return `Declared by ${origin.process} in ${origin.file}:${origin.line}`
    case 'accepted-suggestion':
      return `Accepted suggestion (score ${formatScore(origin.score)}) in ${origin.file}:${origin.line}`
    case 'model':
      return `Single-view model, ${origin.file}:${origin.line}`
  }
}

export function formatScore(score: number): string {
  return score.toFixed(2)
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`
}

/** Display name of a node for lists: `crm.dbo.Customer › Email`. */
export function nodeTitle(node: LineageNode, assets: ReadonlyMap<string, LineageNode>): string {
  if (node.level === 'asset' || !node.assetUrn) return node.label
  const asset = assets.get(node.assetUrn)
  return `${asset?.label ?? labelFromUrn(node.assetUrn)} › ${node.path ?? node.label}`
}

/** Node titles by URN (nodeTitle), as the page's panels and messages read them. */
export type NodeTitles = Pick<ReadonlyMap<string, string>, 'get'>

/**
 * The titles of `graph`'s nodes, each worked out when first asked: a render that changes the
 * graph (an expand of a 5,000-node overview) asks none of them unless a panel shows a node.
 */
export function nodeTitles(graph: LineageGraph | undefined): NodeTitles {
  let byUrn: Map<string, LineageNode> | undefined
  const made = new Map<string, string>()
  return {
    get(urn: string): string | undefined {
      const known = made.get(urn)
      if (known !== undefined) return known
      byUrn ??= new Map((graph?.nodes ?? []).map((node) => [node.urn, node]))
      const node = byUrn.get(urn)
      if (!node) return undefined
      const title = nodeTitle(node, byUrn)
      made.set(urn, title)
      return title
    },
  }
}

/** A readable name for a URN the graph does not describe (a suggestion's far end). */
export function labelFromUrn(urn: string): string {
  const [asset = urn, field] = urn.split('#')
  const segments = asset.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split('/')
  const name = segments
    .slice(1)
    .map((segment) => safeDecode(segment))
    .join('.')
  const assetName = name || safeDecode(segments[0] ?? asset)
  return field === undefined ? assetName : `${assetName} › ${safeDecode(field)}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Open suggestions that touch the graph on screen: they are drawn dashed and listed first. */
export function suggestionsInView(
  suggestions: readonly LineageSuggestion[],
  graph: LineageGraph | undefined,
): LineageSuggestion[] {
  if (!graph) return []
  const urns = new Set(graph.nodes.map((node) => node.urn))
  return suggestions.filter(
    (suggestion) =>
      suggestion.status === 'open' && (urns.has(suggestion.from) || urns.has(suggestion.to)),
  )
}

/** Open suggestions first (best score first), then decided ones, most recent decision first. */
export function sortSuggestions(suggestions: readonly LineageSuggestion[]): LineageSuggestion[] {
  return [...suggestions].sort((a, b) => {
    if ((a.status === 'open') !== (b.status === 'open')) return a.status === 'open' ? -1 : 1
    if (a.status === 'open') return b.score - a.score
    return (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '')
  })
}

/**
 * The overlay colour of a GDPR family, as the graph draws it (the engine's stylesheet); the
 * special categories are drawn in the text colour, which flips with the theme.
 */
export function groupColour(group: GdprGroup): string {
  return group === 'special' ? 'var(--mantine-color-text)' : PD_GROUP_COLOURS[group]
}

export const GROUP_LABELS: Record<GdprGroup, string> = {
  identity: 'Identity',
  contact: 'Contact',
  financial: 'Financial',
  online: 'Online',
  pseudonymous: 'Pseudonymous',
  special: 'Special category',
}

const GROUP_OF = new Map<string, GdprGroup>(
  PERSONAL_DATA_CATEGORIES.map((category) => [category.id, category.group]),
)

/** The GDPR group of a category; free text and unknown ids count as identity (the widest). */
export function categoryGroup(category: CategoryId): GdprGroup {
  return GROUP_OF.get(category) ?? 'identity'
}

export function categoryLabel(category: CategoryId): string {
  return PERSONAL_DATA_CATEGORIES.find((c) => c.id === category)?.label ?? category
}

/**
 * The groups present among the graph's nodes, in legend order, with how many nodes each. `skip`:
 * nodes drawn without the overlay (assets opened to their fields, whose fields carry it).
 */
export function legendGroups(
  graph: LineageGraph | undefined,
  skip?: ReadonlySet<string>,
): Array<[GdprGroup, number]> {
  const counts = new Map<GdprGroup, number>()
  for (const node of graph?.nodes ?? []) {
    if (!node.personalData || skip?.has(node.urn)) continue
    const group = categoryGroup(node.personalData.category)
    counts.set(group, (counts.get(group) ?? 0) + 1)
  }
  return GDPR_GROUPS.flatMap((group) =>
    counts.has(group) ? [[group, counts.get(group)!] as [GdprGroup, number]] : [],
  )
}

/** Platform names for the legend, in the order the estate's data flows. */
export const PLATFORM_LABELS: Record<Platform, string> = {
  sqlserver: 'SQL Server',
  postgres: 'PostgreSQL',
  'kafka-connect': 'Connector',
  kafka: 'Kafka topic',
  'schema-registry': 'Schema registry',
  mongodb: 'MongoDB',
  model: 'Single-view model',
}

/** The platforms among the graph's nodes, in legend order, with their fill colour. */
export function legendPlatforms(
  graph: LineageGraph | undefined,
  /** Platforms drawn without a node in the graph (connectors made from an edge's `via`). */
  extra: Iterable<string> = [],
): Array<{ platform: Platform; label: string; colour: string }> {
  const present = new Set<string>([...(graph?.nodes ?? []).map((node) => node.platform), ...extra])
  return (Object.keys(PLATFORM_LABELS) as Platform[])
    .filter((platform) => present.has(platform))
    .map((platform) => ({
      platform,
      label: PLATFORM_LABELS[platform],
      colour: PLATFORM_COLOURS[platform].fill,
    }))
}

export type LineageExportFormat = 'png' | 'svg' | 'json' | 'openlineage'

/** `lineage-2026-11-26.json`, `lineage-customers-2026-11-26.openlineage.json`... */
export function exportFileName(format: LineageExportFormat, at: Date, focus?: string): string {
  const day = at.toISOString().slice(0, 10)
  const name = focus ? `-${slug(labelFromUrn(focus))}` : ''
  const extension = format === 'openlineage' ? 'openlineage.json' : format
  return `lineage${name}-${day}.${extension}`
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'graph'
  )
}

export const EXPORT_MIME: Record<LineageExportFormat, string> = {
  png: 'image/png',
  svg: 'image/svg+xml',
  json: 'application/json',
  openlineage: 'application/json',
}

/**
 * The edges that enter and leave one node, for the side panel (upstream first). A connector is
 * no end of an edge but the process of the edges it carries: those are its upstream (listed by
 * where they come from) and its downstream (by where they go), asset edges when there are any.
 */
export function edgesOf(
  graph: LineageGraph,
  urn: string,
): { upstream: LineageEdge[]; downstream: LineageEdge[] } {
  const carried = graph.edges.filter(
    (edge) => edge.via.kind === 'connector' && edge.via.urn === urn,
  )
  if (carried.length > 0) {
    const assets = carried.filter((edge) => edge.level === 'asset')
    const shown = assets.length > 0 ? assets : carried
    return { upstream: shown, downstream: shown }
  }
  return {
    upstream: graph.edges.filter((edge) => edge.to === urn),
    downstream: graph.edges.filter((edge) => edge.from === urn),
  }
}

/**
 * A node of the graph by URN; for a connector the query did not return (drawn from the `via`
 * of the edges it carries, display-elements.ts), a node made from those edges.
 */
export function graphNode(graph: LineageGraph, urn: string): LineageNode | undefined {
  const node = graph.nodes.find((n) => n.urn === urn)
  if (node) return node
  const edge = graph.edges.find((e) => e.via.kind === 'connector' && e.via.urn === urn)
  if (!edge) return undefined
  return {
    urn,
    level: 'asset',
    platform: 'kafka-connect',
    kind: 'connector',
    source: urn.replace(/^[a-z-]+:\/\//, '').split('/')[0] ?? '',
    label: edge.via.name,
    fieldCount: 0,
    catalogued: true,
  }
}

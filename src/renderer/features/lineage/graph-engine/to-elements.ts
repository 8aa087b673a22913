import type { ElementDefinition } from 'cytoscape'
import type {
  EdgeOrigin,
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineageSuggestion,
} from '../../../../shared/model/lineage'
import { parseUrn } from '../../../../shared/urn'
import { categoryGroup, pdClass, pdGroupClass, platformClass } from './classes'
import { graphIndex } from './graph-index'
import { stableList } from './stable-list'
import { transformLabel } from './transform-label'

export interface ToCyElementsOptions {
  /** Inferred suggestions to draw as dashed edges (only `open` ones are drawn). */
  suggestions?: LineageSuggestion[]
  /** Asset URNs shown expanded: a compound parent around their field nodes. */
  expanded?: ReadonlySet<string>
}

/** `data` of a node element. `id` is the node's URN. */
export interface LineageNodeData {
  id: string
  label: string
  level: 'asset' | 'field'
  platform: LineageNode['platform']
  kind: LineageNode['kind']
  /** The source's name (`amper-pg`): not `source`, which cytoscape reads as an edge's end. */
  sourceName: string
  /** The compound parent (an expanded asset) of a field node. */
  parent?: string
  assetUrn?: string
  path?: string
  fieldCount?: number
  catalogued: boolean
  /** An asset the graph did not contain, made up to group its fields. */
  synthetic?: boolean
  /** An asset with fields that is not expanded. */
  expandable: boolean
  owner?: string
  pdCategory?: string
  pdBy?: 'classification' | 'review' | 'lineage'
  pdReason?: string
  state?: string
  collapsedCount?: number
  collapsedLabel?: string
}

export type EdgeOriginKind = EdgeOrigin['kind'] | 'suggestion'

/** `data` of an edge element. */
export interface LineageEdgeData {
  /** The lineage edge id; `agg:<from>-><to>` for field edges drawn between collapsed assets, `suggestion:<id>` for suggestions. */
  id: string
  source: string
  target: string
  /** The transformation as the edge shows it. */
  label: string
  level: 'asset' | 'field'
  /** The lineage edges (or the one suggestion) this element stands for. */
  edgeIds: string[]
  originKind: EdgeOriginKind
  /** Where the edge came from (absent for merged edges and suggestions: see `edgeIds`). */
  origin?: EdgeOrigin
  /** The process of the first lineage edge, by name. */
  via?: string
  /**
   * The connector (its URN) that every lineage edge of the element goes through, if there is
   * one: display-elements.ts draws the edge through it (without looking the edges up again).
   */
  connector?: string
  suggestionId?: string
  score?: number
}

/**
 * The cytoscape elements for a lineage graph (issue 6 item 7).
 *
 * - Asset nodes are always drawn. An asset in `expanded` becomes the compound parent of its
 *   field nodes; the fields of a collapsed asset are not drawn, and their edges are redrawn to
 *   the asset (merged per pair of visible ends). Field edges whose both ends collapse onto
 *   assets already joined by an asset edge are left to that asset edge.
 * - Fields whose asset is not in the graph (a field-level query) are grouped under a synthetic
 *   asset node, always expanded; the focus field's asset is always expanded.
 * - An asset edge between two assets whose field edges are drawn is dropped (the detail replaces it).
 * Parents come before children and nodes before edges, the order cytoscape needs in one add().
 */
export function toCyElements(
  graph: LineageGraph,
  opts: ToCyElementsOptions = {},
): ElementDefinition[] {
  const { byUrn } = graphIndex(graph)
  const expanded = new Set(opts.expanded ?? [])
  const focus = graph.focus ? byUrn.get(graph.focus) : undefined
  if (focus?.level === 'field' && focus.assetUrn) expanded.add(focus.assetUrn)
  const frontier = new Set(graph.frontier)
  const collapsed = graph.collapsed ?? {}

  const assets: ElementDefinition[] = []
  const fields: ElementDefinition[] = []
  const fieldNodes: LineageNode[] = []
  /**
   * URN of a field or synthetic asset -> the URN of the node that shows it (itself, or its
   * collapsed asset). An asset of the graph shows itself: it needs no entry (`shownAs`).
   */
  const shownOther = new Map<string, string>()
  const shownAs = (urn: string): string | undefined =>
    byUrn.get(urn)?.level === 'asset' ? urn : shownOther.get(urn)
  const synthetic = new Map<string, LineageNode>()
  const withChildren = new Set<string>()

  for (const node of graph.nodes) {
    if (node.level === 'asset') continue
    const asset = node.assetUrn
    if (asset && byUrn.get(asset)?.level === 'asset') {
      if (!expanded.has(asset)) {
        shownOther.set(node.urn, asset)
        continue
      }
    } else if (asset && !synthetic.has(asset)) {
      synthetic.set(asset, syntheticAsset(asset, node))
      shownOther.set(asset, asset)
    }
    shownOther.set(node.urn, node.urn)
    if (asset) withChildren.add(asset)
    fieldNodes.push(node)
  }
  // What a node's definition depends on besides the node, as bits (no array, no string per
  // node on each render: the overview's 5,000 nodes are looked up on every expand).
  const flagsOf = (node: LineageNode): number =>
    (node.urn === graph.focus ? FOCUS : 0) |
    (frontier.has(node.urn) ? FRONTIER : 0) |
    (collapsed[node.urn] !== undefined ? COLLAPSED : 0) |
    (withChildren.has(node.urn) ? EXPANDED : 0)
  const nodeDefinition = (
    node: LineageNode,
    parent: string | undefined,
    collapsedAsset: boolean,
  ): ElementDefinition => {
    const count = collapsed[node.urn]
    const flags = flagsOf(node) | (collapsedAsset ? COLLAPSED_ASSET : 0)
    const known = builtNodes.get(node)
    if (known && known.parent === parent && known.flags === flags && known.count === count) {
      return known.def
    }
    const def = withClasses(nodeElement(node, parent, collapsedAsset), classNames(flags), count)
    builtNodes.set(node, { parent, flags, count, def })
    return def
  }
  for (const node of graph.nodes) {
    if (node.level === 'asset') {
      assets.push(nodeDefinition(node, undefined, !withChildren.has(node.urn)))
    }
  }
  for (const node of synthetic.values()) {
    const el = nodeElement(node, undefined, !withChildren.has(node.urn))
    ;(el.data as LineageNodeData).synthetic = true
    assets.push(withClasses(el, classNames(flagsOf(node)), collapsed[node.urn]))
  }
  for (const node of fieldNodes) {
    fields.push(nodeDefinition(node, node.assetUrn, false))
  }

  const assetOf = (shown: string): string => {
    const node = byUrn.get(shown)
    return node?.level === 'field' && node.assetUrn ? node.assetUrn : shown
  }
  // Pairs of shown ends as nested maps, not joined strings: the overview's 10,000 edges would
  // make as many long URN strings on every render (garbage the expand's 200 ms pays for).
  let assetPairs: PairSet | undefined
  const assetPairsNow = (): PairSet => {
    if (assetPairs) return assetPairs
    assetPairs = new Map()
    for (const e of graph.edges) {
      if (e.level === 'asset') addPair(assetPairs, shownAs(e.from), shownAs(e.to))
    }
    return assetPairs
  }

  const edges: ElementDefinition[] = []
  const merged = new Map<string, LineageEdge[]>()
  const detailedPairs: PairSet = new Map()
  for (const edge of graph.edges) {
    if (edge.level !== 'field') continue
    const source = shownAs(edge.from)
    const target = shownAs(edge.to)
    if (!source || !target || source === target) continue
    const direct = source === edge.from && target === edge.to
    if (!direct && source === assetOf(source) && target === assetOf(target)) {
      // Both ends collapsed: the asset edge already says it, unless there is none.
      if (hasPair(assetPairsNow(), source, target)) continue
    }
    addPair(detailedPairs, assetOf(source), assetOf(target))
    if (direct) {
      edges.push(edgeDefinition(edge, source, target))
    } else {
      const key = `${source}\u0000${target}`
      const list = merged.get(key) ?? []
      list.push(edge)
      merged.set(key, list)
    }
  }
  for (const [key, list] of merged) {
    const [source, target] = key.split('\u0000') as [string, string]
    edges.push(edgeElement(`agg:${source}->${target}`, source, target, list))
  }
  for (const edge of graph.edges) {
    if (edge.level !== 'asset') continue
    const source = shownAs(edge.from)
    const target = shownAs(edge.to)
    if (!source || !target || source === target) continue
    if (hasPair(detailedPairs, source, target)) continue
    edges.push(edgeDefinition(edge, source, target))
  }
  for (const s of opts.suggestions ?? []) {
    if (s.status !== 'open') continue
    const source = shownAs(s.from)
    const target = shownAs(s.to)
    if (!source || !target || source === target) continue
    edges.push(suggestionElement(s, source, target))
  }
  // The same list as last time for this graph when nothing in it changed (stable-list.ts).
  return stableList(made, graph, assets.concat(fields, edges))
}

/** The last list made for each graph. */
const made = new WeakMap<LineageGraph, readonly ElementDefinition[]>()

/**
 * The definitions built for each node or edge object of a graph, with what they were built from:
 * rendering the same graph again (every render of the Lineage page; an expansion, which adds a
 * few elements to thousands) returns the very same definitions, so building them is a lookup and
 * patchElements sees them unchanged at a glance (issue 6: expanding a node ≤ 200 ms).
 * Definitions are never modified once built; cytoscape keeps their `data` objects as its own.
 * The entries hold what else a definition was built from as plain fields, compared one by one.
 */
const builtNodes = new WeakMap<
  LineageNode,
  { parent: string | undefined; flags: number; count: number | undefined; def: ElementDefinition }
>()
const builtEdges = new WeakMap<
  LineageEdge,
  { source: string; target: string; def: ElementDefinition }
>()

/** A node's run-time classes as bits (nodeDefinition's key). */
const FOCUS = 1
const FRONTIER = 2
const COLLAPSED = 4
const EXPANDED = 8
/** Not a class: an asset drawn without its fields (nodeElement's `collapsedAsset`). */
const COLLAPSED_ASSET = 16

/** The classes the bits stand for, in a fixed order. */
function classNames(flags: number): string[] {
  const cls: string[] = []
  if (flags & FOCUS) cls.push('focus')
  if (flags & FRONTIER) cls.push('frontier')
  if (flags & COLLAPSED) cls.push('collapsed')
  if (flags & EXPANDED) cls.push('expanded')
  return cls
}

/** A lineage edge drawn as itself between `source` and `target`. */
function edgeDefinition(edge: LineageEdge, source: string, target: string): ElementDefinition {
  const known = builtEdges.get(edge)
  if (known && known.source === source && known.target === target) return known.def
  const def = edgeElement(edge.id, source, target, [edge])
  builtEdges.set(edge, { source, target, def })
  return def
}

/** Pairs of node ids: source -> targets. */
type PairSet = Map<string, Set<string>>

function addPair(pairs: PairSet, source: string | undefined, target: string | undefined): void {
  if (source === undefined || target === undefined) return
  let targets = pairs.get(source)
  if (!targets) pairs.set(source, (targets = new Set()))
  targets.add(target)
}

function hasPair(pairs: PairSet, source: string, target: string): boolean {
  return pairs.get(source)?.has(target) ?? false
}

function nodeElement(
  node: LineageNode,
  parent: string | undefined,
  collapsedAsset = false,
): ElementDefinition {
  const data: LineageNodeData = {
    id: node.urn,
    label: node.label,
    level: node.level,
    platform: node.platform,
    kind: node.kind,
    sourceName: node.source,
    catalogued: node.catalogued,
    expandable: node.level === 'asset' && collapsedAsset && (node.fieldCount ?? 0) > 0,
  }
  if (parent) data.parent = parent
  if (node.assetUrn) data.assetUrn = node.assetUrn
  if (node.path !== undefined) data.path = node.path
  if (node.fieldCount !== undefined) data.fieldCount = node.fieldCount
  if (node.owner) data.owner = node.owner
  if (node.state) data.state = node.state
  const classes = [node.level, platformClass(node.platform)]
  if (!node.catalogued) classes.push('uncatalogued')
  if (data.expandable) classes.push('expandable')
  if (node.state && /FAILED/i.test(node.state)) classes.push('state-failed')
  const pd = node.personalData
  if (pd) {
    data.pdCategory = pd.category
    data.pdBy = pd.by
    data.pdReason = pd.reason
    classes.push('personal', pdClass(pd.category))
    const group = categoryGroup(pd.category)
    if (group) classes.push(pdGroupClass(group))
    if (pd.by === 'lineage') classes.push('pd-by-lineage')
  }
  return { group: 'nodes', data, classes }
}

function withClasses(
  el: ElementDefinition,
  extra: string[],
  collapsedCount: number | undefined,
): ElementDefinition {
  const classes = el.classes as string[]
  classes.push(...extra)
  if (collapsedCount !== undefined) {
    const data = el.data as LineageNodeData
    data.collapsedCount = collapsedCount
    data.collapsedLabel = `${data.label} +${collapsedCount}`
  }
  return el
}

/** A stand-in asset for fields whose asset the graph did not include. */
function syntheticAsset(urn: string, field: LineageNode): LineageNode {
  let label = urn
  try {
    const parsed = parseUrn(urn)
    label = parsed.path.length > 0 ? parsed.path.join('.') : parsed.source
  } catch {
    // Not a URN we can read: show it whole.
  }
  return {
    urn,
    level: 'asset',
    platform: field.platform,
    kind: field.kind,
    source: field.source,
    label,
    catalogued: true,
  }
}

function edgeElement(
  id: string,
  source: string,
  target: string,
  lineage: LineageEdge[],
): ElementDefinition {
  const first = lineage[0]!
  const kinds = new Set(lineage.map((e) => e.origin.kind))
  const single = lineage.length === 1
  const label = single ? transformLabel(first.transform) : `${lineage.length} fields`
  const data: LineageEdgeData = {
    id,
    source,
    target,
    label,
    level: single ? first.level : 'field',
    edgeIds: lineage.map((e) => e.id),
    originKind: first.origin.kind,
    via: first.via.name,
  }
  const connector = commonConnector(lineage)
  if (connector) data.connector = connector
  if (single) data.origin = first.origin
  const classes: string[] = [...kinds]
  if (lineage.some((e) => e.origin.kind === 'extracted' && e.origin.dynamic)) {
    classes.push('dynamic')
  }
  if (!single) classes.push('merged')
  return { group: 'edges', data, classes }
}

/** The URN of the connector every edge of `lineage` goes through, or undefined. */
function commonConnector(lineage: readonly LineageEdge[]): string | undefined {
  let urn: string | undefined
  for (const edge of lineage) {
    const through = edge.via.kind === 'connector' ? edge.via.urn : undefined
    if (!through || (urn !== undefined && through !== urn)) return undefined
    urn = through
  }
  return urn
}

function suggestionElement(
  s: LineageSuggestion,
  source: string,
  target: string,
): ElementDefinition {
  const transform = transformLabel(s.transform)
  const score = `${Math.round(s.score * 100)}%`
  const data: LineageEdgeData = {
    id: `suggestion:${s.id}`,
    source,
    target,
    label: transform ? `${transform} · ${score}` : score,
    level: 'field',
    edgeIds: [s.id],
    originKind: 'suggestion',
    suggestionId: s.id,
    score: s.score,
  }
  return { group: 'edges', data, classes: ['suggestion'] }
}

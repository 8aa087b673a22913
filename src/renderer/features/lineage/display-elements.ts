import type { ElementDefinition } from 'cytoscape'
import { stableList } from './graph-engine/stable-list'
import type { LineageEdgeData, LineageNodeData } from './graph-engine/to-elements'

/*
 * What the page draws on top of the engine's elements (toCyElements), for people reading the
 * graph rather than for the engine:
 * - an opened asset with many fields shows a few (those on a lineage path first) and a
 *   "+N more fields" node that the hidden fields' edges attach to; a click shows them all;
 * - a connector sits on the path it implements (table -> connector -> topic), never alone;
 * - asset edges of other processes are labelled with the process;
 * - long labels keep their meaningful end (`…Customer.Email`), the full name is in a tooltip.
 */

/** Fields an opened asset shows before the rest fold into a "+N more fields" node. */
export const FIELD_CAP = 10

/** Characters a label shows: asset boxes are 168 px at 11 px, fields 152 px at 10 px. */
export const LABEL_CHARS = { asset: 26, field: 25 } as const

/** Id prefix of the "+N more fields" and "show fewer" nodes: not URNs, never lineage nodes. */
export const MORE_PREFIX = 'more:'
export const FEWER_PREFIX = 'fewer:'

/** The asset a "+N more" / "show fewer" node belongs to, or undefined for any other id. */
export function toggleTarget(id: string): { asset: string; showAll: boolean } | undefined {
  if (id.startsWith(MORE_PREFIX)) return { asset: id.slice(MORE_PREFIX.length), showAll: true }
  if (id.startsWith(FEWER_PREFIX)) return { asset: id.slice(FEWER_PREFIX.length), showAll: false }
  return undefined
}

export interface DisplayOptions {
  /** Opened assets showing every field. */
  showAll?: ReadonlySet<string>
  /** Nodes always shown: the focus, the selection, the highlighted path's nodes. */
  keep?: ReadonlySet<string>
  cap?: number
}

/** What the page draws, with what its other steps need to know of it. */
export interface DisplayedGraph {
  elements: ElementDefinition[]
  /** Nodes drawn as compound parents: assets opened to their fields. */
  parents: ReadonlySet<string>
  /** How many fields the "+N more fields" nodes hold. */
  folded: number
  /** Whether a connector was drawn from an edge's `via`, with no node of the graph. */
  madeConnectors: boolean
}

/**
 * The engine's elements (toCyElements) made readable (see above). Pure: same input, same
 * output. Reads only the elements: what it needs of their lineage edges, they carry.
 *
 * The facts come from the passes that make the elements, not from passes of their own over
 * them: each pass over a big overview's 15,000 elements costs 1-3 ms of an expand (issue 6).
 */
export function displayGraph(
  elements: readonly ElementDefinition[],
  opts: DisplayOptions = {},
): DisplayedGraph {
  const capped = cap(elements, opts)
  const routed = route(capped.elements, capped, withShortLabel)
  // The same list as last time for these elements when the options changed nothing, and then
  // the same facts too: the page's memos keyed on them skip.
  const list = stableList(made, elements, routed.elements)
  const last = shown.get(elements)
  if (last && last.elements === list) return last
  const result: DisplayedGraph = {
    elements: list,
    parents: capped.parents,
    folded: capped.folded,
    madeConnectors: routed.made > 0,
  }
  shown.set(elements, result)
  return result
}

/** displayGraph's elements alone. */
export function displayElements(
  elements: readonly ElementDefinition[],
  opts: DisplayOptions = {},
): ElementDefinition[] {
  return displayGraph(elements, opts).elements
}

/** The last list made from each list of engine elements, and what was given with it. */
const made = new WeakMap<readonly ElementDefinition[], readonly ElementDefinition[]>()
const shown = new WeakMap<readonly ElementDefinition[], DisplayedGraph>()

const isNode = (el: ElementDefinition) => el.group === 'nodes'
const nodeData = (el: ElementDefinition) => el.data as LineageNodeData
const edgeData = (el: ElementDefinition) => el.data as LineageEdgeData

/**
 * Opened assets with more than `cap` fields keep the kept nodes, then fields a path runs
 * through, then fields with an edge, then the others, up to `cap`; the rest become one "+N more
 * fields" node, and their edges are drawn to it (merged per pair of ends), so no edge is lost.
 * An asset in `showAll` keeps every field and gets a "Show fewer fields" node instead.
 */
export function capFields(
  elements: readonly ElementDefinition[],
  opts: DisplayOptions = {},
): ElementDefinition[] {
  return cap(elements, opts).elements
}

/** What scanNodes finds of the nodes, and cap adds to, for routing (route). */
interface NodeFacts {
  /** The compound parent of each node drawn in one (fields, "+N more" nodes). */
  parentOf: ReadonlyMap<string, string>
  /** Connectors drawn as nodes. */
  connectors: ReadonlySet<string>
}

interface Capped extends NodeFacts {
  elements: ElementDefinition[]
  parents: ReadonlySet<string>
  folded: number
}

function cap(elements: readonly ElementDefinition[], opts: DisplayOptions): Capped {
  const cap = opts.cap ?? FIELD_CAP
  const { children, parentOf, connectors, firstEdge, nodesFirst } = scanNodes(elements)
  // Which nodes have edges in and out: only where fields are to be ranked (an opened asset over
  // the cap, not showing all), not on every render of an overview with none.
  const into = new Set<string>()
  const outOf = new Set<string>()
  const ranking = [...children].some(
    ([parent, fields]) => fields.length > cap && !opts.showAll?.has(parent),
  )
  if (ranking) {
    for (const el of elements) {
      if (isNode(el)) continue
      const { source, target } = edgeData(el)
      outOf.add(source)
      into.add(target)
    }
  }
  const hiddenAs = new Map<string, string>()
  const extra: ElementDefinition[] = []
  for (const [parent, fields] of children) {
    if (fields.length <= cap) continue
    if (opts.showAll?.has(parent)) {
      const fewerId = `${FEWER_PREFIX}${parent}`
      extra.push(toggleNode(fewerId, parent, 'Show fewer fields', fields[0]!))
      parentOf.set(fewerId, parent)
      continue
    }
    // Kept nodes, then fields a path runs through (fed and feeding), then fields at one end
    // of an edge, then the rest.
    const rank = (el: ElementDefinition) => {
      const id = el.data.id!
      if (opts.keep?.has(id)) return 0
      const edges = Number(into.has(id)) + Number(outOf.has(id))
      return 3 - edges
    }
    // Stable: within a rank, the catalogue's field order.
    const ordered = fields
      .map((el, i) => ({ el, i }))
      .sort((a, b) => rank(a.el) - rank(b.el) || a.i - b.i)
    const shown = ordered.filter((entry, k) => k < cap || rank(entry.el) === 0)
    const hidden = ordered.filter((entry) => !shown.includes(entry))
    if (hidden.length === 0) continue
    const moreId = `${MORE_PREFIX}${parent}`
    for (const { el } of hidden) hiddenAs.set(el.data.id!, moreId)
    const label = `+${hidden.length} more field${hidden.length === 1 ? '' : 's'}`
    extra.push(toggleNode(moreId, parent, label, fields[0]!, hidden.length))
    parentOf.set(moreId, parent)
  }
  // Every parent keeps a node: a field shown, or its "+N more" / "Show fewer" node.
  const facts = { parentOf, connectors, parents: new Set(children.keys()), folded: hiddenAs.size }
  if (hiddenAs.size === 0) {
    const placed =
      firstEdge < 0
        ? [...elements, ...extra]
        : nodesFirst
          ? [...elements.slice(0, firstEdge), ...extra, ...elements.slice(firstEdge)]
          : [...elements.filter(isNode), ...extra, ...elements.filter((el) => !isNode(el))]
    return { elements: placed, ...facts }
  }

  const out: ElementDefinition[] = []
  const merged = new Map<string, ElementDefinition>()
  for (const el of elements) {
    if (isNode(el)) {
      if (!hiddenAs.has(el.data.id!)) out.push(el)
      continue
    }
    const data = edgeData(el)
    const source = hiddenAs.get(data.source) ?? data.source
    const target = hiddenAs.get(data.target) ?? data.target
    if (source === data.source && target === data.target) {
      out.push(el)
      continue
    }
    if (source === target) continue
    const key = `${source}\u0000${target}\u0000${data.suggestionId ? 's' : 'e'}`
    const held = merged.get(key)
    if (held) {
      const into = edgeData(held)
      into.edgeIds = [...new Set([...into.edgeIds, ...data.edgeIds])]
      into.label = `${into.edgeIds.length} fields`
      delete into.origin
      if (into.connector !== data.connector) delete into.connector
      const classes = new Set([...classList(held.classes), ...classList(el.classes), 'merged'])
      held.classes = [...classes]
      continue
    }
    const copy: ElementDefinition = {
      group: 'edges',
      data: { ...data, id: `folded:${source}->${target}:${data.id}`, source, target },
      classes: classList(el.classes),
    }
    merged.set(key, copy)
  }
  // Nodes before edges, the order one cytoscape add() needs.
  const nodes = out.filter(isNode)
  const edges = out.filter((el) => !isNode(el))
  return { elements: [...nodes, ...extra, ...edges, ...merged.values()], ...facts }
}

function toggleNode(
  id: string,
  parent: string,
  label: string,
  sibling: ElementDefinition,
  hiddenCount?: number,
): ElementDefinition {
  const like = nodeData(sibling)
  const data: LineageNodeData & { toggle: true; hiddenCount?: number } = {
    id,
    label,
    level: 'field',
    platform: like.platform,
    kind: like.kind,
    sourceName: like.sourceName,
    parent,
    assetUrn: parent,
    catalogued: true,
    expandable: false,
    toggle: true,
  }
  if (hiddenCount !== undefined) data.hiddenCount = hiddenCount
  return { group: 'nodes', data, classes: ['field', `platform-${like.platform}`, 'more'] }
}

function classList(classes: ElementDefinition['classes']): string[] {
  if (!classes) return []
  return Array.isArray(classes) ? [...classes] : classes.split(/\s+/).filter(Boolean)
}

/**
 * A connector sits on the path it implements. A drawn edge between two assets carrying lineage
 * edges of one connector (its `connector`) becomes `source -> connector -> target` (the
 * connector node drawn, or one made from the edge's `via` when the query did not return it).
 * A field edge stays (it says which column feeds which, and names the connector in its
 * tooltip); when the connector is drawn anyway (its own neighbourhood, the overview), the
 * fields' assets are also joined through it. Other edges between assets name their process as
 * their label.
 */
export function routeThroughConnectors(
  elements: readonly ElementDefinition[],
): ElementDefinition[] {
  return route(elements, scanNodes(elements), (el) => el).elements
}

/**
 * One pass over the elements for what the steps after it ask of the nodes: each compound's
 * children and each child's parent, the connectors drawn, and whether the nodes all come before
 * the edges (toCyElements' order). Not a map of every node: the overview's 5,000 are all assets.
 */
function scanNodes(elements: readonly ElementDefinition[]): NodeFacts & {
  parentOf: Map<string, string>
  children: Map<string, ElementDefinition[]>
  /** Index of the first edge, -1 without one. */
  firstEdge: number
  nodesFirst: boolean
} {
  const children = new Map<string, ElementDefinition[]>()
  const parentOf = new Map<string, string>()
  const connectors = new Set<string>()
  let firstEdge = -1
  let nodesFirst = true
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!
    if (!isNode(el)) {
      if (firstEdge < 0) firstEdge = i
      continue
    }
    if (firstEdge >= 0) nodesFirst = false
    const data = nodeData(el)
    if (data.kind === 'connector') connectors.add(data.id)
    const parent = data.parent
    if (!parent) continue
    parentOf.set(data.id, parent)
    const list = children.get(parent)
    if (list) list.push(el)
    else children.set(parent, [el])
  }
  return { children, parentOf, connectors, firstEdge, nodesFirst }
}

/**
 * routeThroughConnectors with the node facts already known (cap's pass found them), each node
 * drawn as `drawNode` makes it (displayGraph shortens labels here, not in a pass of its own).
 * `made`: how many connector nodes were made from edges.
 */
function route(
  elements: readonly ElementDefinition[],
  { parentOf, connectors }: NodeFacts,
  drawNode: (node: ElementDefinition) => ElementDefinition,
): { elements: ElementDefinition[]; made: number } {
  const topOf = (id: string) => parentOf.get(id) ?? id
  const nodesOut: ElementDefinition[] = []
  const edgesOut: ElementDefinition[] = []
  const added = new Map<string, ElementDefinition>()
  const hops = new Map<string, ElementDefinition>()
  const hop = (source: string, target: string, edge: LineageEdgeData) => {
    const key = `${source}\u0000${target}`
    const held = hops.get(key)
    if (held) {
      const data = edgeData(held)
      data.edgeIds = [...new Set([...data.edgeIds, ...edge.edgeIds])]
      return
    }
    const data: LineageEdgeData = {
      id: `via:${source}->${target}`,
      source,
      target,
      label: '',
      level: 'asset',
      edgeIds: [...edge.edgeIds],
      originKind: edge.originKind,
    }
    if (edge.via) data.via = edge.via
    hops.set(key, { group: 'edges', data, classes: [edge.originKind, 'via-connector'] })
  }
  for (const el of elements) {
    if (isNode(el)) {
      nodesOut.push(drawNode(el))
      continue
    }
    const data = edgeData(el)
    // A suggestion is no lineage edge: never routed nor labelled with a process.
    const lineage = !data.suggestionId
    const connector = lineage ? data.connector : undefined
    const source = topOf(data.source)
    const target = topOf(data.target)
    // Both ends drawn as assets (an asset edge, or field edges merged onto closed assets).
    const betweenAssets = source === data.source && target === data.target
    if (!connector || (!betweenAssets && !connectors.has(connector))) {
      if (betweenAssets && !data.label && lineage && data.via !== undefined) {
        edgesOut.push(labelled(el, data.via))
      } else edgesOut.push(el)
      continue
    }
    if (source === connector || target === connector) {
      edgesOut.push(el)
      continue
    }
    if (!connectors.has(connector) && !added.has(connector)) {
      added.set(connector, connectorNode(connector, data.via ?? connector))
    }
    hop(source, connector, data)
    hop(connector, target, data)
    if (!betweenAssets) edgesOut.push(el)
  }
  const madeNodes = [...added.values()].map(drawNode)
  return {
    elements: nodesOut.concat(madeNodes, edgesOut, [...hops.values()]),
    made: madeNodes.length,
  }
}

/**
 * What this module made of each element it was given, by the element: the page renders the same
 * engine elements again and again (toCyElements keeps them), so the same copies come out and
 * patchElements finds them unchanged by identity instead of comparing 10,000 edges key by key
 * (issue 6: an expand, and every render of the Lineage page). Elements are never modified
 * once made, here as in toCyElements.
 */
const labelledCopies = new WeakMap<ElementDefinition, ElementDefinition>()
const shortLabelCopies = new WeakMap<ElementDefinition, ElementDefinition>()

function labelled(el: ElementDefinition, label: string): ElementDefinition {
  const known = labelledCopies.get(el)
  if (known && known.data.label === label) return known
  const copy = { ...el, data: { ...el.data, label } }
  labelledCopies.set(el, copy)
  return copy
}

/** A connector the query did not return as a node: drawn from the edge's `via`. */
function connectorNode(urn: string, name: string): ElementDefinition {
  const data: LineageNodeData = {
    id: urn,
    label: name,
    level: 'asset',
    platform: 'kafka-connect',
    kind: 'connector',
    sourceName: urn.replace(/^[a-z-]+:\/\//, '').split('/')[0] ?? '',
    catalogued: true,
    expandable: false,
    synthetic: true,
  }
  return { group: 'nodes', data, classes: ['asset', 'platform-kafka-connect', 'connector'] }
}

/**
 * `crm.dbo.CustomerContactPreference` -> `…CustomerContactPreference`: as many whole segments
 * from the end as fit in `max` characters, else the end of the last segment. The start of a
 * qualified name (database, schema) is what the tooltip and the group label already say.
 */
export function tailLabel(label: string, max: number = LABEL_CHARS.asset): string {
  if (label.length <= max) return label
  const segments = label.split(/(?<=[.›/])/u)
  let tail = ''
  for (let i = segments.length - 1; i >= 0; i--) {
    const next = segments[i]! + tail
    if (next.length + 1 > max) break
    tail = next
  }
  if (!tail) tail = label.slice(label.length - (max - 1))
  return `…${tail.replace(/^[.›/]/u, '')}`
}

function withShortLabel(el: ElementDefinition): ElementDefinition {
  if (!isNode(el)) return el
  const data = nodeData(el)
  // Most labels fit: no copy to look up for them.
  if (data.label.length <= LABEL_CHARS[data.level]) return el
  const known = shortLabelCopies.get(el)
  if (known) return known
  const short = tailLabel(data.label, LABEL_CHARS[data.level])
  if (short === data.label) return el
  const next: LineageNodeData & { fullLabel: string } = {
    ...data,
    label: short,
    fullLabel: data.label,
  }
  if (data.collapsedCount !== undefined) next.collapsedLabel = `${short} +${data.collapsedCount}`
  const copy = { ...el, data: next }
  shortLabelCopies.set(el, copy)
  return copy
}

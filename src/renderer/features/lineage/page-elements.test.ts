import type { ElementDefinition } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import type {
  LineageEdge,
  LineageGraph,
  LineageNode,
  LineageSuggestion,
} from '../../../shared/model/lineage'
import { mergeGraphs } from './lineage-logic'
import {
  expansionsAdded,
  pageElementsAfter,
  pageElementsDrawer,
  pageElementsFull,
  pageElementsState,
  type PageElementsInput,
} from './page-elements'

/** A seeded generator (Park-Miller): the same cases on every run. */
function rng(seed: number) {
  let s = seed
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  }
}
type Rng = ReturnType<typeof rng>

const PLATFORMS = ['postgres', 'kafka', 'mongodb'] as const

function assetNode(urn: string, platform: LineageNode['platform'], r: Rng): LineageNode {
  const node: LineageNode = {
    urn,
    level: 'asset',
    platform,
    kind: platform === 'kafka-connect' ? 'connector' : platform === 'kafka' ? 'topic' : 'table',
    source: 's',
    label: r.chance(0.2) ? `a.very.long.qualified.name.of.${urn}` : urn,
    catalogued: true,
    fieldCount: platform === 'kafka-connect' ? 0 : 6,
  }
  if (r.chance(0.2)) {
    node.personalData = { category: 'contact.email', by: 'classification', reason: 'r' }
  }
  return node
}

function fieldNode(asset: LineageNode, i: number, r: Rng): LineageNode {
  const node: LineageNode = {
    urn: `${asset.urn}#f${i}`,
    level: 'field',
    platform: asset.platform,
    kind: asset.kind,
    source: 's',
    assetUrn: asset.urn,
    label: `f${i}`,
    path: `f${i}`,
    catalogued: true,
  }
  if (r.chance(0.3)) node.personalData = { category: 'contact.email', by: 'lineage', reason: 'r' }
  return node
}

function lineageEdge(from: string, to: string, via: LineageEdge['via'], r: Rng): LineageEdge {
  return {
    id: `${from}->${to}@${via.name}`,
    level: from.includes('#') ? 'field' : 'asset',
    from,
    to,
    ...(r.chance(0.3) ? { transform: { type: 'trim' as const } } : {}),
    via,
    origin:
      via.kind === 'connector'
        ? {
            kind: 'extracted',
            connectorUrn: via.urn!,
            connector: via.name,
            connectorClass: 'x.Y',
            configKeys: [],
          }
        : { kind: 'declared', file: 'f.yaml', line: 1, process: via.name },
  }
}

/**
 * A random estate: assets of three platforms, connectors (some drawn as nodes, some only named by
 * their edges), asset edges through connectors or processes, and a pool of fields and field
 * edges that expansions draw from.
 */
function estate(r: Rng) {
  // Sparse enough that an expansion reaches part of the graph (many connectors, as in an estate).
  const assets = Array.from({ length: 10 + r.int(30) }, (_, i) =>
    assetNode(`a${i}`, r.pick(PLATFORMS), r),
  )
  const connectors = Array.from({ length: 1 + r.int(8) }, (_, i) =>
    assetNode(`c${i}`, 'kafka-connect', r),
  )
  const vias: LineageEdge['via'][] = [
    ...connectors.map((c) => ({ kind: 'connector' as const, name: c.urn, urn: c.urn })),
    { kind: 'process', name: 'builder' },
  ]
  const fields = new Map(
    assets.map((a) => [a.urn, Array.from({ length: 12 }, (_, i) => fieldNode(a, i, r))]),
  )
  const assetEdges: LineageEdge[] = []
  for (let k = 0; k < assets.length * 2; k++) {
    const from = r.pick(assets)
    const to = r.pick(assets)
    if (from !== to) assetEdges.push(lineageEdge(from.urn, to.urn, r.pick(vias), r))
  }
  // Ids are unique in a graph (a hash of level, ends and process): one edge per id.
  const unique = (list: LineageEdge[]) => [...new Map(list.map((e) => [e.id, e])).values()]
  const fieldEdges: LineageEdge[] = []
  for (let k = 0; k < assets.length * 4; k++) {
    const from = r.pick(fields.get(r.pick(assets).urn)!)
    const to = r.pick(fields.get(r.pick(assets).urn)!)
    if (from.assetUrn !== to.assetUrn)
      fieldEdges.push(lineageEdge(from.urn, to.urn, r.pick(vias), r))
  }
  const drawnConnectors = connectors.filter(() => r.chance(0.5))
  return {
    assets,
    connectors: drawnConnectors,
    fields,
    assetEdges: unique(assetEdges),
    fieldEdges: unique(fieldEdges),
  }
}

/** The overview: every asset, the drawn connectors, the asset edges. */
function overview(e: ReturnType<typeof estate>, r: Rng): LineageGraph {
  const graph: LineageGraph = {
    nodes: [...e.assets, ...e.connectors],
    edges: e.assetEdges,
    frontier: e.assets.filter(() => r.chance(0.2)).map((a) => a.urn),
  }
  if (r.chance(0.3)) graph.collapsed = { [r.pick(e.assets).urn]: 1 + r.int(5) }
  if (r.chance(0.3)) {
    // A field in focus (a focused neighbourhood): its asset is drawn open, its field in the graph.
    const field = r.pick(e.fields.get(r.pick(e.assets).urn)!)
    graph.focus = field.urn
    graph.nodes = [...graph.nodes, field]
  } else if (r.chance(0.2)) graph.focus = r.pick(e.assets).urn
  return graph
}

/** An asset's field-level neighbourhood, as getLineage answers an "open to fields" expansion. */
function fieldsOf(e: ReturnType<typeof estate>, asset: string, r: Rng): LineageGraph {
  const own = e.fields.get(asset)!
  const urns = new Set(own.map((f) => f.urn))
  const edges = e.fieldEdges.filter((edge) => urns.has(edge.from) || urns.has(edge.to))
  const others = new Map<string, LineageNode>()
  for (const edge of edges) {
    for (const end of [edge.from, edge.to]) {
      if (urns.has(end)) continue
      const owner = end.split('#')[0]!
      const field = e.fields.get(owner)!.find((f) => f.urn === end)!
      others.set(end, field)
    }
  }
  return {
    focus: asset,
    nodes: [...own.slice(0, 4 + r.int(9)), ...others.values()],
    edges,
    // The neighbours one more hop would reach, as an answer at depth 1 lists them.
    frontier: [...others.keys()].filter(() => r.chance(0.3)),
    ...(r.chance(0.2) && others.size ? { collapsed: { [r.pick([...others.keys()])]: 2 } } : {}),
  }
}

/** Suggestions between fields of the assets given (their fields are in the graph), and others. */
function suggestionsFor(
  e: ReturnType<typeof estate>,
  near: readonly string[],
  r: Rng,
): LineageSuggestion[] {
  const fieldOf = (asset: string) => r.pick(e.fields.get(asset)!).urn
  return Array.from({ length: r.int(5) }, (_, i) => ({
    id: `s${i}`,
    from: fieldOf(r.chance(0.7) && near.length ? r.pick(near) : r.pick(e.assets).urn),
    to: fieldOf(r.chance(0.7) && near.length ? r.pick(near) : r.pick(e.assets).urn),
    transform: { type: 'identity' as const },
    score: 0.9,
    evidence: {} as LineageSuggestion['evidence'],
    status: r.chance(0.8) ? ('open' as const) : ('rejected' as const),
  }))
}

/**
 * `count` CDC chains: table -> topic through its own source connector, topic -> single view
 * through the builder; each topic with four fields to open.
 */
function cdcChains(count: number) {
  const r = rng(7)
  const nodes: LineageNode[] = [assetNode('singleview', 'mongodb', r)]
  const edges: LineageEdge[] = []
  const fields = new Map<string, LineageNode[]>()
  for (let i = 0; i < count; i++) {
    const table = assetNode(`table${i}`, 'postgres', r)
    const topic = assetNode(`topic${i}`, 'kafka', r)
    const connector = assetNode(`cdc${i}`, 'kafka-connect', r)
    nodes.push(table, topic, connector)
    const via = { kind: 'connector' as const, name: connector.urn, urn: connector.urn }
    edges.push(lineageEdge(table.urn, topic.urn, via, r))
    edges.push(lineageEdge(topic.urn, 'singleview', { kind: 'process', name: 'builder' }, r))
    fields.set(
      topic.urn,
      [0, 1, 2, 3].map((k) => fieldNode(topic, k, r)),
    )
  }
  const base: LineageGraph = { nodes, edges, frontier: [] }
  return { base, fields }
}

/** The overview of `count` CDC chains, before and after one topic is opened to its fields. */
function openTopic(count: number, topic: string) {
  const { base, fields } = cdcChains(count)
  const added: LineageGraph[] = [
    { focus: topic, nodes: fields.get(topic)!, edges: [], frontier: [] },
  ]
  const before: PageElementsInput = {
    graph: mergeGraphs(base, []),
    suggestions: [],
    expanded: new Set(),
    showAll: new Set(),
    keep: new Set(),
    overlay: true,
  }
  const after = { ...before, graph: mergeGraphs(base, added), expanded: new Set([topic]) }
  return { base, added, before, after }
}

/** A page's question before and after one more asset is opened to its fields. */
export function randomExpand(seed: number): {
  before: PageElementsInput
  after: PageElementsInput
  added: LineageGraph[]
  later: Array<{ input: PageElementsInput; added: LineageGraph[] }>
} {
  const r = rng(seed)
  const e = estate(r)
  const base = overview(e, r)
  const openedBefore = e.assets.filter(() => r.chance(0.2)).map((a) => a.urn)
  // Opened once and closed again: their fields stay in the graph, drawn on the closed asset.
  const closedAgain = e.assets
    .filter((a) => !openedBefore.includes(a.urn) && r.chance(0.15))
    .map((a) => a.urn)
  const extrasBefore = [...openedBefore, ...closedAgain].map((urn) => fieldsOf(e, urn, r))
  const opening = r.pick(e.assets.filter((a) => !openedBefore.includes(a.urn))).urn
  const suggestions = suggestionsFor(e, [...openedBefore, ...closedAgain, opening], r)
  const keep = new Set(r.chance(0.5) ? [r.pick([...e.fields.values()].flat()).urn] : [])
  const showAllBefore = new Set(openedBefore.filter(() => r.chance(0.5)))
  const overlay = r.chance(0.7)
  const cap = 2 + r.int(6)
  const before: PageElementsInput = {
    graph: mergeGraphs(base, extrasBefore),
    suggestions,
    expanded: new Set(openedBefore),
    showAll: showAllBefore,
    keep,
    overlay,
    cap,
  }
  const added = [fieldsOf(e, opening, r)]
  const after: PageElementsInput = {
    ...before,
    graph: mergeGraphs(base, [...extrasBefore, ...added]),
    expanded: new Set([...openedBefore, opening]),
    showAll: r.chance(0.5) ? new Set([...showAllBefore, opening]) : showAllBefore,
  }
  // Then more assets opened one after another, each on the question before it.
  const later: Array<{ input: PageElementsInput; added: LineageGraph[] }> = []
  let last = after
  let extras = [...extrasBefore, ...added]
  const allFields = [...e.fields.values()].flat()
  for (let step = 0; step < 4; step++) {
    const closed = e.assets.filter((a) => !last.expanded.has(a.urn))
    const kind = r.int(5)
    if (kind <= 1 && closed.length > 0) {
      // Another asset opened: its fields come as an expansion.
      const urn = r.pick(closed).urn
      const more = [fieldsOf(e, urn, r)]
      extras = [...extras, ...more]
      last = {
        ...last,
        graph: mergeGraphs(base, extras),
        expanded: new Set([...last.expanded, urn]),
        showAll: r.chance(0.5) ? new Set([...last.showAll, urn]) : last.showAll,
      }
      later.push({ input: last, added: more })
      continue
    }
    // The same graph, another view of it: an asset closed, all fields shown or not, a field
    // selected (kept) or let go, the overlay switched.
    const change = { ...last }
    if (kind === 2 && last.expanded.size > 0) {
      const urn = r.pick([...last.expanded])
      change.expanded = new Set([...last.expanded].filter((u) => u !== urn))
    } else if (kind === 3 && last.expanded.size > 0) {
      const urn = r.pick([...last.expanded])
      const all = new Set(last.showAll)
      if (all.has(urn)) all.delete(urn)
      else all.add(urn)
      change.showAll = all
    } else if (kind === 4) {
      change.keep = new Set(r.chance(0.7) ? [r.pick(allFields).urn] : [])
    }
    if (r.chance(0.3)) change.overlay = !last.overlay
    last = change
    later.push({ input: last, added: [] })
  }
  return { before, after, added, later }
}

/** Elements as comparable values by id (the order within nodes and within edges aside). */
export function byId(elements: readonly ElementDefinition[]): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const el of elements) {
    const classes = Array.isArray(el.classes) ? [...el.classes].sort() : el.classes
    const data = { ...el.data } as Record<string, unknown>
    if (Array.isArray(data.edgeIds)) data.edgeIds = [...(data.edgeIds as string[])].sort()
    out.set(el.data.id!, { group: el.group, data, classes })
  }
  return out
}

describe('pageElementsFull (the page steps as one function)', () => {
  it('draws every random case with nodes before edges and each parent before its children', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { after } = randomExpand(seed)
      const { elements } = pageElementsFull(after)
      const seen = new Set<string>()
      let edges = false
      for (const el of elements) {
        if (el.group === 'edges') {
          edges = true
          expect(seen.has(el.data.source as string), `seed ${seed}`).toBe(true)
          expect(seen.has(el.data.target as string), `seed ${seed}`).toBe(true)
        } else {
          expect(edges, `seed ${seed}: a node after an edge`).toBe(false)
          if (el.data.parent) expect(seen.has(el.data.parent as string)).toBe(true)
        }
        seen.add(el.data.id!)
      }
    }
  })
})

describe('pageElementsAfter (the steps run on the part an expansion reaches)', () => {
  it('draws what the full steps draw, element by element, on random expansions', () => {
    let parts = 0
    for (let seed = 1; seed <= 500; seed++) {
      const { before, after, added } = randomExpand(seed)
      const next = pageElementsAfter(pageElementsState(before), after, added)
      const full = pageElementsFull(after)
      const got = byId(next.output.elements)
      const want = byId(full.elements)
      expect([...got.keys()].sort(), `seed ${seed}: ids`).toEqual([...want.keys()].sort())
      for (const [id, value] of want) expect(got.get(id), `seed ${seed}: ${id}`).toEqual(value)
      expect([...next.output.parents].sort(), `seed ${seed}`).toEqual([...full.parents].sort())
      expect(next.output.folded, `seed ${seed}`).toBe(full.folded)
      expect(next.output.madeConnectors, `seed ${seed}`).toBe(full.madeConnectors)
      // Nodes before edges, parents before children (one cytoscape add).
      const seen = new Set<string>()
      let edges = false
      for (const el of next.output.elements) {
        if (el.group === 'edges') edges = true
        else {
          expect(edges, `seed ${seed}: a node after an edge`).toBe(false)
          if (el.data.parent) expect(seen.has(el.data.parent as string)).toBe(true)
        }
        seen.add(el.data.id!)
      }
      if (next.drawn.by === 'part') parts++
    }
    expect(parts).toBe(500)
  }, 60_000)

  it('draws one opened topic of fifty CDC chains from a small part of the graph', () => {
    const { before, after, added } = openTopic(50, 'topic7')
    const next = pageElementsAfter(pageElementsState(before), after, added)
    const full = pageElementsFull(after)
    expect(byId(next.output.elements)).toEqual(byId(full.elements))
    // The topic and its connector, with their neighbours: not the other 49 chains.
    expect(next.drawn).toMatchObject({ by: 'part', dirty: 2 })
    expect(next.drawn.by === 'part' && next.drawn.elements).toBeLessThan(full.elements.length / 10)
  })
})

describe('pageElementsAfter, step after step', () => {
  /** The same elements, by value, as the full steps draw for `input`. */
  function expectFull(
    got: ReturnType<typeof pageElementsAfter>,
    input: PageElementsInput,
    at: string,
  ) {
    const full = pageElementsFull(input)
    const mine = byId(got.output.elements)
    const want = byId(full.elements)
    expect([...mine.keys()].sort(), `${at}: ids`).toEqual([...want.keys()].sort())
    for (const [id, value] of want) expect(mine.get(id), `${at}: ${id}`).toEqual(value)
    expect(got.output.folded, at).toBe(full.folded)
    expect(got.output.madeConnectors, at).toBe(full.madeConnectors)
    expect([...got.output.parents].sort(), at).toEqual([...full.parents].sort())
    // The elements before the overlay too: the next switch of it draws from them.
    const shown = byId(got.output.shown)
    for (const [id, value] of byId(full.shown)) expect(shown.get(id), `${at}: ${id}`).toEqual(value)
    expect(got.output.shown.length, at).toBe(got.output.elements.length)
    const seen = new Set<string>()
    let edges = false
    for (const el of got.output.elements) {
      if (el.group === 'edges') edges = true
      else {
        expect(edges, `${at}: a node after an edge`).toBe(false)
        if (el.data.parent) expect(seen.has(el.data.parent as string), at).toBe(true)
      }
      seen.add(el.data.id!)
    }
  }

  it('stays equal to the full steps over successive changes (each state handed on)', () => {
    let parts = 0
    let steps = 0
    for (let seed = 1; seed <= 250; seed++) {
      const { before, after, added, later } = randomExpand(seed)
      let state = pageElementsAfter(pageElementsState(before), after, added)
      expectFull(state, after, `seed ${seed}, step 0`)
      later.forEach((step, i) => {
        state = pageElementsAfter(state, step.input, step.added)
        expectFull(state, step.input, `seed ${seed}, step ${i + 1}`)
        // The owner index holds exactly the drawn elements: none left behind under a wrong owner.
        const indexed = new Set([...state.index!.ownedBy.values()].flatMap((set) => [...set]))
        expect(indexed.size, `seed ${seed}, step ${i + 1}`).toBe(state.output.shown.length)
        for (const el of state.output.shown) expect(indexed.has(el)).toBe(true)
        steps++
        if (state.drawn.by === 'part') parts++
      })
    }
    // Opening, closing, show all, a selection, the overlay: none of them needs the full steps.
    expect(parts).toBe(steps)
  }, 60_000)

  it('draws from a spent state with the full steps (a render run twice)', () => {
    const { before, after, added } = randomExpand(3)
    const first = pageElementsState(before)
    pageElementsAfter(first, after, added)
    expect(first.spent).toBe(true)
    const again = pageElementsAfter(first, after, added)
    expectFull(again, after, 'again')
  })
})

describe('the page drawer (the last drawing kept from render to render)', () => {
  const g = (focus: string): LineageGraph => ({ focus, nodes: [], edges: [], frontier: [] })
  const base = g('base')
  const [a, b, c] = [g('a'), g('b'), g('c')]

  it('finds the expansions added after the last ones, and nothing else', () => {
    const parts = (expansions: LineageGraph[], withPath = false, from = base) => ({
      base: from,
      expansions,
      withPath,
    })
    expect(expansionsAdded(parts([a]), parts([a, b, c]))).toEqual([b, c])
    expect(expansionsAdded(parts([a, b]), parts([a, b]))).toEqual([])
    // Closed (removed), answered again (another object), another base, a path: none is "more".
    expect(expansionsAdded(parts([a, b]), parts([a]))).toBeUndefined()
    expect(expansionsAdded(parts([a, b]), parts([a, g('b')]))).toBeUndefined()
    expect(expansionsAdded(parts([a]), parts([a, b], false, g('base')))).toBeUndefined()
    expect(expansionsAdded(parts([a]), parts([a, b], true))).toBeUndefined()
    expect(expansionsAdded(parts([a], true), parts([a, b]))).toBeUndefined()
  })

  it('draws an expansion from the last drawing, and anything else by the full steps', () => {
    const { before, after, added } = randomExpand(11)
    const drawer = pageElementsDrawer()
    const first = drawer.draw(before, { base: before.graph, expansions: [], withPath: false })
    expect(first.drawn.by).toBe('full')
    const second = drawer.draw(after, { base: before.graph, expansions: added, withPath: false })
    expect(second.drawn.by).toBe('part')
    expect(byId(second.output.elements)).toEqual(byId(pageElementsFull(after).elements))
    // The same expansions with a path merged last: the full steps.
    const third = drawer.draw(after, { base: before.graph, expansions: added, withPath: true })
    expect(third.drawn.by).toBe('full')
  })

  it('gives the same drawing for a render run twice (StrictMode in development)', () => {
    const { base, before, after, added } = openTopic(50, 'topic7')
    const drawer = pageElementsDrawer()
    drawer.draw(before, { base, expansions: [], withPath: false })
    const parts = { base, expansions: added, withPath: false }
    const once = drawer.draw(after, parts)
    const twice = drawer.draw(after, parts)
    // Nothing changed since the first run: its elements, the very same array, nothing drawn.
    expect(twice.output.elements).toBe(once.output.elements)
    expect(twice.drawn).toEqual({ by: 'part', dirty: 0, elements: 0 })
    // And the next expansion still goes from there.
    const more: LineageGraph[] = [
      ...added,
      { focus: 'topic8', nodes: cdcChains(50).fields.get('topic8')!, edges: [], frontier: [] },
    ]
    const next = {
      ...after,
      graph: mergeGraphs(base, more),
      expanded: new Set(['topic7', 'topic8']),
    }
    const third = drawer.draw(next, { base, expansions: more, withPath: false })
    expect(third.drawn.by).toBe('part')
    expect(byId(third.output.elements)).toEqual(byId(pageElementsFull(next).elements))
  })

  it('builds the index of a drawing in steps when the page is idle, and an expand reads it', () => {
    const { base, before, after, added } = openTopic(800, 'topic42')
    const drawer = pageElementsDrawer()
    const first = drawer.draw(before, { base, expansions: [], withPath: false })
    // Drawn by the full steps, nothing more: the index is for later.
    expect(first.index).toBeUndefined()
    let calls = 1
    while (!drawer.prepare(() => false)) calls++
    expect(calls).toBeGreaterThan(3)
    expect(first.index).toBeDefined()
    const second = drawer.draw(after, { base, expansions: added, withPath: false })
    expect(second.drawn).toMatchObject({ by: 'part', dirty: 2 })
    expect(byId(second.output.elements)).toEqual(byId(pageElementsFull(after).elements))
    // Never prepared (an expand before any idle time): the expand builds the index itself.
    const eager = pageElementsDrawer()
    eager.draw(before, { base, expansions: [], withPath: false })
    const drawn = eager.draw(after, { base, expansions: added, withPath: false })
    expect(drawn.drawn.by).toBe('part')
    expect(byId(drawn.output.elements)).toEqual(byId(pageElementsFull(after).elements))
  })
})

import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import type { Core, NodeSingular } from 'cytoscape'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from '../../../../src/renderer/app/app'
import { useLineageUi } from '../../../../src/renderer/features/lineage/lineage-store'
import type { LineageGraph } from '../../../../src/shared/model/lineage'
import { overviewGraph, withExpandedTopic } from '../../synth-graph'
import { forcedRedraw } from '../forced-redraw'
import type { AppBenchApi, AppExpandResult, AppOpening } from './api'
import { benchTransport } from './bench-transport'

/**
 * The whole app (src/renderer/app/app.tsx) on the Lineage page, over bench/graph's synthetic
 * 5,000-node overview served by a transport that answers from memory in the next task (as IPC
 * does): the expand timed as a user gets it, through the store, React, the page's renders, the
 * query for the fields, the canvas hook's patch and layout decision, and the redraw
 * (bench/graph/app-run.ts drives it).
 */
const built = overviewGraph()
// The expand of bench/graph's engine rounds: a topic fed by one table, opened to 50 fields.
const topic = built.topics.find((t) => (built.topicSources.get(t) ?? []).length === 1)!
const withFields = withExpandedTopic(built, topic)
const fields: LineageGraph = {
  focus: topic,
  nodes: withFields.nodes.slice(built.graph.nodes.length),
  edges: withFields.edges.slice(built.graph.edges.length),
  frontier: [],
}
const transport = benchTransport(built.graph, (urn) => (urn === topic ? fields : undefined))

const tasks: Array<{ start: number; duration: number }> = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration })
}).observe({ type: 'longtask', buffered: true })

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The page's cytoscape instance, from its container (cytoscape registers itself there). */
function pageCy(): Core | undefined {
  for (const el of document.querySelectorAll('div')) {
    const cy = (el as unknown as { _cyreg?: { cy?: Core } })._cyreg?.cy
    if (cy && !cy.destroyed()) return cy
  }
  return undefined
}

async function until<T>(what: string, get: () => T | undefined, timeoutMs = 240_000): Promise<T> {
  const start = performance.now()
  for (;;) {
    const value = get()
    if (value !== undefined) return value
    if (performance.now() - start > timeoutMs)
      throw new Error(`bench app: timed out waiting for ${what}`)
    await later(50)
  }
}

const measuresAfter = (name: string, t: number) =>
  performance.getEntriesByName(name, 'measure').filter((m) => m.startTime >= t)

const api: AppBenchApi = {
  async ready(): Promise<AppOpening> {
    const cy = await until('the graph', () => {
      const found = pageCy()
      return found && found.nodes().length >= built.graph.nodes.length ? found : undefined
    })
    // The overview's layout: the first one prepared after all its nodes were added.
    const added = performance.now()
    const drawn = await until('the overview laid out', () =>
      performance
        .getEntriesByName('elk:first-draw', 'measure')
        .find((m) => m.startTime + m.duration >= added),
    )
    const drawnEnd = drawn.startTime + drawn.duration
    const asked = transport.calls.find((c) => c.method === 'getLineageOverview')?.at ?? 0
    const addStart = performance.getEntriesByName('graph:add:slice', 'measure')[0]?.startTime ?? NaN
    const pack = performance
      .getEntriesByName('elk:pack', 'measure')
      .find((m) => m.startTime >= addStart)
    for (let i = 0; i < 10; i++) await frame()
    await later(300)
    const during = (from: number) =>
      tasks.filter((t) => t.start + t.duration > from && t.start < drawnEnd)
    return {
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      overviewAskedMs: asked,
      addStartMs: addStart,
      layoutStartMs: pack?.startTime ?? NaN,
      firstDrawnMs: drawnEnd,
      longTasksOpening: during(asked),
      longTasksDuringLayout: pack ? during(pack.startTime) : [],
    }
  },

  async expand(): Promise<AppExpandResult> {
    const cy = pageCy()!
    // Zoomed in on the topic, as in the engine rounds (run.ts: expand).
    cy.zoom(1)
    cy.center(cy.getElementById(topic))
    for (let i = 0; i < 10; i++) await frame()
    await later(300)
    const before = new Map(cy.nodes().map((n) => [n.id(), { ...(n as NodeSingular).position() }]))
    const edgesBefore = cy.edges().length
    const zoomBefore = cy.zoom()
    let firstAdd = 0
    cy.one('add', () => {
      firstAdd = performance.now()
    })
    let classChanges = 0
    const countClassChange = () => void classChanges++
    cy.on('class', countClassChange)
    // The end: the redraw forced right after the part's positions are applied (before any
    // frame of cytoscape's own), as the engine rounds force it after layoutWithElk.
    const measure = performance.measure.bind(performance)
    let applied = 0
    let redrawMs = 0
    let redrawn = 0
    performance.measure = ((name: string, ...rest: unknown[]) => {
      const entry = (measure as (...a: unknown[]) => PerformanceMeasure)(name, ...rest)
      if (name === 'elk:apply' && !applied) {
        applied = performance.now()
        queueMicrotask(() => {
          redrawMs = forcedRedraw(cy, () => undefined)
          redrawn = performance.now()
        })
      }
      return entry
    }) as typeof performance.measure
    const calls = transport.calls.length
    const t0 = performance.now()
    try {
      const ui = useLineageUi.getState()
      ui.toggleAsset(topic, true)
      ui.setAllFields(topic, true)
      await until('the expand drawn', () => (redrawn ? true : undefined), 60_000)
    } finally {
      performance.measure = measure
      cy.off('class', countClassChange)
    }
    const fetch = transport.calls.slice(calls).find((c) => c.method === 'getLineage')
    let moved = 0
    for (const [id, p] of before) {
      const q = (cy.getElementById(id) as NodeSingular).position()
      if (Math.abs(q.x - p.x) > 0.5 || Math.abs(q.y - p.y) > 0.5) moved++
    }
    const pack = measuresAfter('elk:pack', t0)[0]
    const result: AppExpandResult = {
      fetchMs: fetch ? fetch.at - t0 : -1,
      firstAddMs: firstAdd ? firstAdd - t0 : -1,
      packStartMs: pack ? pack.startTime - t0 : -1,
      applyEndMs: applied - t0,
      totalMs: redrawn - t0,
      redrawMs,
      layout: measuresAfter('elk:apply:slice', t0).length > 0 ? 'worker' : 'column',
      moved,
      children: cy.getElementById(topic).children().length,
      zoom: { before: zoomBefore, after: cy.zoom() },
      classChanges,
      added: cy.nodes().length - before.size + (cy.edges().length - edgesBefore),
      longTasks: [],
      calls: transport.calls.slice(calls).map((c) => c.method),
    }
    await later(200)
    result.longTasks = tasks.filter((t) => t.start + t.duration > t0 && t.start < redrawn)
    return result
  },
}

;(window as unknown as { appBench: AppBenchApi }).appBench = api
;(window as unknown as { appCy: () => Core | undefined }).appCy = pageCy
;(window as unknown as { benchTopic: string }).benchTopic = topic

window.location.hash = '#/lineage'
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App transport={transport} />
  </StrictMode>,
)

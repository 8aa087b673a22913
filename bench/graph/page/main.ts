import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import { createLineageCy } from '../../../src/renderer/features/lineage/graph-engine/create-cy'
import {
  holdFrames,
  layoutWithElk,
} from '../../../src/renderer/features/lineage/graph-engine/elk-layout'
import {
  fitBounds,
  prepareFirstDraw,
} from '../../../src/renderer/features/lineage/graph-engine/first-draw'
import { patchElements } from '../../../src/renderer/features/lineage/graph-engine/patch-elements'
import { patchElementsInSlices } from '../../../src/renderer/features/lineage/graph-engine/add-in-slices'
import { toCyElements } from '../../../src/renderer/features/lineage/graph-engine/to-elements'
import { overviewGraph, withExpandedTopic } from '../synth-graph'
import {
  displayElements,
  capFields,
  routeThroughConnectors,
} from '../../../src/renderer/features/lineage/display-elements'
import { pageStylesheet } from '../../../src/renderer/features/lineage/page-styles'
import { parentIds, withoutOverlay } from '../../../src/renderer/features/lineage/graph-classes'
import { staleGeometry } from './stale-geometry'
import { forcedRedraw, type Renderer } from './forced-redraw'
import type { BenchApi, LongTask, PanResult, Which } from './api'

/**
 * The bench page (bench/graph/run.ts drives it through Playwright): the Sightline engine and
 * cytoscape's default configuration side by side on the same 5,000-node overview.
 */
const built = overviewGraph()
/** Draw the elements as the Lineage page does (setupEngine's `asPage`). */
let asPage = false
/**
 * The elements drawn: the engine's, or the page's from them, with every step the Lineage page
 * takes on each render (lineage-page.tsx, the personal-data overlay on as by default). Since
 * stop 21 the page has no layout key: the canvas lays out when a patch changed the nodes.
 */
function shown(elements: ElementDefinition[], allFieldsOf?: string): ElementDefinition[] {
  if (!asPage) return elements
  const base = displayElements(elements, {
    showAll: new Set(allFieldsOf ? [allFieldsOf] : []),
  })
  return withoutOverlay(base, parentIds(base))
}
const tasks: LongTask[] = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration })
}).observe({ type: 'longtask', buffered: true })

let engine: Core | undefined
let plain: Core | undefined
let gl: Core | undefined
let floor: Core | undefined
const pick = (which: Which): Core =>
  ({ engine, default: plain, webgl: gl, floor })[which] ?? failNoInstance(which)
const failNoInstance = (which: string): never => {
  throw new Error(`no ${which} instance: set it up first`)
}

/** The layered texture cache's state read for the report (cytoscape 3.34 fields). */
interface LtcProbe {
  lastInvalidationTime: number
  layersByLevel: Record<string, unknown[]>
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Long tasks reported so far that overlap [from, to] (the observer reports them a little late). */
async function tasksBetween(from: number, to: number): Promise<LongTask[]> {
  await later(200)
  return tasks.filter((t) => t.start + t.duration > from && t.start < to)
}

async function idle(frames: number) {
  for (let i = 0; i < frames; i++) await frame()
}

/** Fit, or a zoom level at the graph's centre; then let the render loop and texture caches settle. */
async function setView(cy: Core, zoom: number | 'fit', warmupFrames: number) {
  if (zoom === 'fit') cy.fit(undefined, 10)
  else {
    cy.zoom({ level: zoom, renderedPosition: { x: 640, y: 400 } })
    cy.center()
  }
  await idle(warmupFrames)
  await later(300)
}

/**
 * A point of the container on no element, by cytoscape's own hit test: a mousedown on a node
 * would drag it, and one on an edge makes it `:active` (a style change that invalidates the
 * texture caches), so either would measure something other than a pan.
 */
function emptySpot(cy: Core): { x: number; y: number } {
  const r = (cy as unknown as { renderer(): Renderer }).renderer()
  const zoom = cy.zoom()
  const pan = cy.pan()
  for (let y = 380; y < 760; y += 17) {
    for (let x = 600; x < 1240; x += 23) {
      const mx = (x - pan.x) / zoom
      const my = (y - pan.y) / zoom
      if (!r.findNearestElement(mx, my, true, false)) return { x, y }
    }
  }
  throw new Error('no empty spot to start a drag from')
}

const api: BenchApi = {
  counts: () => ({ nodes: built.graph.nodes.length, edges: built.graph.edges.length }),

  async setupEngine(page = false) {
    asPage = page
    const container = document.getElementById('engine')!
    engine = createLineageCy(container, { theme: 'light' })
    // As use-lineage-cy.ts styles the page's instance.
    if (asPage) engine.style(pageStylesheet('light'))
    // As the Lineage page does it (use-lineage-cy.ts): the elements (toCyElements, in the page's
    // render) are added in slices with the frames held, then, in the task that ends the add,
    // laid out and fitted; layoutWithElk takes its own hold before the add's is released, so
    // the unplaced heap is never drawn, and prepares the first frame before letting it draw.
    const t0 = performance.now()
    const elements = shown(toCyElements(built.graph))
    const toElementsMs = performance.now() - t0
    await later(0)
    const start = performance.now()
    const { release } = await patchElementsInSlices(engine, elements)
    const addMs = performance.now() - start
    const layoutStart = performance.now()
    const layout = layoutWithElk(engine, {
      view: (cy, bounds) => (bounds ? fitBounds(cy, bounds, 10) : cy.fit(undefined, 10)),
    })
    release()
    await layout
    const end = performance.now()
    const ltcOf = () =>
      (engine as unknown as { renderer(): { data: { lyrTxrCache: LtcProbe } } }).renderer().data
        .lyrTxrCache
    const ltcState = (at: number) => {
      const ltc = ltcOf()
      return `invalidated ${Math.round(ltc.lastInvalidationTime - at)} ms; layers ${Object.entries(
        ltc.layersByLevel,
      )
        .map(([lvl, ls]) => `${lvl}: ${ls.length}`)
        .join(', ')}`
    }
    const atEnd = ltcState(end)
    await idle(3)
    const drawn = performance.now()
    const afterFrames = ltcState(end)
    // The window: from the add's first slice until the layout's promise resolves, then the
    // first three frames of the laid-out graph apart.
    const during = await tasksBetween(start, end)
    const after = await tasksBetween(end, drawn)
    const measures = (name: string) =>
      performance.getEntriesByName(name, 'measure').filter((m) => m.startTime >= start)
    const own = (name: string) => measures(name).reduce((n, m) => n + m.duration, 0)
    const slices = measures('elk:apply:slice')
    const elkMeasures = performance
      .getEntriesByType('measure')
      .filter((m) => /^(elk|graph):/.test(m.name) && m.startTime >= start)
    const longTaskCauses = during.map((t) => {
      const names = elkMeasures
        .filter((m) => m.startTime < t.start + t.duration && m.startTime + m.duration > t.start)
        .map((m) => m.name)
      return `${Math.round(t.duration)} ms: ${names.length ? [...new Set(names)].join(', ') : 'no engine step (cytoscape frames, GC or the worker message)'}`
    })
    // Last, outside every measured window: the opening drew every element where it is.
    const stale = staleGeometry(engine)
    if (stale.edges + stale.nodes > 0) {
      throw new Error(
        `The opening left ${stale.edges} edges and ${stale.nodes} nodes with geometry that does not match their positions (e.g. ${stale.example})`,
      )
    }
    return {
      addMs,
      toElementsMs,
      firstPictureMs: drawn - start,
      layoutMs: end - layoutStart,
      packMs: own('elk:pack'),
      applyMs: own('elk:apply'),
      longTasksDuringLayout: during,
      layoutStartAt: layoutStart,
      longTasksAfterLayout: after,
      firstDrawMs: own('elk:first-draw'),
      applySliceMaxMs: slices.reduce((m, x) => Math.max(m, x.duration), 0),
      applySlices: slices.length,
      longTaskCauses,
      layeredCache: `${atEnd}; after three frames: ${afterFrames}`,
    }
  },

  setupDefault() {
    if (!engine) throw new Error('setupEngine first')
    const positions = new Map(engine.nodes().map((n) => [n.id(), { ...n.position() }]))
    const elements: ElementDefinition[] = engine.elements().map((ele) =>
      ele.isNode()
        ? {
            group: 'nodes',
            data: { id: ele.id(), label: ele.data('label') },
            position: positions.get(ele.id())!,
          }
        : {
            group: 'edges',
            data: {
              id: ele.id(),
              source: ele.source().id(),
              target: ele.target().id(),
              label: ele.data('label'),
            },
          },
    )
    const t0 = performance.now()
    plain = cytoscape({
      container: document.getElementById('default')!,
      elements,
      style: [
        { selector: 'node', style: { label: 'data(label)' } },
        { selector: 'edge', style: { label: 'data(label)' } },
      ],
      layout: { name: 'preset' },
    })
    return { addMs: performance.now() - t0 }
  },

  setupWebgl() {
    if (!engine) throw new Error('setupEngine first')
    const t0 = performance.now()
    gl = createLineageCy(document.getElementById('webgl')!, { theme: 'light', webgl: true })
    gl.add(engine.elements().jsons() as unknown as ElementDefinition[])
    return { addMs: performance.now() - t0 }
  },

  setupFloor() {
    floor = cytoscape({ container: document.getElementById('floor')!, elements: [] })
  },

  async pan(which, opts) {
    const cy = pick(which)
    await setView(cy, opts.zoom, opts.warmupFrames)
    const samples: number[] = []
    for (let i = 0; i < opts.steps; i++) {
      // Back and forth, so the view stays over the graph.
      const dir = Math.floor(i / 10) % 2 === 0 ? 1 : -1
      samples.push(forcedRedraw(cy, () => cy.panBy({ x: 12 * dir, y: 5 * dir })))
      await later(0)
    }
    // The engine ends a burst of programmatic pans with one full redraw (viewport-mode.ts,
    // 150 ms after the last): let it happen and read cytoscape's own timing of that frame.
    const r = (cy as unknown as { renderer(): Renderer }).renderer()
    r.lastRedrawTime = undefined
    await later(400)
    await idle(2)
    const result: PanResult = { zoom: cy.zoom(), samples, settle: r.lastRedrawTime ?? 0 }
    return result
  },

  async drag(which, opts) {
    const cy = pick(which)
    await setView(cy, opts.zoom, opts.warmupFrames)
    const canvas = cy.container()!.querySelector('canvas:last-of-type') as HTMLCanvasElement
    const box = canvas.getBoundingClientRect()
    const start = emptySpot(cy)
    const at = (dx: number, dy: number, type: string) =>
      canvas.dispatchEvent(
        new MouseEvent(type, {
          bubbles: true,
          cancelable: true,
          clientX: box.left + start.x + dx,
          clientY: box.top + start.y + dy,
          button: 0,
          buttons: type === 'mouseup' ? 0 : 1,
        }),
      )
    at(0, 0, 'mousedown')
    const samples: number[] = []
    let x = 0
    let y = 0
    for (let i = 0; i < opts.steps; i++) {
      const dir = Math.floor(i / 10) % 2 === 0 ? 1 : -1
      x += 12 * dir
      y += 5 * dir
      samples.push(forcedRedraw(cy, () => at(x, y, 'mousemove')))
      await later(0)
    }
    at(x, y, 'mouseup')
    const release = forcedRedraw(cy, () => undefined)
    const result: PanResult = { zoom: cy.zoom(), samples, release }
    return result
  },

  async expand() {
    const cy = engine!
    // A topic fed by one table: its 50 fields and their edges appear, the table stays collapsed.
    const topic = built.topics.find((t) => (built.topicSources.get(t) ?? []).length === 1)!
    // Zoomed in on it, as a user is when they expand a node (at the overview's zoom every
    // element is on screen and any change costs a full redraw of all 15,000).
    cy.zoom(1)
    cy.center(cy.getElementById(topic))
    await idle(10)
    await later(300)
    const t0 = performance.now()
    const graph = withExpandedTopic(built, topic)
    // As the page: all 50 fields shown (the user opened its "+40 more fields").
    const next = shown(toCyElements(graph, { expanded: new Set([topic]) }), topic)
    const t1 = performance.now()
    const patch = patchElements(cy, next)
    const t2 = performance.now()
    await layoutWithElk(cy, { only: patch.placed })
    const t3 = performance.now()
    forcedRedraw(cy, () => undefined)
    const t4 = performance.now()
    const measure = (name: string) =>
      performance
        .getEntriesByName(name, 'measure')
        .filter((m) => m.startTime >= t2)
        .reduce((n, m) => n + m.duration, 0)
    return {
      packMs: measure('elk:pack'),
      applyMs: measure('elk:apply'),
      added: patch.added.length,
      placed: patch.placed.length,
      children: cy.getElementById(topic).children().length,
      toElementsMs: t1 - t0,
      patchMs: t2 - t1,
      layoutMs: t3 - t2,
      renderMs: t4 - t3,
      totalMs: t4 - t0,
    }
  },
}

;(window as unknown as { graphBench: BenchApi }).graphBench = api
// For probing by hand (bench/graph/README): the two instances.
;(window as unknown as { cys: () => unknown }).cys = () => ({ engine, plain })
// For bench/graph/probe.ts (profiling by hand): the engine's pieces and the forced redraw.
;(window as unknown as { lib: unknown }).lib = {
  createLineageCy,
  patchElements,
  layoutWithElk,
  toCyElements,
  built,
  withExpandedTopic,
  forcedRedraw,
  tasks,
  holdFrames,
  prepareFirstDraw,
  patchElementsInSlices,
  fitBounds,
  staleGeometry,
  displayElements,
  capFields,
  routeThroughConnectors,
  parentIds,
  withoutOverlay,
}
document.title = 'ready'

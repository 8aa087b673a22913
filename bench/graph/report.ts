import type { LongTask } from './page/api'
import type { QueryBenchResult } from './query-bench'
import type { GraphRound } from './run'

export interface ReportInput {
  started: Date
  load: number[]
  loadAfter: number[]
  machine: string
  chromium: string
  steps: number
  results: GraphRound[]
  query?: QueryBenchResult
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const ms = (n: number) =>
  Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a'
const ok = (pass: boolean) => (pass ? '**pass**' : '**FAIL**')
const longest = (tasks: LongTask[]) => tasks.reduce((m, t) => Math.max(m, t.duration), 0)

/** bench/results/graph.md: medians over rounds, every round's numbers, how each was measured. */
export function writeReport(input: ReportInput): string {
  const { results: r } = input
  const panRows = (['drag', 'panBy'] as const).flatMap((mode) =>
    (['fit', 'zoom1'] as const).map((view) => {
      const engine = r.map((x) => median(x.pan[mode][view].engine.samples))
      const plain = r.map((x) => median(x.pan[mode][view].default.samples))
      const e = median(engine)
      const d = median(plain)
      const all = (w: 'engine' | 'default') => r.flatMap((x) => x.pan[mode][view][w].samples)
      const zoom = r[0]?.pan[mode][view].engine.zoom ?? NaN
      const floor = median(r.map((x) => (x.floor ? median(x.floor[mode].samples) : NaN)))
      return {
        floor,
        mode,
        view,
        e,
        d,
        engine,
        plain,
        ratio: e / d,
        zoom,
        p90e: p90(all('engine')),
        p90d: p90(all('default')),
      }
    }),
  )
  const layoutLongest = r.map((x) => longest(x.setup.longTasksDuringLayout))
  const afterLongest = r.map((x) => longest(x.setup.longTasksAfterLayout))
  // The add is one synchronous call: its wall time is a main-thread block at least that long.
  const addLongest = r.map((x) => x.setup.addMs)
  // The target's window: from layoutWithElk's call until the laid-out graph's first frames
  // are drawn (its promise, then three frames); the add before it is reported apart.
  const windowLongest = r.map((_, i) => Math.max(layoutLongest[i]!, afterLongest[i]!))
  const expand = r.map((x) => x.expand.totalMs)
  const q = input.query
  const qMedian = q
    ? median(q.rounds.map((x) => Math.max(x.field.median, x.table.median, x.topic.median)))
    : NaN
  const qMax = q
    ? Math.max(...q.rounds.flatMap((x) => [x.field.max, x.table.max, x.topic.max]))
    : NaN

  const lines: string[] = []
  lines.push('# bench/graph: the lineage graph engine (issue 6)', '')
  lines.push(
    `Run ${input.started.toISOString()} · ${input.machine} · ${input.chromium} (headless, --disable-gpu: software canvas) · load average ${input.load.map((l) => l.toFixed(2)).join(' / ')} before, ${input.loadAfter.map((l) => l.toFixed(2)).join(' / ')} after · ${r.length} rounds, a fresh Chromium each · \`npm run bench:graph\``,
    '',
  )
  lines.push('## Targets', '')
  lines.push('| Target | Result (median over rounds) | |')
  lines.push('|---|---|---|')
  for (const row of panRows) {
    const how = row.mode === 'drag' ? 'mouse drag' : 'programmatic `cy.panBy`'
    const view = row.view === 'fit' ? `fitted (zoom ${row.zoom.toFixed(3)})` : 'zoom 1'
    lines.push(
      `| Pan the 5,000-node overview, ${how}, ${view}: ≤ 33 ms per forced redraw and ≤ 1/3 of cytoscape's default | ${ms(row.e)} vs ${ms(row.d)}: ratio ${row.ratio.toFixed(3)}${row.floor > row.d / 3 ? ` (an empty canvas costs ${ms(row.floor)}, more than 1/3 of the default: see Notes)` : ''} | ${ok(row.e <= 33)} / ${ok(row.ratio <= 1 / 3)} |`,
    )
  }
  lines.push(
    `| No main-thread task over 50 ms during the ELK layout (from \`layoutWithElk\`'s call until the laid-out graph's first frames are drawn) | longest task over 50 ms, per round: ${windowLongest.map((x) => (x === 0 ? 'none' : ms(x))).join(', ')}; the add of the 15,000 elements just before it (one synchronous \`patchElements\`, see Notes): ${addLongest.map(ms).join(', ')} | ${ok(windowLongest.every((x) => x <= 50))} |`,
  )
  lines.push(
    `| Expanding a node with 50 children ≤ 200 ms | ${ms(median(expand))} (rounds: ${expand.map(ms).join(', ')}) | ${ok(median(expand) <= 200)} |`,
  )
  lines.push(
    q
      ? `| Depth-5 lineage query at bench scale ≤ 50 ms | median ${ms(qMedian)}, slowest single query ${ms(qMax)} | ${ok(qMedian <= 50)} |`
      : '| Depth-5 lineage query at bench scale ≤ 50 ms | not run (--skip-query) | |',
  )
  lines.push('')
  lines.push('## Pan: milliseconds per forced redraw', '')
  lines.push(
    '| Pan | View | Zoom | Sightline engine | cytoscape default | Ratio | Empty canvas (floor) | p90 engine / default | Per round (engine / default) |',
  )
  lines.push('|---|---|---|---|---|---|---|---|---|')
  for (const row of panRows) {
    const per = row.engine.map((e, i) => `${ms(e)} / ${ms(row.plain[i]!)}`).join('; ')
    const view = row.view === 'fit' ? 'overview (fit)' : 'zoom 1, centre'
    lines.push(
      `| ${row.mode === 'drag' ? 'mouse drag' : 'cy.panBy'} | ${view} | ${row.zoom.toFixed(3)} | ${ms(row.e)} | ${ms(row.d)} | ${row.ratio.toFixed(3)} | ${ms(row.floor)} | ${ms(row.p90e)} / ${ms(row.p90d)} | ${per} |`,
    )
  }
  lines.push('')
  const steps = (mode: 'drag' | 'panBy', view: 'fit' | 'zoom1', w: 'engine' | 'default') =>
    r.map((x) => x.pan[mode][view][w].samples.slice(0, 2).map(ms).join(' + ')).join('; ')
  const releases = (w: 'engine' | 'default') => r.map((x) => x.pan.drag.fit[w].release ?? NaN)
  const settles = (view: 'fit' | 'zoom1', w: 'engine' | 'default') =>
    r.map((x) => x.pan.panBy[view][w].settle ?? NaN)
  lines.push(
    `Full redraws outside the medians. Drag, overview: the first two steps (engine: ${steps('drag', 'fit', 'engine')}; default: ${steps('drag', 'fit', 'default')}) and the redraw on release (engine: ${releases('engine').map(ms).join(', ')}; default: ${releases('default').map(ms).join(', ')}). Drag, zoom 1, first two steps: engine ${steps('drag', 'zoom1', 'engine')}; default ${steps('drag', 'zoom1', 'default')}. cy.panBy, zoom 1, first two steps (the engine's first is a plain full redraw, its second draws the burst's texture): engine ${steps('panBy', 'zoom1', 'engine')}; default ${steps('panBy', 'zoom1', 'default')}; the redraw ending the engine's burst, 150 ms after the last pan (render only, cytoscape's own frame timing): ${settles('zoom1', 'engine').map(ms).join(', ')}.`,
    '',
  )
  lines.push('## Layout in the worker', '')
  lines.push(
    '| Round | ELK layout (wall, worker) | layoutWithElk on the main thread: pack / apply / first frame prepared (wall, in slices) | Apply: slices, longest | Long tasks during layout (what overlapped them) | Longest in the first three frames after | Elements added (patchElements, one synchronous call) | Default cytoscape construction |',
  )
  lines.push('|---|---|---|---|---|---|---|---|')
  r.forEach((x, i) => {
    const causes = x.setup.longTaskCauses?.length
      ? `: ${x.setup.longTaskCauses.map((c) => c.replace(/no elk:\* step.*$/, 'no elk step')).join('; ')}`
      : ''
    lines.push(
      `| ${x.round} | ${ms(x.setup.layoutMs)} | ${ms(x.setup.packMs ?? NaN)} / ${ms(x.setup.applyMs ?? NaN)} / ${ms(x.setup.firstDrawMs ?? NaN)} | ${x.setup.applySlices ?? '?'}, ${ms(x.setup.applySliceMaxMs ?? NaN)} | ${x.setup.longTasksDuringLayout.length}${x.setup.longTasksDuringLayout.length ? ` (longest ${ms(layoutLongest[i]!)})` : ''}${causes} | ${afterLongest[i] === 0 ? 'none' : ms(afterLongest[i]!)} | ${ms(x.setup.addMs)} | ${ms(x.defaultAddMs)} |`,
    )
  })
  lines.push('')
  lines.push('## Expand a node with 50 children', '')
  lines.push(
    '| Round | toCyElements | patchElements | layoutWithElk (only the new part): wall / pack / apply | forced redraw | Total | Added elements |',
  )
  lines.push('|---|---|---|---|---|---|---|')
  for (const x of r) {
    const e = x.expand
    lines.push(
      `| ${x.round} | ${ms(e.toElementsMs)} | ${ms(e.patchMs)} | ${ms(e.layoutMs)} / ${ms(e.packMs)} / ${ms(e.applyMs)} | ${ms(e.renderMs)} | ${ms(e.totalMs)} | ${e.added} (${e.children} children) |`,
    )
  }
  lines.push('')
  if (q) {
    lines.push('## Depth-5 lineage query (main side)', '')
    lines.push(
      `Synthetic bench-scale catalogue: ${q.assets.toLocaleString('en')} assets (5,000 tables, 200 topics, 300 collections), ${q.fields.toLocaleString('en')} fields, ${q.fieldEdges.toLocaleString('en')} field edges. LineageIndex build (once per catalogue version): ${q.indexBuildMs.map(ms).join(', ')}. ${q.queries} queries of each kind per round, \`neighbourhood(index, { direction: 'both', depth: 5, maxFanOut: 25 })\`.`,
      '',
    )
    lines.push('| Round | Field (column) median / max | Table median / max | Topic median / max |')
    lines.push('|---|---|---|---|')
    q.rounds.forEach((x, i) => {
      lines.push(
        `| ${i + 1} | ${ms(x.field.median)} / ${ms(x.field.max)} | ${ms(x.table.median)} / ${ms(x.table.max)} | ${ms(x.topic.median)} / ${ms(x.topic.max)} |`,
      )
    })
    lines.push('')
    lines.push(
      `Result sizes of the first query: field ${q.resultSize.field.nodes} nodes / ${q.resultSize.field.edges} edges; table ${q.resultSize.table.nodes} / ${q.resultSize.table.edges}; topic ${q.resultSize.topic.nodes} / ${q.resultSize.topic.edges}.`,
      '',
    )
  }
  lines.push(NOTES)
  lines.push(METHOD)
  return lines.join('\n')
}

function p90(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length * 0.9)] ?? NaN
}

const NOTES = `## Notes

- **How the engine pans** (\`graph-engine/viewport-mode.ts\`). Two cheap ways to redraw a moved
  view exist in cytoscape's canvas renderer and neither wins everywhere: its layered texture
  cache (the whole graph drawn once into small offscreen layers, then blitted) is the cheapest
  when its layers fit, i.e. zoomed out, but only once they are built (right after a layout it
  draws every element instead); \`textureOnViewport\` (one texture of the current view, moved)
  costs a fixed ~5-20 ms. The engine switches \`textureOnViewport\` per viewport change: off
  where the layered cache fits and has a complete level, on otherwise. cytoscape only uses the
  texture during gestures (drag, wheel, pinch); the engine also uses it for a *burst* of
  programmatic viewport changes (the second within 200 ms of the previous one or of its redraw:
  keyboard panning, animations, a script's \`panBy\` steps), through the flag and 150 ms release
  timer cytoscape's own wheel handler uses, and ends the burst with one full redraw. A single
  programmatic jump (a fit, centring on a node) is drawn normally. So the panBy rows now
  measure that: their first step is a full redraw, the second draws the texture (a full
  redraw at twice the pixels), and the burst's closing redraw is reported apart, above.
- **The fitted overview's ratio target cannot be met by redrawing less.** There the default
  configuration already blits one small layer (the 5,000 nodes fitted are a strip ~100 px
  wide). The *empty canvas* column is a cytoscape instance with no elements at all taking the
  same steps: clearing and reading back a 1280×800 canvas plus cytoscape's event and render
  bookkeeping. In this run it is above a third of the default's number for the drag and about
  a third for panBy (leaving a tenth of a millisecond to draw anything), so no drawing
  strategy inside cytoscape's canvas renderer reaches ≤ 1/3 there; the engine uses the same
  layered cache as the default (once it is built) and is reported as measured, a few ms.
- **Layout: what the engine does now** (\`elk-layout.ts\`, \`first-draw.ts\`). The long tasks of
  the last run were cytoscape's frames drawing the 5,000 never-placed nodes, stacked, while ELK
  ran in the worker, then one first render of the laid-out graph (styles, geometry and a draw
  of all 15,000 elements: 1 to 7 s). Now the first layout of an instance holds cytoscape's
  frames (a \`cy.batch\` open from the call, in the same task as the add, as the Lineage page
  does it) until its first frame is ready: packing (4 nodes between clock reads), applying
  the answer, then, still held, the style, rendered geometry and bounding box of every element
  and the filling of cytoscape's layered texture cache for the fitted view (through its own
  queue), all in slices of ≤ 5 ms of work. The first frame then blits one finished layer
  (a forced redraw right after the layout: ~1 ms in a probe, bench/graph/probe.ts).
  This reaches into cytoscape 3.34's renderer (layered cache fields, \`_private\`); a version
  without them falls back to an ordinary first frame. A relayout of an already drawn graph
  (a new focus) is not held: it keeps drawing while ELK works.
- **Layout: why it still fails.** Three steps are still single tasks, named in the table by the
  \`elk:*\` measure they overlap: (1) \`elk:first-draw:flush\`, cytoscape's own before-frame
  bookkeeping for 15,000 changed elements (its texture caches invalidated element by element;
  5 to 10 s in this run; why it costs that much with every element's geometry already
  computed is not understood yet, and it cannot be sliced from outside); (2) \`elk:first-draw:queue\`, the layered cache queueing all elements into
  its layers (1.4 to 2.7 s); (3) the first frames after (0.1 to 0.8 s, against 1.1 to 6.2 s in
  earlier runs). The other long tasks overlap either a slice of ≤ 5 ms of work or no engine
  step at all (ELK in the worker, frames held: garbage collection or the browser's own work),
  stretched past 50 ms of wall time: the machine is 2 cores at a load average of 12-20
  (header), so a thread is pre-empted mid-slice. And the price: the graph appears only when
  its first frame is ready (preparing took 30 to 52 s of wall time in this run, with ELK itself at 74 to 109 s); the
  canvas shows what it showed before meanwhile. The window measured is honest: from the call
  of \`layoutWithElk\` until three frames after its promise resolves, first render included.
- **Not done: the add.** \`patchElements\` of 15,000 elements is one task (cytoscape's \`add\`,
  seconds under this load), reported apart in the table. It is the element add, not the layout,
  but a user waits through it; slicing it (adding in parts while frames are held) is the next
  step.
- **Expand** now diffs against the previous patch's definitions (plain object comparisons,
  only changed elements touched in cytoscape) instead of reading back 15,000 elements, and
  packs its 50 nodes without yielding (its toCyElements, patch and pack columns are still
  inflated by the load; an earlier single-round run at a similar load took 27 ms / 65 ms for
  the first two). Its total is still dominated by the one full redraw at
  zoom 1 that any change to the elements costs: cytoscape's canvas renderer walks all 15,000
  elements per redraw (its layered cache cannot hold this graph at zoom 1: the layer would
  be ~8,000 × 61,000 px) and strokes the ~1,400 long inter-layer edges crossing the view.
  That redraw alone is above the 200 ms budget on this machine under load; making it cheaper
  needs a renderer that culls by viewport (or a layout with shorter edges), not done here.
  Unchanged this session: a profile of that redraw (bench/graph/probe.ts) shows ~1,330 edges
  whose boxes meet the view (long inter-layer edges that do cross it, so culling by box would
  keep them), cytoscape's box test on all 15,000 elements (~75 ms under load) and the
  rasterising of those strokes at the readback. A partial redraw (only the changed elements,
  on cytoscape's drag layer) was considered and not built: the node layer would keep the old
  collapsed node and its edges until the next full redraw.
- **WebGL** (\`webgl: true\`, cytoscape 3.34's experimental renderer) was probed by hand in an
  earlier run: Chromium's only WebGL here is SwiftShader (software, --disable-gpu), where a
  forced redraw at zoom 1 took ~840 ms against ~100 ms for the canvas renderer. The engine keeps
  the canvas renderer; \`createLineageCy(container, { theme, webgl: true })\` exists for a
  measurement on a machine with a GPU.
- **Load.** The machine is 2 cores shared with other sessions; the load averages in the header
  inflate every wall-clock number here, long tasks included (a 20 ms task stretched past 50 ms
  by CPU contention counts as long). Re-run on a quiet machine before trusting the absolute
  values; the ratios are taken within one page and one moment.
- **ELK** on the 5,000-node overview takes seconds in the worker even with its fast strategies
  (\`elk-graph.ts\`: longest-path layering, one sweep, simple placement above 2,500 nodes).

`

const METHOD = `## How it is measured

- **Graph**: \`bench/graph/synth-graph.ts\`, seed 6: 5,000 asset nodes (2,200 PostgreSQL and
  1,000 SQL Server tables, 80 Connect connectors, 1,000 topics, 300 registry subjects, 400
  collections, 20 model nodes) and 10,000 asset edges in the estate's flow (table -> CDC
  connector -> topic -> subject / collection -> model, plus ETL into reporting tables).
- **Page**: \`bench/graph/page/\`, built with Vite from the engine's sources (the ELK worker is
  bundled as the renderer bundles it) and served by a tiny static server; Debian's Chromium via
  playwright-core with the e2e suite's flags (--no-sandbox --disable-gpu ..., a fresh profile per
  launch), viewport 2600×820. Two 1280×800 containers side by side in the same page: the engine
  (\`createLineageCy\` + \`toCyElements\` + \`patchElements\` + \`layoutWithElk\`) and cytoscape
  3.34.4 with default options and a minimal stylesheet (\`label: data(label)\` on nodes and
  edges), the same elements at the same positions (copied from the engine's ELK layout).
- **Pan**: after \`fit\` (or zoom 1 at the centre), 60 idle animation frames and 300 ms so
  cytoscape's texture caches fill (as after a user stops moving); then N steps of ±12, ±5 px
  (back and forth every 10 steps), each followed by a *forced synchronous redraw*. Two kinds of
  step: **mouse drag** — synthetic mousedown on an empty spot of the canvas, then one mousemove
  per step, which cytoscape's own gesture handler turns into a pan (what a user does); and
  **cy.panBy** — the programmatic call, no gesture. The forced redraw is the same work
  cytoscape's requestAnimationFrame loop does for one frame — its before-render hooks (element
  geometry, texture-cache dequeuing) then \`renderer.render()\` — called directly, then a
  1-pixel \`getImageData\` on the node and drag layer canvases, which makes Chromium rasterise
  the recorded canvas commands now rather than at the next compositor commit. The time spans
  panBy to the end of the readback; the median of the steps is the round's number. Frames per
  second are not measured (the display caps them). The order of the two configurations
  alternates by round and view. A drag starts on a spot where cytoscape's own hit test finds
  no element (a press on an edge makes it \`:active\`, a style change that invalidates the
  caches). The first step of a drag or of a panBy burst renders the texture (a full redraw),
  and the release redraws everything again. **Empty canvas**: the same steps on a cytoscape
  instance with no elements, default options, same size: the floor of a forced redraw.
- **Layout**: as the Lineage page does it: \`patchElements\` of the 15,000 elements and, in the
  same task, \`layoutWithElk(cy, { view: fit })\`. A PerformanceObserver('longtask') records
  main-thread tasks over 50 ms from that call until its promise resolves (packing, posting,
  applying the answer, preparing the first frame, all in slices) and for three frames after
  (the first frames of the laid-out graph); the target is the longest of both. The task of the
  add (measured by a \`graph:add\` mark) is reported apart.
- **Expand**: zoom 1 centred on a topic with one source table; its 50 fields and their 50 field edges (from the
  collapsed table, so redrawn to it) are added: \`toCyElements\` of the whole graph (as the
  page does) + \`patchElements\` + \`layoutWithElk({ only: placed })\` (unconnected fields: a
  column, no worker round trip) + one forced redraw.
- **Query**: \`bench/graph/query-bench.ts\` in Node (tsx), the main-side graph module
  (\`src/main/lineage/graph\`: LineageIndex + neighbourhood) on a synthetic bench-scale
  catalogue, since the bench estate is not running; the time excludes building the index
  (reported apart) and JSON transport.
`

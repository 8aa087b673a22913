/**
 * toCyElements + patchElements, warm, side by side with another checkout of the same code
 * (issue 6: every expand and every render of the Lineage page runs both over the whole graph).
 *
 * bench/graph's expand is measured once per fresh Chromium, so it reads the cold cost (code not
 * yet optimised); this reads what the same two steps cost once the page has run a while, in
 * Node with headless cytoscape (no drawing), on bench/graph's 5,000-node, 10,000-edge overview.
 * Each cycle expands a topic with 50 fields (as the bench's expand) and collapses it again, in
 * both checkouts, alternating which goes first; the ratio of medians is the result.
 *
 *   git worktree add /tmp/sightline-base <rev>
 *   ln -s "$PWD/node_modules" /tmp/sightline-base/node_modules
 *   npx tsx bench/graph/diff-warm.ts --baseline /tmp/sightline-base [--cycles 60]
 *
 * Writes bench/results/graph-diff.md.
 */
import { writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape'
import type { LineageGraph } from '../../src/shared/model/lineage'
import { codeVersion } from '../shared/code-version'
import { REPO_ROOT } from '../shared/results-file'
import { overviewGraph, withExpandedTopic } from './synth-graph'
import { median } from './report'

type Step = 'toElements' | 'patch' | 'display' | 'pagePatch'

interface Engine {
  name: string
  toCyElements: (g: LineageGraph, o?: { expanded?: Set<string> }) => ElementDefinition[]
  patchElements: (cy: Core, next: ElementDefinition[]) => unknown
  /** As the page calls it (with the graph in a checkout before 2026-11-29, which took it). */
  displayElements: (els: ElementDefinition[], g: LineageGraph, o?: Display) => ElementDefinition[]
  /** Patched with the engine's elements, as bench/graph's page does. */
  cy: Core
  /** Patched with the Lineage page's elements (displayElements of the engine's). */
  pageCy: Core
  samples: Record<Step, number[]>
}

const { values } = parseArgs({
  options: { baseline: { type: 'string' }, cycles: { type: 'string', default: '60' } },
})
if (!values.baseline) throw new Error('--baseline DIR: a checkout to compare with (see the header)')
const cycles = Number(values.cycles)
if (!Number.isInteger(cycles) || cycles < 5) throw new Error('--cycles: an integer ≥ 5')

interface Display {
  showAll?: ReadonlySet<string>
}

const ENGINE = 'src/renderer/features/lineage/graph-engine'
async function load(name: string, root: string): Promise<Engine> {
  const te = await import(path.join(root, ENGINE, 'to-elements.ts'))
  const pe = await import(path.join(root, ENGINE, 'patch-elements.ts'))
  const de = await import(path.join(root, ENGINE, '../display-elements.ts'))
  return {
    name,
    toCyElements: te.toCyElements,
    patchElements: pe.patchElements,
    // (elements, opts = {}) now; (elements, graph, opts = {}) before: `length` counts the
    // parameters before the first default.
    displayElements: (els, g, o) =>
      de.displayElements.length >= 2 ? de.displayElements(els, g, o) : de.displayElements(els, o),
    cy: cytoscape({ headless: true, styleEnabled: false }),
    pageCy: cytoscape({ headless: true, styleEnabled: false }),
    samples: { toElements: [], patch: [], display: [], pagePatch: [] },
  }
}

const built = overviewGraph()
const topics = built.topics.filter((t) => (built.topicSources.get(t) ?? []).length === 1)
const engines = [await load('this checkout', REPO_ROOT), await load('baseline', values.baseline)]
for (const e of engines) {
  e.patchElements(e.cy, e.toCyElements(built.graph))
  e.patchElements(e.pageCy, e.displayElements(e.toCyElements(built.graph), built.graph))
}

/** One expand and one collapse; the samples of the first `warmup` cycles are dropped. */
function cycle(e: Engine, graph: LineageGraph, topic: string, keep: boolean) {
  for (const [g, expanded] of [
    [graph, new Set([topic])],
    [built.graph, new Set<string>()],
  ] as const) {
    const t0 = performance.now()
    const next = e.toCyElements(g, { expanded })
    const t1 = performance.now()
    e.patchElements(e.cy, next)
    const t2 = performance.now()
    // The page's step after toCyElements, every field of the opened topic shown (as after
    // "+N more fields"), and its patch.
    const shown = e.displayElements(next, g, { showAll: expanded })
    const t3 = performance.now()
    e.patchElements(e.pageCy, shown)
    const t4 = performance.now()
    if (keep) {
      e.samples.toElements.push(t1 - t0)
      e.samples.patch.push(t2 - t1)
      e.samples.display.push(t3 - t2)
      e.samples.pagePatch.push(t4 - t3)
    }
  }
}

const warmup = 5
for (let k = 0; k < cycles + warmup; k++) {
  const topic = topics[k % topics.length]!
  // New node objects for the topic's fields each time, as a new expansion query brings.
  const graph = withExpandedTopic(built, topic)
  const order = k % 2 ? [engines[1]!, engines[0]!] : engines
  for (const e of order) cycle(e, graph, topic, k >= warmup)
}
// Both checkouts must have drawn the same thing for the timings to compare.
const holding = (cy: Core) =>
  cy
    .elements()
    .map((ele) => `${ele.id()} ${ele.data('label') ?? ''} ${[...ele.classes()].sort()}`)
    .sort()
    .join('\n')
for (const which of ['cy', 'pageCy'] as const) {
  if (holding(engines[0]![which]) !== holding(engines[1]![which])) {
    throw new Error(`the two checkouts drew different ${which} elements`)
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`
const [mine, base] = engines as [Engine, Engine]
const row = (what: string, key: Step) => {
  const a = median(mine.samples[key])
  const b = median(base.samples[key])
  return `| ${what} | ${ms(a)} | ${ms(b)} | ${(a / b).toFixed(2)} |`
}
const code = codeVersion()
const baseCode = codeVersion(values.baseline)
const describe = (c: typeof code) => {
  if (!c) return 'unknown'
  // The baseline's node_modules is the symlink the header asks for, not a change to the code.
  const changed = c.uncommitted.filter((p) => p !== 'node_modules')
  return `${c.commit}${changed.length ? ` + uncommitted changes (${changed.join(', ')})` : ''}`
}
const report = `# bench/graph/diff-warm.ts: toCyElements + patchElements, warm

Run ${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · Node ${process.version} · load average ${os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' / ')} at the end · \`npx tsx bench/graph/diff-warm.ts --baseline DIR --cycles ${cycles}\`

- This checkout: ${describe(code)}.
- Baseline: ${describe(baseCode)}.

bench/graph's overview (5,000 nodes, 10,000 edges, all asset level). Each cycle expands a topic
with 50 fields (new node objects, as an expansion query brings) and collapses it; ${cycles} cycles
after ${warmup} of warm-up, both checkouts in one process, alternating which goes first. Medians
over ${cycles * 2} calls each (expands and collapses together). Headless cytoscape: what the two
steps cost, not the drawing after them.

| step | this checkout | baseline | ratio |
|---|---:|---:|---:|
${row('toCyElements (the whole graph)', 'toElements')}
${row('patchElements (into the graph drawn)', 'patch')}
${row("displayElements (the Lineage page's step after toCyElements)", 'display')}
${row("patchElements of the page's elements", 'pagePatch')}

bench/graph's page draws the engine's elements (the first two rows); the Lineage page draws
displayElements' (the last two rows replace the second).
`
writeFileSync(path.join(REPO_ROOT, 'bench/results/graph-diff.md'), report)
console.log(report)

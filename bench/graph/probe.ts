import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { summariseProfile as summarise } from './profile-summary'
import { servePage } from './serve-page'
import { benchPageConfig } from './vite.config'

/**
 * Profiling by hand (not part of `npm run bench:graph`): loads the bench page, sets up the
 * engine from cached ELK positions (/tmp/graph-probe-positions.json, made on the first run),
 * runs the script given as the first argument (a file evaluated in the page as an async
 * function body with `lib` in scope) under the CDP sampling profiler, and prints the functions
 * with the most self time.
 */
const script = readFileSync(process.argv[2]!, 'utf8')
const POS = '/tmp/graph-probe-positions.json'
const dir = process.env.PROBE_DIR ?? '/tmp/graph-probe-page'
// Unminified, so the profile names cytoscape's functions.
const config = {
  ...benchPageConfig,
  build: { ...benchPageConfig.build, outDir: dir, minify: false },
}
if (process.argv[3] !== 'nobuild') await build(config)
const { server, url } = await servePage(dir)
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // PROBE_ARGS: extra Chromium switches separated by ';', e.g. "--js-flags=--max-semi-space-size=2".
  args: [
    '--no-sandbox',
    '--disable-gpu',
    ...(process.env.PROBE_ARGS?.split(';').filter(Boolean) ?? []),
  ],
})
try {
  const page = await browser.newPage({ viewport: { width: 2600, height: 820 } })
  page.on('console', (m) => console.log('page:', m.text()))
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  let n = 0
  await page.exposeFunction('__startProfile', () => cdp.send('Profiler.start'))
  await page.exposeFunction('__stopProfile', async () => {
    const { profile } = await cdp.send('Profiler.stop')
    // PROBE_PROFILE=prefix: also keep each raw profile (prefix-N.cpuprofile) for a call-tree look.
    if (process.env.PROBE_PROFILE) {
      writeFileSync(`${process.env.PROBE_PROFILE}-${n + 1}.cpuprofile`, JSON.stringify(profile))
    }
    summarise(profile as unknown as Parameters<typeof summarise>[0], `profile ${++n}`)
  })
  page.on('pageerror', (e) => console.error('page error:', e.message))
  await page.goto(url)
  await page.waitForFunction("document.title === 'ready'")
  if (!existsSync(POS)) {
    await page.evaluate('window.graphBench.setupEngine()')
    const pos = await page.evaluate(
      'window.cys().engine.nodes().map((n) => [n.id(), n.position()])',
    )
    writeFileSync(POS, JSON.stringify(pos))
  }
  const positions = JSON.parse(readFileSync(POS, 'utf8'))
  await page.evaluate(`window.__positions = ${JSON.stringify(positions)}`)
  // PROBE_TRACE=file: a Chromium performance trace of the script (long tasks, GC, paint),
  // summarised below: each main-thread task over 50 ms with the GC time inside it.
  const trace = process.env.PROBE_TRACE
  if (trace) {
    await browser.startTracing(page, {
      path: trace,
      categories: [
        'toplevel',
        'devtools.timeline',
        'v8',
        'disabled-by-default-v8.gc',
        'blink.user_timing',
        // PROBE_CATEGORIES: more trace categories, separated by ';' (e.g. disabled-by-default-v8.compile).
        ...(process.env.PROBE_CATEGORIES?.split(';').filter(Boolean) ?? []),
      ],
    })
  }
  // PROBE_ALLOC=1: V8's sampling heap profiler over the script, collected objects included
  // (what was allocated, not what is left), summarised by allocating function.
  const alloc = process.env.PROBE_ALLOC
  if (alloc) {
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: 16384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    })
  }
  const out = await page.evaluate(`(async () => {
    const lib = window.lib
    const positions = new Map(window.__positions)
    const profile = { start: () => window.__startProfile(), stop: () => window.__stopProfile() }
    ${script}
  })()`)
  console.log(JSON.stringify(out, null, 1))
  if (alloc) {
    const { profile } = await cdp.send('HeapProfiler.stopSampling')
    summariseAllocations(profile as unknown as { head: AllocationNode })
  }
  if (trace) {
    await browser.stopTracing()
    summariseTrace(trace)
  }
  // PROBE_SNAPSHOT=1: a heap snapshot after the script, live objects summarised by constructor.
  if (process.env.PROBE_SNAPSHOT) {
    const chunks: string[] = []
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => void chunks.push(e.chunk))
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
    summariseSnapshot(JSON.parse(chunks.join('')))
  }
} finally {
  await browser.close()
  server.close()
}

interface AllocationNode {
  callFrame: { functionName: string; url: string; lineNumber: number }
  selfSize: number
  children: AllocationNode[]
}
/** Bytes allocated per function (self) and with its callees (inclusive, once per stack). */
function summariseAllocations(profile: { head: AllocationNode }) {
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  const walk = (node: AllocationNode, stack: string[]): number => {
    const f = node.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + node.selfSize)
    total += node.selfSize
    let sum = node.selfSize
    for (const c of node.children) sum += walk(c, [...stack, key])
    if (!stack.includes(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + sum)
    return sum
  }
  walk(profile.head, [])
  const mb = (n: number) => (n / 1e6).toFixed(1).padStart(7)
  console.log(`allocated (sampled): ${mb(total)} MB; by function, self:`)
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`  ${mb(v)} MB  ${k}`)
  console.log('inclusive:')
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${mb(v)} MB  ${k}`)
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  /** CPU time of the event: far below `dur` when the thread was pre-empted or waited. */
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/**
 * Each main-thread task over 50 ms: its wall and CPU time, the garbage collection inside it and
 * the engine's user-timing steps it overlaps. (A task mostly waiting, CPU far below wall, was
 * pre-empted or waited for GC threads on the shared cores.)
 */
function summariseTrace(file: string) {
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] })
    .traceEvents
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (!main) return console.log('trace: no renderer main thread')
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X')
  const tasks = onMain.filter(
    (e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! > 50_000,
  )
  const steps = events.filter((e) => e.pid === main.pid && /^(elk|graph):/.test(e.name))
  // Garbage collection as the trace names it (V8's pauses on the main thread).
  const GC_EVENTS = new Set(['MinorGC', 'MajorGC'])
  for (const t of tasks) {
    const end = t.ts + t.dur!
    const within = (e: TraceEvent) => e.ts >= t.ts && e.ts < end
    const gc = onMain.filter((e) => GC_EVENTS.has(e.name) && within(e))
    const gcMs = gc.reduce((n, e) => n + e.dur!, 0) / 1000
    const names = [
      ...new Set(steps.filter((e) => e.ts < end && e.ts + (e.dur ?? 0) >= t.ts).map((e) => e.name)),
    ]
    console.log(
      `task ${(t.dur! / 1000).toFixed(1)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(1)} ms): ` +
        `GC ${gcMs.toFixed(1)} ms; ${names.join(', ') || 'no engine step'}`,
    )
    // What ran inside it: the trace's events on the main thread, by name (nested ones overlap).
    const inside = new Map<string, number>()
    for (const e of onMain) {
      if (e === t || !within(e) || !e.dur) continue
      inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur / 1000)
    }
    const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 12)
    console.log(`  inside: ${top.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join('; ')}`)
  }
}

/** Live objects by type and constructor name: count and self size (a heap snapshot's nodes). */
function summariseSnapshot(snap: {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }
  nodes: number[]
  strings: string[]
}) {
  const fields = snap.snapshot.meta.node_fields
  const width = fields.length
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f))
  const types = snap.snapshot.meta.node_types[0]
  const byKey = new Map<string, { n: number; bytes: number }>()
  let total = 0
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt!]!]!
    const name =
      type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt!]!] : ''
    const key = `${type} ${name}`.slice(0, 80)
    const entry = byKey.get(key) ?? { n: 0, bytes: 0 }
    entry.n++
    entry.bytes += snap.nodes[i + sizeAt!]!
    total += snap.nodes[i + sizeAt!]!
    byKey.set(key, entry)
  }
  console.log(
    `heap snapshot: ${(total / 1e6).toFixed(1)} MB in ${snap.nodes.length / width} objects`,
  )
  for (const [k, v] of [...byKey].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 40)) {
    console.log(`  ${(v.bytes / 1e6).toFixed(2).padStart(8)} MB ${String(v.n).padStart(9)}  ${k}`)
  }
}

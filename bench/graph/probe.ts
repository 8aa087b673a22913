import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { chromium } from 'playwright-core'
import { build } from 'vite'
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
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
  const file = join(dir, path === '/' ? 'index.html' : path)
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' }
  if (!existsSync(file)) return void res.writeHead(404).end()
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
  res.end(readFileSync(file))
})
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
const port = (server.address() as { port: number }).port
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
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
    summarise(profile as unknown as Parameters<typeof summarise>[0], `profile ${++n}`)
  })
  page.on('pageerror', (e) => console.error('page error:', e.message))
  await page.goto(`http://127.0.0.1:${port}/`)
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
  const out = await page.evaluate(`(async () => {
    const lib = window.lib
    const positions = new Map(window.__positions)
    const profile = { start: () => window.__startProfile(), stop: () => window.__stopProfile() }
    ${script}
  })()`)
  console.log(JSON.stringify(out, null, 1))
} finally {
  await browser.close()
  server.close()
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
function summarise(
  profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
  title: string,
) {
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]!))
  const byFn = new Map<string, number>()
  let total = 0
  for (const node of profile.nodes) {
    const t = (self.get(node.id) ?? 0) / 1000
    const f = node.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    byFn.set(key, (byFn.get(key) ?? 0) + t)
    if (!key.startsWith('(idle)') && !key.startsWith('(program)')) total += t
  }
  console.log(`${title}: ${total.toFixed(1)} ms non-idle`)
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 45)) {
    console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`)
  }
  // Inclusive (self + callees) time per function, each counted once per stack (recursion).
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const nameOf = (node: ProfileNode) =>
    `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`
  const inclusive = new Map<string, number>()
  for (const [id, t] of self) {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = nameOf(byId.get(at)!)
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + t / 1000)
    }
  }
  console.log(`${title}: inclusive`)
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 70)) {
    console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`)
  }
}

import { writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { build } from 'vite'
import { CHROMIUM_ARGS, chromiumPath } from '../../test/support/chromium'
import type { AppBenchApi } from './page/app/api'
import { summariseProfile, type CpuProfile } from './profile-summary'
import { servePage } from './serve-page'
import { benchAppConfig } from './vite.config'

/**
 * Profiling the app's expand by hand (not part of any bench run): the app bench page
 * (bench/graph/app-run.ts) built unminified, its overview opened, then the expand under the
 * CDP sampling profiler. Prints the expand's time stamps and the profile's heaviest functions,
 * and keeps the raw profile (APP_PROBE_PROFILE, default /tmp/app-expand.cpuprofile) for a
 * call-tree look. `nobuild` as the first argument reuses the last build.
 */
const dir = process.env.APP_PROBE_DIR ?? '/tmp/graph-app-probe'
const out = process.env.APP_PROBE_PROFILE ?? '/tmp/app-expand.cpuprofile'
if (process.argv[2] !== 'nobuild') {
  const config = benchAppConfig(dir)
  await build({ ...config, build: { ...config.build, minify: false } })
}
const { server, url } = await servePage(dir)
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 980 } })
  page.on('pageerror', (e) => console.error('page error:', e.message))
  await page.goto(url)
  const bench = () => (globalThis as unknown as { appBench: AppBenchApi }).appBench
  await page.evaluate(`(${bench.toString()})().ready()`)
  // The expand's own view first, so that its first frames at zoom 1 are not in the profile.
  await page.evaluate(`(async () => {
    const cy = window.appCy()
    cy.zoom(1)
    cy.center(cy.getElementById(window.benchTopic))
    for (let i = 0; i < 20; i++) await new Promise((r) => requestAnimationFrame(r))
    await new Promise((r) => setTimeout(r, 500))
  })()`)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const result = await page.evaluate(`(${bench.toString()})().expand()`)
  const { profile } = await cdp.send('Profiler.stop')
  writeFileSync(out, JSON.stringify(profile))
  console.log(JSON.stringify(result))
  summariseProfile(profile as unknown as CpuProfile, 'expand')
} finally {
  await browser.close()
  server.close()
}

import { defineConfig } from '@playwright/test'
import type { AppTarget, SightlineOptions } from './test/e2e/fixtures'
import { CHROMIUM_ARGS, chromiumPath } from './test/support/chromium'

/**
 * End-to-end tests (DESIGN.md §9): the same specs drive `sightline serve` in Debian's Chromium
 * (`npx playwright install` cannot work here, so the browser comes from apt) and, where an
 * Electron binary exists, the desktop app through Playwright's _electron (not run in CI).
 */
export default defineConfig<SightlineOptions>({
  testDir: './test/e2e/specs',
  // Not test-results/ itself: Playwright empties its outputDir, and the other suites write their
  // summaries under test-results/ too. Key screenshots go to test-results/screenshots/.
  outputDir: './test-results/e2e',
  globalSetup: './test/e2e/support/global-setup.ts',
  // Each test spawns its own server; two cores are shared, so keep it to two at a time.
  workers: 2,
  fullyParallel: true,
  forbidOnly: process.env.CI === 'true',
  retries: 0,
  // Generous: the machines that run this are shared and often loaded; waits end on what the
  // user sees, never on time.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI === 'true' ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'serve-chromium', use: { target: 'serve' satisfies AppTarget } },
    { name: 'electron', use: { target: 'electron' satisfies AppTarget } },
  ],
})

import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import {
  _electron,
  test as base,
  type Browser,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'
import { AuditPage } from './pages/audit-page'
import { AppShell } from './pages/app-shell'
import { CataloguePage } from './pages/catalogue-page'
import { SourcesPage } from './pages/sources-page'
import { createTempWorkspace, removeWorkspace, startServe } from './support/serve-app'

/** Which app the same specs drive: `sightline serve` in Chromium, or the Electron app. */
export type AppTarget = 'serve' | 'electron'

export interface EstatePostgres {
  url: string
  username: string
  password: string
}

interface SightlineWorkerFixtures {
  /** One Chromium per worker for serve mode (undefined for Electron), so tests only open contexts. */
  serveBrowser: Browser | undefined
}

interface SightlineFixtures {
  /** A fresh empty workspace per test, removed afterwards. */
  workspaceDir: string
  shell: AppShell
  sourcesPage: SourcesPage
  auditPage: AuditPage
  cataloguePage: CataloguePage
  /** Saves test-results/screenshots/<project>-<name>.png and attaches it to the report. */
  snap: (name: string) => Promise<void>
  /** The estate's PostgreSQL (crm database, read-only user); skips or fails when it is down. */
  estatePostgres: EstatePostgres
}

export interface SightlineOptions {
  target: AppTarget
}

const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots')

function electronBinary(): string | undefined {
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    return createRequire(import.meta.url)('electron') as string
  } catch {
    return undefined
  }
}

/**
 * Isolating fixtures (after usebruno/bruno's playwright/index.ts): every test gets its own
 * workspace and its own app, and the specs only ever see `page` and the page modules, so the
 * same specs run against serve mode and Electron.
 */
export const test = base.extend<SightlineFixtures, SightlineOptions & SightlineWorkerFixtures>({
  target: ['serve', { option: true, scope: 'worker' }],

  serveBrowser: [
    async ({ target, playwright, launchOptions }, use) => {
      if (target !== 'serve') return use(undefined)
      // Launched here rather than through the `browser` fixture so that the Electron project
      // never starts a browser; Playwright still records traces and screenshots of its contexts.
      const browser = await playwright.chromium.launch(launchOptions)
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' },
  ],

  workspaceDir: async ({}, use) => {
    const dir = createTempWorkspace()
    await use(dir)
    removeWorkspace(dir)
  },

  page: async ({ target, workspaceDir, serveBrowser }, use, testInfo) => {
    if (target === 'electron') {
      const executablePath = electronBinary()
      test.skip(
        !executablePath,
        'No Electron binary here (ELECTRON_SKIP_BINARY_DOWNLOAD): run the serve-chromium project',
      )
      const app: ElectronApplication = await _electron.launch({
        executablePath: executablePath!,
        args: [path.join(REPO_ROOT, 'out', 'main', 'electron.js'), `--workspace=${workspaceDir}`],
        env: { ...process.env, SIGHTLINE_WORKSPACE: workspaceDir } as Record<string, string>,
      })
      const window = await app.firstWindow()
      await use(window)
      await app.close()
      return
    }

    const served = await startServe(workspaceDir)
    const context = await serveBrowser!.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    try {
      await page.goto(served.loginUrl)
      await use(page)
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('sightline-serve-output', {
          body: served.output(),
          contentType: 'text/plain',
        })
      }
      await context.close()
      await served.stop()
    }
  },

  shell: async ({ page }, use) => use(new AppShell(page)),
  sourcesPage: async ({ page }, use) => use(new SourcesPage(page)),
  auditPage: async ({ page }, use) => use(new AuditPage(page)),
  cataloguePage: async ({ page }, use) => use(new CataloguePage(page)),

  snap: async ({ page }, use, testInfo) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    await use(async (name) => {
      const file = path.join(SCREENSHOT_DIR, `${testInfo.project.name}-${name}.png`)
      // Park the pointer where it hovers nothing, so no tooltip or hover colour lands in the shot.
      await page.mouse.move(1, 799)
      await page.screenshot({ path: file })
      await testInfo.attach(name, { path: file, contentType: 'image/png' })
    })
  },

  estatePostgres: async ({}, use) => {
    const env = estateEnv()
    const port = Number(env.SIGHTLINE_PG_PORT ?? 55432)
    const up = await serviceAvailable('PostgreSQL', '127.0.0.1', port)
    test.skip(
      !up,
      `the estate's PostgreSQL is not running on 127.0.0.1:${port} (npm run estate:up)`,
    )
    await use({
      url: `postgres://127.0.0.1:${port}/crm`,
      username: env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader',
      password: env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass',
    })
  },
})

export { expect } from '@playwright/test'
export type { Page }

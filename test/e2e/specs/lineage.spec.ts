import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { expect, test as base } from '../fixtures'
import { docsScreenshot } from '../support/docs-screenshot'
import type { Page } from '@playwright/test'
import type { AppShell } from '../pages/app-shell'
import { CataloguePage } from '../pages/catalogue-page'
import { LineagePage } from '../pages/lineage-page'
import { backgroundSpots, pixelDifference } from '../support/pixels'
import { mostStrokesInAFrame, recordStrokeScales, strokeScales } from '../support/stroke-scales'
import { createTempWorkspace, removeWorkspace } from '../support/serve-app'

/** A crawl of the small estate takes seconds; a loaded shared machine may need more. */
const CRAWL_LIMIT = { timeout: 90_000 }
/** ELK runs in a worker, which a new question restarts: slow on a loaded shared machine. */
const LAYOUT_LIMIT = { timeout: 60_000 }
const CUSTOMER_EMAIL = 'postgres://amper-pg/crm/dbo/Customer#Email'
const TOPIC_EMAIL = 'kafka://events/crm.dbo.Customer#after.Email'
const SINGLEVIEW_EMAIL = 'mongodb://singleview/singleview/customers#contact.email'
const CRM_CDC = 'kafka-connect://connect/crm-cdc'

/**
 * Each test gets a fresh workspace holding the reference estate's catalogue as code: sources,
 * owners, processing, the declared lineage of the single-view builder and the single-view model.
 */
const test = base.extend<{
  lineage: LineagePage
  catalogue: CataloguePage
  /** A declared edge left out of the workspace's builder declarations (a line's text). */
  undeclare: string | undefined
}>({
  undeclare: [undefined, { option: true }],
  workspaceDir: async ({ undeclare }, use) => {
    const env = estateEnv()
    await serviceAvailable('PostgreSQL', '127.0.0.1', Number(env.SIGHTLINE_PG_PORT ?? 55432))
    const dir = createTempWorkspace()
    mkdirSync(path.join(dir, 'catalog'))
    for (const entry of ['sources.yaml', 'owners.yaml', 'processing.yaml', 'lineage', 'model']) {
      cpSync(path.join(REPO_ROOT, 'catalog', entry), path.join(dir, 'catalog', entry), {
        recursive: true,
      })
    }
    if (undeclare) {
      const file = path.join(dir, 'catalog', 'lineage', 'singleview-builder.yaml')
      const lines = readFileSync(file, 'utf8').split('\n')
      const kept = lines.filter((line) => !line.includes(undeclare))
      if (kept.length !== lines.length - 1)
        throw new Error(`"${undeclare}" is not one declared line`)
      writeFileSync(file, kept.join('\n'))
    }
    await use(dir)
    removeWorkspace(dir)
  },
  lineage: async ({ page }, use) => use(new LineagePage(page)),
  catalogue: async ({ page }, use) => use(new CataloguePage(page)),
})

/** Crawls the estate, then opens the Lineage page at 1440 × 900 (the screenshots' size). */
async function crawlThenOpenLineage(shell: AppShell, catalogue: CataloguePage, page: Page) {
  await shell.goTo('Catalogue')
  await catalogue.crawlFirstButton.click()
  await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)
  await shell.goTo('Lineage')
  await page.setViewportSize({ width: 1440, height: 900 })
}

test.describe('Lineage', () => {
  test('contact.email traces back to crm.dbo.Customer.Email through the CDC topic and the builder', async ({
    lineage,
    catalogue,
    shell,
    page,
    snap,
  }) => {
    // A crawl and a dozen questions to the graph: on a loaded shared machine, more than the default.
    test.setTimeout(240_000)
    await shell.goTo('Catalogue')
    await catalogue.crawlFirstButton.click()
    await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)
    await catalogue.crawlPanel.getByRole('button', { name: 'Dismiss crawl progress' }).click()

    // From the catalogue: the field's own Lineage link opens the page focused on it, one hop
    // each way by default.
    await catalogue.search.fill('email')
    await catalogue.searchHit(/singleview\.customers › contact\.email/).click()
    await catalogue
      .fieldRow('contact.email')
      .getByRole('link', { name: 'Lineage of contact.email' })
      .click()
    await expect(lineage.heading).toBeVisible()
    await expect(page).toHaveURL(/#\/lineage\?urn=/)
    await expect(lineage.nodeDetails).toContainText('contact.email')
    await expect(lineage.nodeDetails).toContainText(SINGLEVIEW_EMAIL)
    await expect(lineage.canvas).toHaveAttribute('aria-label', /^Lineage graph: [1-9]\d* nodes/)
    // Its one upstream hop is the builder, with the transformation named.
    const builderHop = lineage.upstreamEdges.getByRole('button', {
      name: /after\.Email via singleview-builder: trim, then lower-case/,
    })
    await expect(builderHop).toBeVisible()
    // The personal-data overlay: the field is an email, with the reason why.
    await expect(lineage.nodeDetails.getByTestId('node-personal-data')).toContainText(
      'Email address',
    )
    await expect(lineage.legend).toContainText('Contact')

    // The edge itself: transformation, process and the declaration's file and line.
    await builderHop.click()
    await expect(lineage.edgeDetails.getByTestId('edge-transform')).toHaveText(
      'trim, then lower-case',
    )
    await expect(lineage.edgeDetails.getByTestId('edge-origin')).toContainText(
      /catalog\/lineage\/singleview-builder\.yaml:\d+/,
    )

    // Two hops upstream reach the SQL column through the CDC topic.
    await lineage.direction.getByText('Upstream').click()
    await lineage.depth.fill('2')
    await lineage.tab('Nodes').click()
    await expect(lineage.nodeButton(CUSTOMER_EMAIL)).toBeVisible()
    await expect(lineage.nodeButton(TOPIC_EMAIL)).toBeVisible()

    // The path from the column to the single-view field, hop by hop, highlighted in the graph.
    await lineage.selectNode(CUSTOMER_EMAIL)
    await expect(lineage.nodeDetails).toContainText('crm.dbo.Customer › Email')
    await lineage.detailsButton('Path from here').click()
    await lineage.selectNode(SINGLEVIEW_EMAIL)
    await lineage.detailsButton('Path to here').click()
    const hops = lineage.path(1).getByRole('listitem')
    await expect(hops).toHaveCount(2)
    await expect(hops.nth(0)).toContainText(
      'crm.dbo.Customer › Email → crm.dbo.Customer › after.Email',
    )
    await expect(hops.nth(0)).toContainText('crm-cdc')
    await expect(hops.nth(1)).toContainText('singleview.customers › contact.email')
    await expect(hops.nth(1)).toContainText('singleview-builder: trim, then lower-case')

    // The CDC hop says which connector and which of its settings made it.
    await hops.nth(0).getByRole('button').click()
    await expect(lineage.edgeDetails.getByTestId('edge-origin')).toContainText('crm-cdc')
    await expect(lineage.edgeDetails).toContainText('Extracted')

    // The graph as the architect sees it: the path lit, the builder's edge chosen.
    await lineage.tab('Path').click()
    await hops.nth(1).getByRole('button').click()
    await expect(lineage.edgeDetails.getByTestId('edge-transform')).toHaveText(
      'trim, then lower-case',
    )
    await expect(lineage.canvas).not.toHaveAttribute('data-laying-out', 'true')
    await page.setViewportSize({ width: 1440, height: 900 })
    await lineage.page.getByRole('button', { name: 'Fit the graph' }).click()
    await snap('lineage')
    await docsScreenshot(page, 'lineage')

    // Exports: the lineage data of this neighbourhood as OpenLineage JSON.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      lineage.exportAs('OpenLineage JSON'),
    ])
    expect(download.suggestedFilename()).toMatch(/\.openlineage\.json$/)
    const content = readFileSync(await download.path(), 'utf8')
    expect(content).toContain('columnLineage')
  })
})

test.describe('Lineage search, keyboard and asset-level personal data', () => {
  test('finds fields typed as paths or words, lets go on Escape, and shows personal data per asset', async ({
    lineage,
    catalogue,
    shell,
    page,
    snap,
  }) => {
    // A crawl and a dozen questions to the graph: on a loaded shared machine, more than the default.
    test.setTimeout(300_000)
    await shell.goTo('Catalogue')
    await catalogue.crawlFirstButton.click()
    await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)
    await shell.goTo('Lineage')

    // A field path as the architect types it, and the same field by the words of its path.
    for (const text of ['contact.email', 'singleview customers email']) {
      await lineage.search.fill(text)
      await expect(lineage.searchHits().first()).toHaveText(
        /singleview\.customers › contact\.email/,
      )
    }
    // The column first, then the topic fields that carry it; Enter focuses the first.
    await lineage.search.fill('crm Customer.Email')
    await expect(lineage.searchHits().first()).toHaveText(/^crm\.dbo\.Customer › Email/)
    await expect(lineage.searchHits().nth(1)).toHaveText(/crm\.dbo\.Customer › after\.Email/)
    await lineage.search.press('Enter')
    await expect(lineage.nodeDetails).toContainText(CUSTOMER_EMAIL)
    await expect(page).toHaveURL(/#\/lineage\?urn=postgres/)

    // Escape closes the list, a second one clears the text.
    await lineage.search.fill('contact.email')
    await expect(lineage.searchHits().first()).toBeVisible()
    await lineage.search.press('Escape')
    await expect(lineage.searchResults).toBeHidden()
    await lineage.search.press('Escape')
    await expect(lineage.search).toHaveValue('')

    // The canvas takes focus; Escape there lets go of the selection.
    await lineage.canvas.focus()
    await expect(lineage.canvas).toBeFocused()
    await lineage.canvas.press('Escape')
    await expect(lineage.nodeDetails).toBeHidden()

    // At asset level the table carries its fields' personal data, and the legend counts it.
    await lineage.level.getByText('Assets').click()
    await lineage.selectNode('postgres://amper-pg/crm/dbo/Customer')
    await expect(lineage.nodeDetails.getByTestId('node-personal-data')).toContainText(
      /\d+ personal fields \(.*Email/,
    )
    await expect(lineage.legend).toContainText(/Identity \d+/)
    await expect(lineage.legend).toContainText('PostgreSQL')

    // A table nothing reads or writes says so rather than showing a lone box.
    await lineage.focusBySearch('legacy tblCust', /legacy\.dbo\.tblCust/)
    await expect(lineage.canvasMessage).toHaveText(/No lineage for legacy\.dbo\.tblCust/)

    // Dark theme: the same page, for the eye (labels of opened assets are light on dark).
    await lineage.focusBySearch('contact.email', /singleview\.customers › contact\.email/)
    await lineage.level.getByText('Fields').click()
    await shell.themeToggle().click()
    await expect.poll(() => shell.colorScheme()).toBe('dark')
    await expect(lineage.canvas).toHaveAttribute('aria-label', /^Lineage graph: [1-9]\d* nodes/)
    await snap('lineage-dark')
  })
})

test.describe('Lineage page readability', () => {
  test('connectors sit on their paths, wide assets fold their fields, the canvas names things in full', async ({
    lineage,
    catalogue,
    shell,
    page,
    snap,
  }) => {
    test.setTimeout(240_000)
    await crawlThenOpenLineage(shell, catalogue, page)

    // A connector is drawn between the tables it reads and the topics it writes, not alone.
    await lineage.focusBySearch('crm-cdc', /^crm-cdc/)
    await expect(lineage.nodeDetails).toContainText(CRM_CDC)
    await expect(lineage.upstreamEdges).toContainText('crm.dbo.Customer')
    await expect(lineage.downstreamEdges).toContainText('crm.dbo.Customer')
    await expect(lineage.canvas).not.toHaveAttribute('data-laying-out', 'true', LAYOUT_LIMIT)
    await lineage.canvas.focus()
    await expect(lineage.tooltip).toContainText('Connector')
    await expect(lineage.tooltip).toContainText(/In view\s*[1-9]\d* in, [1-9]\d* out/)
    await snap('lineage-connector')

    // Hovering a node shows its whole name, URN, platform, type and personal data.
    // Every edge drawn on the way is stroked at its frame's one view scale: cytoscape's
    // arrowheads, undone by inverse, made it creep edge by edge (exact-arrow-transform.ts).
    await recordStrokeScales(page)
    await lineage.focusBySearch('contact.email', /singleview\.customers › contact\.email/)
    await expect(lineage.canvas).not.toHaveAttribute('data-laying-out', 'true', LAYOUT_LIMIT)
    // The laid-out neighbourhood drawn: a frame that stroked its edges.
    await expect.poll(() => mostStrokesInAFrame(page)).toBeGreaterThan(4)
    const frames = await strokeScales(page)
    expect(Math.max(0, ...frames.map((f) => f.strokes))).toBeGreaterThan(4)
    expect(frames.filter((f) => f.scales.length > 1)).toEqual([])
    await lineage.hoverNode(TOPIC_EMAIL)
    await expect(lineage.tooltip).toBeVisible()
    await expect(lineage.tooltip).toContainText('crm.dbo.Customer › after.Email')
    await expect(lineage.tooltip).toContainText(TOPIC_EMAIL)
    await expect(lineage.tooltip).toContainText('Kafka topic field')
    await expect(lineage.tooltip).toContainText('Email address')
    await snap('lineage-tooltip')
    await page.mouse.move(0, 0)
    await expect(lineage.tooltip).toBeHidden()

    // A topic of 48 fields opened to its fields: those on a path, the rest folded.
    await lineage.focusBySearch('crm.dbo.Customer', /^crm\.dbo\.Customer\s*events/)
    await lineage.level.getByText('Fields').click()
    await expect(lineage.canvas).toHaveAttribute('aria-label', /\d+ fields folded/)
    await expect(lineage.canvas).not.toHaveAttribute('data-laying-out', 'true', LAYOUT_LIMIT)
    await snap('lineage-wide-asset')
  })
})

test.describe('Lineage panning', () => {
  test('a drag over the whole graph moves the drawn canvases, then draws the same pixels for real', async ({
    lineage,
    catalogue,
    shell,
    page,
    snap,
  }, testInfo) => {
    test.setTimeout(240_000)
    await crawlThenOpenLineage(shell, catalogue, page)
    await lineage.focusBySearch('crm-cdc', /^crm-cdc/)
    await expect(lineage.nodeDetails).toContainText(CRM_CDC)
    await expect(lineage.canvas).not.toHaveAttribute('data-laying-out', 'true', LAYOUT_LIMIT)
    await page.getByRole('button', { name: 'Fit the graph' }).click()
    // Let cytoscape's texture caches settle, as after a user stops moving.
    await page.waitForTimeout(800)
    const shot = (name: string) => testInfo.outputPath(`${name}.png`)
    const canvasTransforms = () =>
      lineage.canvas
        .locator('canvas')
        .evaluateAll((all) => all.map((c) => (c as HTMLCanvasElement).style.transform))
    expect(new Set(await canvasTransforms())).toEqual(new Set(['']))

    // Press on the background (by its pixels, and where the canvas itself is under the pointer).
    const before = await lineage.canvas.screenshot({ path: shot('lineage-pan-before') })
    const box = (await lineage.canvas.boundingBox())!
    const spots = await backgroundSpots(page.context(), before)
    let start: { x: number; y: number } | undefined
    for (const spot of spots) {
      const [x, y] = [box.x + spot.x, box.y + spot.y]
      const onCanvas = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.tagName === 'CANVAS',
        [x, y],
      )
      if (onCanvas) {
        start = { x, y }
        break
      }
    }
    expect(start, 'a background spot on the canvas').toBeDefined()
    const [dx, dy] = [72, 32]
    await page.mouse.move(start!.x, start!.y)
    await page.mouse.down()
    for (let step = 1; step <= 8; step++) {
      await page.mouse.move(start!.x + (dx * step) / 8, start!.y + (dy * step) / 8)
    }

    // While the button is held, the picture is the last real one, moved by the pan. (Only the
    // canvas is captured while held: a whole-page screenshot moves Chromium's pointer.)
    await expect.poll(canvasTransforms).toContainEqual(expect.stringMatching(/^translate\(/))
    const shifted = await lineage.canvas.screenshot({ path: shot('lineage-pan-shifted') })

    // Let go: RELEASE_MS later one real redraw at the same pan replaces it.
    await page.mouse.up()
    await expect
      .poll(canvasTransforms)
      .toEqual(expect.not.arrayContaining([expect.stringMatching(/translate/)]))
    await page.waitForTimeout(300)
    const redrawn = await lineage.canvas.screenshot({ path: shot('lineage-pan-redrawn') })
    await snap('lineage-pan-redrawn')

    const moved = await pixelDifference(page.context(), before, shifted)
    expect(moved.differing).toBeGreaterThan(500)
    // The same pixels, under the pointer too: the stylesheet turns off cytoscape's grey disc
    // under a pointer pressed on the background (~0.5% of this canvas when it was drawn).
    const same = await pixelDifference(page.context(), shifted, redrawn)
    expect(same.differing / same.total).toBeLessThan(0.001)
  })
})

test.describe('Lineage suggestions', () => {
  // Without the builder's declared email edge, the values themselves show the copy: sampled
  // emails of crm and of the single view, trimmed and lower-cased, overlap.
  test.use({ undeclare: 'from: after.Email, to: contact.email' })

  test('an inferred suggestion is accepted into catalog/lineage and undone', async ({
    lineage,
    catalogue,
    shell,
    workspaceDir,
  }) => {
    // The default path (docs/lineage.md): the everyday crawl, then "Find suggestions", a profile
    // whose 3,000 records per asset read the small estate's tables and collections whole, so
    // the overlap of the two email sets is measured, not estimated from a partial sample.
    test.setTimeout(240_000)
    await shell.goTo('Catalogue')
    await catalogue.crawlFirstButton.click()
    await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)

    await shell.goTo('Lineage')
    await lineage.tab('Suggestions').click()
    await lineage.panel.getByRole('button', { name: 'Find suggestions' }).click()
    await expect(lineage.panel.getByTestId('profile-progress')).toHaveText(
      /^Profiling for suggestions \(sample 3000\): succeeded/,
      CRAWL_LIMIT,
    )
    await lineage.suggestionFilter('Open').click()
    const card = lineage.panel.getByRole('group', {
      name: /^Suggestion crm\.dbo\.Customer › (after\.)?Email → singleview\.customers › contact\.email$/,
    })
    await expect(card).toBeVisible(CRAWL_LIMIT)
    // The list may still be the one fetched while the profile ran (crm's table sketched, its
    // CDC topic not yet), and change to the topic's after.Email when the last fetch lands: read
    // the suggestion once two reads a second apart agree, then act on it.
    let label: string | null = null
    await expect
      .poll(
        async () => {
          const now = await card.getAttribute('aria-label')
          const settled = now !== null && now === label
          label = now
          return settled
        },
        { intervals: [1_000], timeout: 30_000 },
      )
      .toBe(true)
    const name = label!.replace(/^Suggestion /, '')

    await card.getByRole('button', { name: `Accept ${name}` }).click()
    await lineage.suggestionFilter('Decided').click()
    const decided = lineage.panel.getByRole('group', { name: `Suggestion ${name}`, exact: true })
    await expect(decided.getByTestId('suggestion-status')).toHaveText('accepted')
    const acceptedFile = path.join(workspaceDir, 'catalog', 'lineage', 'accepted.yaml')
    expect(readFileSync(acceptedFile, 'utf8')).toContain('contact.email')

    // Undo puts it back among the open suggestions and out of the declarations.
    await decided.getByRole('button', { name: /^Undo accepted/ }).click()
    await lineage.suggestionFilter('Open').click()
    await expect(decided.getByTestId('suggestion-status')).toHaveText('open')
    await expect(decided.getByRole('button', { name: `Accept ${name}` })).toBeVisible()
    expect(readFileSync(acceptedFile, 'utf8')).not.toContain('contact.email')
  })
})

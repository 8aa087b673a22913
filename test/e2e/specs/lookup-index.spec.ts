import { cpSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { expect, test as base } from '../fixtures'
import { CataloguePage } from '../pages/catalogue-page'
import { LookupPage } from '../pages/lookup-page'
import { createTempWorkspace, removeWorkspace } from '../support/serve-app'

/** A crawl of the small estate takes seconds; a loaded shared machine may need more. */
const CRAWL_LIMIT = { timeout: 90_000 }
/** The served app indexes the estate's Kafka topics (~30,000 messages) after the crawl. */
const INDEX_LIMIT = { timeout: 120_000 }

const test = base.extend<{ lookup: LookupPage; catalogue: CataloguePage }>({
  workspaceDir: async ({}, use) => {
    const env = estateEnv()
    await serviceAvailable('Kafka', '127.0.0.1', Number(env.SIGHTLINE_KAFKA_PORT ?? 59092))
    const dir = createTempWorkspace()
    mkdirSync(path.join(dir, 'catalog'))
    for (const entry of ['sources.yaml', 'owners.yaml', 'processing.yaml', 'lineage', 'model']) {
      cpSync(path.join(REPO_ROOT, 'catalog', entry), path.join(dir, 'catalog', entry), {
        recursive: true,
      })
    }
    await use(dir)
    removeWorkspace(dir)
  },
  lookup: async ({ page }, use) => use(new LookupPage(page)),
  catalogue: async ({ page }, use) => use(new CataloguePage(page)),
})

test.describe('Lookup index', () => {
  test('the Lookup page shows how fresh the Kafka lookup index is, per topic', async ({
    lookup,
    catalogue,
    shell,
    page,
  }) => {
    await shell.goTo('Catalogue')
    await catalogue.crawlFirstButton.click()
    await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)

    await shell.goTo('Lookup')
    await expect(lookup.heading).toBeVisible()
    const panel = page.getByRole('main').getByRole('region', { name: 'Lookup index freshness' })
    const events = panel.getByRole('group', { name: 'Lookup index of events' })
    // The served app keeps the index current: it builds (a progress bar), then is current.
    await expect(events.getByTestId('lookup-index-state')).toHaveText(
      /^(building \d+%|current|[\d,]+ messages? behind)$/,
      INDEX_LIMIT,
    )
    await expect(events.getByTestId('lookup-index-state')).toHaveText('current', INDEX_LIMIT)
    await expect(events.getByTestId('lookup-index-details')).toContainText('last caught up')
    // `serve` keeps the store (the index is most of it) in memory, and the panel says so.
    const residency = panel.getByTestId('store-residency')
    await expect(residency).toHaveAttribute('data-state', 'resident')
    await expect(residency).toHaveText(/^store in memory \(\d+ [KM]B( of \d+ [KM]B)?\)$/)
    // Every topic indexed to its high watermark: one line (each topic in its tooltip).
    await expect(events.getByTestId('lookup-index-current-topics')).toHaveText(
      /^all \d+ topics current$/,
    )
    // Stopped, it says so; kept current again, it returns to current.
    await events.getByRole('button', { name: 'Stop keeping current' }).click()
    await expect(events.getByTestId('lookup-index-state')).toHaveText('stopped')
    await events.getByRole('button', { name: 'Keep current' }).click()
    await expect(events.getByTestId('lookup-index-state')).toHaveText('current', INDEX_LIMIT)
  })
})

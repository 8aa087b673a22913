import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { expect, test as base } from '../fixtures'
import type { CataloguePage } from '../pages/catalogue-page'
import { createTempWorkspace, removeWorkspace } from '../support/serve-app'

/** The estate's sources (the repository's own catalog/), as the workspace crawled here. */
const ESTATE_SOURCES = ['amper-pg', 'connect', 'events', 'registry', 'singleview']
/** Port 1 on loopback: nothing listens there, so its crawl fails at once. */
const BROKEN_SOURCE = 'broken-pg'
/** A crawl of the small estate takes seconds; a loaded shared machine may need more. */
const CRAWL_LIMIT = { timeout: 90_000 }

/**
 * Each test gets a fresh workspace holding the reference estate's sources.yaml and owners.yaml,
 * plus a PostgreSQL source on a closed port that must fail while the others succeed.
 */
const test = base.extend({
  workspaceDir: async ({}, use) => {
    const env = estateEnv()
    await serviceAvailable('PostgreSQL', '127.0.0.1', Number(env.SIGHTLINE_PG_PORT ?? 55432))
    const dir = createTempWorkspace()
    mkdirSync(path.join(dir, 'catalog'))
    copyFileSync(
      path.join(REPO_ROOT, 'catalog', 'owners.yaml'),
      path.join(dir, 'catalog', 'owners.yaml'),
    )
    const sources = readFileSync(path.join(REPO_ROOT, 'catalog', 'sources.yaml'), 'utf8')
    writeFileSync(
      path.join(dir, 'catalog', 'sources.yaml'),
      `${sources.trimEnd()}\n\n  - name: ${BROKEN_SOURCE}\n    kind: postgres\n    url: postgres://127.0.0.1:1/crm\n    username: nobody\n`,
    )
    await use(dir)
    removeWorkspace(dir)
  },
})

async function crawlEverything(catalogue: CataloguePage): Promise<void> {
  await catalogue.page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click()
  await expect(catalogue.emptyState).toBeVisible()
  await catalogue.crawlFirstButton.click()
  await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)
  await catalogue.crawlPanel.getByRole('button', { name: 'Dismiss crawl progress' }).click()
}

test.describe('Catalogue', () => {
  test('crawls the estate with progress per source; a failing source shows its error', async ({
    cataloguePage: catalogue,
    snap,
  }) => {
    await catalogue.page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click()
    await expect(catalogue.heading).toBeVisible()
    await expect(catalogue.emptyState).toBeVisible()
    await catalogue.crawlFirstButton.click()

    // Progress appears per source while the crawl runs, then each line ends in place.
    await expect(catalogue.crawlPanel).toBeVisible()
    await expect(catalogue.crawlSummary).toHaveText(
      `Crawl finished: ${ESTATE_SOURCES.length} of ${ESTATE_SOURCES.length + 1} sources crawled, 1 failed`,
      CRAWL_LIMIT,
    )
    // Once over, the panel keeps only the sources that need a look, and can show them all.
    await expect(catalogue.crawlState(BROKEN_SOURCE)).toHaveText('Failed')
    await expect(catalogue.crawlLine('amper-pg')).toHaveCount(0)
    await catalogue.crawlPanel.getByRole('button', { name: 'Show every source' }).click()
    for (const source of ESTATE_SOURCES) {
      await expect(catalogue.crawlState(source)).toHaveText('Done')
      await expect(catalogue.crawlLine(source).getByRole('progressbar')).toHaveAttribute(
        'aria-valuenow',
        '100',
      )
    }
    await expect(catalogue.crawlState(BROKEN_SOURCE)).toHaveText('Failed')
    await expect(catalogue.crawlLine(BROKEN_SOURCE).getByRole('alert')).toContainText(
      'Connection refused',
    )

    // The tree now holds every source; the broken one is marked, the others can be opened.
    await expect(catalogue.treeItem('amper-pg')).toBeVisible()
    await expect(catalogue.treeItem(BROKEN_SOURCE)).toContainText('Failed')
    await catalogue.treeItem('events', 1).click()
    await expect(catalogue.treeItem('events', 1)).toHaveAttribute('aria-expanded', 'true')
    await expect(catalogue.treeItem('events', 2)).toBeVisible()
    await snap('catalogue-crawl')
  })

  test('a running crawl can be cancelled', async ({ cataloguePage: catalogue, sourcesPage }) => {
    // A listener that accepts connections and never answers: that source's crawl hangs, so the
    // job is certainly still running when Cancel is pressed.
    const sockets = new Set<net.Socket>()
    const silent = net.createServer((socket) => void sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      const form = await sourcesPage.openAddForm()
      await form.fill({ name: 'silent-pg', url: `postgres://127.0.0.1:${port}/crm` })
      await form.save()
      await expect(form.dialog).toBeHidden()

      await catalogue.page.getByRole('navigation').getByRole('link', { name: 'Catalogue' }).click()
      await catalogue.crawlFirstButton.click()
      await expect(catalogue.crawlLine('silent-pg')).toBeVisible()
      await catalogue.crawlPanel.getByRole('button', { name: 'Cancel' }).click()
      await expect(catalogue.crawlSummary).toHaveText(
        /^Crawl cancelled: .*\d+ cancelled$/,
        CRAWL_LIMIT,
      )
      await expect(catalogue.crawlState('silent-pg')).toHaveText('Cancelled')
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  test('search finds email fields; the field table shows types and masked values; reveal is audited', async ({
    cataloguePage: catalogue,
    shell,
    auditPage,
    snap,
  }) => {
    await crawlEverything(catalogue)

    // A field by its dotted path, and by words of its asset and its own name (issue 6 item 7).
    // A hit's text is its title, then its source.
    const paths: Array<[string, RegExp]> = [
      ['contact.email', /^singleview\.customers › contact\.emailsingleview/],
      ['crm Customer.Email', /^crm\.dbo\.Customer › Emailamper-pg/],
      ['singleview customers email', /^singleview\.customers › contact\.emailsingleview/],
    ]
    for (const [text, first] of paths) {
      await catalogue.search.fill(text)
      await expect(catalogue.searchResults.getByRole('option').first()).toHaveText(first)
    }
    await catalogue.search.fill('')
    await catalogue.search.blur()

    await catalogue.page.keyboard.press('/')
    await expect(catalogue.search).toBeFocused()
    await catalogue.page.keyboard.type('email')
    const hit = catalogue.searchHit(/^crm\.dbo\.Customer › Email\b/)
    await expect(hit).toBeVisible()
    // Arrows move the active hit; the input keeps focus.
    const options = catalogue.searchResults.getByRole('option')
    await expect(options.first()).toHaveAttribute('aria-selected', 'true')
    await catalogue.page.keyboard.press('ArrowDown')
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
    await expect(catalogue.search).toBeFocused()
    await expect(hit.locator('mark').first()).toHaveText(/^email$/i)
    await snap('catalogue-search')
    // Pick the relational Email column with the keyboard alone.
    const index = await options.evaluateAll((elements) =>
      elements.findIndex((element) =>
        /^crm\.dbo\.Customer › Email\b/.test((element as HTMLElement).innerText),
      ),
    )
    expect(index).toBeGreaterThanOrEqual(0)
    await catalogue.page.keyboard.press('ArrowUp')
    for (let step = 0; step < index; step++) await catalogue.page.keyboard.press('ArrowDown')
    await expect(hit).toHaveAttribute('aria-selected', 'true')
    await catalogue.page.keyboard.press('Enter')

    await expect(catalogue.detailTitle).toHaveText('Customer')
    const email = catalogue.fieldRow('Email')
    await expect(email.getByTestId('declared-type')).toHaveText(/^character varying/)
    await expect(email.getByTestId('value-stats')).toContainText('distinct')
    const masked = email.getByTestId('masked-examples')
    await expect(masked).toContainText('•')
    await expect(masked).toContainText('@')
    await expect(catalogue.fieldRow('CustomerId')).toContainText('PK')
    await snap('catalogue-detail')

    // Reveal asks for a reason first, then shows the raw values in this view only.
    await catalogue.revealButton('Email').click()
    await expect(catalogue.revealDialog).toBeVisible()
    await expect(catalogue.revealConfirm).toBeDisabled()
    await catalogue.revealReason.fill('too short')
    await expect(catalogue.revealConfirm).toBeDisabled()
    await catalogue.revealReason.fill('Checking the e-mail format for the single-view match rules')
    await catalogue.revealConfirm.click()
    await expect(catalogue.revealDialog).toBeHidden()
    const revealed = catalogue.revealedValues('Email')
    await expect(revealed).toContainText('@')
    await expect(revealed).not.toContainText('•')
    await snap('catalogue-reveal')

    await shell.goTo('Audit log')
    await expect(auditPage.entries('reveal', 'postgres://amper-pg/crm/dbo/Customer')).toHaveCount(1)
    // Back on the catalogue, the revealed values are gone: they lived in that view only.
    await shell.goTo('Catalogue')
    await expect(catalogue.fieldRow('Email')).toBeVisible()
    await expect(catalogue.revealedValues('Email')).toHaveCount(0)
  })

  test('keyboard-only tree navigation, then setting an owner and undoing it', async ({
    cataloguePage: catalogue,
    shell,
    page,
    snap,
  }) => {
    await crawlEverything(catalogue)

    // Tab into the tree: the first source is the one tab stop.
    const first = catalogue.treeItem('amper-pg')
    await expect(async () => {
      await page.keyboard.press('Tab')
      await expect(first).toBeFocused({ timeout: 100 })
    }).toPass({ timeout: 10_000 })
    // Right opens a node; once its children show, Right again steps into the first of them. The
    // source's row says it can open (aria-expanded="false", its expander shown) only once the
    // crawled tree has been refetched: wait for that, as a user waits for the chevron.
    await expect(first).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('ArrowRight')
    await expect(first).toHaveAttribute('aria-expanded', 'true')
    await expect(catalogue.treeItem('crm')).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await expect(catalogue.treeItem('crm')).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await expect(catalogue.treeItem('dbo')).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await expect(catalogue.treeItem('dbo')).toBeFocused()
    await page.keyboard.press('ArrowRight')
    await expect(catalogue.treeItem('Address')).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await expect(catalogue.treeItem('Address')).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await expect(catalogue.treeItem('Customer')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(catalogue.detailTitle).toHaveText('Customer')
    await expect(catalogue.treeItem('Customer')).toHaveAttribute('aria-selected', 'true')
    await page.keyboard.press('ArrowLeft') // out to the schema
    await expect(catalogue.treeItem('dbo')).toBeFocused()
    await page.keyboard.press('ArrowLeft') // and closes it
    await expect(catalogue.treeItem('dbo')).toHaveAttribute('aria-expanded', 'false')
    await expect(catalogue.treeItem('Customer')).toHaveCount(0)

    // Owners: the estate's owners.yaml gives crm to CRM Platform / customer.
    await expect(catalogue.owner).toHaveText('CRM Platform')
    await expect(catalogue.domain).toHaveText('customer')
    await catalogue.setOwnership('Fraud & Risk (fraud)', 'fraud')
    await expect(catalogue.owner).toHaveText('Fraud & Risk')
    await expect(catalogue.domain).toHaveText('fraud')
    await snap('catalogue-owner-set')
    await catalogue.ownershipSavedNotice().getByRole('button', { name: 'Undo' }).click()
    await expect(catalogue.ownershipRestoredNotice()).toBeVisible()
    await expect(catalogue.owner).toHaveText('CRM Platform')
    await expect(catalogue.domain).toHaveText('customer')

    // The same view in the dark theme.
    await shell.themeToggle().click()
    await expect.poll(() => shell.colorScheme()).toBe('dark')
    await snap('catalogue-dark')
  })

  test('the Changes view shows a table added, then its columns changed, between crawls', async ({
    cataloguePage: catalogue,
    snap,
  }) => {
    const env = estateEnv()
    const table = `sightline_test_drift_${process.pid}_${Date.now()}`
    const admin = new pg.Client({
      host: '127.0.0.1',
      port: Number(env.SIGHTLINE_PG_PORT ?? 55432),
      database: 'legacy',
      user: env.SIGHTLINE_PG_ADMIN_USER ?? 'sightline_admin',
      password: env.SIGHTLINE_PG_ADMIN_PASSWORD ?? 'admin-pass',
    })
    await admin.connect()
    try {
      await crawlEverything(catalogue)
      await catalogue.changesTab.click()
      await expect(catalogue.page.getByText('amper-pg has been crawled only once')).toBeVisible()

      await admin.query(`CREATE TABLE public."${table}" (id integer PRIMARY KEY, note text)`)
      await catalogue.browseTab.click()
      await catalogue.crawlSource('amper-pg')
      await expect(catalogue.crawlSummary).toHaveText(
        'Crawl finished: 1 of 1 sources crawled',
        CRAWL_LIMIT,
      )

      await catalogue.changesTab.click()
      // Other suites may add fixtures of their own meanwhile: look for ours, not for a count.
      await expect(catalogue.changesSummary).toContainText(/\d+ added/)
      const added = catalogue.assetChanges.filter({ hasText: table })
      await expect(added).toContainText('Added')
      await expect(added).toContainText('table')

      // Now change the scratch table: one column added, one retyped.
      await admin.query(`ALTER TABLE public."${table}" ADD COLUMN extra integer`)
      await admin.query(`ALTER TABLE public."${table}" ALTER COLUMN note TYPE varchar(40)`)
      await catalogue.browseTab.click()
      await catalogue.crawlSource('amper-pg')
      await expect(catalogue.crawlSummary).toHaveText(
        'Crawl finished: 1 of 1 sources crawled',
        CRAWL_LIMIT,
      )
      await catalogue.changesTab.click()
      const changed = catalogue.assetChanges.filter({ hasText: table })
      await expect(changed).toContainText('Changed')
      const fields = changed.getByRole('list', { name: 'Field changes' }).getByRole('listitem')
      await expect(fields.filter({ hasText: 'extra' })).toContainText('Added')
      await expect(fields.filter({ hasText: 'note' })).toContainText('Changed')
      await snap('catalogue-changes')
    } finally {
      await admin.query(`DROP TABLE IF EXISTS public."${table}"`)
      await admin.end()
    }
  })
})

import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { expect, test as base } from '../fixtures'
import { CataloguePage } from '../pages/catalogue-page'
import { PersonalDataPage } from '../pages/personal-data-page'
import { createTempWorkspace, removeWorkspace } from '../support/serve-app'

/** A crawl of the small estate takes seconds; a loaded shared machine may need more. */
const CRAWL_LIMIT = { timeout: 90_000 }
const CUSTOMER = 'postgres://amper-pg/crm/dbo/Customer'
const CUSTOMER_EMAIL = `${CUSTOMER}#Email`

/** Each test gets a fresh workspace holding the reference estate's sources and processing. */
const test = base.extend<{ personalData: PersonalDataPage; catalogue: CataloguePage }>({
  workspaceDir: async ({}, use) => {
    const env = estateEnv()
    await serviceAvailable('PostgreSQL', '127.0.0.1', Number(env.SIGHTLINE_PG_PORT ?? 55432))
    const dir = createTempWorkspace()
    mkdirSync(path.join(dir, 'catalog'))
    for (const file of ['sources.yaml', 'processing.yaml']) {
      copyFileSync(path.join(REPO_ROOT, 'catalog', file), path.join(dir, 'catalog', file))
    }
    await use(dir)
    removeWorkspace(dir)
  },
  personalData: async ({ page }, use) => use(new PersonalDataPage(page)),
  catalogue: async ({ page }, use) => use(new CataloguePage(page)),
})

interface DecisionsFile {
  decisions?: Record<string, { decision: string; category: string; by: string; at: string }>
}

function readDecisions(workspaceDir: string): DecisionsFile['decisions'] {
  const text = readFileSync(path.join(workspaceDir, 'catalog', 'classifications.yaml'), 'utf8')
  return (parse(text) as DecisionsFile).decisions ?? {}
}

async function waitForCrawl(catalogue: CataloguePage): Promise<void> {
  await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)
  await catalogue.crawlPanel.getByRole('button', { name: 'Dismiss crawl progress' }).click()
}

test.describe('Personal data', () => {
  test('review with the keyboard survives a re-crawl, lands in classifications.yaml, and exports', async ({
    personalData,
    catalogue,
    shell,
    auditPage,
    page,
    workspaceDir,
    snap,
  }) => {
    // Before any crawl the page says so and offers the crawl, which runs on the Catalogue page.
    await shell.goTo('Personal data')
    await expect(personalData.heading).toBeVisible()
    await expect(personalData.emptyState).toBeVisible()
    await personalData.crawlFirstButton.click()
    await expect(catalogue.heading).toBeVisible()
    await waitForCrawl(catalogue)

    // The summary counts categories; clicking one filters the table to it.
    await shell.goTo('Personal data')
    await expect(personalData.personalFieldsTotal).toHaveText(/^[1-9][\d,]*$/)
    const emailChip = personalData.categoryChip('contact.email')
    await expect(emailChip).toContainText(/Email address\s*[1-9]/)
    await emailChip.click()
    await expect(emailChip).toHaveAttribute('aria-pressed', 'true')
    await expect(personalData.shownCount).toHaveText(/^\d+ of \d+ fields$/)
    const categories = await personalData.rows.getByTestId('category-id').allTextContents()
    expect(categories.length).toBeGreaterThan(0)
    expect(new Set(categories)).toEqual(new Set(['contact.email']))

    // The evidence of the CRM's Email column: rules, matches and masked examples only.
    const email = personalData.row(CUSTOMER_EMAIL)
    await email.click()
    await expect(email).toHaveAttribute('aria-selected', 'true')
    await expect(personalData.panelTitle).toContainText('Email')
    await expect(personalData.evidenceItems.first()).toBeVisible()
    await expect(personalData.maskedSamples).toContainText('•')
    await snap('personal-data-evidence')

    // Reveal asks a reason first, shows the raw values in the panel only, and is audited.
    await personalData.revealButton.click()
    await personalData.revealDialog
      .getByRole('textbox', { name: /Reason/ })
      .fill('Checking the e-mail column before confirming it')
    await personalData.revealDialog.getByRole('button', { name: 'Reveal values' }).click()
    await expect(personalData.revealDialog).toBeHidden()
    await expect(personalData.revealedValues).toContainText('@')
    await expect(personalData.revealedValues).not.toContainText('•')

    // c confirms the selected field; j moves to the next one and r rejects it.
    await page.keyboard.press('c')
    await expect(personalData.reviewState(email)).toHaveText('Confirmed')
    await expect(personalData.decisionNotice('Confirmed')).toBeVisible()
    await expect(personalData.panel.getByRole('list', { name: 'Review history' })).toContainText(
      'confirmed Email address',
    )
    await page.keyboard.press('j')
    const other = personalData.selectedRow()
    await expect(other).not.toHaveAttribute('data-urn', CUSTOMER_EMAIL)
    const rejectedUrn = (await other.getAttribute('data-urn'))!
    await page.keyboard.press('r')
    const rejected = personalData.row(rejectedUrn)
    await expect(personalData.reviewState(rejected)).toHaveText('Rejected')
    await expect(personalData.panel.getByTestId('current-decision')).toContainText('rejected')

    // Processing attributes: the category's defaults apply until the asset gets its own rule.
    await email.click()
    const processing = personalData.panel.getByTestId('processing')
    await expect(processing).toContainText('Order and service communications')
    await personalData.panel.getByRole('button', { name: 'Edit processing' }).click()
    const form = personalData.panel.getByRole('form', { name: 'Edit processing' })
    await form.getByRole('textbox', { name: 'Purpose' }).fill('Customer account and orders')
    await form.getByRole('combobox', { name: 'Lawful basis' }).click()
    await page.getByRole('option', { name: /^Legitimate interests/ }).click()
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(processing).toContainText('Customer account and orders')
    await expect(processing).toContainText('Legitimate interests')
    const rules = parse(
      readFileSync(path.join(workspaceDir, 'catalog', 'processing.yaml'), 'utf8'),
    ) as { rules: Array<Record<string, unknown>> }
    expect(rules.rules.find((rule) => rule.match === CUSTOMER)).toMatchObject({
      purpose: 'Customer account and orders',
      lawfulBasis: 'legitimate-interests',
    })

    // The decisions are catalogue as code.
    const written = readDecisions(workspaceDir)
    expect(written?.[CUSTOMER_EMAIL]).toMatchObject({
      decision: 'confirmed',
      category: 'contact.email',
    })
    expect(written?.[rejectedUrn]).toMatchObject({ decision: 'rejected' })

    // A re-crawl re-scores the suggestions but keeps both decisions.
    await shell.goTo('Catalogue')
    await catalogue.crawlAllButton.click()
    await waitForCrawl(catalogue)
    await shell.goTo('Personal data')
    await expect(personalData.reviewState(personalData.row(CUSTOMER_EMAIL))).toHaveText('Confirmed')
    // The rejected field is a real email column: its fresh evidence (nearly every value an email)
    // contradicts the rejection, so the decision is kept but the field is flagged for re-review.
    const rejectedAgain = personalData.row(rejectedUrn)
    await expect(personalData.reviewState(rejectedAgain)).toHaveText('Re-review')
    await rejectedAgain.click()
    await expect(personalData.panel.getByTestId('current-decision')).toContainText('rejected')
    await expect(personalData.panel.getByRole('alert')).toContainText('Needs re-review')

    // e changes the category through a select; the notification's Undo puts the rejection back.
    await page.keyboard.press('e')
    await expect(personalData.changeCategory).toBeFocused()
    await page.getByRole('option', { name: 'Email address (contact.email)' }).click()
    await expect(personalData.reviewState(rejectedAgain)).toHaveText('Changed')
    await personalData.decisionNotice('Changed').getByRole('button', { name: 'Undo' }).click()
    // Re-applied, the rejection is a fresh decision: it clears the re-review flag until a crawl.
    await expect(personalData.reviewState(rejectedAgain)).toHaveText('Rejected')
    expect(readDecisions(workspaceDir)?.[rejectedUrn]).toMatchObject({ decision: 'rejected' })
    expect(Object.keys(readDecisions(workspaceDir) ?? {}).sort()).toEqual(
      [CUSTOMER_EMAIL, rejectedUrn].sort(),
    )

    // The shortcuts are listed behind `?`.
    await page.keyboard.press('Shift+?')
    await expect(personalData.shortcutsDialog).toBeVisible()
    await expect(personalData.shortcutsDialog).toContainText('Confirm the category')
    await page.keyboard.press('Escape')
    await expect(personalData.shortcutsDialog).toBeHidden()

    // Export JSON: a download of the versioned report holding the decisions.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      personalData.exportButton('JSON').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^personal-data-\d{4}-\d{2}-\d{2}\.json$/)
    const file = await download.path()
    const report = JSON.parse(readFileSync(file, 'utf8')) as {
      schemaVersion: number
      entries: Array<{ urn: string; category: string; reviewState: string }>
    }
    expect(report.schemaVersion).toBe(1)
    expect(report.entries.find((entry) => entry.urn === CUSTOMER_EMAIL)).toMatchObject({
      category: 'contact.email',
      reviewState: 'confirmed',
    })

    // The whole map, the confirmed field still selected (the table scrolls to it), on a screen
    // big enough to show the evidence, with the notifications dismissed.
    await personalData.row(CUSTOMER_EMAIL).click()
    await emailChip.click()
    await expect(emailChip).toHaveAttribute('aria-pressed', 'false')
    await expect(personalData.row(CUSTOMER_EMAIL)).toHaveAttribute('aria-selected', 'true')
    const dismiss = page.getByRole('button', { name: 'Dismiss notification' })
    // Notifications close themselves too, so one may vanish under the pointer: retry until none.
    await expect(async () => {
      if ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 1_000 })
      await expect(dismiss).toHaveCount(0, { timeout: 500 })
    }).toPass()
    await page.setViewportSize({ width: 1440, height: 1000 })
    await snap('personal-data')
    await shell.themeToggle().click()
    await expect.poll(() => shell.colorScheme()).toBe('dark')
    await snap('personal-data-dark')

    // Every review, the reveal and the export are in the audit log.
    await shell.goTo('Audit log')
    await expect(auditPage.entries('review', CUSTOMER_EMAIL)).toHaveCount(1)
    // Rejected, changed, then the undo that rejected it again.
    await expect(auditPage.entries('review', rejectedUrn)).toHaveCount(3)
    await expect(auditPage.entries('reveal', CUSTOMER)).toHaveCount(1)
    await expect(auditPage.entries('export', 'personal-data')).toHaveCount(1)
  })
})

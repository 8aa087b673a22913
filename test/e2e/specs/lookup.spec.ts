import { cpSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../../support/estate'
import { expect, test as base } from '../fixtures'
import { docsScreenshot } from '../support/docs-screenshot'
import { CataloguePage } from '../pages/catalogue-page'
import { LookupPage } from '../pages/lookup-page'
import { createTempWorkspace, removeWorkspace } from '../support/serve-app'

/** A crawl of the small estate takes seconds; a loaded shared machine may need more. */
const CRAWL_LIMIT = { timeout: 90_000 }
const LOOKUP_LIMIT = { timeout: 60_000 }
const REASON = 'Customer called about a missing delivery'

interface Person {
  personId: string
  mobile: string | null
  homePhone: string | null
  presence: { inCrm: boolean; crmDuplicate: boolean; prospect: boolean }
  crmCustomerIds: number[]
  singleviewIds: string[]
  sharesHouseholdWith: string | null
}

function estatePeople(): Person[] {
  const dir = estateEnv().SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
  const manifest = JSON.parse(
    readFileSync(path.join(dir, 'data', 'small', 'manifest.json'), 'utf8'),
  )
  const file = path.join(dir, 'data', 'small', manifest.people as string)
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Person)
}

/** The crm mobile column as generated (column 7 of the COPY file), by CustomerId. */
function crmMobiles(): Map<number, string> {
  const dir = estateEnv().SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
  const copy = readFileSync(
    path.join(dir, 'data', 'small', 'pg', 'crm', 'dbo.Customer.copy'),
    'utf8',
  )
  const mobiles = new Map<number, string>()
  for (const line of copy.split('\n')) {
    const cells = line.split('\t')
    if (cells.length > 6) mobiles.set(Number(cells[0]), cells[6]!)
  }
  return mobiles
}

/** A plain, single-record customer (once in crm, once in the single view). */
function isPlainCustomer(p: Person): boolean {
  return (
    p.presence.inCrm &&
    !p.presence.crmDuplicate &&
    !p.presence.prospect &&
    p.crmCustomerIds.length === 1 &&
    p.singleviewIds.length === 1
  )
}

/**
 * From the manifest's people: a customer whose mobile no one else has (and whose crm row holds it
 * as a phone, not one of the estate's deliberate non-phones), and a phone two customers share.
 */
function pickPeople(): { unique: Person; uniqueMobile: string; shared: string } {
  const people = estatePeople()
  const holders = new Map<string, Person[]>()
  for (const p of people) {
    for (const phone of [p.mobile, p.homePhone]) {
      if (phone) holders.set(phone, [...(holders.get(phone) ?? []), p])
    }
  }
  const mobiles = crmMobiles()
  const digits = (text: string) => text.replace(/\D/g, '')
  const unique = people.find((p) => {
    if (!isPlainCustomer(p) || !p.mobile || holders.get(p.mobile)!.length !== 1) return false
    const crm = mobiles.get(p.crmCustomerIds[0]!) ?? ''
    return digits(crm).endsWith(digits(p.mobile).slice(2))
  })
  const shared = [...holders.entries()].find(
    ([, who]) => who.length === 2 && who.every(isPlainCustomer),
  )
  if (!unique?.mobile || !shared) throw new Error('the small estate has no suitable people')
  return { unique, uniqueMobile: unique.mobile, shared: shared[0] }
}

/** `+447100060616` -> ` 07100-060 616 `: national form, odd separators, stray spaces. */
function messyUkPhone(e164: string): string {
  const national = `0${e164.replace(/^\+44/, '')}`
  return ` ${national.slice(0, 5)}-${national.slice(5, 8)} ${national.slice(8)} `
}

/** A fresh workspace holding the reference estate's catalogue as code, as the lineage spec. */
const test = base.extend<{ lookup: LookupPage; catalogue: CataloguePage }>({
  workspaceDir: async ({}, use) => {
    const env = estateEnv()
    await serviceAvailable('PostgreSQL', '127.0.0.1', Number(env.SIGHTLINE_PG_PORT ?? 55432))
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

test.describe('Lookup', () => {
  test('a messy unique phone finds one customer in PostgreSQL, Kafka and MongoDB; a shared phone links people', async ({
    lookup,
    catalogue,
    shell,
    page,
    snap,
  }) => {
    const { unique, uniqueMobile, shared } = pickPeople()
    test.info().annotations.push({ type: 'person', description: unique.personId })

    await shell.goTo('Catalogue')
    await catalogue.crawlFirstButton.click()
    await expect(catalogue.crawlSummary).toHaveText(/^Crawl finished/, CRAWL_LIMIT)

    await page.setViewportSize({ width: 1440, height: 1000 })
    await shell.goTo('Lookup')
    await expect(lookup.heading).toBeVisible()

    // Too broad to be safe: refused with a reason, before anything is asked.
    await lookup.identifier.fill('%')
    await expect(lookup.refusal).toBeVisible()

    // The kind is recognised as the user types, from a messy national form.
    await lookup.identifier.fill(messyUkPhone(uniqueMobile))
    await expect(lookup.identifierKind).toHaveText('Phone')

    // The dry run names the stores it will ask.
    await lookup.planButton.click()
    await expect(lookup.plan.getByRole('group', { name: 'Stores to ask' })).toContainText(
      'amper-pg',
    )
    await lookup.plan.getByRole('button', { name: 'Show steps' }).click()
    await expect(lookup.plan.getByRole('table', { name: 'Plan steps' })).toBeVisible()

    // The reason is required, then remembered for the session.
    await lookup.reason.fill(REASON)
    await lookup.lookUpButton.click()
    await expect(lookup.summary).toHaveText(/^Lookup finished/, LOOKUP_LIMIT)
    await expect(lookup.peopleCount).toHaveText('1 person')
    const card = lookup.personCards.first()
    for (const platform of ['PostgreSQL', 'Kafka', 'MongoDB']) {
      await expect(card.getByTestId('person-platform').filter({ hasText: platform })).toBeVisible()
    }
    await expect(lookup.linkedPeople).toHaveCount(0)

    // The records behind the card, grouped; a group opens with the keyboard. Each record says
    // where it is: a row's key, a topic's partition and offset, a document's _id.
    const groups = lookup.groups(card)
    await groups.first().focus()
    await page.keyboard.press('Enter')
    for (const toggle of (await groups.all()).slice(1)) await toggle.click()
    await expect(lookup.records(card, 'postgres').first().getByTestId('record-key')).not.toBeEmpty()
    await expect(lookup.records(card, 'kafka').first().getByTestId('record-key')).toContainText(
      'offset',
    )
    await expect(lookup.records(card, 'mongodb').first().getByTestId('record-key')).toContainText(
      '_id',
    )

    // Every merged value is masked, and says where it came from: source, URN, record key.
    // The progress and the card's top in view, just under the app's header.
    await lookup.progress.evaluate((element) =>
      window.scrollBy(0, element.getBoundingClientRect().top - 64),
    )
    await card.getByTestId('merged-value').first().click()
    const origin = page.getByTestId('provenance').first()
    await expect(origin.getByTestId('provenance-urn')).toHaveText(/^(postgres|kafka|mongodb):\/\//)
    await expect(origin.getByTestId('provenance-key')).toHaveText(/^Record: .+/)
    await snap('lookup')
    await docsScreenshot(page, 'lookup')

    // A reveal asks why (starting from the session's reason) and is audited; the raw value
    // replaces the mask on the card until the next lookup.
    const value = card.getByTestId('merged-value').first()
    const masked = (await value.getAttribute('aria-label'))!
    await origin.getByRole('button', { name: 'Reveal' }).click()
    const revealDialog = page.getByRole('dialog', { name: /^Reveal / })
    await expect(revealDialog.getByRole('textbox', { name: 'Reason' })).toHaveValue(REASON)
    await revealDialog.getByRole('button', { name: 'Reveal value' }).click()
    await expect(revealDialog).toBeHidden()
    await expect(value).not.toHaveAttribute('aria-label', masked)
    await page.keyboard.press('Escape')

    // Subject access as JSON, with a reason: a download.
    await lookup.exportButton('Subject access JSON').click()
    const exportDialog = page.getByRole('dialog', { name: 'Subject access JSON' })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exportDialog.getByRole('button', { name: 'Export' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^sightline-subject-access-.+\.json$/)

    // A phone two customers share: both appear, one linked to the other, never merged.
    await lookup.identifier.fill(shared)
    await expect(lookup.identifierKind).toHaveText('Phone')
    await expect(lookup.reason).toHaveValue(REASON)
    await lookup.lookUpButton.click()
    await expect(lookup.summary).toHaveText(/^Lookup finished/, LOOKUP_LIMIT)
    await expect(lookup.linkedPeople).toBeVisible()
    await expect(lookup.linkedPeople.getByTestId('linked-person')).not.toHaveCount(0)
    await expect(lookup.linkedPeople.getByTestId('shared-via').first()).toContainText('phone')

    // Both lookups are in the history, identifiers never shown.
    const rows = lookup.history.getByRole('row')
    await expect(rows.filter({ hasText: REASON })).toHaveCount(2)
    await expect(lookup.history).not.toContainText(shared)
  })
})

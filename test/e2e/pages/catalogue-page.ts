import type { Locator, Page } from '@playwright/test'

/** The Catalogue screen: crawl panel, search, tree, asset detail, reveal, owners, changes. */
export class CataloguePage {
  readonly heading: Locator
  readonly crawlAllButton: Locator
  /** The empty state's button, shown before the first crawl. */
  readonly crawlFirstButton: Locator
  readonly sampleSize: Locator
  readonly emptyState: Locator
  readonly crawlPanel: Locator
  readonly crawlSummary: Locator
  readonly search: Locator
  readonly searchResults: Locator
  readonly tree: Locator
  readonly detail: Locator
  readonly detailTitle: Locator
  readonly fieldsTable: Locator
  readonly revealDialog: Locator
  readonly revealReason: Locator
  readonly revealConfirm: Locator
  readonly owner: Locator
  readonly domain: Locator
  readonly editOwnershipButton: Locator
  readonly ownershipForm: Locator
  readonly browseTab: Locator
  readonly changesTab: Locator
  readonly changesSummary: Locator
  readonly assetChanges: Locator

  constructor(readonly page: Page) {
    const main = page.getByRole('main')
    this.heading = page.getByRole('heading', { name: 'Catalogue', level: 2 })
    this.crawlAllButton = main.getByRole('button', { name: 'Crawl all', exact: true })
    this.crawlFirstButton = main.getByRole('button', { name: 'Crawl all sources' })
    this.sampleSize = main.getByRole('textbox', { name: /^Sample size/ })
    this.emptyState = main.getByText('Nothing crawled yet')
    this.crawlPanel = page.getByRole('region', { name: 'Crawl progress' })
    this.crawlSummary = this.crawlPanel.getByTestId('crawl-summary')
    this.search = page.getByRole('combobox', { name: 'Search the catalogue' })
    this.searchResults = page.getByRole('listbox', { name: 'Search results' })
    this.tree = page.getByRole('tree', { name: 'Catalogue' })
    this.detail = page.getByRole('region', { name: 'Asset detail' })
    this.detailTitle = this.detail.getByRole('heading', { level: 3 })
    this.fieldsTable = this.detail.getByRole('table', { name: 'Fields' })
    this.revealDialog = page.getByRole('dialog', { name: /^Reveal sampled values/ })
    this.revealReason = this.revealDialog.getByRole('textbox', { name: /Reason/ })
    this.revealConfirm = this.revealDialog.getByRole('button', { name: 'Reveal values' })
    this.owner = this.detail.getByTestId('asset-owner')
    this.domain = this.detail.getByTestId('asset-domain')
    this.editOwnershipButton = this.detail.getByRole('button', { name: 'Edit ownership' })
    this.ownershipForm = this.detail.getByRole('form', { name: 'Edit ownership' })
    const views = page.getByRole('tablist', { name: 'Catalogue view' })
    this.browseTab = views.getByRole('tab', { name: 'Browse' })
    this.changesTab = views.getByRole('tab', { name: 'Changes' })
    this.changesSummary = main.getByLabel('Change summary')
    this.assetChanges = main.getByRole('list', { name: 'Asset changes' }).getByRole('listitem')
  }

  /** One source's line in the crawl panel (state badge, progress bar, error). */
  crawlLine(source: string): Locator {
    return this.crawlPanel.getByRole('group', { name: `Crawl of ${source}` })
  }

  crawlState(source: string): Locator {
    return this.crawlLine(source).getByTestId('crawl-state')
  }

  /** A tree node by name; `level` 1 is a source (a Kafka cluster is named like its source). */
  treeItem(name: string, level?: number): Locator {
    return this.tree.getByRole('treeitem', { name, exact: true, level })
  }

  /** Per-source crawl from the source node's menu. */
  async crawlSource(source: string): Promise<void> {
    await this.tree.getByRole('button', { name: `Actions for ${source}` }).click()
    await this.page.getByRole('menuitem', { name: `Crawl ${source}` }).click()
  }

  searchHit(title: string | RegExp): Locator {
    return this.searchResults.getByRole('option', { name: title })
  }

  /** A row of the fields table, by field path. */
  fieldRow(path: string): Locator {
    return this.fieldsTable.locator(`[role="row"][data-field="${path}"]`)
  }

  revealButton(path: string): Locator {
    return this.fieldRow(path).getByRole('button', { name: `Reveal ${path}` })
  }

  revealedValues(path: string): Locator {
    return this.fieldRow(path).getByTestId('revealed-values')
  }

  async setOwnership(team: string, domain: string): Promise<void> {
    await this.editOwnershipButton.click()
    await this.ownershipForm.getByRole('combobox', { name: 'Owner team' }).click()
    await this.page.getByRole('option', { name: team }).click()
    await this.ownershipForm.getByRole('combobox', { name: 'Domain' }).click()
    await this.page.getByRole('option', { name: domain, exact: true }).click()
    await this.ownershipForm.getByRole('button', { name: 'Save' }).click()
  }

  /** The notification after saving ownership, with its Undo button. */
  ownershipSavedNotice(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Ownership saved' })
  }

  ownershipRestoredNotice(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'Ownership restored' })
  }
}

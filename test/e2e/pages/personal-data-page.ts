import type { Locator, Page } from '@playwright/test'

/** The Personal data screen: summary, filters, the fields table, evidence panel, review, export. */
export class PersonalDataPage {
  readonly heading: Locator
  readonly emptyState: Locator
  readonly crawlFirstButton: Locator
  readonly summary: Locator
  readonly personalFieldsTotal: Locator
  readonly shownCount: Locator
  readonly table: Locator
  readonly rows: Locator
  readonly panel: Locator
  readonly panelTitle: Locator
  readonly evidenceItems: Locator
  readonly reason: Locator
  readonly changeCategory: Locator
  readonly shortcutsButton: Locator
  readonly shortcutsDialog: Locator
  readonly textFilter: Locator
  readonly maskedSamples: Locator
  readonly revealButton: Locator
  readonly revealedValues: Locator
  readonly revealDialog: Locator

  constructor(readonly page: Page) {
    const main = page.getByRole('main')
    this.heading = page.getByRole('heading', { name: 'Personal data', level: 2 })
    this.emptyState = main.getByText('No personal data map yet')
    this.crawlFirstButton = main.getByRole('button', { name: 'Crawl all sources' })
    this.summary = page.getByRole('region', { name: 'Personal data summary' })
    this.personalFieldsTotal = this.summary.getByTestId('total-personal-fields')
    this.shownCount = main.getByTestId('shown-count')
    this.table = page.getByRole('grid', { name: 'Personal data fields' })
    this.rows = this.table.locator('[role="row"][data-urn]')
    this.panel = page.getByRole('complementary', { name: 'Field evidence' })
    this.panelTitle = this.panel.getByRole('heading', { level: 3 })
    this.evidenceItems = this.panel.getByTestId('evidence-item')
    this.reason = this.panel.getByRole('textbox', { name: 'Reason (optional)' })
    this.changeCategory = this.panel.getByRole('combobox', { name: 'Change category to' })
    this.shortcutsButton = main.getByRole('button', { name: 'Keyboard shortcuts' })
    this.shortcutsDialog = page.getByRole('dialog', { name: 'Review shortcuts' })
    this.textFilter = main.getByRole('textbox', { name: 'Filter by text' })
    this.maskedSamples = this.panel.getByTestId('masked-samples')
    this.revealButton = this.panel.getByRole('button', { name: 'Reveal', exact: true })
    this.revealedValues = this.panel.getByTestId('revealed-values')
    this.revealDialog = page.getByRole('dialog', { name: /^Reveal sampled values/ })
  }

  /** A category of the summary, by id (`contact.email`); clicking it filters the table. */
  categoryChip(category: string): Locator {
    return this.summary.getByTestId(`category-${category}`)
  }

  sourceChip(source: string): Locator {
    return this.summary.getByTestId(`source-${source}`)
  }

  /** A row of the table by field URN. */
  row(urn: string): Locator {
    return this.table.locator(`[role="row"][data-urn="${urn}"]`)
  }

  selectedRow(): Locator {
    return this.table.locator('[role="row"][aria-selected="true"]')
  }

  reviewState(row: Locator): Locator {
    return row.getByTestId('review-state')
  }

  exportButton(format: 'JSON' | 'CSV' | 'HTML'): Locator {
    return this.page.getByRole('button', { name: `Export ${format}` })
  }

  /** The notification after a decision, with its Undo button. */
  decisionNotice(verb: 'Confirmed' | 'Rejected' | 'Changed'): Locator {
    return this.page.getByRole('alert').filter({ hasText: `${verb}: ` })
  }
}

import type { Locator, Page } from '@playwright/test'
import { SourceForm } from './source-form'

/** The Sources screen: table, toolbar, row actions, remove confirmation. */
export class SourcesPage {
  readonly heading: Locator
  readonly table: Locator
  readonly addButton: Locator
  readonly testAllButton: Locator
  readonly form: SourceForm
  readonly confirmDialog: Locator
  /** Progress and outcome of a "Test all" job. */
  readonly testAllPanel: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sources', level: 2 })
    this.table = page.getByRole('table', { name: 'Sources' })
    this.addButton = page.getByRole('main').getByRole('button', { name: 'Add source' })
    this.testAllButton = page.getByRole('button', { name: 'Test all' })
    this.form = new SourceForm(page)
    this.confirmDialog = page.getByRole('dialog', { name: /^Remove .+\?$/ })
    this.testAllPanel = page.getByRole('region', { name: 'Test all sources' })
  }

  row(name: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) })
  }

  /** The "Last test" cell of a source's row. */
  lastTest(name: string): Locator {
    return this.row(name).getByRole('cell').nth(4)
  }

  async openAddForm(): Promise<SourceForm> {
    await this.addButton.click()
    return this.form
  }

  async test(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Test ${name}` })
      .click()
  }

  async edit(name: string): Promise<SourceForm> {
    await this.row(name)
      .getByRole('button', { name: `Edit ${name}` })
      .click()
    return this.form
  }

  async remove(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: `Remove ${name}` })
      .click()
    await this.confirmDialog.getByRole('button', { name: 'Remove' }).click()
  }

  /** The notification that follows a removal. */
  removedNotice(name: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: `Removed ${name}` })
  }

  restoredNotice(name: string): Locator {
    return this.page.getByRole('alert').filter({ hasText: `Restored ${name}` })
  }
}

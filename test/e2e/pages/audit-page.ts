import type { Locator, Page } from '@playwright/test'

/** The audit log viewer. */
export class AuditPage {
  readonly heading: Locator
  readonly table: Locator
  readonly verifyButton: Locator
  readonly refreshButton: Locator
  /** "Chain intact" or "Chain broken" after Verify. */
  readonly verifyResult: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Audit log', level: 2 })
    this.table = page.getByRole('table', { name: 'Audit entries' })
    this.verifyButton = page.getByRole('button', { name: 'Verify chain' })
    this.refreshButton = page.getByRole('button', { name: 'Refresh' })
    this.verifyResult = page.getByRole('main').getByText(/^Chain (intact|broken)$/)
  }

  /** Rows of one action (e.g. 'source.test') about one target. */
  entries(action: string, target?: string): Locator {
    let rows = this.table
      .getByRole('row')
      .filter({ has: this.page.getByText(action, { exact: true }) })
    if (target)
      rows = rows.filter({ has: this.page.getByRole('cell', { name: target, exact: true }) })
    return rows
  }
}

import type { Locator, Page } from '@playwright/test'

export interface SourceFields {
  name?: string
  url?: string
  username?: string
  password?: string
}

/** The add/edit source drawer. */
export class SourceForm {
  readonly dialog: Locator
  readonly name: Locator
  readonly url: Locator
  readonly username: Locator
  readonly password: Locator
  readonly testButton: Locator
  readonly saveButton: Locator
  /** The outcome of "Test connection": an OK status or a labelled error. */
  readonly testResult: Locator
  readonly serverVersion: Locator
  readonly latency: Locator

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^(Add source|Edit .+)$/ })
    this.name = this.dialog.getByRole('textbox', { name: 'Name', exact: true })
    this.url = this.dialog.getByRole('textbox', { name: 'URL', exact: true })
    this.username = this.dialog.getByRole('textbox', { name: 'Username', exact: true })
    this.password = this.dialog.getByLabel('Password', { exact: true })
    this.testButton = this.dialog.getByRole('button', { name: 'Test connection' })
    this.saveButton = this.dialog.getByRole('button', { name: /^(Add source|Save changes)$/ })
    this.testResult = this.dialog.getByLabel('Connection test result')
    this.serverVersion = this.testResult.getByTestId('server-version')
    this.latency = this.testResult.getByTestId('latency')
  }

  async fill(fields: SourceFields): Promise<void> {
    if (fields.name !== undefined) await this.name.fill(fields.name)
    if (fields.url !== undefined) await this.url.fill(fields.url)
    if (fields.username !== undefined) await this.username.fill(fields.username)
    if (fields.password !== undefined) await this.password.fill(fields.password)
  }

  async testConnection(): Promise<void> {
    await this.testButton.click()
  }

  async save(): Promise<void> {
    await this.saveButton.click()
  }
}

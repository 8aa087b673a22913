import type { Locator, Page } from '@playwright/test'

export const PAGE_NAMES = [
  'Sources',
  'Catalogue',
  'Lineage',
  'Lookup',
  'Personal data',
  'Audit log',
] as const
export type PageName = (typeof PAGE_NAMES)[number]

/** The frame around every page: header (workspace, mode, theme) and the left navigation. */
export class AppShell {
  readonly navigation: Locator
  readonly workspacePath: Locator
  readonly mode: Locator
  readonly pageTitle: Locator

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main navigation' })
    this.workspacePath = page.getByTestId('workspace-path')
    this.mode = page.getByTestId('app-mode')
    this.pageTitle = page.getByRole('heading', { level: 2 })
  }

  navLink(name: PageName): Locator {
    return this.navigation.getByRole('link', { name, exact: true })
  }

  /** The header button that switches theme; its name says which theme it switches to. */
  themeToggle(): Locator {
    return this.page.getByRole('button', { name: /^Switch to (dark|light) theme$/ })
  }

  /** 'light' or 'dark', as Mantine applies it to the document. */
  colorScheme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-mantine-color-scheme')
  }

  async goTo(name: PageName): Promise<void> {
    await this.navLink(name).click()
  }
}

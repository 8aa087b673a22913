import { expect, test } from '../fixtures'
import { PAGE_NAMES } from '../pages/app-shell'

test.describe('App shell', () => {
  test('every page is reachable by keyboard alone', async ({ page, shell, target }) => {
    await expect(shell.pageTitle).toHaveText('Sources')
    await expect(shell.workspacePath).toBeVisible()
    await expect(shell.mode).toHaveText(target === 'serve' ? 'Serve mode' : 'Desktop')

    for (const name of PAGE_NAMES) {
      const link = shell.navLink(name)
      // Tab from the top of the document until the link has focus, then follow it with Enter.
      await page.locator('body').focus()
      await expect(async () => {
        await page.keyboard.press('Tab')
        await expect(link).toBeFocused({ timeout: 100 })
      }).toPass({ timeout: 10_000 })
      await page.keyboard.press('Enter')
      await expect(shell.pageTitle).toHaveText(name)
      await expect(link).toHaveAttribute('aria-current', 'page')
    }
    // Every page is built: none says otherwise.
    for (const name of PAGE_NAMES) {
      await shell.goTo(name)
      await expect(page.getByRole('main')).not.toContainText('Not built yet')
    }
  })

  test('the theme toggle switches to dark and is remembered', async ({
    page,
    shell,
    sourcesPage,
    snap,
  }) => {
    const toggle = shell.themeToggle()
    if ((await shell.colorScheme()) === 'dark') await toggle.click()
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light')

    await toggle.focus()
    await page.keyboard.press('Enter')
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
    await expect(shell.themeToggle()).toHaveAccessibleName('Switch to light theme')
    // A row in the table makes the screenshot show more of the dark theme; adding does not connect.
    const form = await sourcesPage.openAddForm()
    await form.fill({
      name: 'crm-pg',
      url: 'postgres://127.0.0.1:55432/crm',
      username: 'sightline_reader',
    })
    await form.save()
    await expect(sourcesPage.row('crm-pg')).toBeVisible()
    await snap('dark-theme')

    await page.reload()
    await expect(shell.pageTitle).toHaveText('Sources')
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark')
  })
})

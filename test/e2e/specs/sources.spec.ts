import net from 'node:net'
import { expect, test, type AppTarget } from '../fixtures'

/** Where a typed password goes: server memory in serve mode, the OS keychain in the desktop app. */
const typedSecretBadge = (target: AppTarget) => (target === 'serve' ? 'Memory only' : 'Keychain')

test.describe('Sources', () => {
  test('adds the estate PostgreSQL, tests it, and shows version and latency', async ({
    sourcesPage,
    estatePostgres,
    snap,
    target,
  }) => {
    await expect(sourcesPage.heading).toBeVisible()
    await expect(sourcesPage.page.getByText('No sources yet')).toBeVisible()

    const form = await sourcesPage.openAddForm()
    await form.fill({ name: 'crm-pg', ...estatePostgres })
    await form.testConnection()
    await expect(form.testResult).toContainText('Connection OK')
    await expect(form.serverVersion).toHaveText(/^PostgreSQL 15\./)
    await expect(form.latency).toHaveText(/^\d+(\.\d)? ms$/)
    await form.testResult.scrollIntoViewIfNeeded()
    await snap('add-form-test-ok')

    await form.save()
    await expect(form.dialog).toBeHidden()
    const row = sourcesPage.row('crm-pg')
    await expect(row).toContainText('PostgreSQL')
    await expect(row).toContainText(estatePostgres.url)
    await expect(row).toContainText(typedSecretBadge(target))
    await expect(sourcesPage.lastTest('crm-pg')).toHaveText('Not tested')

    await sourcesPage.test('crm-pg')
    await expect(sourcesPage.lastTest('crm-pg')).toContainText('OK')
    await expect(sourcesPage.lastTest('crm-pg')).toContainText(/PostgreSQL 15\.\d+/)
    await expect(sourcesPage.lastTest('crm-pg')).toContainText(/\d+(\.\d)? ms/)
    await snap('sources-list')
  })

  test('a wrong password shows the authentication error', async ({
    sourcesPage,
    estatePostgres,
    snap,
  }) => {
    const form = await sourcesPage.openAddForm()
    await form.fill({ name: 'crm-wrong', ...estatePostgres, password: 'not-the-password' })
    await form.testConnection()
    await expect(form.testResult).toContainText('Authentication failed')
    await expect(form.testResult).toContainText(/password/i)
    // The message is for people: no stack trace, and never the password itself.
    await expect(form.testResult).not.toContainText(/\bat .+:\d+:\d+/)
    await expect(form.testResult).not.toContainText('not-the-password')
    await form.testResult.scrollIntoViewIfNeeded()
    await snap('auth-error')
  })

  test('an invalid URL is flagged inline before anything is sent', async ({ sourcesPage }) => {
    const form = await sourcesPage.openAddForm()
    await form.fill({ name: 'bad-url', url: 'kafka://127.0.0.1:9092' })
    await form.testConnection()
    await expect(form.dialog.getByText(/kafka:\/\/ is not a PostgreSQL URL/)).toBeVisible()
    await expect(form.testResult).toBeEmpty()
  })

  test('Test all runs as a job and fills in every row', async ({ sourcesPage, estatePostgres }) => {
    for (const [name, url] of [
      ['crm-ok', estatePostgres.url],
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      ['crm-refused', 'postgres://127.0.0.1:1/crm'],
    ] as const) {
      const form = await sourcesPage.openAddForm()
      await form.fill({ ...estatePostgres, name, url })
      await form.save()
      await expect(form.dialog).toBeHidden()
    }
    await sourcesPage.testAllButton.click()
    await expect(sourcesPage.testAllPanel).toContainText(
      'All sources tested (2 of 2): 1 OK, 1 failed',
    )
    await expect(sourcesPage.testAllPanel.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '100',
    )
    await expect(sourcesPage.lastTest('crm-ok')).toContainText(/OK.*PostgreSQL 15\./)
    await expect(sourcesPage.lastTest('crm-refused')).toContainText('Connection refused')
  })

  test('a running Test all can be cancelled', async ({ sourcesPage, estatePostgres }) => {
    // A listener that accepts connections and never answers: the check hangs until its
    // timeout, so the job is certainly still running when Cancel is pressed.
    const sockets = new Set<net.Socket>()
    const silent = net.createServer((socket) => void sockets.add(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      const form = await sourcesPage.openAddForm()
      await form.fill({
        ...estatePostgres,
        name: 'silent',
        url: `postgres://127.0.0.1:${port}/crm`,
      })
      await form.save()
      await expect(form.dialog).toBeHidden()

      await sourcesPage.testAllButton.click()
      await sourcesPage.testAllPanel.getByRole('button', { name: 'Cancel' }).click()
      await expect(sourcesPage.testAllPanel).toContainText('Testing cancelled')
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  test('editing without retyping the password keeps it', async ({
    sourcesPage,
    estatePostgres,
  }) => {
    const form = await sourcesPage.openAddForm()
    await form.fill({ name: 'crm-edit', ...estatePostgres })
    await form.save()
    await expect(form.dialog).toBeHidden()

    await sourcesPage.edit('crm-edit')
    await expect(form.password).toHaveValue('')
    await expect(form.dialog).toContainText('Leave empty to keep the current password')
    await form.name.fill('crm-edited')
    await form.save()
    await expect(form.dialog).toBeHidden()
    await expect(sourcesPage.row('crm-edit')).toHaveCount(0)

    await sourcesPage.test('crm-edited')
    await expect(sourcesPage.lastTest('crm-edited')).toContainText(/OK.*PostgreSQL 15\./)
  })

  test('removes a source and brings it back with Undo', async ({ sourcesPage, estatePostgres }) => {
    const form = await sourcesPage.openAddForm()
    await form.fill({ name: 'to-remove', ...estatePostgres })
    await form.save()
    await expect(sourcesPage.row('to-remove')).toBeVisible()

    await sourcesPage.remove('to-remove')
    await expect(sourcesPage.row('to-remove')).toHaveCount(0)
    const removed = sourcesPage.removedNotice('to-remove')
    await expect(removed).toBeVisible()
    await removed.getByRole('button', { name: 'Undo' }).click()

    await expect(sourcesPage.row('to-remove')).toBeVisible()
    await expect(sourcesPage.row('to-remove')).toContainText(estatePostgres.url)
    // The typed password lived in memory and went with the source: the UI says so.
    await expect(sourcesPage.restoredNotice('to-remove')).toContainText('password was not kept')
    await expect(sourcesPage.row('to-remove')).toContainText('No secret')
  })
})

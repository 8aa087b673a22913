import { expect, test } from '../fixtures'

test.describe('Audit log', () => {
  test('shows the source.test entries and verifies the chain', async ({
    shell,
    sourcesPage,
    auditPage,
    estatePostgres,
    snap,
  }) => {
    const form = await sourcesPage.openAddForm()
    await form.fill({ name: 'audited-pg', ...estatePostgres })
    await form.save()
    await sourcesPage.test('audited-pg')
    await expect(sourcesPage.lastTest('audited-pg')).toContainText('OK')

    await shell.goTo('Audit log')
    await expect(auditPage.heading).toBeVisible()
    await expect(auditPage.entries('source.add', 'audited-pg')).toHaveCount(1)
    await expect(auditPage.entries('source.test', 'audited-pg')).not.toHaveCount(0)

    await auditPage.verifyButton.click()
    await expect(auditPage.verifyResult).toHaveText('Chain intact')
    await snap('audit')
  })
})

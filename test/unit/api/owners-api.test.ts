import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeKit, type Kit } from '../../support/api-host-kit'

const REPO = path.resolve(__dirname, '../../..')

describe('owners API', () => {
  let kit: Kit
  afterEach(async () => kit?.dispose())
  const ownersFile = () => path.join(kit.dir, 'catalog', 'owners.yaml')
  const withEstateOwners = async () => {
    kit = await makeKit()
    mkdirSync(path.join(kit.dir, 'catalog'), { recursive: true })
    copyFileSync(path.join(REPO, 'catalog', 'owners.yaml'), ownersFile())
  }

  it('reads teams, domains and rules, and resolves one URN', async () => {
    await withEstateOwners()
    const view = await kit.host.api.getOwners({})
    expect(view.domains.map((d) => d.id)).toEqual([
      'customer',
      'orders',
      'payments',
      'marketing',
      'fraud',
      'ops',
    ])
    expect(
      await kit.host.api.getOwnership({ urn: 'postgres://amper-pg/crm/dbo/Customer#Email' }),
    ).toMatchObject({
      matchedBy: 'postgres://amper-pg/crm',
      owner: { id: 'crm-platform', name: 'CRM Platform' },
      domain: { id: 'customer' },
    })
    await expect(kit.host.api.getOwnership({ urn: 'nope' })).rejects.toMatchObject({
      code: 'bad-input',
    })
  })

  it('sets and clears ownership, keeps the comments, and audits owners.change', async () => {
    await withEstateOwners()
    const urn = 'postgres://amper-pg/legacy/dbo/tblCust'
    await kit.host.api.setOwnership({ match: urn, owner: 'single-view', domain: 'customer' })
    expect(await kit.host.api.getOwnership({ urn: `${urn}#Email` })).toMatchObject({
      matchedBy: urn,
      owner: { id: 'single-view' },
    })
    const view = await kit.host.api.setOwnership({ match: urn, owner: null, domain: null })
    expect(view.rules.some((r) => r.match === urn)).toBe(false)
    expect(readFileSync(ownersFile(), 'utf8')).toContain('# the pre-2019 customer store')
    const audit = await kit.host.api.listAudit({})
    const changes = audit.filter((e) => e.action === 'owners.change')
    expect(changes).toHaveLength(2)
    expect(changes.map((e) => e.target)).toEqual([urn, urn])
    expect(changes.some((e) => JSON.stringify(e.details).includes('single-view'))).toBe(true)
  })

  it('refuses unknown team or domain ids and malformed matches, writing nothing', async () => {
    await withEstateOwners()
    const before = readFileSync(ownersFile(), 'utf8')
    await expect(
      kit.host.api.setOwnership({ match: 'kafka://events/x', owner: 'ghosts' }),
    ).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/ghosts/) })
    await expect(
      kit.host.api.setOwnership({ match: 'kafka://events/x', domain: 'nowhere' }),
    ).rejects.toMatchObject({ code: 'bad-input' })
    await expect(
      kit.host.api.setOwnership({ match: 'just text', owner: 'fraud' }),
    ).rejects.toMatchObject({ code: 'bad-input', details: { field: 'match' } })
    await expect(kit.host.api.setOwnership({ match: 'kafka://events/x' })).rejects.toMatchObject({
      code: 'bad-input',
    })
    expect(readFileSync(ownersFile(), 'utf8')).toBe(before)
    expect((await kit.host.api.listAudit({})).some((e) => e.action === 'owners.change')).toBe(false)
  })

  it('an invalid owners.yaml is a bad-input naming the line', async () => {
    kit = await makeKit()
    mkdirSync(path.join(kit.dir, 'catalog'), { recursive: true })
    writeFileSync(ownersFile(), 'teams: []\nrules:\n  - match: kafka://e\n    owner: x\n')
    await expect(kit.host.api.getOwners({})).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/line 4/),
    })
  })
})

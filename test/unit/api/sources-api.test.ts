import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeKit, okCheck, type Kit } from '../../support/api-host-kit'

const sourcesYaml = (kit: Kit) =>
  readFileSync(path.join(kit.dir, 'catalog', 'sources.yaml'), 'utf8')

describe('sources API', () => {
  let kit: Kit
  afterEach(async () => kit?.dispose())

  it('tells the app facts: version, workspace, mode, where secrets go, actor', async () => {
    kit = await makeKit()
    const info = await kit.host.api.getAppInfo({})
    expect(info).toMatchObject({
      workspace: kit.dir,
      mode: 'serve',
      secretStorage: 'memory',
      actor: 'tester',
    })
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(info.secretStorageWarning).toMatch(/memory only/)
  })

  it('keeps its store in memory only once asked, says so, and not after close', async () => {
    kit = await makeKit()
    expect((await kit.host.api.getAppInfo({})).storeResidency.state).toBe('off')
    const first = await kit.host.keepStoreResident()
    expect(first).toMatchObject({ state: 'resident' })
    expect(first.pages).toBeGreaterThan(0)
    // Asked again: the same pass, not a second worker.
    expect(await kit.host.keepStoreResident()).toBe(first)
    expect((await kit.host.api.getAppInfo({})).storeResidency).toMatchObject({
      state: 'resident',
      residentBytes: first.residentBytes,
    })
    // (That the file is mapped, and let go on close: test/unit/store/resident-pages.test.ts.)
    await kit.host.close()
    await expect(kit.host.keepStoreResident()).rejects.toThrow(/closed/)
  })

  it('moves a password typed into the URL to the secret store: sources.yaml keeps only a marker', async () => {
    kit = await makeKit()
    const view = await kit.host.api.addSource({
      source: {
        name: 'crm',
        kind: 'postgres',
        url: 'postgres://bob:Typed-Pw-1@127.0.0.1:5432/crm',
      },
    })
    expect(view).toEqual({
      name: 'crm',
      kind: 'postgres',
      url: 'postgres://127.0.0.1:5432/crm',
      username: 'bob',
      hasSecret: true,
      secretStorage: 'memory',
      aliases: [],
      options: {},
    })
    expect(await kit.secrets.get('crm')).toBe('Typed-Pw-1')
    expect(sourcesYaml(kit)).toContain('secret: memory')
    expect(sourcesYaml(kit)).not.toContain('Typed-Pw-1')
    expect(kit.events).toContainEqual({ topic: 'sources.changed' })
  })

  it('saves a password reference as text and reports it, never its value', async () => {
    kit = await makeKit()
    await kit.host.api.addSource({
      source: {
        name: 'crm',
        kind: 'postgres',
        url: 'postgres://127.0.0.1:${env:KIT_PORT:-5432}/crm',
        username: 'reader',
        passwordRef: '${env:KIT_PW}',
        aliases: ['127.0.0.1:5432'],
        options: { databases: 'crm,orders' },
      },
    })
    const view = await kit.host.api.getSource({ name: 'crm' })
    expect(view).toMatchObject({
      hasSecret: true,
      secretStorage: 'env-ref',
      secretRef: '${env:KIT_PW}',
    })
    expect(JSON.stringify(view)).not.toContain('from-env-pw')
    expect(sourcesYaml(kit)).toContain('password: ${env:KIT_PW}')
    await kit.host.api.testSource({ name: 'crm' })
    expect(kit.seen.at(-1)).toEqual({
      name: 'crm',
      kind: 'postgres',
      url: 'postgres://127.0.0.1:6543/crm',
      username: 'reader',
      password: 'from-env-pw',
      options: { databases: 'crm,orders' },
    })
  })

  it.each([
    [
      { name: 'bad name!', kind: 'postgres', url: 'postgres://h/db' },
      'source.name',
      /letter or digit/,
    ],
    [
      { name: 'a', kind: 'oracle', url: 'postgres://h/db' },
      'source.kind',
      /kind must be one of sqlserver, postgres/,
    ],
    [
      { name: 'a', kind: 'mongodb', url: 'kafka://h:9092' },
      'source.url',
      /kafka:\/\/.*does not fit kind mongodb/,
    ],
    [{ name: 'a', kind: 'postgres' }, 'source.url', /URL is required/],
    [
      {
        name: 'a',
        kind: 'postgres',
        url: 'postgres://h/db',
        password: 'x',
        passwordRef: '${env:X}',
      },
      'source.passwordRef',
      /not both/,
    ],
    [
      { name: 'a', kind: 'postgres', url: 'postgres://h/db', passwordRef: 'plain' },
      'source.passwordRef',
      /\$\{env:VAR\}/,
    ],
    [
      { name: 'a', kind: 'postgres', url: 'postgres://h/db', options: { password: 'x' } },
      'source.options',
      /no secrets/,
    ],
    [{ name: 'a', kind: 'postgres', url: 'postgres://h/db', colour: 'red' }, 'source', /colour/],
  ])('rejects bad input %j with the field path', async (source, field, message) => {
    kit = await makeKit()
    const call = kit.host.api.addSource({ source } as never)
    await expect(call).rejects.toMatchObject({ code: 'bad-input', details: { field } })
    await expect(call).rejects.toThrowError(message)
  })

  it('conflict on a duplicate name; not-found for unknown names', async () => {
    kit = await makeKit()
    const source = { name: 'a', kind: 'kafka' as const, url: 'kafka://h:9092' }
    await kit.host.api.addSource({ source })
    await expect(kit.host.api.addSource({ source })).rejects.toMatchObject({ code: 'conflict' })
    await expect(kit.host.api.getSource({ name: 'zz' })).rejects.toMatchObject({
      code: 'not-found',
    })
    await expect(kit.host.api.removeSource({ name: 'zz' })).rejects.toMatchObject({
      code: 'not-found',
    })
    await expect(kit.host.api.testSource({ name: 'zz' })).rejects.toMatchObject({
      code: 'not-found',
    })
  })

  it('update keeps or drops the secret, and a rename carries it along', async () => {
    kit = await makeKit()
    const api = kit.host.api
    await api.addSource({ source: { name: 'a', kind: 'mongodb', url: 'mongodb://u:pw1@h:27017/' } })
    const renamed = await api.updateSource({
      name: 'a',
      source: {
        name: 'b',
        kind: 'mongodb',
        url: 'mongodb://h:27017/',
        username: 'u',
        description: 'x',
      },
    })
    expect(renamed).toMatchObject({
      name: 'b',
      hasSecret: true,
      secretStorage: 'memory',
      description: 'x',
    })
    expect(await kit.secrets.get('a')).toBeUndefined()
    expect(await kit.secrets.get('b')).toBe('pw1')
    const cleared = await api.updateSource({
      name: 'b',
      source: { name: 'b', kind: 'mongodb', url: 'mongodb://h:27017/', keepSecret: false },
    })
    expect(cleared).toMatchObject({ hasSecret: false, secretStorage: 'none' })
    expect(await kit.secrets.get('b')).toBeUndefined()
    await api.removeSource({ name: 'b' })
    expect(await api.listSources({})).toEqual([])
    const actions = (await api.listAudit({})).map((e) => e.action)
    expect(actions).toEqual(['source.remove', 'source.update', 'source.update', 'source.add'])
  })

  it('removing a source forgets its secret', async () => {
    kit = await makeKit()
    await kit.host.api.addSource({
      source: { name: 'a', kind: 'postgres', url: 'postgres://h/db', password: 'pw' },
    })
    await kit.host.api.removeSource({ name: 'a' })
    expect(await kit.secrets.get('a')).toBeUndefined()
  })

  it('tests a draft with its typed password without storing it, and audits without secrets', async () => {
    kit = await makeKit(async (source) => ({
      ok: false,
      reachable: true,
      authenticated: false,
      // A driver that echoes the URL with the password in it:
      error: {
        code: 'auth',
        message: `login failed: postgres://${source.username}:${source.password}@h/db (${source.password})`,
      },
      checkedAt: new Date().toISOString(),
    }))
    const check = await kit.host.api.testSource({
      source: {
        name: 'draft',
        kind: 'postgres',
        url: 'postgres://h/db',
        username: 'u',
        password: 'Draft-Secret-9',
      },
    })
    expect(check.ok).toBe(false)
    expect(check.error?.code).toBe('auth')
    expect(JSON.stringify(check)).not.toContain('Draft-Secret-9')
    expect(check.error?.message).toContain('***')
    expect(kit.seen.at(-1)?.password).toBe('Draft-Secret-9')
    expect(await kit.secrets.get('draft')).toBeUndefined()
    expect(await kit.host.api.listSources({})).toEqual([])
    const [entry] = await kit.host.api.listAudit({})
    expect(entry).toMatchObject({
      action: 'source.test',
      target: 'draft',
      details: { ok: false, code: 'auth', draft: true },
    })
    expect(JSON.stringify(entry)).not.toContain('Draft-Secret-9')
  })

  it('a draft of a saved source without a retyped password is tested with the saved secret', async () => {
    kit = await makeKit()
    await kit.host.api.addSource({
      source: { name: 'a', kind: 'postgres', url: 'postgres://u:saved@h/db' },
    })
    await kit.host.api.testSource({
      source: { name: 'a', kind: 'postgres', url: 'postgres://h/db', username: 'u' },
    })
    expect(kit.seen.at(-1)?.password).toBe('saved')
  })

  it('an unset variable or a lost in-memory password is a failed check with a clear reason', async () => {
    kit = await makeKit()
    await kit.host.api.addSource({
      source: {
        name: 'a',
        kind: 'postgres',
        url: 'postgres://h/db',
        passwordRef: '${env:NOT_SET_ANYWHERE}',
      },
    })
    await kit.host.api.addSource({
      source: { name: 'b', kind: 'postgres', url: 'postgres://h/db', password: 'pw' },
    })
    const unset = await kit.host.api.testSource({ name: 'a' })
    expect(unset).toMatchObject({ ok: false, error: { code: 'bad-input' } })
    expect(unset.error?.message).toMatch(/NOT_SET_ANYWHERE is not set/)
    const host = await kit.reopen()
    expect(await host.api.getSource({ name: 'b' })).toMatchObject({
      secretStorage: 'memory',
      hasSecret: false,
    })
    const lost = await host.api.testSource({ name: 'b' })
    expect(lost).toMatchObject({ ok: false, error: { code: 'auth' } })
    expect(lost.error?.message).toMatch(/memory only: type it again/)
  })

  it('a kind without a connector yet is reported as unsupported, not thrown', async () => {
    kit = await makeKit(undefined, {
      createConnector: () => {
        throw new Error('connector for sqlserver not implemented yet')
      },
    })
    const check = await kit.host.api.testSource({
      source: { name: 'a', kind: 'sqlserver', url: 'mssql://h:1433/db' },
    })
    expect(check).toMatchObject({ ok: false, error: { code: 'unsupported' } })
  })

  it('returns plain JSON from every method', async () => {
    kit = await makeKit(async () => okCheck())
    const api = kit.host.api
    const results = [
      await api.getAppInfo({}),
      await api.addSource({ source: { name: 'a', kind: 'kafka', url: 'kafka://h:9092' } }),
      await api.listSources({}),
      await api.testSource({ name: 'a' }),
      await api.listAudit({ limit: 5 }),
      await api.verifyAudit({}),
      await api.listJobs({}),
    ]
    for (const r of results) expect(JSON.parse(JSON.stringify(r))).toEqual(r)
    await expect(api.listAudit({ limit: 0 })).rejects.toMatchObject({
      code: 'bad-input',
      details: { field: 'limit' },
    })
    await expect(api.listSources({ extra: 1 } as never)).rejects.toMatchObject({
      code: 'bad-input',
    })
    await expect(api.getJob({ id: 'nope' })).rejects.toMatchObject({ code: 'not-found' })
  })
})

import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiHost } from '../../src/main/api/create-api-host'
import type { ApiHost } from '../../src/main/api/host'
import { MemorySecretStore } from '../../src/main/secrets/memory-secret-store'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'

/** The repository's own catalog/sources.yaml is the reference estate's workspace (issue 2 §4). */
const env = estateEnv()
const PG_PORT = Number(env.SIGHTLINE_PG_PORT ?? 55432)

describe('catalog/sources.yaml of the reference estate', () => {
  let dir: string
  let host: ApiHost
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-refcat-'))
    mkdirSync(path.join(dir, 'catalog'))
    copyFileSync(
      path.join(REPO_ROOT, 'catalog', 'sources.yaml'),
      path.join(dir, 'catalog', 'sources.yaml'),
    )
    host = await createApiHost({
      workspaceDir: dir,
      mode: 'serve',
      secretStore: new MemorySecretStore(),
      env: { ...process.env, ...env },
    })
  })
  afterAll(async () => {
    await host?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('lists the estate sources with env references only', async () => {
    const sources = await host.api.listSources({})
    expect(sources.map((s) => [s.name, s.kind])).toEqual([
      ['amper-pg', 'postgres'],
      ['events', 'kafka'],
      ['connect', 'kafka-connect'],
      ['registry', 'schema-registry'],
      ['singleview', 'mongodb'],
    ])
    const pg = sources[0]!
    expect(pg).toMatchObject({
      url: 'postgres://127.0.0.1:${env:SIGHTLINE_PG_PORT:-55432}/crm',
      username: '${env:SIGHTLINE_PG_READER_USER:-sightline_reader}',
      secretStorage: 'env-ref',
      secretRef: '${env:SIGHTLINE_PG_READER_PASSWORD:-reader-pass}',
      options: { databases: 'crm,orders,legacy' },
    })
    expect(pg.aliases).toEqual(['127.0.0.1:55432', 'localhost:55432'])
    expect(sources[1]!.aliases).toContain('127.0.0.1:59093')
  })

  it('connects to the estate PostgreSQL as amper-pg', async () => {
    if (!(await serviceAvailable('PostgreSQL', '127.0.0.1', PG_PORT))) return
    const check = await host.api.testSource({ name: 'amper-pg' })
    expect(check).toMatchObject({ ok: true, reachable: true, authenticated: true })
    expect(check.serverVersion).toMatch(/^PostgreSQL 15/)
  })
})

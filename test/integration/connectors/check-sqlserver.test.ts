import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionCheck } from '../../../src/shared/api'
import { createConnector, type ResolvedSource } from '../../../src/main/connectors'
import { estateEnv, serviceAvailable } from '../../support/estate'
import { HOST, PORTS, refusedPort, silentServer, source } from './estate-sources'

/**
 * SQL Server cannot run on these machines (ESTATE.md). Everything that needs no SQL Server runs
 * always (bad input, DNS, refused, timeout, cancel, wrong kind); the checks that need one run
 * against SIGHTLINE_TEST_MSSQL_URL when it is set, and are reported as skipped otherwise.
 */
const MSSQL_URL = estateEnv().SIGHTLINE_TEST_MSSQL_URL
const kafkaUp = await serviceAvailable('Kafka', HOST, PORTS.kafka)

const check = (
  src: ResolvedSource,
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<ConnectionCheck> =>
  createConnector(src).check(signal ? { timeoutMs, signal } : { timeoutMs })

describe('sqlserver check: failures that need no SQL Server', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    silent = await silentServer()
  })
  afterAll(() => silent.close())

  it('malformed URL and connection string -> bad-input / malformed-url', async () => {
    for (const url of ['mssql://127.0.0.1:99999/crm', 'Database=crm;User Id=sa', 'sql1 crm']) {
      const result = await check(source('sqlserver', url))
      expect(result.error).toMatchObject({
        code: 'bad-input',
        details: { reason: 'malformed-url' },
      })
    }
  })
  it('unknown host -> unreachable / dns', async () => {
    const result = await check(
      source('sqlserver', 'Server=tcp:no-such-host.invalid,1433;Database=crm', {
        username: 'sa',
        password: 'x',
      }),
    )
    expect(result.error).toMatchObject({ code: 'unreachable', details: { reason: 'dns' } })
  })
  it('refused port -> unreachable / refused', async () => {
    const port = await refusedPort()
    const result = await check(
      source('sqlserver', `sqlserver://${HOST}:${port};databaseName=crm`, {
        username: 'sa',
        password: 'x',
      }),
    )
    expect(result.error).toMatchObject({
      code: 'unreachable',
      details: { reason: 'refused', port },
    })
  })
  it('a server that never answers -> timeout', { timeout: 8_000 }, async () => {
    const result = await check(
      source('sqlserver', `mssql://${HOST}:${silent.port}/crm`, { username: 'sa', password: 'x' }),
      800,
    )
    expect(result.error).toMatchObject({ code: 'timeout', details: { timeoutMs: 800 } })
  })
  it('honours the AbortSignal -> cancelled', { timeout: 8_000 }, async () => {
    const controller = new AbortController()
    silent.onConnection(() => controller.abort())
    const result = await check(
      source('sqlserver', `mssql://${HOST}:${silent.port}/crm`),
      10_000,
      controller.signal,
    )
    expect(result.error).toMatchObject({ code: 'cancelled' })
  })
  it("another kind's URL -> wrong-kind (scheme)", async () => {
    const result = await check(source('sqlserver', `postgres://${HOST}:${PORTS.postgres}/crm`))
    expect(result.error).toMatchObject({
      code: 'bad-input',
      details: { reason: 'wrong-kind', looksLike: 'PostgreSQL' },
    })
  })
  it.runIf(kafkaUp)(
    "a SQL Server URL at the estate's Kafka port -> wrong-kind (protocol)",
    { timeout: 15_000 },
    async () => {
      const result = await check(
        source('sqlserver', `mssql://${HOST}:${PORTS.kafka}/crm`, {
          username: 'sa',
          password: 'x',
        }),
      )
      expect(result.error).toMatchObject({
        code: 'bad-input',
        details: { reason: 'wrong-kind', detectedBy: 'protocol' },
      })
      expect(result.error?.message).toMatch(/Kafka broker, not SQL Server/)
    },
  )
})

if (!MSSQL_URL) {
  console.warn(
    '\n*** NOT RUN: SIGHTLINE_TEST_MSSQL_URL is not set: the SQL Server checks against a real server are SKIPPED (not passed). ***\n',
  )
}

describe.skipIf(!MSSQL_URL)('sqlserver check against SIGHTLINE_TEST_MSSQL_URL', () => {
  const real = source('sqlserver', MSSQL_URL ?? '')

  it('reports reachability, authentication, version and latency', async () => {
    const result = await check(real)
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ ok: true, reachable: true, authenticated: true })
    expect(result.serverVersion).toMatch(/^SQL Server (\d{4} )?\(\d+\.\d+/)
    expect(result.latencyMs).toBeGreaterThan(0)
  })
  it('wrong password -> auth (18456), without echoing it', async () => {
    const result = await check({ ...real, password: 'not-the-password-18456' })
    expect(result.error).toMatchObject({ code: 'auth', details: { number: 18456 } })
    expect(JSON.stringify(result)).not.toContain('not-the-password-18456')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConnectionCheck } from '../../../src/shared/api'
import { createConnector, type ResolvedSource } from '../../../src/main/connectors'
import { serviceAvailable } from '../../support/estate'
import {
  basicAuthServer,
  FIXTURES,
  HOST,
  openHandles,
  settledHandles,
  PORTS,
  refusedPort,
  silentServer,
  source,
} from './estate-sources'

/**
 * The connectors' conformance suite (DESIGN.md §3, after beekeeper-studio's
 * integration/lib/db/clients/all.js): every kind of the estate runs the same checks against its
 * real server, then every way of getting the input wrong must give its own specific error.
 * SQL Server has no server here: see check-sqlserver.test.ts.
 */

const check = (
  src: ResolvedSource,
  timeoutMs = 10_000,
  signal?: AbortSignal,
): Promise<ConnectionCheck> =>
  createConnector(src).check(signal ? { timeoutMs, signal } : { timeoutMs })

/** Nothing a check returns may carry the password it was given. */
function expectNoSecret(result: ConnectionCheck, src: ResolvedSource): void {
  if (src.password) expect(JSON.stringify(result)).not.toContain(src.password)
}

const available = new Map<string, boolean>()
for (const f of FIXTURES) available.set(f.kind, await serviceAvailable(f.label, HOST, f.port))
const foreignPortUp = new Map<number, boolean>()
for (const port of new Set(FIXTURES.map((f) => f.foreignPort.port))) {
  foreignPortUp.set(port, await serviceAvailable(`estate server on port ${port}`, HOST, port))
}

describe.each(FIXTURES)('$kind check against the estate ($label)', (f) => {
  const up = available.get(f.kind) === true
  let silent: Awaited<ReturnType<typeof silentServer>>
  beforeAll(async () => {
    silent = await silentServer()
  })
  afterAll(() => silent.close())

  it.runIf(up)('reports reachability, authentication, server version and latency', async () => {
    const result = await check(f.good)
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ ok: true, reachable: true, authenticated: true })
    expect(result.serverVersion).toMatch(f.version)
    expect(result.latencyMs).toBeGreaterThan(0)
    expect(Number.isNaN(Date.parse(result.checkedAt))).toBe(false)
    expectNoSecret(result, f.good)
  })

  it.runIf(up)('closes every socket and timer it opened, on success and on failure', async () => {
    // Earlier tests' sockets (e.g. a cancelled check's) must be gone first: a clean baseline.
    const idle = await settledHandles(openHandles().timers)
    expect(idle.sockets).toBe(0)
    const timersBefore = openHandles().timers
    await check(f.good)
    await check(f.tlsMismatch)
    await check(source(f.kind, f.urlFor(HOST, silent.port)), 500)
    if (!('notApplicable' in f.wrongPassword)) await check(f.wrongPassword)
    const after = await settledHandles(timersBefore)
    expect(after.sockets).toBe(0)
    expect(after.timers).toBeLessThanOrEqual(timersBefore)
  })

  it('malformed URL -> bad-input / malformed-url', async () => {
    const url =
      f.kind === 'kafka'
        ? 'kafka://127.0.0.1:notaport'
        : `${f.urlFor('127.0.0.1', 1).split('://')[0]}://127.0.0.1:99999/`
    const result = await check(source(f.kind, url))
    expect(result.ok).toBe(false)
    expect(result.error).toMatchObject({ code: 'bad-input', details: { reason: 'malformed-url' } })
    expect(result.error?.message).toMatch(/Malformed|malformed|port/)
  })

  it('unknown host -> unreachable / dns', async () => {
    const result = await check(source(f.kind, f.urlFor('no-such-host.invalid', f.port)))
    expect(result).toMatchObject({ ok: false, reachable: false })
    expect(result.error).toMatchObject({
      code: 'unreachable',
      details: { reason: 'dns', host: 'no-such-host.invalid' },
    })
    expect(result.error?.message).toMatch(/no-such-host\.invalid/)
  })

  it('refused port -> unreachable / refused', async () => {
    const port = await refusedPort()
    const result = await check(source(f.kind, f.urlFor(HOST, port)))
    expect(result).toMatchObject({ ok: false, reachable: false })
    expect(result.error).toMatchObject({
      code: 'unreachable',
      details: { reason: 'refused', port },
    })
    expect(result.error?.message).toMatch(new RegExp(`refused by 127\\.0\\.0\\.1:${port}`))
  })

  it.runIf(up)('wrong password -> auth (or says plainly why the estate cannot tell)', async () => {
    if ('notApplicable' in f.wrongPassword) {
      // Not a pass in disguise: the estate server has no authentication, so a wrong password
      // still connects. The test pins that fact so it fails the day the estate turns auth on.
      console.warn(`NOTE ${f.kind}: ${f.wrongPassword.notApplicable}`)
      const result = await check({ ...f.good, username: 'nobody', password: 'not-the-password' })
      expect(result.ok).toBe(true)
      expectNoSecret(result, { ...f.good, password: 'not-the-password' })
      return
    }
    const result = await check(f.wrongPassword)
    expect(result).toMatchObject({ ok: false, reachable: true, authenticated: false })
    expect(result.error).toMatchObject({ code: 'auth', details: { reason: 'bad-credentials' } })
    expectNoSecret(result, f.wrongPassword)
  })

  it.runIf(up)('TLS requested against a plain-text server -> tls', async () => {
    const result = await check(f.tlsMismatch)
    expect(result.ok).toBe(false)
    expect(result.error?.code).toBe('tls')
    expect(result.error?.details?.reason).toMatch(/^tls-(not-offered|handshake)$/)
    expect(result.error?.message).toMatch(/TLS/)
  })

  it(
    'a server that accepts and never answers -> timeout within timeoutMs',
    { timeout: 8_000 },
    async () => {
      const result = await check(source(f.kind, f.urlFor(HOST, silent.port)), 800)
      expect(result).toMatchObject({ ok: false })
      expect(result.error).toMatchObject({ code: 'timeout', details: { timeoutMs: 800 } })
      expect(result.error?.message).toMatch(/800 ms/)
    },
  )

  it("honours the caller's AbortSignal -> cancelled", { timeout: 8_000 }, async () => {
    const controller = new AbortController()
    silent.onConnection(() => controller.abort())
    const result = await check(
      source(f.kind, f.urlFor(HOST, silent.port)),
      10_000,
      controller.signal,
    )
    expect(result.error).toMatchObject({ code: 'cancelled' })
  })

  it("another kind's URL -> bad-input / wrong-kind (scheme)", async () => {
    const result = await check(source(f.kind, f.foreignScheme.url))
    expect(result.error).toMatchObject({
      code: 'bad-input',
      details: { reason: 'wrong-kind', looksLike: f.foreignScheme.looksLike, detectedBy: 'scheme' },
    })
  })

  it.runIf(foreignPortUp.get(f.foreignPort.port) === true)(
    "this kind's URL at another product's port -> bad-input / wrong-kind (protocol)",
    { timeout: 15_000 },
    async () => {
      const result = await check(source(f.kind, f.urlFor(HOST, f.foreignPort.port)))
      expect(result.error).toMatchObject({
        code: 'bad-input',
        details: { reason: 'wrong-kind', detectedBy: 'protocol' },
      })
      expect(result.error?.message).toMatch(f.foreignPort.looksLike)
      expect(result.error?.message).toMatch(/not /)
    },
  )
})

describe('HTTP kinds against a server that demands a password', () => {
  let server: Awaited<ReturnType<typeof basicAuthServer>>
  beforeAll(async () => {
    server = await basicAuthServer()
  })
  afterAll(() => server.close())

  it.each(['kafka-connect', 'schema-registry'] as const)(
    '%s: HTTP 401 -> auth, without echoing the password',
    async (kind) => {
      const src = source(kind, `http://${HOST}:${server.port}/`, {
        username: 'someone',
        password: 'wrong-secret',
      })
      const result = await check(src)
      expect(result).toMatchObject({ ok: false, reachable: true, authenticated: false })
      expect(result.error).toMatchObject({
        code: 'auth',
        details: { reason: 'bad-credentials', status: 401 },
      })
      expectNoSecret(result, src)
    },
  )
  it('without credentials the message says they are required', async () => {
    const result = await check(source('kafka-connect', `http://${HOST}:${server.port}/`))
    expect(result.error).toMatchObject({
      code: 'auth',
      details: { reason: 'credentials-required' },
    })
  })
})

describe('kind-specific failures on the estate', () => {
  const [pg, kafka] = [FIXTURES[0]!, FIXTURES[1]!]
  const pgUp = available.get('postgres') === true
  const kafkaUp = available.get('kafka') === true

  it.runIf(pgUp)(
    'postgres: options.databases are each proven; a missing one is not-found',
    async () => {
      const good = await check({ ...pg.good, options: { databases: 'crm,orders' } })
      expect(good).toMatchObject({ ok: true, details: { databasesChecked: 3 } })
      const missing = await check({ ...pg.good, options: { databases: 'crm,no_such_database' } })
      expect(missing.error).toMatchObject({
        code: 'not-found',
        details: { reason: 'no-such-database', sqlstate: '3D000' },
      })
    },
  )

  it.runIf(kafkaUp)(
    'kafka: the SASL listener without credentials -> auth / sasl-required',
    async () => {
      const result = await check(source('kafka', kafka.good.url))
      expect(result.error).toMatchObject({ code: 'auth', details: { reason: 'sasl-required' } })
    },
  )

  it.runIf(kafkaUp)(
    'kafka: credentials sent to the PLAINTEXT listener -> auth / sasl-not-expected',
    async () => {
      const result = await check({ ...kafka.good, url: `kafka://${HOST}:${PORTS.kafka}` })
      expect(result.error).toMatchObject({ code: 'auth', details: { reason: 'sasl-not-expected' } })
      expectNoSecret(result, kafka.good)
    },
  )

  it.runIf(kafkaUp)('kafka: the PLAINTEXT listener checks without credentials', async () => {
    const result = await check(source('kafka', `${HOST}:${PORTS.kafka}`))
    expect(result).toMatchObject({ ok: true, details: { sasl: 'none', brokers: 1 } })
  })
})

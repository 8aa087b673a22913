import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { estateEnv, REPO_ROOT, serviceAvailable } from '../support/estate'

/**
 * The "no secret leaks" proof (issue 2): passwords given every way the product takes them —
 * typed into the API, inside a URL, in a draft test, on an update, the estate's real password —
 * must appear nowhere: not in sources.yaml, the store (db, WAL, SHM), the server's stdout/stderr,
 * any API response or event, nor the CLI's output.
 */
const env = estateEnv()
const PG_PORT = Number(env.SIGHTLINE_PG_PORT ?? 55432)
const READER = env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader'
const READER_PASSWORD = env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass'
const PG_UP = await serviceAvailable('PostgreSQL', '127.0.0.1', PG_PORT)

const CANARIES = {
  typed: 'Canary-Typed-7f3e2a',
  inUrl: 'Canary-InUrl-91ab4c',
  draft: 'Canary-Draft-5d6e7f',
  update: 'Canary-Update-c4d2e1',
  badUrl: 'Canary-BadUrl-0a9b8c',
  unreachable: 'Canary-Unreach-3c2b1a',
}
const SECRETS = [...Object.values(CANARIES), READER_PASSWORD]

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

function expectNoSecret(where: string, text: string | Buffer): void {
  const haystack = Buffer.isBuffer(text) ? text.toString('latin1') : text
  for (const secret of SECRETS) {
    expect(haystack.includes(secret), `${where} contains a secret`).toBe(false)
    expect(
      haystack.includes(encodeURIComponent(secret)),
      `${where} contains an encoded secret`,
    ).toBe(false)
  }
}

describe.skipIf(!PG_UP)('secrets never leak (real PostgreSQL of the estate)', () => {
  let workspace: string
  let serve: ReturnType<typeof spawn>
  let base: string
  let token: string
  const stdout: string[] = []
  const stderr: string[] = []
  const responses: string[] = []
  let events = ''
  const eventsAbort = new AbortController()
  const eventWaiters: (() => void)[] = []
  /** Resolves once the server-sent events so far satisfy `ready`. */
  const eventsUntil = (ready: (text: string) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!ready(events)) return false
        resolve()
        return true
      }
      if (!check()) eventWaiters.push(() => void check())
    })

  // The bodies are checked field by field below; typing every method's reply here adds nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call(method: string, arg: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(arg),
    })
    const text = await res.text()
    responses.push(`${method} -> ${text}`)
    return { status: res.status, body: JSON.parse(text) }
  }

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'sightline-leak-'))
    serve = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/sightline.js'), 'serve', '--workspace', workspace, '--json'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SIGHTLINE_SERVE_TOKEN: '' },
      },
    )
    serve.stderr!.on('data', (c: Buffer) => stderr.push(c.toString('utf8')))
    const lines = readline.createInterface({ input: serve.stdout! })
    const first = await new Promise<string>((resolve) => lines.once('line', resolve))
    stdout.push(first)
    lines.on('line', (line) => stdout.push(line))
    const info = JSON.parse(first) as { port: number; apiToken: string }
    base = `http://127.0.0.1:${info.port}`
    token = info.apiToken
    const stream = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${token}` },
      signal: eventsAbort.signal,
    })
    void (async () => {
      const decoder = new TextDecoder()
      try {
        for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
          events += decoder.decode(chunk)
          for (const waiter of eventWaiters) waiter()
        }
      } catch {
        // aborted at the end of the test
      }
    })()
  })

  afterAll(async () => {
    eventsAbort.abort()
    if (serve && serve.exitCode === null) {
      const exited = new Promise((resolve) => serve.once('exit', resolve))
      serve.kill('SIGTERM')
      await exited
    }
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  })

  it('adds, tests, lists and audits sources with passwords, then finds none of them anywhere', async () => {
    const pgUrl = `postgres://127.0.0.1:${PG_PORT}/crm`
    // 1. typed into the API (wrong password: the server answers with an auth error)
    expect(
      (
        await call('addSource', {
          source: {
            name: 'typed',
            kind: 'postgres',
            url: pgUrl,
            username: READER,
            password: CANARIES.typed,
          },
        })
      ).status,
    ).toBe(200)
    // 2. inside the URL
    const inUrl = await call('addSource', {
      source: {
        name: 'in-url',
        kind: 'postgres',
        url: `postgres://${READER}:${CANARIES.inUrl}@127.0.0.1:${PG_PORT}/crm`,
      },
    })
    expect(inUrl.body.result).toMatchObject({
      url: pgUrl,
      username: READER,
      hasSecret: true,
      secretStorage: 'memory',
    })
    // 3. the real password, typed in: the test must succeed
    await call('addSource', {
      source: {
        name: 'real',
        kind: 'postgres',
        url: pgUrl,
        username: READER,
        password: READER_PASSWORD,
      },
    })

    const typed = await call('testSource', { name: 'typed' })
    expect(typed.body.result).toMatchObject({ ok: false, error: { code: 'auth' } })
    const real = await call('testSource', { name: 'real' })
    expect(real.body.result).toMatchObject({ ok: true, reachable: true, authenticated: true })
    expect(real.body.result.serverVersion).toMatch(/PostgreSQL 15/)
    expect((await call('testSource', { name: 'in-url' })).body.result.error.code).toBe('auth')
    // 4. a draft, never saved
    await call('testSource', {
      source: {
        name: 'draft',
        kind: 'postgres',
        url: pgUrl,
        username: READER,
        password: CANARIES.draft,
      },
    })
    // 5. a draft whose host does not resolve, password inside the URL
    const unreachable = await call('testSource', {
      source: {
        name: 'nowhere',
        kind: 'postgres',
        url: `postgres://u:${CANARIES.unreachable}@no-such-host.invalid:5432/db`,
      },
    })
    expect(unreachable.body.result.ok).toBe(false)
    // 6. a malformed URL holding a password: rejected without echoing it
    const bad = await call('addSource', {
      source: { name: 'bad', kind: 'postgres', url: `postgres://u:${CANARIES.badUrl}@h:99999/db` },
    })
    expect(bad.status).toBe(400)
    // 7. an update with a new password
    await call('updateSource', {
      name: 'typed',
      source: {
        name: 'typed',
        kind: 'postgres',
        url: pgUrl,
        username: READER,
        password: CANARIES.update,
      },
    })
    // 8. every read the UI makes
    const listed = await call('listSources', {})
    expect(listed.body.result).toHaveLength(3)
    await call('getSource', { name: 'in-url' })
    const job = await call('testAllSources', {})
    const jobId = job.body.result.jobId as string
    await eventsUntil((text) =>
      text
        .split('\n\n')
        .some((frame) => frame.includes(jobId) && frame.includes('"state":"succeeded"')),
    )
    expect((await call('getJob', { id: jobId })).body.result.state).toBe('succeeded')
    await call('listJobs', {})
    const audit = await call('listAudit', { limit: 1000 })
    expect(
      audit.body.result.filter((e: { action: string }) => e.action === 'source.test').length,
    ).toBeGreaterThanOrEqual(7)
    expect((await call('verifyAudit', {})).body.result).toMatchObject({ ok: true })
    await call('getAppInfo', {})

    // The CLI on the same workspace (another process; the in-memory secrets are not there).
    const cli = (args: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(REPO_ROOT, 'bin/sightline.js'), ...args, '--workspace', workspace],
        { encoding: 'utf8' },
      )
    const cliRuns = [
      cli(['sources', 'list', '--json']),
      cli(['sources', 'test', 'in-url', '--json']),
      cli(['audit', '--json']),
      cli(['audit', '--verify']),
    ]

    // Now look everywhere, while the server still runs (so the WAL holds recent writes)...
    const yaml = readFileSync(path.join(workspace, 'catalog', 'sources.yaml'), 'utf8')
    expect(yaml).toContain('secret: memory')
    expectNoSecret('sources.yaml', yaml)
    const stateFiles = filesUnder(path.join(workspace, '.sightline'))
    expect(stateFiles.some((f) => f.endsWith('sightline.db'))).toBe(true)
    for (const file of stateFiles) expectNoSecret(file, readFileSync(file))
    for (const text of responses) expectNoSecret(`API response ${text.slice(0, 40)}`, text)
    expect(events).toContain('job.partial')
    expectNoSecret('server-sent events', events)
    cliRuns.forEach((run, i) => {
      expectNoSecret(`CLI run ${i} stdout`, run.stdout)
      expectNoSecret(`CLI run ${i} stderr`, run.stderr)
    })
    expectNoSecret('serve stdout', stdout.join('\n'))
    expectNoSecret('serve stderr', stderr.join(''))

    // ...and after it stopped (WAL checkpointed into the db file).
    eventsAbort.abort()
    const exited = new Promise((resolve) => serve.once('exit', resolve))
    serve.kill('SIGTERM')
    await exited
    for (const file of filesUnder(workspace)) expectNoSecret(file, readFileSync(file))
    expectNoSecret('serve stderr', stderr.join(''))
  })
})

import { spawn } from 'node:child_process'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import { mkdtempSync, rmSync } from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_METHODS, type AppInfo } from '../../src/shared/api/contract'
import type { ApiEvent } from '../../src/shared/model/jobs'
import { startHttpServer, type RunningHttpServer } from '../../src/main/http/http-server'
import { makeKit, okCheck, type Kit } from '../support/api-host-kit'
import { REPO_ROOT } from '../support/estate'

/** A raw request, so that Host and other headers are exactly what the test says. */
function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers ?? {},
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

describe('sightline serve: HTTP transport', () => {
  let kit: Kit
  let server: RunningHttpServer
  let base: string
  const bearer = () => ({ authorization: `Bearer ${server.apiToken}` })

  beforeAll(async () => {
    kit = await makeKit(async () => okCheck())
    server = await startHttpServer({
      host: kit.host,
      port: 0,
      rendererDir: path.join(kit.dir, 'no-renderer'),
    })
    base = `http://127.0.0.1:${server.port}`
  })
  afterAll(async () => {
    await server?.close()
    await kit?.dispose()
  })

  it('listens on 127.0.0.1 only', async () => {
    const address = server.server.address() as net.AddressInfo
    expect(address.address).toBe('127.0.0.1')
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => !!i && !i.internal)
    for (const iface of external) {
      const result = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: iface.address, port: server.port })
        socket.once('connect', () => {
          socket.destroy()
          resolve('connected')
        })
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
      })
      expect(result, `connect via ${iface.address}`).not.toBe('connected')
    }
  })

  it('answers 401 before routing to every /api request without auth', async () => {
    const paths = [
      ...API_METHODS.map((m) => `/api/${m}`),
      '/api/events',
      '/api/no-such-method',
      '/api',
      '/api/',
    ]
    for (const p of paths) {
      for (const method of ['POST', 'GET']) {
        const res = await request(server.port, {
          method,
          path: p,
          body: method === 'POST' ? '{}' : undefined,
        })
        expect(res.status, `${method} ${p}`).toBe(401)
        expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'unauthenticated' } })
      }
    }
  })

  it('refuses a wrong bearer token and a forged session cookie', async () => {
    const wrong = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: { authorization: 'Bearer not-the-token' },
    })
    expect(wrong.status).toBe(401)
    const basic = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: { authorization: `Basic ${server.apiToken}` },
    })
    expect(basic.status).toBe(401)
    const forged = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: { cookie: 'sightline_session=forged' },
    })
    expect(forged.status).toBe(401)
    const right = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: bearer(),
    })
    expect(right.status).toBe(200)
    expect(JSON.parse(right.body)).toEqual({ result: [] })
  })

  it('trades the one-time login token for an HttpOnly SameSite=Strict session cookie, once', async () => {
    const login = new URL(server.newLoginUrl())
    const loginPath = login.pathname + login.search
    const first = await request(server.port, { path: loginPath })
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    const cookie = first.headers['set-cookie']![0]!
    expect(cookie).toMatch(
      /^sightline_session=[A-Za-z0-9_-]{20,}; HttpOnly; SameSite=Strict; Path=\/$/,
    )
    const session = cookie.split(';')[0]!
    const withCookie = await request(server.port, {
      method: 'POST',
      path: '/api/getAppInfo',
      headers: { cookie: session },
    })
    expect(withCookie.status).toBe(200)
    expect(JSON.parse(withCookie.body).result.mode).toBe('serve')
    // The cookie authenticates the event stream too (EventSource cannot send a Bearer header).
    const stream = new AbortController()
    const events = await fetch(`${base}/api/events`, {
      headers: { cookie: session },
      signal: stream.signal,
    })
    expect(events.status).toBe(200)
    stream.abort()
    const again = await request(server.port, { path: loginPath })
    expect(again.status).toBe(403)
    expect(again.headers['set-cookie']).toBeUndefined()
    const unknown = await request(server.port, { path: '/?login=made-up' })
    expect(unknown.status).toBe(403)
  })

  it('maps API errors to the protocol statuses', async () => {
    const call = (method: string, body: string) =>
      request(server.port, { method: 'POST', path: `/api/${method}`, headers: bearer(), body })
    const unknown = await call('dropTables', '{}')
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body).error.code).toBe('not-found')
    expect((await call('getSource', '{"name":"nope"}')).status).toBe(404)
    const bad = await call(
      'addSource',
      '{"source":{"name":"x","kind":"mongodb","url":"kafka://h:1"}}',
    )
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error).toMatchObject({
      code: 'bad-input',
      details: { field: 'source.url' },
    })
    expect((await call('listSources', '{not json')).status).toBe(400)
    await call('addSource', '{"source":{"name":"dup","kind":"kafka","url":"kafka://h:1"}}')
    expect(
      (await call('addSource', '{"source":{"name":"dup","kind":"kafka","url":"kafka://h:1"}}'))
        .status,
    ).toBe(409)
  })

  it('refuses another Host (DNS rebinding) and a cross-site Origin', async () => {
    const rebound = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: { ...bearer(), host: `evil.example:${server.port}` },
    })
    expect(rebound.status).toBe(403)
    const page = await request(server.port, { path: '/', headers: { host: 'evil.example' } })
    expect(page.status).toBe(403)
    const crossSite = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: { ...bearer(), origin: 'https://evil.example' },
    })
    expect(crossSite.status).toBe(403)
    const localhost = await request(server.port, {
      method: 'POST',
      path: '/api/listSources',
      headers: { ...bearer(), host: `localhost:${server.port}` },
    })
    expect(localhost.status).toBe(200)
  })

  it('streams job events as server-sent events', async () => {
    await kit.host.api.addSource({
      source: { name: 'sse-a', kind: 'kafka', url: 'kafka://h:9092' },
    })
    const controller = new AbortController()
    const res = await fetch(`${base}/api/events`, { headers: bearer(), signal: controller.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    const started = await fetch(`${base}/api/testAllSources`, {
      method: 'POST',
      headers: bearer(),
      body: '{}',
    })
    const { jobId } = ((await started.json()) as { result: { jobId: string } }).result
    const seen: ApiEvent[] = []
    let buffer = ''
    while (
      !seen.some((e) => e.topic === 'job' && e.job.id === jobId && e.job.state === 'succeeded')
    ) {
      const { value, done } = await reader.read()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (frame.startsWith('data: ')) seen.push(JSON.parse(frame.slice(6)) as ApiEvent)
      }
    }
    controller.abort()
    expect(seen.some((e) => e.topic === 'job.partial' && e.jobId === jobId)).toBe(true)
    expect(
      seen.some((e) => e.topic === 'job' && e.job.id === jobId && e.job.state === 'succeeded'),
    ).toBe(true)
  })

  it('serves pages with a strict CSP and never files outside the renderer folder', async () => {
    const page = await request(server.port, { path: '/catalogue/some/route' })
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    const traversal = await request(server.port, { path: '/..%2f..%2fpackage.json' })
    expect(traversal.body).not.toContain('"dependencies"')
  })
})

describe('node bin/sightline.js serve', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-serve-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function startServe(args: string[], env: Record<string, string> = {}) {
    const child = spawn(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin/sightline.js'),
        'serve',
        '--workspace',
        dir,
        '--port',
        '0',
        ...args,
      ],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    // Queue lines as they come: readline emits both of serve's lines synchronously when they
    // arrive in one chunk, so a listener attached per call would miss the second.
    const lines = readline.createInterface({ input: child.stdout! })
    const queued: string[] = []
    const waiting: ((line: string) => void)[] = []
    lines.on('line', (line) => {
      const resolve = waiting.shift()
      if (resolve) resolve(line)
      else queued.push(line)
    })
    const next = () =>
      new Promise<string>((resolve, reject) => {
        const line = queued.shift()
        if (line !== undefined) return resolve(line)
        waiting.push(resolve)
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
      })
    return { child, next }
  }

  it('prints the login URL and the API token, and the token works', async () => {
    const { child, next } = startServe([])
    try {
      const first = await next()
      const second = await next()
      const m =
        /^Sightline is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?login=[A-Za-z0-9_-]+)$/.exec(
          first,
        )
      expect(m, first).not.toBeNull()
      const token = /^API token \(for Authorization: Bearer\): (\S+)$/.exec(second)?.[1]
      expect(token).toBeDefined()
      const res = await fetch(`http://127.0.0.1:${m![2]}/api/getAppInfo`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: '{}',
      })
      expect(((await res.json()) as { result: { workspace: string } }).result.workspace).toBe(dir)
      expect(
        (await fetch(`http://127.0.0.1:${m![2]}/api/getAppInfo`, { method: 'POST', body: '{}' }))
          .status,
      ).toBe(401)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('keeps its store resident in memory, from the built bundle, and says so in getAppInfo', async () => {
    const { child, next } = startServe(['--json'], { SIGHTLINE_SERVE_TOKEN: 'resident-token' })
    try {
      const info = JSON.parse(await next()) as { port: number }
      const appInfo = async () => {
        const res = await fetch(`http://127.0.0.1:${info.port}/api/getAppInfo`, {
          method: 'POST',
          headers: { authorization: 'Bearer resident-token' },
          body: '{}',
        })
        return ((await res.json()) as { result: AppInfo }).result.storeResidency
      }
      let residency = await appInfo()
      for (let i = 0; i < 100 && residency.state === 'warming'; i++) {
        await new Promise((r) => setTimeout(r, 50))
        residency = await appInfo()
      }
      // The worker runs from the bundle (out/main), resolving better-sqlite3 from there.
      expect(residency).toMatchObject({ state: 'resident' })
      expect(residency.pages).toBeGreaterThan(0)
      expect(residency.residentBytes).toBe(residency.fileBytes)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('--json prints one JSON line; SIGHTLINE_SERVE_TOKEN fixes the token', async () => {
    const { child, next } = startServe(['--json'], { SIGHTLINE_SERVE_TOKEN: 'fixed-test-token' })
    try {
      const info = JSON.parse(await next()) as { url: string; port: number; apiToken: string }
      expect(info.apiToken).toBe('fixed-test-token')
      expect(info.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${info.port}/\\?login=`))
      const res = await fetch(`http://127.0.0.1:${info.port}/api/listSources`, {
        method: 'POST',
        headers: { authorization: 'Bearer fixed-test-token' },
        body: '{}',
      })
      expect(res.status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
  })
})

import http from 'node:http'
import net from 'node:net'
import type { SourceKind } from '../../../src/shared/api'
import type { ResolvedSource } from '../../../src/main/connectors'
import { estateEnv } from '../../support/estate'

/**
 * The reference estate as the connectors' conformance suite sees it: for each kind, a working
 * source and the ways to get it wrong. Ports and passwords come from .estate/estate.env or the
 * environment, with test/estate/env.sh's defaults.
 */
const env = estateEnv()
const num = (name: string, fallback: number) => Number(env[name] ?? fallback)
export const HOST = '127.0.0.1'
export const PORTS = {
  postgres: num('SIGHTLINE_PG_PORT', 55432),
  kafka: num('SIGHTLINE_KAFKA_PORT', 59092),
  kafkaSasl: num('SIGHTLINE_KAFKA_SASL_PORT', 59093),
  connect: num('SIGHTLINE_CONNECT_PORT', 58083),
  registry: num('SIGHTLINE_REGISTRY_PORT', 58081),
  mongo: num('SIGHTLINE_MONGO_PORT', 57017),
}
const PG_READER = {
  user: env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader',
  password: env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass',
}
const KAFKA_USER = {
  user: env.SIGHTLINE_KAFKA_USER ?? 'sightline',
  password: env.SIGHTLINE_KAFKA_PASSWORD ?? 'kafka-pass',
}

export function source(
  kind: SourceKind,
  url: string,
  extra: Partial<ResolvedSource> = {},
): ResolvedSource {
  return { name: `test-${kind}`, kind, url, options: {}, ...extra }
}

/** One row per kind: how to reach it right, and how to get each thing wrong. */
export interface KindFixture {
  kind: SourceKind
  label: string
  port: number
  /** A source that must check ok. */
  good: ResolvedSource
  /** Build the kind's URL for any host:port (for dns/refused/timeout cases). */
  urlFor(host: string, port: number): string
  /** The good source with a wrong password, or why the estate cannot have one. */
  wrongPassword: ResolvedSource | { notApplicable: string }
  /** The good source asking for TLS where the server speaks plain text. */
  tlsMismatch: ResolvedSource
  /** Another kind's URL given to this kind (scheme-level mistake) and what it looks like. */
  foreignScheme: { url: string; looksLike: string }
  /** This kind's URL pointed at another product's port (protocol-level mistake). */
  foreignPort: { port: number; looksLike: RegExp }
  /** What a good check must report as its version. */
  version: RegExp
}

export const FIXTURES: KindFixture[] = [
  {
    kind: 'postgres',
    label: 'PostgreSQL',
    port: PORTS.postgres,
    good: source('postgres', `postgres://${HOST}:${PORTS.postgres}/postgres`, {
      username: PG_READER.user,
      password: PG_READER.password,
    }),
    urlFor: (h, p) => `postgres://${h}:${p}/postgres`,
    wrongPassword: source('postgres', `postgres://${HOST}:${PORTS.postgres}/postgres`, {
      username: PG_READER.user,
      password: 'not-the-password',
    }),
    tlsMismatch: source(
      'postgres',
      `postgres://${HOST}:${PORTS.postgres}/postgres?sslmode=require`,
      { username: PG_READER.user, password: PG_READER.password },
    ),
    foreignScheme: { url: `http://${HOST}:${PORTS.connect}/`, looksLike: 'HTTP' },
    foreignPort: { port: PORTS.kafka, looksLike: /Kafka broker/ },
    version: /^PostgreSQL \d+\.\d+/,
  },
  {
    kind: 'kafka',
    label: 'Kafka (SASL PLAIN listener)',
    port: PORTS.kafkaSasl,
    good: source('kafka', `kafka://${HOST}:${PORTS.kafkaSasl}`, {
      username: KAFKA_USER.user,
      password: KAFKA_USER.password,
      options: { 'sasl.mechanism': 'PLAIN' },
    }),
    urlFor: (h, p) => `kafka://${h}:${p}`,
    wrongPassword: source('kafka', `kafka://${HOST}:${PORTS.kafkaSasl}`, {
      username: KAFKA_USER.user,
      password: 'not-the-password',
      options: { 'sasl.mechanism': 'PLAIN' },
    }),
    tlsMismatch: source('kafka', `kafka://${HOST}:${PORTS.kafka}`, { options: { tls: true } }),
    foreignScheme: { url: `mongodb://${HOST}:${PORTS.mongo}/`, looksLike: 'MongoDB' },
    foreignPort: { port: PORTS.postgres, looksLike: /PostgreSQL server/ },
    version: /^Apache Kafka ≥ 4\.0 \(cluster \S+\)$/,
  },
  {
    kind: 'kafka-connect',
    label: 'Kafka Connect REST',
    port: PORTS.connect,
    good: source('kafka-connect', `http://${HOST}:${PORTS.connect}`),
    urlFor: (h, p) => `http://${h}:${p}/`,
    wrongPassword: {
      notApplicable:
        "the estate's Connect REST has no authentication (401 handling is proven against a local basic-auth server below)",
    },
    tlsMismatch: source('kafka-connect', `https://${HOST}:${PORTS.connect}`),
    foreignScheme: { url: `postgres://${HOST}:${PORTS.postgres}/crm`, looksLike: 'PostgreSQL' },
    foreignPort: { port: PORTS.kafka, looksLike: /Kafka broker/ },
    version: /^Kafka Connect \d+\.\d+\.\d+ \(cluster \S+\)$/,
  },
  {
    kind: 'schema-registry',
    label: 'Apicurio Registry (ccompat v7)',
    port: PORTS.registry,
    good: source('schema-registry', `http://${HOST}:${PORTS.registry}/apis/ccompat/v7`),
    urlFor: (h, p) => `http://${h}:${p}/apis/ccompat/v7`,
    wrongPassword: {
      notApplicable:
        "the estate's Apicurio has no authentication (401 handling is proven against a local basic-auth server below)",
    },
    tlsMismatch: source('schema-registry', `https://${HOST}:${PORTS.registry}/apis/ccompat/v7`),
    foreignScheme: { url: `kafka://${HOST}:${PORTS.kafka}`, looksLike: 'Kafka' },
    foreignPort: { port: PORTS.postgres, looksLike: /PostgreSQL server/ },
    version: /^Apicurio Registry.* \d+\.\d+\.\d+$/,
  },
  {
    kind: 'mongodb',
    label: 'MongoDB (FerretDB)',
    port: PORTS.mongo,
    good: source('mongodb', `mongodb://${HOST}:${PORTS.mongo}/`),
    urlFor: (h, p) => `mongodb://${h}:${p}/`,
    // FerretDB on SQLite has no users at all: it rejects every user name and password with a
    // real AuthenticationFailed. So this proves the translation of that server answer; there is
    // no right password to contrast it with (the good source connects without credentials).
    wrongPassword: source('mongodb', `mongodb://${HOST}:${PORTS.mongo}/`, {
      username: 'sightline',
      password: 'not-the-password',
    }),
    tlsMismatch: source('mongodb', `mongodb://${HOST}:${PORTS.mongo}/?tls=true`),
    foreignScheme: { url: `kafka://${HOST}:${PORTS.kafka}`, looksLike: 'Kafka' },
    foreignPort: { port: PORTS.kafka, looksLike: /Kafka broker/ },
    version: /^FerretDB \d+\.\d+\.\d+ \(MongoDB \d+\.\d+/,
  },
]

/** A loopback server that accepts connections and never says a word. */
export async function silentServer(): Promise<{
  port: number
  connections: () => number
  close: () => Promise<void>
  onConnection: (cb: () => void) => void
}> {
  const sockets = new Set<net.Socket>()
  let count = 0
  const listeners: Array<() => void> = []
  const server = net.createServer((socket) => {
    count++
    sockets.add(socket)
    socket.on('error', () => {})
    // Reads and drops what it is sent ('end' only fires on a consumed stream); the client
    // hanging up is the only thing it reacts to, so the test sees no leftovers of its own.
    socket.resume()
    socket.on('end', () => socket.destroy())
    socket.on('close', () => sockets.delete(socket))
    for (const cb of listeners) cb()
  })
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    connections: () => count,
    onConnection: (cb) => void listeners.push(cb),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port on 127.0.0.1 where nothing listens: bound, then released. */
export async function refusedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A loopback HTTP server that wants basic auth and refuses every password. */
export async function basicAuthServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.writeHead(401, {
      'www-authenticate': 'Basic realm="test"',
      'content-type': 'application/json',
      connection: 'close',
    })
    res.end('{"error_code":401,"message":"Unauthorized"}')
  })
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * Waits (polling, bounded) until this process has no TCP/TLS socket left and no more timers than
 * `timersBefore`; returns what it saw last. Polls with its own timer, checked only after it fired.
 */
export async function settledHandles(
  timersBefore: number,
  limitMs = 5_000,
): Promise<{ sockets: number; timers: number }> {
  const deadline = Date.now() + limitMs
  for (;;) {
    const now = openHandles()
    if ((now.sockets === 0 && now.timers <= timersBefore) || Date.now() > deadline) return now
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Open sockets and timers of this process, to prove a check leaves none behind. */
export function openHandles(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo()
  return {
    sockets: info.filter((r) => r === 'TCPSocketWrap' || r === 'TLSWrap').length,
    timers: info.filter((r) => r === 'Timeout').length,
  }
}

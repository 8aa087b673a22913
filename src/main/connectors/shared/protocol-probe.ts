import net from 'node:net'
import tls from 'node:tls'
import type { SourceKind } from '../../../shared/api'
import type { Endpoint } from '../errors'

/**
 * Tiny raw-socket probes that tell which protocol a port speaks. Drivers pointed at the wrong
 * kind of server fail with "connection closed" or hang; these let a check say "this looks like a
 * Kafka broker, not MongoDB" instead. Each probe opens one loopback/host connection, sends one
 * harmless handshake-level request, and always destroys its socket and timer.
 */

export type ProbeOutcome =
  | { kind: 'data'; data: Buffer }
  | { kind: 'closed' }
  | { kind: 'silent' }
  | { kind: 'error'; code?: string }

interface ExchangeOptions {
  timeoutMs: number
  signal?: AbortSignal
  /** True once enough bytes arrived to judge. */
  complete: (data: Buffer) => boolean
}

/** Connect, write `payload`, collect the answer until complete/closed/silent. */
export function exchange(
  endpoint: Endpoint,
  payload: Buffer,
  opts: ExchangeOptions,
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    if (opts.signal?.aborted) return resolve({ kind: 'silent' })
    const socket = net.connect({ host: endpoint.host, port: endpoint.port })
    let data = Buffer.alloc(0)
    let settled = false
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(outcome)
    }
    const onAbort = () => finish({ kind: 'silent' })
    const timer = setTimeout(
      () => finish(data.length > 0 ? { kind: 'data', data } : { kind: 'silent' }),
      opts.timeoutMs,
    )
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => socket.write(payload))
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      if (opts.complete(data) || data.length > 64 * 1024) finish({ kind: 'data', data })
    })
    socket.once('close', () =>
      finish(data.length > 0 ? { kind: 'data', data } : { kind: 'closed' }),
    )
    socket.once('error', (err: NodeJS.ErrnoException) =>
      finish(data.length > 0 ? { kind: 'data', data } : { kind: 'error', code: err.code }),
    )
  })
}

const KAFKA_CORRELATION_ID = 0x5a17
const MONGO_REQUEST_ID = 0x5a17

export interface KafkaApiVersion {
  apiKey: number
  minVersion: number
  maxVersion: number
}

/** ApiVersions v0: every Kafka broker answers it before authentication, on any listener. */
export function kafkaApiVersionsRequest(): Buffer {
  const clientId = Buffer.from('sightline-probe')
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length)
  body.writeInt16BE(18, 0)
  body.writeInt16BE(0, 2)
  body.writeInt32BE(KAFKA_CORRELATION_ID, 4)
  body.writeInt16BE(clientId.length, 8)
  clientId.copy(body, 10)
  const size = Buffer.alloc(4)
  size.writeInt32BE(body.length)
  return Buffer.concat([size, body])
}

/** Parses an ApiVersions v0 answer; undefined if the bytes are not one. */
export function parseKafkaApiVersions(data: Buffer): KafkaApiVersion[] | undefined {
  if (data.length < 14) return undefined
  const size = data.readInt32BE(0)
  if (size < 10 || data.length < 4 + size || data.readInt32BE(4) !== KAFKA_CORRELATION_ID)
    return undefined
  const count = data.readInt32BE(10)
  if (count < 0 || 14 + count * 6 > 4 + size) return undefined
  const out: KafkaApiVersion[] = []
  for (let i = 0; i < count; i++) {
    const at = 14 + i * 6
    out.push({
      apiKey: data.readInt16BE(at),
      minVersion: data.readInt16BE(at + 2),
      maxVersion: data.readInt16BE(at + 4),
    })
  }
  return out
}

function kafkaComplete(data: Buffer): boolean {
  return data.length >= 4 && data.length >= 4 + data.readInt32BE(0)
}

/** OP_MSG { hello: 1, $db: "admin" }, hand-encoded so the probe needs no BSON library. */
export function mongoHelloRequest(): Buffer {
  const doc = Buffer.concat([
    Buffer.from([31, 0, 0, 0]),
    Buffer.from([0x10]),
    Buffer.from('hello\0'),
    Buffer.from([1, 0, 0, 0]),
    Buffer.from([0x02]),
    Buffer.from('$db\0'),
    Buffer.from([6, 0, 0, 0]),
    Buffer.from('admin\0'),
    Buffer.from([0]),
  ])
  const header = Buffer.alloc(16 + 4 + 1)
  header.writeInt32LE(header.length + doc.length, 0)
  header.writeInt32LE(MONGO_REQUEST_ID, 4)
  header.writeInt32LE(0, 8)
  header.writeInt32LE(2013, 12)
  header.writeUInt32LE(0, 16)
  header.writeUInt8(0, 20)
  return Buffer.concat([header, doc])
}

export function isMongoReply(data: Buffer): boolean {
  return (
    data.length >= 16 &&
    data.readInt32LE(8) === MONGO_REQUEST_ID &&
    [1, 2013].includes(data.readInt32LE(12))
  )
}

/** PostgreSQL SSLRequest: a server answers one byte, 'S' or 'N'. */
const POSTGRES_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])

function httpRequest(endpoint: Endpoint): Buffer {
  return Buffer.from(
    `GET / HTTP/1.0\r\nHost: ${endpoint.host}\r\nUser-Agent: sightline-probe\r\n\r\n`,
  )
}

const isHttp = (data: Buffer) => data.subarray(0, 5).toString('latin1') === 'HTTP/'

type ProbeKind = 'kafka' | 'mongodb' | 'postgres' | 'http'

const PROBES: Record<
  ProbeKind,
  {
    label: string
    request: (e: Endpoint) => Buffer
    complete: (d: Buffer) => boolean
    matches: (d: Buffer) => boolean
  }
> = {
  kafka: {
    label: 'a Kafka broker',
    request: kafkaApiVersionsRequest,
    complete: kafkaComplete,
    matches: (d) => parseKafkaApiVersions(d) !== undefined,
  },
  mongodb: {
    label: 'a MongoDB server',
    request: mongoHelloRequest,
    complete: (d) => d.length >= 16,
    matches: isMongoReply,
  },
  postgres: {
    label: 'a PostgreSQL server',
    request: () => POSTGRES_SSL_REQUEST,
    complete: (d) => d.length >= 1,
    matches: (d) => d.length === 1 && (d[0] === 0x53 || d[0] === 0x4e),
  },
  http: {
    label: 'an HTTP server',
    request: httpRequest,
    complete: (d) => d.length >= 5,
    matches: isHttp,
  },
}

export const PROBE_KIND_OF: Partial<Record<SourceKind, ProbeKind>> = {
  kafka: 'kafka',
  mongodb: 'mongodb',
  postgres: 'postgres',
  'kafka-connect': 'http',
  'schema-registry': 'http',
}

/** 'own': answered the kind's handshake; 'other': closed or answered something else; 'silent'. */
export async function probeOwnProtocol(
  kind: ProbeKind,
  endpoint: Endpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<'own' | 'other' | 'silent'> {
  const probe = PROBES[kind]
  const outcome = await exchange(endpoint, probe.request(endpoint), {
    timeoutMs: Math.max(1, timeoutMs),
    signal,
    complete: probe.complete,
  })
  if (outcome.kind === 'silent') return 'silent'
  if (outcome.kind === 'data' && probe.matches(outcome.data)) return 'own'
  return 'other'
}

/** Does `endpoint` answer the plain-text handshake of `kind`? */
export async function speaks(
  kind: ProbeKind,
  endpoint: Endpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  const probe = PROBES[kind]
  const outcome = await exchange(endpoint, probe.request(endpoint), {
    timeoutMs,
    signal,
    complete: probe.complete,
  })
  return outcome.kind === 'data' && probe.matches(outcome.data)
}

/**
 * Which other protocol answers at `endpoint`, trying each probe but `expected`. Returns a label
 * such as "a Kafka broker", or undefined when nothing recognisable answers.
 */
export async function identifyOtherService(
  expected: SourceKind,
  endpoint: Endpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const skip = PROBE_KIND_OF[expected]
  const perProbe = Math.max(200, Math.floor(timeoutMs / 4))
  for (const kind of ['kafka', 'http', 'postgres', 'mongodb'] as const) {
    if (kind === skip || signal?.aborted) continue
    const probe = PROBES[kind]
    const outcome = await exchange(endpoint, probe.request(endpoint), {
      timeoutMs: perProbe,
      signal,
      complete: probe.complete,
    })
    if (outcome.kind === 'error') return undefined
    if (outcome.kind !== 'data') continue
    if (probe.matches(outcome.data)) return probe.label
    // A web server answers any garbage with an HTTP error page.
    if (isHttp(outcome.data)) return PROBES.http.label
  }
  return undefined
}

/** Can a TLS handshake complete at `endpoint`? 'silent' means the server never answered. */
export function tlsHandshake(
  endpoint: Endpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<'ok' | 'failed' | 'silent'> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve('silent')
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      rejectUnauthorized: false,
      servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
    })
    let settled = false
    const finish = (r: 'ok' | 'failed' | 'silent') => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      socket.destroy()
      resolve(r)
    }
    const onAbort = () => finish('silent')
    const timer = setTimeout(() => finish('silent'), timeoutMs)
    signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('secureConnect', () => finish('ok'))
    socket.once('error', () => finish('failed'))
    socket.once('close', () => finish('failed'))
  })
}

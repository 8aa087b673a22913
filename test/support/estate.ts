import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The reference estate as tests see it: the env file written by test/estate/up.sh
 * (.estate/estate.env unless SIGHTLINE_ESTATE_ENV_FILE says otherwise), overlaid by the
 * process environment.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export function estateEnv(): Record<string, string> {
  const file =
    process.env.SIGHTLINE_ESTATE_ENV_FILE ?? path.join(REPO_ROOT, '.estate', 'estate.env')
  const vars: Record<string, string> = {}
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^\s*(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line)
      if (m) vars[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2')
    }
  }
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('SIGHTLINE_') && v !== undefined) vars[k] = v
  }
  return vars
}

export const IS_CI = process.env.CI === 'true' || process.env.CI === '1'

function portOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/**
 * Resolves true when host:port accepts connections. When it does not: under CI this throws
 * (a missing server is a failure, never a skip); elsewhere it returns false so the caller can
 * `describe.skipIf` with a loud reason.
 */
export async function serviceAvailable(name: string, host: string, port: number): Promise<boolean> {
  if (await portOpen(host, port)) return true
  const msg = `${name} is not reachable on ${host}:${port}: run \`npm run estate:up\``
  if (IS_CI) throw new Error(`${msg} (CI=true: a missing server is a failure)`)
  console.warn(`SKIPPING ${name} tests: ${msg}`)
  return false
}

/**
 * Whether every server of the reference estate answers (PostgreSQL, Kafka, Connect, the registry,
 * FerretDB), for suites that crawl the whole estate. Throws under CI like serviceAvailable; elsewhere
 * false, announced by a SKIPPING line per missing server.
 */
export async function wholeEstateAvailable(): Promise<boolean> {
  const env = estateEnv()
  const port = (name: string, fallback: number) => Number(env[name] ?? fallback)
  const services: Array<[string, number]> = [
    ['PostgreSQL', port('SIGHTLINE_PG_PORT', 55432)],
    ['Kafka', port('SIGHTLINE_KAFKA_PORT', 59092)],
    ['Kafka Connect', port('SIGHTLINE_CONNECT_PORT', 58083)],
    ['Schema registry', port('SIGHTLINE_REGISTRY_PORT', 58081)],
    ['MongoDB (FerretDB)', port('SIGHTLINE_MONGO_PORT', 57017)],
  ]
  let up = true
  for (const [name, p] of services) up = (await serviceAvailable(name, '127.0.0.1', p)) && up
  return up
}

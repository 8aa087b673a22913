import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, estateEnv, serviceAvailable } from '../../support/estate.js'

/**
 * The estate's own lifecycle: `status --json` reports every service that exists with its URL and
 * health, and (opt-in, since it restarts everything) a down/up cycle leaves no process of ours
 * behind and brings the estate back.
 */
const env = estateEnv()
const ESTATE = path.join(REPO_ROOT, 'test', 'estate')
const estateDir = env.SIGHTLINE_ESTATE_DIR ?? path.join(REPO_ROOT, '.estate')
const CYCLE_TIMEOUT_MS = 30 * 60_000

interface ServiceStatus {
  name: string
  url: string
  healthy: boolean
  pid: number | null
  detail?: string
}

/** Every service the estate knows, with the port its URL must carry (builder has none). */
const PORTS: Record<string, string | undefined> = {
  postgres: env.SIGHTLINE_PG_PORT ?? '55432',
  kafka: env.SIGHTLINE_KAFKA_PORT ?? '59092',
  registry: env.SIGHTLINE_REGISTRY_PORT ?? '58081',
  connect: env.SIGHTLINE_CONNECT_PORT ?? '58083',
  ferretdb: env.SIGHTLINE_MONGO_PORT ?? '57017',
  builder: undefined,
}
const EXTRA_PORTS = [
  env.SIGHTLINE_KAFKA_SASL_PORT ?? '59093',
  env.SIGHTLINE_KAFKA_CONTROLLER_PORT ?? '59094',
]
const KNOWN_SERVICES = Object.keys(PORTS)
/** Services whose scripts exist: the others have not landed yet and must be absent from status. */
const presentServices = KNOWN_SERVICES.filter((s) =>
  existsSync(path.join(ESTATE, 'services', `${s}.sh`)),
)
/** A partial estate (SIGHTLINE_ESTATE_ONLY, as up.sh reads it) is judged on its own services. */
const only = process.env.SIGHTLINE_ESTATE_ONLY?.split(',').filter(Boolean)
const expectedHealthy = presentServices.filter((s) => !only || only.includes(s))

function runScript(
  script: string,
  args: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(ESTATE, script), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

async function status(): Promise<ServiceStatus[]> {
  const { stdout } = await runScript('status', ['--json'])
  return JSON.parse(stdout) as ServiceStatus[]
}

function expectHealthyWithUrls(services: ServiceStatus[]) {
  expect(services.map((s) => s.name)).toEqual(presentServices)
  for (const name of expectedHealthy) {
    const s = services.find((x) => x.name === name)!
    expect(s, `${name}: ${s.detail}`).toMatchObject({ healthy: true })
    const port = PORTS[name]
    if (port) expect(s.url).toContain(`127.0.0.1:${port}`)
    else expect(s.url).not.toBe('')
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port })
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)))
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

/** Our own pid and its ancestors (the shell or runner that started the test) are not the estate. */
function ownLineage(): Set<number> {
  const pids = new Set<number>()
  let pid = process.pid
  while (pid > 1 && !pids.has(pid)) {
    pids.add(pid)
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  }
  return pids
}

/**
 * Processes that look like the estate's: a command line naming our state dir or one of our
 * ports, or a working directory inside our state dir (PostgreSQL's children rename themselves
 * but keep the data dir as cwd).
 */
function estateProcesses(): string[] {
  const ports = [...Object.values(PORTS), ...EXTRA_PORTS].filter((p): p is string => !!p)
  const mine = ownLineage()
  const found: string[] = []
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || mine.has(pid)) continue
    let cmdline = ''
    let cwd = ''
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      cwd = readlinkSync(`/proc/${pid}/cwd`)
    } catch {
      continue // gone meanwhile, or a kernel thread
    }
    if (!cmdline) continue
    if (
      cmdline.includes(estateDir) ||
      cwd.startsWith(estateDir) ||
      ports.some((p) => new RegExp(`\\b${p}\\b`).test(cmdline))
    ) {
      found.push(`${pid}: ${cmdline} (cwd ${cwd})`)
    }
  }
  return found
}

const up = await serviceAvailable('PostgreSQL', '127.0.0.1', Number(PORTS.postgres))

describe.skipIf(!up)('estate status', () => {
  it('status --json lists every service that exists, each healthy, with its loopback URL', async () => {
    expectHealthyWithUrls(await status())
  })

  it('status exits 0 with one human-readable line per service', async () => {
    const { code, stdout } = await runScript('status')
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(presentServices)
    if (!only) expect(code).toBe(0)
  })
})

const cycleEnabled = process.env.SIGHTLINE_TEST_ESTATE_LIFECYCLE === '1'
if (!cycleEnabled) {
  console.warn(
    'SKIPPING the estate down/up cycle: set SIGHTLINE_TEST_ESTATE_LIFECYCLE=1 (it restarts every server)',
  )
}

describe.skipIf(!cycleEnabled)('estate down/up cycle', () => {
  let broughtBackUp = false
  const bringUp = async () => {
    const started = Date.now()
    const result = await runScript('up.sh')
    console.info(`estate up took ${Math.round((Date.now() - started) / 1000)}s`)
    broughtBackUp = result.code === 0
    return result
  }

  // Whatever fails on the way, the estate is left up for the tests and people that share it.
  afterAll(async () => {
    if (!broughtBackUp) await bringUp()
  }, CYCLE_TIMEOUT_MS)

  it(
    'after down no process of ours remains, and down again is a no-op',
    async () => {
      const started = Date.now()
      const down = await runScript('down.sh')
      console.info(`estate down took ${Math.round((Date.now() - started) / 1000)}s`)
      expect(down.code, down.stderr).toBe(0)

      const runDir = path.join(estateDir, 'run')
      const pidFiles = existsSync(runDir)
        ? readdirSync(runDir).filter((f) => f.endsWith('.pid'))
        : []
      expect(pidFiles).toEqual([])
      expect(estateProcesses()).toEqual([])
      for (const port of [...Object.values(PORTS), ...EXTRA_PORTS]) {
        if (port) expect(await portOpen(Number(port)), `port ${port} still open`).toBe(false)
      }

      const again = await runScript('down.sh')
      expect(again.code, again.stderr).toBe(0)
    },
    CYCLE_TIMEOUT_MS,
  )

  it(
    'up brings every service back, healthy',
    async () => {
      const result = await bringUp()
      expect(result.code, result.stderr.slice(-4000)).toBe(0)
      expectHealthyWithUrls(await status())
    },
    CYCLE_TIMEOUT_MS,
  )
})

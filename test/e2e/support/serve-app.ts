import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { REPO_ROOT } from '../../support/estate'

export interface ServedApp {
  /** The one-time login URL printed by `sightline serve`. */
  loginUrl: string
  origin: string
  workspaceDir: string
  /** Everything the server wrote, for the report of a failing test. */
  output: () => string
  stop: () => Promise<void>
}

const STARTUP_LIMIT_MS = 30_000

/** A fresh, empty workspace: nothing is copied from the repository's catalog/. */
export function createTempWorkspace(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'sightline-e2e-'))
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/**
 * Starts `node bin/sightline.js serve --workspace <dir> --port 0` and resolves with the login URL
 * it prints. Rejects (with the server's output) if it exits or prints nothing usable in time.
 */
export async function startServe(workspaceDir: string): Promise<ServedApp> {
  const child = spawn(
    process.execPath,
    ['bin/sightline.js', 'serve', '--workspace', workspaceDir, '--port', '0'],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, SIGHTLINE_WORKSPACE: workspaceDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const loginUrl = await new Promise<string>((resolve, reject) => {
    const limit = setTimeout(
      () => fail(`no login URL within ${STARTUP_LIMIT_MS / 1000} s`),
      STARTUP_LIMIT_MS,
    )
    function fail(why: string): void {
      clearTimeout(limit)
      child.kill('SIGKILL')
      reject(new Error(`sightline serve failed: ${why}\n${output}`))
    }
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`
      const match = /^Sightline is running at (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line.trim())
      if (match) {
        clearTimeout(limit)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before printing its URL`))
    child.once('error', (err) => fail(err.message))
  })

  return {
    loginUrl,
    origin: new URL(loginUrl).origin,
    workspaceDir,
    output: () => output,
    async stop() {
      child.removeAllListeners('exit')
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const exited = waitForExit(child)
        const killLater = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(killLater)
      }
    },
  }
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

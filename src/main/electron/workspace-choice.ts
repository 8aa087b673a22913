import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'

export type WorkspaceReason = 'argument' | 'environment' | 'last-used' | 'default'

export interface WorkspaceChoice {
  dir: string
  reason: WorkspaceReason
}

/**
 * The desktop app's workspace, first match wins: `--workspace DIR` (or `--workspace=DIR`), then
 * SIGHTLINE_WORKSPACE, then the folder used last time, then a default folder. Unlike the CLI,
 * the current directory is no fallback: an app started from a menu runs in `/` or `~`.
 */
export function chooseWorkspace(input: {
  argv: readonly string[]
  env: Record<string, string | undefined>
  cwd: string
  lastUsed: string | undefined
  defaultDir: string
}): WorkspaceChoice {
  const fromArgs = workspaceArgument(input.argv)
  if (fromArgs) return { dir: path.resolve(input.cwd, fromArgs), reason: 'argument' }
  const fromEnv = input.env.SIGHTLINE_WORKSPACE
  if (fromEnv) return { dir: path.resolve(input.cwd, fromEnv), reason: 'environment' }
  if (input.lastUsed && path.isAbsolute(input.lastUsed)) {
    return { dir: input.lastUsed, reason: 'last-used' }
  }
  return { dir: path.resolve(input.defaultDir), reason: 'default' }
}

/** The value of the last `--workspace` flag, if any. */
export function workspaceArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined
  argv.forEach((arg, i) => {
    if (arg === '--workspace' && argv[i + 1] && !argv[i + 1]!.startsWith('--')) found = argv[i + 1]
    else if (arg.startsWith('--workspace=') && arg.length > '--workspace='.length) {
      found = arg.slice('--workspace='.length)
    }
  })
  return found
}

/** <userData>/last-workspace.json: `{ "dir": "/abs/path" }`. */
export async function readLastWorkspace(file: string): Promise<string | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
    const dir = (parsed as { dir?: unknown } | null)?.dir
    return typeof dir === 'string' ? dir : undefined
  } catch {
    return undefined
  }
}

export async function writeLastWorkspace(file: string, dir: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, `${JSON.stringify({ dir }, null, 2)}\n`, 'utf8')
  await rename(tmp, file)
}

import { mkdirSync } from 'node:fs'
import path from 'node:path'

/**
 * A workspace is a folder (DESIGN.md §5): `catalog/` holds what people write and review
 * (sources.yaml...), `.sightline/` holds what the app keeps for itself (the store).
 */
export interface WorkspacePaths {
  root: string
  catalogDir: string
  sourcesFile: string
  stateDir: string
  storeFile: string
}

/** --workspace DIR, else SIGHTLINE_WORKSPACE, else the current directory. */
export function resolveWorkspaceDir(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  const chosen = explicit ?? (env.SIGHTLINE_WORKSPACE || undefined) ?? cwd
  return path.resolve(cwd, chosen)
}

export function workspacePaths(root: string): WorkspacePaths {
  const abs = path.resolve(root)
  const catalogDir = path.join(abs, 'catalog')
  const stateDir = path.join(abs, '.sightline')
  return {
    root: abs,
    catalogDir,
    sourcesFile: path.join(catalogDir, 'sources.yaml'),
    stateDir,
    storeFile: path.join(stateDir, 'sightline.db'),
  }
}

/** Creates .sightline/ private to the user: it holds the audit log and the HMAC key. */
export function ensureStateDir(paths: WorkspacePaths): void {
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 })
}

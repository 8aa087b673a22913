import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../../support/estate'

const BUILT = ['out/main/cli.js', 'out/renderer/index.html'].map((file) =>
  path.join(REPO_ROOT, file),
)

function newestMtime(dir: string): number {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

/**
 * The specs drive the built app (`sightline serve` serves out/renderer): build it when any
 * output is missing or older than the sources, so a stale build never passes for the real one.
 */
export default function globalSetup(): void {
  // Screenshots of a previous run must not pass for this run's.
  rmSync(path.join(REPO_ROOT, 'test-results', 'screenshots'), { recursive: true, force: true })
  const sources = newestMtime(path.join(REPO_ROOT, 'src'))
  const stale = BUILT.some((file) => !existsSync(file) || statSync(file).mtimeMs < sources)
  if (!stale) return
  console.log('e2e: out/ is missing or older than src/: running `npm run build`')
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' })
  if (build.status !== 0)
    throw new Error(`npm run build failed (exit ${build.status ?? build.signal})`)
}

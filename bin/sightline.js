#!/usr/bin/env node
// The `sightline` command. Runs the built CLI (out/main/cli.js, from `npm run build`); when that
// is missing or older than the sources, runs the sources through tsx if it is installed, and
// otherwise says how to build. Plain JS on purpose: it must run before anything is built.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = path.join(root, 'out', 'main', 'cli.js')
const sourceEntry = path.join(root, 'src', 'main', 'cli', 'index.ts')

function newestMtime(dir) {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full))
    else if (/\.(ts|tsx|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs)
  }
  return newest
}

function builtIsCurrent() {
  if (!existsSync(built)) return false
  const sources = Math.max(
    newestMtime(path.join(root, 'src', 'main')),
    newestMtime(path.join(root, 'src', 'shared')),
  )
  return statSync(built).mtimeMs >= sources
}

function tsxAvailable() {
  try {
    createRequire(path.join(root, 'package.json')).resolve('tsx/esm/api')
    return existsSync(sourceEntry)
  } catch {
    return false
  }
}

if (builtIsCurrent()) {
  await import(pathToFileURL(built).href)
} else if (tsxAvailable()) {
  // bin/ lives in the checkout, so the bare specifier finds the checkout's node_modules.
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(sourceEntry).href)
} else {
  const why = existsSync(built) ? 'is older than the sources' : 'is missing'
  process.stderr.write(`sightline: out/main/cli.js ${why}: run \`npm run build\` first.\n`)
  process.exit(1)
}

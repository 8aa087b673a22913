import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it, vi } from 'vitest'

/*
 * Proves the process boundaries of DESIGN.md §1 are enforced by eslint.config.js: each import
 * below is linted as if it were written in a file of the given folder (the file need not exist).
 */
const repoRoot = path.resolve(__dirname, '../..')
const BOUNDARY_RULES = ['no-restricted-imports', 'sightline/process-boundaries']

let eslint: ESLint
// Loading the config and parsers once is slow on a busy machine: a ceiling, not a measurement.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 })
beforeAll(async () => {
  eslint = new ESLint({ cwd: repoRoot })
  await eslint.lintText('export {}\n', { filePath: path.join(repoRoot, 'src/shared/warm-up.ts') })
})

async function boundaryViolations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(repoRoot, filePath) })
  const fatal = result?.messages.find((m) => m.fatal)
  if (fatal) throw new Error(`could not lint ${filePath}: ${fatal.message}`)
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.includes(m.ruleId))
    .map((m) => m.ruleId!)
}

type Case = [file: string, code: string, rule: string]

describe('src/shared imports nothing outside itself', () => {
  it.each<Case>([
    ['src/shared/api/x.ts', "export { readFile } from 'node:fs'", 'no-restricted-imports'],
    ['src/shared/api/x.ts', "export { readFile } from 'fs/promises'", 'no-restricted-imports'],
    ['src/shared/model/x.ts', "export { app } from 'electron'", 'no-restricted-imports'],
    ['src/shared/model/x.ts', "export { useState } from 'react'", 'no-restricted-imports'],
    [
      'src/shared/api/x.ts',
      "export type { ApiHost } from '../../main/api/host'",
      'sightline/process-boundaries',
    ],
    [
      'src/shared/x.ts',
      "export const load = () => import('../renderer/main')",
      'sightline/process-boundaries',
    ],
  ])('%s: %s -> %s', async (file, code, rule) => {
    expect(await boundaryViolations(file, code)).toContain(rule)
  })

  it('allows imports inside src/shared', async () => {
    expect(
      await boundaryViolations('src/shared/api/x.ts', "export { ApiError } from './errors'"),
    ).toEqual([])
    expect(
      await boundaryViolations(
        'src/shared/api/x.ts',
        "export type { SourceView } from '../model/sources'",
      ),
    ).toEqual([])
  })
})

describe('src/renderer imports only src/renderer and src/shared', () => {
  it.each<Case>([
    ['src/renderer/app/x.tsx', "export { join } from 'node:path'", 'no-restricted-imports'],
    ['src/renderer/app/x.tsx', "export { EventEmitter } from 'events'", 'no-restricted-imports'],
    ['src/renderer/app/x.tsx', "export { ipcRenderer } from 'electron'", 'no-restricted-imports'],
    ['src/renderer/app/x.tsx', "export { Pool } from 'pg'", 'no-restricted-imports'],
    [
      'src/renderer/api/x.ts',
      "export { createApiHost } from '../../main/api/create-api-host'",
      'sightline/process-boundaries',
    ],
    [
      'src/renderer/features/sources/x.tsx',
      "export * from '../../../preload/bridge'",
      'sightline/process-boundaries',
    ],
  ])('%s: %s -> %s', async (file, code, rule) => {
    expect(await boundaryViolations(file, code)).toContain(rule)
  })

  it('allows the shared model, its own files and UI libraries', async () => {
    const file = 'src/renderer/features/sources/x.tsx'
    expect(await boundaryViolations(file, "export * from '../../../shared/api'")).toEqual([])
    expect(await boundaryViolations(file, "export { Button } from '@mantine/core'")).toEqual([])
    // Resolved, not pattern-matched: this is src/renderer/features/main, not src/main.
    expect(await boundaryViolations(file, "export * from '../main'")).toEqual([])
  })
})

describe("only src/main/electron and src/preload import 'electron'", () => {
  it.each([
    'src/main/api/x.ts',
    'src/main/cli/x.ts',
    'src/main/http/x.ts',
    'src/main/store/x.ts',
    'test/unit/x.test.ts',
    'bench/x.ts',
  ])("'electron' in %s is an error", async (file) => {
    expect(await boundaryViolations(file, "export { app } from 'electron'")).toContain(
      'no-restricted-imports',
    )
    expect(await boundaryViolations(file, "export { app } from 'electron/main'")).toContain(
      'no-restricted-imports',
    )
  })

  it.each(['src/main/electron/x.ts', 'src/preload/x.ts'])(
    "'electron' in %s is fine",
    async (file) => {
      expect(await boundaryViolations(file, "export { ipcRenderer } from 'electron'")).toEqual([])
    },
  )

  it('keeps Node out of the sandboxed preload', async () => {
    expect(await boundaryViolations('src/preload/x.ts', "export * from 'node:fs'")).toContain(
      'no-restricted-imports',
    )
    expect(
      await boundaryViolations('src/preload/x.ts', "export * from '../main/api/host'"),
    ).toContain('sightline/process-boundaries')
  })
})

describe('connectors never import the store', () => {
  it('flags src/main/connectors -> src/main/store', async () => {
    expect(
      await boundaryViolations(
        'src/main/connectors/postgres/x.ts',
        "export { openSqliteStore } from '../../store/sqlite-store'",
      ),
    ).toContain('sightline/process-boundaries')
    expect(
      await boundaryViolations('src/main/connectors/x.ts', "export * from '../store'"),
    ).toContain('sightline/process-boundaries')
  })

  it('lets connectors use shared, and the rest of main use the store', async () => {
    expect(
      await boundaryViolations(
        'src/main/connectors/postgres/x.ts',
        "export * from '../../../shared/api'",
      ),
    ).toEqual([])
    expect(
      await boundaryViolations('src/main/api/x.ts', "export * from '../store/sqlite-store'"),
    ).toEqual([])
  })
})

describe('main never imports the renderer', () => {
  it('flags src/main -> src/renderer', async () => {
    expect(
      await boundaryViolations('src/main/http/x.ts', "export * from '../../renderer/api/client'"),
    ).toContain('sightline/process-boundaries')
  })
})

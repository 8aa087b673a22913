import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/*
 * Packages cannot be built on these machines (no Electron download, no macOS), so the packaging
 * configuration is checked here instead: against electron-builder's own schema, and for the
 * choices the foundation issue asks for (targets, native rebuild, icons, hardened runtime).
 */
const repoRoot = path.resolve(__dirname, '../../..')
const configFile = path.join(repoRoot, 'electron-builder.yml')
const config = parse(readFileSync(configFile, 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(repoRoot, file))
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

function targetNames(platform: { target: (string | { target: string })[] }): string[] {
  return platform.target.map((t) => (typeof t === 'string' ? t : t.target))
}

describe('electron-builder.yml', () => {
  it("matches electron-builder's schema", () => {
    // app-builder-lib is electron-builder's engine: its schema and validator are what
    // `electron-builder` checks a configuration with before building anything.
    const require = createRequire(path.join(repoRoot, 'node_modules', 'electron-builder', 'x.js'))
    const { validateSchema } = require('app-builder-lib/out/util/config/schemaValidator')
    const schema: unknown = require('app-builder-lib/scheme.json')
    const validate = (candidate: unknown) =>
      validateSchema(schema, candidate, {
        name: 'electron-builder',
        postFormatter: (s: string) => s,
      })
    expect(() => validate(config)).not.toThrow()
    const misspelt = { ...config, linux: { ...config.linux, categroy: 'Development' } }
    expect(() => validate(misspelt)).toThrow(/linux/)
    // Compiling the schema is slow on a loaded machine; this is a ceiling, not a measurement.
  }, 60_000)

  it('packages the built app and rebuilds better-sqlite3 for Electron', () => {
    expect(config.productName).toBe('Sightline')
    expect(config.directories.buildResources).toBe('build')
    expect(config.files).toContain('out/**')
    expect(config.npmRebuild).toBe(true)
    // The native driver, and the JavaScript a worker thread loads it with (resident-pages.ts).
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/node_modules/better-sqlite3/**',
        '**/node_modules/bindings/**',
        '**/node_modules/file-uri-to-path/**',
      ]),
    )
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
    expect(pkg.main).toMatch(/^out\//)
  })

  it('targets AppImage and deb, dmg with a hardened runtime, and nsis', () => {
    expect(targetNames(config.linux)).toEqual(['AppImage', 'deb'])
    expect(config.linux.category).toBe('Development')
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/)
    expect(targetNames(config.mac)).toEqual(['dmg'])
    expect(config.mac.hardenedRuntime).toBe(true)
    expect(existsSync(path.join(repoRoot, config.mac.entitlements))).toBe(true)
    expect(readFileSync(path.join(repoRoot, config.mac.entitlements), 'utf8')).toContain(
      'com.apple.security.cs.allow-jit',
    )
    expect(targetNames(config.win)).toEqual(['nsis'])
  })

  it('has every icon it names, at the sizes the platforms need', () => {
    expect(pngSize('build/icon.png')).toEqual({ width: 1024, height: 1024 })
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(`build/icons/${size}x${size}.png`)).toEqual({ width: size, height: size })
    }
    expect(config.linux.icon).toBe('build/icons')
    expect(readFileSync(path.join(repoRoot, config.mac.icon)).subarray(0, 4).toString()).toBe(
      'icns',
    )
    const ico = readFileSync(path.join(repoRoot, config.win.icon))
    expect(ico.readUInt16LE(2)).toBe(1) // ICONDIR type 1 = icon
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(4) // several sizes in one file
    expect(existsSync(path.join(repoRoot, 'build/icon.svg'))).toBe(true)
  })
})

import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Document } from 'yaml'
import { saveCatalogYaml } from '../workspace/catalog-yaml'
import { CatalogStamps } from './catalog-stamps'

const dirs: string[] = []
const stamps: CatalogStamps[] = []
afterEach(() => {
  for (const s of stamps.splice(0)) s.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function catalog(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-stamps-'))
  dirs.push(dir)
  mkdirSync(path.join(dir, 'lineage'))
  writeFileSync(path.join(dir, 'lineage', 'builder.yaml'), 'edges: []\n')
  return dir
}

function stampsOf(dir: string, clock: { t: number }): CatalogStamps {
  const s = new CatalogStamps(dir, () => clock.t)
  stamps.push(s)
  return s
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('CatalogStamps', () => {
  it('lists the folder once while nothing changes, within the age the caller accepts', () => {
    const clock = { t: 0 }
    const s = stampsOf(catalog(), clock)
    const first = s.current(1_000)
    expect(first).toHaveLength(1)
    clock.t = 999
    expect(s.current(1_000)).toBe(first)
    expect(s.current()).not.toBe(first) // 0: listed every time
    const second = s.current(1_000)
    clock.t = 999 + 1_000
    expect(s.current(1_000)).not.toBe(second)
  })

  it("sees this process's own writes at once", () => {
    const clock = { t: 0 }
    const dir = catalog()
    const s = stampsOf(dir, clock)
    const before = s.current(1_000)
    saveCatalogYaml(path.join(dir, 'lineage', 'more.yaml'), new Document({ edges: [] }))
    const after = s.current(1_000)
    expect(after).toHaveLength(before.length + 1)
  })

  it("sees another program's edit once the folder's watcher reports it", async () => {
    const clock = { t: 0 }
    const dir = catalog()
    const s = stampsOf(dir, clock)
    const before = s.current(1_000)
    writeFileSync(path.join(dir, 'lineage', 'builder.yaml'), 'edges: [] # edited by hand\n')
    await until(() => s.current(1_000) !== before)
    expect(s.current(1_000).join()).not.toBe(before.join())
  })

  it('falls back on its age bound where the folder cannot be watched', () => {
    const clock = { t: 0 }
    const dir = path.join(catalog(), 'not-yet')
    const s = stampsOf(dir, clock)
    expect(s.current(1_000)).toEqual([])
    mkdirSync(dir)
    writeFileSync(path.join(dir, 'a.yaml'), 'x: 1\n')
    clock.t = 1_000
    expect(s.current(1_000)).toHaveLength(1)
  })
})

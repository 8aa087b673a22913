import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  DEFAULT_WINDOW_SIZE,
  parseWindowState,
  placeWindow,
  readWindowState,
  writeWindowState,
} from '../../../src/main/electron/window-state'

const laptop = { x: 0, y: 0, width: 1440, height: 870 }
const external = { x: 1440, y: 0, width: 2560, height: 1400 }

describe('placeWindow', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(undefined, [laptop], laptop)).toEqual({
      bounds: DEFAULT_WINDOW_SIZE,
      isMaximized: false,
    })
  })

  it('reopens where it was when that place is still on a display', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, isMaximized: true }
    expect(placeWindow(saved, [laptop, external], laptop)).toEqual({
      bounds: { x: 1600, y: 100, width: 1400, height: 900 },
      isMaximized: true,
    })
  })

  it('comes back to the primary display, centred, when its display is gone', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, isMaximized: false }
    const placed = placeWindow(saved, [laptop], laptop)
    expect(placed.bounds).toEqual({ width: 1400, height: 870 })
    expect(placed.bounds.x).toBeUndefined()
  })

  it('pulls a window hanging off an edge back inside the work area', () => {
    const saved = { x: -300, y: 700, width: 1000, height: 700, isMaximized: false }
    expect(placeWindow(saved, [laptop], laptop).bounds).toEqual({
      x: 0,
      y: 170,
      width: 1000,
      height: 700,
    })
  })

  it('shrinks a window larger than its display, but not below the minimum size', () => {
    const saved = { x: 0, y: 0, width: 5000, height: 3000, isMaximized: false }
    expect(placeWindow(saved, [laptop], laptop).bounds).toEqual({ x: 0, y: 0, ...sizeOf(laptop) })
    const tiny = { x: 10, y: 10, width: 200, height: 100, isMaximized: false }
    expect(placeWindow(tiny, [laptop], laptop).bounds).toMatchObject({ width: 900, height: 600 })
  })

  it('picks the display showing most of a window that straddles two', () => {
    const saved = { x: 1300, y: 50, width: 1200, height: 800, isMaximized: false }
    expect(placeWindow(saved, [laptop, external], laptop).bounds).toEqual({
      x: 1440,
      y: 50,
      width: 1200,
      height: 800,
    })
  })
})

describe('parseWindowState', () => {
  it.each([
    null,
    'x',
    {},
    { x: 1, y: 2, width: 0, height: 5 },
    { x: 'a', y: 0, width: 9, height: 9 },
  ])('ignores %j', (value) => expect(parseWindowState(value)).toBeUndefined())

  it('keeps valid state', () => {
    expect(parseWindowState({ x: -5, y: 3, width: 900, height: 700, isMaximized: true })).toEqual({
      x: -5,
      y: 3,
      width: 900,
      height: 700,
      isMaximized: true,
    })
  })
})

describe('window-state.json', () => {
  let dir: string | undefined
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('round-trips, and a corrupt file counts as none', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sightline-window-'))
    const file = path.join(dir, 'nested', 'window-state.json')
    expect(await readWindowState(file)).toBeUndefined()
    const state = { x: 10, y: 20, width: 1000, height: 700, isMaximized: false }
    writeWindowState(file, state)
    expect(await readWindowState(file)).toEqual(state)
    await writeFile(file, '{"x": 10, "y":')
    expect(await readWindowState(file)).toBeUndefined()
  })
})

function sizeOf(r: { width: number; height: number }) {
  return { width: r.width, height: r.height }
}

import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

/** What is remembered between runs in <userData>/window-state.json. */
export interface SavedWindowState {
  x: number
  y: number
  width: number
  height: number
  isMaximized: boolean
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Bounds to open the window with; no x/y means "let Electron centre it". */
export interface WindowPlacement {
  bounds: { x?: number; y?: number; width: number; height: number }
  isMaximized: boolean
}

export const DEFAULT_WINDOW_SIZE = { width: 1360, height: 860 } as const
export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const
/** Less visible than this on every display and the window counts as lost (display unplugged). */
const MIN_VISIBLE = { width: 120, height: 60 } as const

/**
 * Where to open the window: the saved bounds if they still land on a display, moved and shrunk
 * to fit inside that display's work area; otherwise the default size, centred on the primary
 * display. Displays change between runs (a laptop leaves its dock), so saved bounds are only
 * a wish.
 */
export function placeWindow(
  saved: SavedWindowState | undefined,
  workAreas: readonly Rect[],
  primaryWorkArea: Rect,
): WindowPlacement {
  if (saved === undefined) {
    return { bounds: fitSize(DEFAULT_WINDOW_SIZE, primaryWorkArea), isMaximized: false }
  }
  const home = bestDisplay(saved, workAreas)
  if (home === undefined) {
    return { bounds: fitSize(saved, primaryWorkArea), isMaximized: saved.isMaximized }
  }
  const size = fitSize(saved, home)
  return {
    bounds: {
      x: clamp(saved.x, home.x, home.x + home.width - size.width),
      y: clamp(saved.y, home.y, home.y + home.height - size.height),
      ...size,
    },
    isMaximized: saved.isMaximized,
  }
}

/** The display showing most of the rectangle, if it shows enough of it to be found again. */
function bestDisplay(rect: Rect, workAreas: readonly Rect[]): Rect | undefined {
  let best: Rect | undefined
  let bestArea = 0
  for (const area of workAreas) {
    const overlap = intersection(rect, area)
    if (overlap.width < MIN_VISIBLE.width || overlap.height < MIN_VISIBLE.height) continue
    if (overlap.width * overlap.height > bestArea) {
      best = area
      bestArea = overlap.width * overlap.height
    }
  }
  return best
}

function intersection(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return { width: Math.max(0, width), height: Math.max(0, height) }
}

function fitSize(size: { width: number; height: number }, area: Rect) {
  return {
    width: Math.round(clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width)),
    height: Math.round(
      clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
    ),
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max))
}

/** Anything unreadable or implausible counts as no saved state. */
export function parseWindowState(value: unknown): SavedWindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  const numbers = [v.x, v.y, v.width, v.height]
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined
  const [x, y, width, height] = numbers as number[]
  if (width! <= 0 || height! <= 0) return undefined
  return { x: x!, y: y!, width: width!, height: height!, isMaximized: v.isMaximized === true }
}

export async function readWindowState(file: string): Promise<SavedWindowState | undefined> {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')))
  } catch {
    return undefined
  }
}

/**
 * Written to a temporary file and renamed, so a crash mid-write never leaves half a file.
 * Synchronous on purpose: it runs in the window's 'close' handler, and the process may exit
 * right after it when the app quits.
 */
export function writeWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, 'utf8')
  renameSync(tmp, file)
}

import type { Page } from '@playwright/test'

/** The strokes of one animation frame on one canvas of the page: how many, at which scales. */
export interface FrameStrokes {
  strokes: number
  /** The distinct horizontal scales of the canvas transform the strokes were made at. */
  scales: number[]
}

/** What the recorder leaves on the page's window. */
type StrokeWindow = { __strokeFrames: () => FrameStrokes[]; __stopStrokes: () => void }

/**
 * Starts recording the transform of every stroke made on a canvas in the page's document,
 * grouped by animation frame and canvas. Within one frame a graph layer is drawn at one view,
 * so its strokes share one scale (exact-arrow-transform.ts: cytoscape's arrowheads made it creep).
 */
export async function recordStrokeScales(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Recorded = { frame: number; canvas: number; a: number }
    const w = window as unknown as Partial<StrokeWindow>
    const recorded: Recorded[] = []
    const canvases = new WeakMap<HTMLCanvasElement | OffscreenCanvas, number>()
    let frame = 0
    let canvasCount = 0
    let running = true
    const tick = () => {
      frame++
      if (running) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    const proto = CanvasRenderingContext2D.prototype
    const stroke = proto.stroke
    proto.stroke = function (this: CanvasRenderingContext2D, ...args: [Path2D?]) {
      if (this.canvas.isConnected) {
        if (!canvases.has(this.canvas)) canvases.set(this.canvas, ++canvasCount)
        const m = this.getTransform()
        if (m.b === 0 && m.c === 0)
          recorded.push({ frame, canvas: canvases.get(this.canvas)!, a: m.a })
      }
      return (stroke as (...a: unknown[]) => void).apply(this, args)
    } as typeof proto.stroke
    w.__strokeFrames = () => {
      const groups = new Map<string, { strokes: number; scales: Set<number> }>()
      for (const s of recorded) {
        const key = `${s.frame}:${s.canvas}`
        const group = groups.get(key) ?? { strokes: 0, scales: new Set<number>() }
        group.strokes++
        group.scales.add(s.a)
        groups.set(key, group)
      }
      return [...groups.values()].map((g) => ({ strokes: g.strokes, scales: [...g.scales] }))
    }
    w.__stopStrokes = () => {
      running = false
      proto.stroke = stroke
    }
  })
}

/** The most strokes one frame has made on one canvas so far (recording goes on). */
export async function mostStrokesInAFrame(page: Page): Promise<number> {
  return page.evaluate(() => {
    const frames = (window as unknown as StrokeWindow).__strokeFrames()
    return Math.max(0, ...frames.map((f) => f.strokes))
  })
}

/** Stops recording; returns what was recorded, frame by frame and canvas by canvas. */
export async function strokeScales(page: Page): Promise<FrameStrokes[]> {
  return page.evaluate(() => {
    const w = window as unknown as StrokeWindow
    w.__stopStrokes()
    return w.__strokeFrames()
  })
}

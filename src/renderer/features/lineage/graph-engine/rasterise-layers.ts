/**
 * Rasterise the layered texture cache's layers a few elements at a time while first-draw.ts
 * fills them (issue 6: no main-thread task over 50 ms while the overview opens).
 *
 * A 2D canvas only records draw calls; Chromium plays the recording back into pixels later, in
 * one go: when the recording grows past its own limit, when the canvas is read, or when it is
 * drawn into another canvas. Filling the overview's layer (15,000 elements into one offscreen
 * canvas, a few hundred per task) therefore rasterised thousands of recorded elements inside
 * whichever single draw call crossed the limit: a trace of bench/graph showed one task of
 * 155 ms (139 ms of it on the CPU, no garbage collection) inside a preparation slice whose own
 * work is ~5 ms, and the first frame drawing the layer paid for the rest.
 *
 * Here the layers drawn into are read (one pixel) every RASTER_EVERY elements, which plays
 * back only what was recorded since the last read, inside the slice that recorded it and under
 * its clock. The pixels are the same; only when the rasterising happens changes.
 *
 * This reads the layer at the head of cytoscape 3.34's layered-cache queue (`layersQueue.peek()`,
 * the layer `dequeue` draws into next) and its `context`; without them nothing is read and
 * Chromium rasterises as before.
 */

/** A canvas context that can be read (CanvasRenderingContext2D, OffscreenCanvas's 2D context). */
export interface Readable {
  getImageData(x: number, y: number, w: number, h: number): unknown
}

interface LayerQueue {
  layersQueue?: { peek?: () => { context?: unknown } | undefined }
}

/**
 * Elements drawn between two reads. An element is a few microseconds to record; rasterising a
 * few dozen long edges into a layer stays in the low milliseconds.
 */
export const RASTER_EVERY = 40

/** The context of the layer the cache's next `dequeue` draws into, if it can be read. */
export function nextLayerContext(ltc: unknown): Readable | undefined {
  const context = (ltc as LayerQueue).layersQueue?.peek?.()?.context
  return context && typeof (context as Partial<Readable>).getImageData === 'function'
    ? (context as Readable)
    : undefined
}

/** Tracks the layers drawn into since the last read; `rasterise` reads each once. */
export class LayerRasteriser {
  private readonly drawnInto = new Set<Readable>()
  private sinceRead = 0

  /** Call before each `dequeue`: notes its layer, and reads every RASTER_EVERY elements. */
  beforeDequeue(ltc: unknown): void {
    const context = nextLayerContext(ltc)
    if (context) this.drawnInto.add(context)
    if (++this.sinceRead >= RASTER_EVERY) this.rasterise()
  }

  /** Play back what was drawn into the noted layers (a one-pixel read of each). */
  rasterise(): void {
    for (const context of this.drawnInto) context.getImageData(0, 0, 1, 1)
    this.drawnInto.clear()
    this.sinceRead = 0
  }
}

import type { BrowserContext, Page } from '@playwright/test'

/**
 * Pixel checks on screenshots, decoded by Chromium itself in a blank page of the test's context
 * (the app's Content-Security-Policy refuses the data: URLs this needs, and no PNG decoder is
 * among the project's packages).
 */

interface Decoded {
  width: number
  height: number
  data: number[]
}

/** Runs `check` with a blank page of `context`, closed afterwards. */
async function inBlankPage<T>(
  context: BrowserContext,
  check: (page: Page) => Promise<T>,
): Promise<T> {
  const blank = await context.newPage()
  try {
    return await check(blank)
  } finally {
    await blank.close()
  }
}

/**
 * How many pixels of two same-sized screenshots differ in any channel by more than
 * `tolerance` (0-255), and out of how many.
 */
export async function pixelDifference(
  context: BrowserContext,
  a: Buffer,
  b: Buffer,
  { tolerance = 16 }: { tolerance?: number } = {},
): Promise<{ differing: number; total: number }> {
  return inBlankPage(context, (blank) =>
    blank.evaluate(
      async ({ a, b, tolerance }: { a: string; b: string; tolerance: number }) => {
        const decode = async (base64: string): Promise<Decoded> => {
          const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob()
          const image = await createImageBitmap(blob)
          const canvas = new OffscreenCanvas(image.width, image.height)
          const g = canvas.getContext('2d')!
          g.drawImage(image, 0, 0)
          const pixels = g.getImageData(0, 0, image.width, image.height).data
          return { width: image.width, height: image.height, data: Array.from(pixels) }
        }
        const [x, y] = await Promise.all([decode(a), decode(b)])
        if (x.width !== y.width || x.height !== y.height) {
          throw new Error(`sizes differ: ${x.width}×${x.height} and ${y.width}×${y.height}`)
        }
        let differing = 0
        const total = x.data.length / 4
        for (let i = 0; i < x.data.length; i += 4) {
          for (let c = 0; c < 4; c++) {
            if (Math.abs(x.data[i + c]! - y.data[i + c]!) > tolerance) {
              differing++
              break
            }
          }
        }
        return { differing, total }
      },
      { a: a.toString('base64'), b: b.toString('base64'), tolerance },
    ),
  )
}

/**
 * Points of a screenshot (its own pixel coordinates) at the centre of a `size` × `size` square
 * of one colour, the background's (the most frequent), nearest the image's centre
 * first: places where a press lands on no drawn element.
 */
export async function backgroundSpots(
  context: BrowserContext,
  png: Buffer,
  size = 25,
): Promise<Array<{ x: number; y: number }>> {
  return inBlankPage(context, (blank) =>
    blank.evaluate(
      async ({ base64, size }: { base64: string; size: number }) => {
        const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob()
        const image = await createImageBitmap(blob)
        const canvas = new OffscreenCanvas(image.width, image.height)
        const g = canvas.getContext('2d')!
        g.drawImage(image, 0, 0)
        const { data, width, height } = g.getImageData(0, 0, image.width, image.height)
        // The background: the most frequent colour over a coarse grid.
        const counts = new Map<number, number>()
        for (let y = 0; y < height; y += 5) {
          for (let x = 0; x < width; x += 5) {
            const v = new DataView(data.buffer).getUint32((y * width + x) * 4)
            counts.set(v, (counts.get(v) ?? 0) + 1)
          }
        }
        const background = [...counts].sort((p, q) => q[1] - p[1])[0]![0]
        const view = new DataView(data.buffer)
        const same = (i: number) => view.getUint32(i) === background
        const half = Math.floor(size / 2)
        const spots: Array<{ x: number; y: number; d: number }> = []
        for (let cy = half; cy < height - half; cy += 7) {
          for (let cx = half; cx < width - half; cx += 7) {
            let uniform = true
            for (let y = cy - half; uniform && y <= cy + half; y++) {
              for (let x = cx - half; x <= cx + half; x++) {
                if (!same((y * width + x) * 4)) {
                  uniform = false
                  break
                }
              }
            }
            if (uniform)
              spots.push({ x: cx, y: cy, d: Math.hypot(cx - width / 2, cy - height / 2) })
          }
        }
        return spots.sort((p, q) => p.d - q.d).map(({ x, y }) => ({ x, y }))
      },
      { base64: png.toString('base64'), size },
    ),
  )
}

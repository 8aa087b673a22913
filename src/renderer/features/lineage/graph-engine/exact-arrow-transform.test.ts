import type { Core } from 'cytoscape'
import { describe, expect, it } from 'vitest'
import { installExactArrowTransform } from './exact-arrow-transform'

type Matrix = { a: number; b: number; c: number; d: number; e: number; f: number }

/** A 2D context's transform, composed as the canvas specification does (in doubles). */
class FakeContext {
  m: Matrix = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }
  filledAt: Matrix[] = []
  private post(a: number, b: number, c: number, d: number, e: number, f: number) {
    const m = this.m
    this.m = {
      a: m.a * a + m.c * b,
      b: m.b * a + m.d * b,
      c: m.a * c + m.c * d,
      d: m.b * c + m.d * d,
      e: m.a * e + m.c * f + m.e,
      f: m.b * e + m.d * f + m.f,
    }
  }
  translate(x: number, y: number) {
    this.post(1, 0, 0, 1, x, y)
  }
  scale(x: number, y: number) {
    this.post(x, 0, 0, y, 0, 0)
  }
  rotate(angle: number) {
    this.post(Math.cos(angle), Math.sin(angle), -Math.sin(angle), Math.cos(angle), 0, 0)
  }
  fill() {
    this.filledAt.push({ ...this.m })
  }
  getTransform() {
    return { ...this.m } as unknown as DOMMatrix
  }
  setTransform(m: Matrix) {
    this.m = { ...m }
  }
}

/** Where a unit triangle's tip lands, as the canvas would place it under `m`. */
const apply = (m: Matrix, x: number, y: number) => ({
  x: m.a * x + m.c * y + m.e,
  y: m.b * x + m.d * y + m.f,
})

/**
 * A stand-in for cytoscape 3.34's `drawArrowShape`: with paths, a cached unit path placed by
 * translate/rotate/scale and undone by the inverse; without, the points placed by hand.
 */
function fakeRenderer() {
  const size = 23.2
  const tip = { x: 0.3, y: -0.15 }
  const renderer = {
    /** Where each arrowhead's tip was filled, in canvas pixels. */
    tips: [] as Array<{ x: number; y: number }>,
    /** Which way each arrowhead was drawn. */
    ways: [] as Array<'path' | 'points'>,
    usePaths: () => true,
    drawArrowShape(
      this: { usePaths(): boolean },
      _edge: unknown,
      context: FakeContext,
      _fill: string,
      _width: number,
      _shape: string,
      _shapeWidth: number,
      x: number,
      y: number,
      angle: number,
    ) {
      renderer.ways.push(this.usePaths() ? 'path' : 'points')
      if (this.usePaths()) {
        context.translate(x, y)
        context.rotate(angle)
        context.scale(size, size)
        renderer.tips.push(apply(context.m, tip.x, tip.y))
        context.fill()
        context.scale(1 / size, 1 / size)
        context.rotate(-angle)
        context.translate(-x, -y)
      } else {
        const px = (tip.x * Math.cos(angle) - tip.y * Math.sin(angle)) * size + x
        const py = (tip.x * Math.sin(angle) + tip.y * Math.cos(angle)) * size + y
        renderer.tips.push(apply(context.m, px, py))
        context.fill()
      }
    },
  }
  const cy = { renderer: () => renderer } as unknown as Core
  return { cy, renderer }
}

/** ~600 arrowheads as a redraw zoomed in on bench/graph's overview draws them. */
function drawArrowheads(renderer: ReturnType<typeof fakeRenderer>['renderer'], ctx: FakeContext) {
  for (let i = 0; i < 600; i++) {
    const x = 20_000 + ((i * 7919) % 30_000)
    const y = 1_000 + ((i * 104_729) % 20_000)
    renderer.drawArrowShape(null, ctx, 'filled', 1, 'triangle', 1, x, y, (i % 13) * 0.37 - 2)
  }
}

describe('installExactArrowTransform', () => {
  const view: Matrix = { a: 1, b: 0, c: 0, d: 1, e: -24_318.5, f: -9_402.25 }

  it("cytoscape's undo by inverse leaves the transform off after many arrowheads", () => {
    const { renderer } = fakeRenderer()
    const ctx = new FakeContext()
    ctx.setTransform(view)
    drawArrowheads(renderer, ctx)
    expect(ctx.m).not.toEqual(view)
  })

  it('draws each arrowhead from placed points, where cytoscape puts it, never moving the transform', () => {
    const before = fakeRenderer()
    const reference = new FakeContext()
    before.renderer.drawArrowShape(null, reference, 'filled', 1, 'triangle', 1, 31_000, 4_000, 1.3)

    const { cy, renderer } = fakeRenderer()
    installExactArrowTransform(cy)
    const ctx = new FakeContext()
    ctx.setTransform(view)
    drawArrowheads(renderer, ctx)
    expect(ctx.m).toEqual(view)
    expect(ctx.filledAt).toHaveLength(600)
    expect(new Set(renderer.ways)).toEqual(new Set(['points']))
    expect(ctx.filledAt.every((m) => m.a === 1 && m.d === 1 && m.e === view.e)).toBe(true)

    // The same arrowhead lands on the same pixel as with cytoscape's path (from a fresh transform).
    const fresh = new FakeContext()
    renderer.drawArrowShape(null, fresh, 'filled', 1, 'triangle', 1, 31_000, 4_000, 1.3)
    expect(renderer.tips.at(-1)!.x).toBeCloseTo(before.renderer.tips[0]!.x, 6)
    expect(renderer.tips.at(-1)!.y).toBeCloseTo(before.renderer.tips[0]!.y, 6)
  })

  it('leaves a call on another renderer view (an export) as it is', () => {
    const { cy, renderer } = fakeRenderer()
    installExactArrowTransform(cy)
    const ctx = new FakeContext()
    const other = { usePaths: () => true }
    renderer.drawArrowShape.call(other, null, ctx, 'filled', 1, 'triangle', 1, 5, 7, 1)
    expect(renderer.ways).toEqual(['path'])
  })
})

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

/** A stand-in for cytoscape 3.34's `drawArrowShape` with a cached path: the inverse undo. */
function fakeRenderer() {
  const renderer = {
    drawArrowShape(
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
      const size = 23.2
      context.translate(x, y)
      context.rotate(angle)
      context.scale(size, size)
      context.fill()
      context.scale(1 / size, 1 / size)
      context.rotate(-angle)
      context.translate(-x, -y)
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

  it('sets the transform back exactly after each arrowhead', () => {
    const { cy, renderer } = fakeRenderer()
    installExactArrowTransform(cy)
    const ctx = new FakeContext()
    ctx.setTransform(view)
    drawArrowheads(renderer, ctx)
    expect(ctx.m).toEqual(view)
    // Each arrowhead is still drawn where cytoscape puts it, from the exact view.
    expect(ctx.filledAt).toHaveLength(600)
    const last = ctx.filledAt.at(-1)!
    const reference = new FakeContext()
    reference.setTransform(view)
    renderer.drawArrowShape(null, reference, 'filled', 1, 'triangle', 1, ...lastArgs())
    expect(last).toEqual(reference.filledAt[0])
  })

  it('draws on a context without getTransform as cytoscape does', () => {
    const { cy, renderer } = fakeRenderer()
    installExactArrowTransform(cy)
    const ctx = new FakeContext()
    const plain = {
      translate: ctx.translate.bind(ctx),
      rotate: ctx.rotate.bind(ctx),
      scale: ctx.scale.bind(ctx),
      fill: ctx.fill.bind(ctx),
    }
    renderer.drawArrowShape(
      null,
      plain as unknown as FakeContext,
      'filled',
      1,
      'triangle',
      1,
      5,
      7,
      1,
    )
    expect(ctx.filledAt).toHaveLength(1)
  })
})

function lastArgs(): [number, number, number] {
  const i = 599
  return [20_000 + ((i * 7919) % 30_000), 1_000 + ((i * 104_729) % 20_000), (i % 13) * 0.37 - 2]
}

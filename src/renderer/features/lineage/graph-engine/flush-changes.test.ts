import { describe, expect, it } from 'vitest'
import cytoscape, { type Core } from 'cytoscape'
import { flushChanges } from './flush-changes'

/**
 * cytoscape's renderer needs a canvas, so these tests stand in for its two methods the way
 * cytoscape 3.34 defines them: `recalculateRenderedStyle` on the prototype, called as
 * `r.recalculateRenderedStyle` from inside `flushRenderedStyleQueue`. (bench/graph checks the
 * real renderer: every element of its opening drawn from up-to-date geometry.)
 */
class FakeRenderer {
  computed: unknown[] = []
  flushes = 0
  flushRenderedStyleQueue() {
    this.flushes++
    this.recalculateRenderedStyle(['queued'])
  }
  recalculateRenderedStyle(eles: unknown[]) {
    this.computed.push(...eles)
  }
}

const withRenderer = (r: FakeRenderer) => ({ renderer: () => r }) as unknown as Core

describe('flushChanges', () => {
  it('flushes the queue with its geometry by default', () => {
    const r = new FakeRenderer()
    flushChanges(withRenderer(r))
    expect(r.flushes).toBe(1)
    expect(r.computed).toEqual(['queued'])
  })

  it('with geometry: false, flushes the queue but computes no geometry, and restores the method', () => {
    const r = new FakeRenderer()
    flushChanges(withRenderer(r), { geometry: false })
    expect(r.flushes).toBe(1)
    expect(r.computed).toEqual([])
    expect(Object.hasOwn(r, 'recalculateRenderedStyle')).toBe(false)
    // The geometry left dirty is computed by the next flush that asks for it.
    flushChanges(withRenderer(r))
    expect(r.computed).toEqual(['queued'])
  })

  it('with geometry: false over a method the instance already shadows, restores that one', () => {
    const r = new FakeRenderer()
    const wrapped: unknown[] = []
    const wrapper = (eles: unknown[]) => void wrapped.push(...eles)
    r.recalculateRenderedStyle = wrapper
    flushChanges(withRenderer(r), { geometry: false })
    expect(wrapped).toEqual([])
    expect(r.recalculateRenderedStyle).toBe(wrapper)
  })

  it('restores the method when the flush throws', () => {
    const r = new FakeRenderer()
    r.flushRenderedStyleQueue = () => {
      throw new Error('boom')
    }
    expect(() => flushChanges(withRenderer(r), { geometry: false })).toThrow('boom')
    expect(Object.hasOwn(r, 'recalculateRenderedStyle')).toBe(false)
    r.recalculateRenderedStyle(['after'])
    expect(r.computed).toEqual(['after'])
  })

  it('does nothing headless (no renderer)', () => {
    const cy = cytoscape({ headless: true, elements: [{ data: { id: 'a' } }] })
    expect(() => flushChanges(cy, { geometry: false })).not.toThrow()
  })
})

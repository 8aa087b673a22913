import { describe, expect, it } from 'vitest'
import { inView } from './viewport-cull'

const ele = (bb: { x1: number; y1: number; x2: number; y2: number } | null) => ({
  _private: { bbCache: bb },
})

describe('inView (the elements a zoomed-in full redraw is given)', () => {
  const view = { x1: 0, y1: 0, x2: 100, y2: 100 }

  it('keeps, in order, the elements whose cached box meets the view, and drops the rest', () => {
    const inside = ele({ x1: 10, y1: 10, x2: 20, y2: 20 })
    const across = ele({ x1: -500, y1: 50, x2: 500, y2: 60 })
    const touching = ele({ x1: 100, y1: 100, x2: 120, y2: 120 })
    const outside = ele({ x1: 200, y1: 0, x2: 300, y2: 50 })
    const above = ele({ x1: 0, y1: -90, x2: 50, y2: -1 })
    expect(inView([outside, across, inside, above, touching], view, new Set())).toEqual([
      across,
      inside,
      touching,
    ])
  })

  it('keeps elements with no cached box, and stale ones once (drawing refreshes their box)', () => {
    const unknown = ele(null)
    const moved = ele({ x1: 200, y1: 0, x2: 300, y2: 50 })
    const stale = new Set<unknown>([moved])
    expect(inView([unknown, moved], view, stale)).toEqual([unknown, moved])
    expect(stale.size).toBe(0)
    expect(inView([unknown, moved], view, stale)).toEqual([unknown])
  })
})

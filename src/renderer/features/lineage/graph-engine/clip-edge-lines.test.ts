import { describe, expect, it } from 'vitest'
import { clipSegment } from './clip-edge-lines'

describe('clipSegment', () => {
  const box = { x1: 0, y1: 0, x2: 100, y2: 100 }

  it('returns a segment inside as it is', () => {
    expect(clipSegment(10, 20, 30, 40, box)).toEqual([10, 20, 30, 40])
  })

  it('cuts a segment crossing the box to the part inside, on the same line', () => {
    expect(clipSegment(-100, 50, 200, 50, box)).toEqual([0, 50, 100, 50])
    const [x1, y1, x2, y2] = clipSegment(-1000, -900, 1000, 1100, box)!
    expect([x1, y1]).toEqual([0, 100])
    // y = x + 100 leaves the box through its bottom edge at once: a single point.
    expect([x2, y2]).toEqual([0, 100])
    const diagonal = clipSegment(-50, -50, 150, 150, box)!
    expect(diagonal).toEqual([0, 0, 100, 100])
  })

  it('keeps the direction of the segment', () => {
    expect(clipSegment(200, 50, -100, 50, box)).toEqual([100, 50, 0, 50])
  })

  it('tells a segment that misses the box', () => {
    expect(clipSegment(-100, 150, 200, 150, box)).toBeUndefined()
    expect(clipSegment(-50, 30, 30, -50, box)).toBeUndefined()
  })
})

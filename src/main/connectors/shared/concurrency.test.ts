import { describe, expect, it } from 'vitest'
import { createLimiter, mapLimit } from './concurrency'

describe('createLimiter', () => {
  it('lets at most `limit` holders in, in arrival order, and frees waiters on abort', async () => {
    const gate = createLimiter(2)
    const a = await gate()
    const b = await gate()
    const order: string[] = []
    const c = gate().then((r) => (order.push('c'), r))
    const controller = new AbortController()
    const d = gate(controller.signal)
    const e = gate().then((r) => (order.push('e'), r))
    controller.abort()
    expect(await d).toBeUndefined()
    a!()
    a!() // a second release of the same slot is ignored
    const cRelease = await c
    expect(order).toEqual(['c'])
    b!()
    await e
    expect(order).toEqual(['c', 'e'])
    cRelease!()
  })
})

describe('mapLimit', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++inFlight)
      await new Promise((r) => setImmediate(r))
      inFlight--
      return n * 10
    })
    expect(out).toEqual([50, 10, 40, 20, 30])
    expect(peak).toBe(2)
  })
})

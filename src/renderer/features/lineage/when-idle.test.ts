import { afterEach, describe, expect, it, vi } from 'vitest'
import { whenIdle } from './when-idle'

describe('whenIdle', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('runs the step in idle periods until it says it is done, with the time left', () => {
    const callbacks: Array<(deadline: IdleDeadline) => void> = []
    vi.stubGlobal('requestIdleCallback', (cb: (deadline: IdleDeadline) => void) => {
      callbacks.push(cb)
      return callbacks.length
    })
    vi.stubGlobal('cancelIdleCallback', () => {})
    const seen: boolean[] = []
    let calls = 0
    whenIdle((more) => {
      seen.push(more())
      return ++calls === 3
    })
    const idle = (ms: number) =>
      callbacks.shift()!({ timeRemaining: () => ms, didTimeout: false } as IdleDeadline)
    idle(20)
    idle(2)
    idle(20)
    expect(calls).toBe(3)
    // 2 ms left is too little to begin more work: the frame's own work needs it.
    expect(seen).toEqual([true, false, true])
    expect(callbacks).toHaveLength(0)
  })

  it('stops when cancelled, and falls back to a timeout without requestIdleCallback', () => {
    // Only the timeouts faked (fake timers would bring a requestIdleCallback of their own).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestIdleCallback', undefined)
    const step = vi.fn(() => false)
    const cancel = whenIdle(step)
    vi.advanceTimersByTime(60)
    expect(step).toHaveBeenCalledTimes(1)
    cancel()
    vi.advanceTimersByTime(500)
    expect(step).toHaveBeenCalledTimes(1)
  })
})

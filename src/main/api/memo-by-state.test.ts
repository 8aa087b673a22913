import { describe, expect, it } from 'vitest'
import { memoByState } from './memo-by-state'

describe('memoByState', () => {
  it('builds once per state, again when the state changes', async () => {
    let state = { v: 1 }
    const built: number[] = []
    const get = memoByState(
      async () => state,
      (s) => {
        built.push(s.v)
        return `ctx${s.v}`
      },
    )
    expect(await Promise.all([get(), get()])).toEqual(['ctx1', 'ctx1'])
    expect(await get()).toBe('ctx1')
    state = { v: 2 }
    expect(await get()).toBe('ctx2')
    expect(built).toEqual([1, 2])
  })

  it('forgets a failed build so the next call retries', async () => {
    const state = {}
    let calls = 0
    const get = memoByState(
      async () => state,
      () => {
        calls += 1
        if (calls === 1) throw new Error('catalogue busy')
        return 'ctx'
      },
    )
    await expect(get()).rejects.toThrow('catalogue busy')
    expect(await get()).toBe('ctx')
    expect(calls).toBe(2)
  })
})

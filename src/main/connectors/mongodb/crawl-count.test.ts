import { MongoServerError } from 'mongodb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countWithinBudget, ferretdbCountTooSlow, notCountedNote } from './crawl-count'

/**
 * Counts within a budget: a count the server does not answer in time is given up (and said so),
 * never taken for 0. Fake timers: the budget elapses by the test's hand, not the clock's.
 */
describe('countWithinBudget', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('gives up a count not back within the budget, and tells the server the budget', async () => {
    vi.useFakeTimers()
    const asked: number[] = []
    const outcome = countWithinBudget(
      (maxTimeMS) => {
        asked.push(maxTimeMS)
        return new Promise<number>(() => {})
      },
      1_000,
      30_000,
    )
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await outcome).toEqual({ overBudget: true })
    expect(asked).toEqual([1_000])
  })

  it("takes the server's own time-limit error for over budget", async () => {
    const expired = new MongoServerError({
      ok: 0,
      code: 50,
      codeName: 'MaxTimeMSExpired',
      errmsg:
        'Executor error during aggregate command :: caused by :: operation exceeded time limit',
    })
    expect(await countWithinBudget(() => Promise.reject(expired), 1_000, 30_000)).toEqual({
      overBudget: true,
    })
  })

  it('returns a count answered in time, and passes other errors on', async () => {
    expect(await countWithinBudget(() => Promise.resolve(42), 1_000, 30_000)).toEqual({
      count: 42,
    })
    const denied = new MongoServerError({ ok: 0, code: 13, codeName: 'Unauthorized', errmsg: 'no' })
    await expect(countWithinBudget(() => Promise.reject(denied), 1_000, 30_000)).rejects.toBe(
      denied,
    )
  })

  it('without interrupting the server (FerretDB), stops waiting at the budget all the same', async () => {
    vi.useFakeTimers()
    const asked: number[] = []
    const outcome = countWithinBudget(
      (maxTimeMS) => {
        asked.push(maxTimeMS)
        return new Promise<number>(() => {})
      },
      1_000,
      30_000,
      false,
    )
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await outcome).toEqual({ overBudget: true })
    expect(asked).toEqual([30_000])
  })

  it('without a budget (≤ 0), waits the whole read timeout', async () => {
    const asked: number[] = []
    const outcome = await countWithinBudget(
      (maxTimeMS) => {
        asked.push(maxTimeMS)
        return Promise.resolve(7)
      },
      0,
      30_000,
    )
    expect(outcome).toEqual({ count: 7 })
    expect(asked).toEqual([30_000])
  })
})

describe('ferretdbCountTooSlow', () => {
  it('predicts a scan longer than the budget from the expected size', () => {
    const MB = 2 ** 20
    expect(ferretdbCountTooSlow(2_000 * MB, 1_000)).toBe(true)
    expect(ferretdbCountTooSlow(45 * MB, 1_000)).toBe(false)
    expect(ferretdbCountTooSlow(2_000 * MB, 10_000)).toBe(false)
    expect(ferretdbCountTooSlow(undefined, 1_000)).toBe(false)
    expect(ferretdbCountTooSlow(2_000 * MB, 0)).toBe(false)
  })
})

describe('notCountedNote', () => {
  it('says why, the budget, what is known, and how to wait longer', () => {
    expect(notCountedNote(1_000, true, 100)).toBe(
      "Not counted: FerretDB counts documents by scanning the whole collection, and the count was not back within the crawl's 1 s budget; it holds at least the 100 documents sampled. Raise the source option countBudgetMs to wait longer.",
    )
    expect(notCountedNote(1_000, true, 100, 2_000 * 2 ** 20)).toBe(
      "Not counted: FerretDB counts documents by scanning the whole collection, and at about 2000 MB (its database's size per collection) the scan would take longer than the crawl's 1 s budget; it holds at least the 100 documents sampled. Raise the source option countBudgetMs to wait longer.",
    )
    expect(notCountedNote(1_500, false, 0)).toBe(
      "Not counted: the server did not answer the document count within the crawl's 1.5 s budget. Raise the source option countBudgetMs to wait longer.",
    )
  })
})

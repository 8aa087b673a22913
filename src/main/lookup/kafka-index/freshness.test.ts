import { describe, expect, it } from 'vitest'
import { freshnessOf } from './freshness'

const now = new Date('2026-11-26T15:00:00.000Z')

describe('freshnessOf', () => {
  it('compares indexed offsets with live high watermarks; unindexed partitions are all lag', () => {
    const f = freshnessOf({
      source: 'events',
      topics: ['a'],
      positions: [
        {
          topic: 'a',
          partition: 0,
          nextOffset: 10n,
          highWatermark: 10n,
          caughtUpAt: '2026-11-26T14:00:00.000Z',
          updatedAt: '2026-11-26T14:00:00.000Z',
        },
      ],
      live: [
        { topic: 'a', partition: 0, leader: 1, low: 0n, high: 12n },
        { topic: 'a', partition: 1, leader: 1, low: 3n, high: 5n },
      ],
      entries: 10,
      now,
    })
    expect(f).toEqual({
      source: 'events',
      checkedAt: now.toISOString(),
      live: true,
      entries: 10,
      lastCatchUpAt: '2026-11-26T14:00:00.000Z',
      topics: [
        {
          topic: 'a',
          lag: 4,
          partitions: [
            {
              partition: 0,
              indexedOffset: 10,
              highWatermark: 12,
              lag: 2,
              caughtUpAt: '2026-11-26T14:00:00.000Z',
            },
            { partition: 1, indexedOffset: 3, highWatermark: 5, lag: 2 },
          ],
        },
      ],
    })
  })

  it('falls back to stored watermarks when Kafka cannot be asked', () => {
    const f = freshnessOf({
      source: 'events',
      topics: ['a'],
      positions: [
        { topic: 'a', partition: 0, nextOffset: 8n, highWatermark: 10n, updatedAt: 'x' },
        { topic: 'gone', partition: 0, nextOffset: 1n, highWatermark: 1n, updatedAt: 'x' },
      ],
      live: undefined,
      entries: 0,
      now,
    })
    expect(f.live).toBe(false)
    expect(f.topics).toEqual([
      {
        topic: 'a',
        lag: 2,
        partitions: [{ partition: 0, indexedOffset: 8, highWatermark: 10, lag: 2 }],
      },
    ])
  })
})

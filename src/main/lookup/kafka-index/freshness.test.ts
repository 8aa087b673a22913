import { describe, expect, it } from 'vitest'
import { freshnessOf, indexStatusOf } from './freshness'

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
              lowWatermark: 0,
              lag: 2,
              caughtUpAt: '2026-11-26T14:00:00.000Z',
            },
            { partition: 1, indexedOffset: 3, highWatermark: 5, lowWatermark: 3, lag: 2 },
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

describe('indexStatusOf', () => {
  const freshness = (indexed: number, high = 10, low = 0) => ({
    source: 'events',
    checkedAt: now.toISOString(),
    live: true,
    entries: indexed,
    lastCatchUpAt: '2026-11-26T14:59:50.000Z',
    topics: [
      {
        topic: 'a',
        lag: high - indexed,
        partitions: [
          {
            partition: 0,
            indexedOffset: indexed,
            highWatermark: high,
            lowWatermark: low,
            lag: high - indexed,
          },
        ],
      },
    ],
  })
  const base = { source: 'events', fields: 2, now }

  it('is building with the indexed share while a catch-up runs, then current', () => {
    const building = indexStatusOf({
      ...base,
      running: true,
      building: true,
      freshness: freshness(4, 10, 2),
    })
    expect(building).toMatchObject({ state: 'building', progress: 0.25, ageMs: 10_000 })
    expect(
      indexStatusOf({ ...base, running: true, building: false, freshness: freshness(10) }),
    ).toMatchObject({
      state: 'current',
      progress: 1,
    })
    expect(
      indexStatusOf({ ...base, running: true, building: false, freshness: freshness(7) }).state,
    ).toBe('behind')
  })

  it('is stopped when not kept current, failed with the error, and 0% before any partition is known', () => {
    expect(
      indexStatusOf({ ...base, running: false, building: false, freshness: freshness(7) }).state,
    ).toBe('stopped')
    const error = { code: 'unreachable' as const, message: 'Cannot reach events.' }
    expect(
      indexStatusOf({ ...base, running: true, building: false, error, freshness: freshness(7) }),
    ).toMatchObject({ state: 'failed', error })
    const empty = { ...freshness(0), topics: [] }
    expect(
      indexStatusOf({ ...base, running: true, building: true, freshness: empty }),
    ).toMatchObject({
      state: 'building',
      progress: 0,
    })
    expect(indexStatusOf({ ...base, running: true, building: false, freshness: empty }).state).toBe(
      'behind',
    )
  })
})

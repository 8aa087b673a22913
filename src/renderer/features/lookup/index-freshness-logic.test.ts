import { describe, expect, it } from 'vitest'
import type { LookupIndexStatus } from '../../../shared/model/lookup'
import {
  ageText,
  indexDetails,
  indexStateText,
  percentIndexed,
  storeResidencyText,
  topicLagText,
} from './index-freshness-logic'

const status = (more: Partial<LookupIndexStatus>): LookupIndexStatus => ({
  source: 'events',
  state: 'current',
  running: true,
  progress: 1,
  fields: 22,
  ageMs: 12_000,
  freshness: {
    source: 'events',
    checkedAt: '2026-11-26T17:00:00.000Z',
    live: true,
    entries: 60_302,
    topics: [
      { topic: 'fraud.scores', lag: 0, partitions: [] },
      { topic: 'returns.requests', lag: 1204, partitions: [] },
    ],
  },
  ...more,
})

describe('lookup index freshness words', () => {
  it('says how old the last catch-up is', () => {
    expect(ageText(undefined)).toBe('never')
    expect(ageText(400)).toBe('just now')
    expect(ageText(12_500)).toBe('12 s ago')
    expect(ageText(4 * 60_000 + 5)).toBe('4 min ago')
    expect(ageText(3 * 3_600_000)).toBe('3 h ago')
    expect(ageText(2 * 86_400_000)).toBe('2 d ago')
  })

  it('shows a build’s progress in whole percent, never 100 before the end', () => {
    expect(indexStateText(status({ state: 'building', progress: 0.423 }))).toBe('building 42%')
    expect(percentIndexed(0.9999)).toBe(99)
    expect(percentIndexed(1)).toBe(100)
    expect(percentIndexed(-1)).toBe(0)
  })

  it('names the other states, with the lag when behind', () => {
    expect(indexStateText(status({}))).toBe('current')
    expect(indexStateText(status({ state: 'behind' }))).toBe('1,204 messages behind')
    expect(indexStateText(status({ state: 'stopped', running: false }))).toBe('stopped')
    expect(indexStateText(status({ state: 'failed' }))).toBe('failed')
    expect(indexStateText(status({ state: 'no-fields' }))).toBe('no identifier fields')
  })

  it('details entries, age and what is not indexed yet', () => {
    expect(indexDetails(status({}))).toBe(
      '60,302 entries · last caught up 12 s ago · 1,204 messages not indexed yet',
    )
    const one = status({
      ageMs: undefined,
      freshness: { ...status({}).freshness!, live: false, entries: 1, topics: [] },
    })
    expect(indexDetails(one)).toBe(
      '1 entry · last caught up never · nothing left to index · Kafka not asked',
    )
    expect(topicLagText({ lag: 0 })).toBe('current')
    expect(topicLagText({ lag: 1204 })).toBe('1,204 behind')
  })
})

describe('store residency words', () => {
  const gb = 1024 ** 3
  it('says how much is in memory, and how long the last pass took', () => {
    const r = storeResidencyText({
      state: 'resident',
      fileBytes: 1.2 * gb,
      residentBytes: 1.2 * gb,
      pages: 300_000,
      lastPassMs: 1722,
    })
    expect(r.text).toBe('in memory (1.2 GB)')
    expect(r.detail).toMatch(/1\.2 GB on disk, 1\.2 GB in memory; its last pass took 1\.7 s\.$/)
  })
  it('says when the file has grown past what the last pass held, in KB for a small store', () => {
    const r = storeResidencyText({
      state: 'resident',
      fileBytes: 5 * 1024 ** 2,
      residentBytes: 100 * 1024,
      lastPassMs: 3,
    })
    expect(r.text).toBe('in memory (100 KB of 5 MB)')
    expect(r.detail).toMatch(/read in within a minute\.$/)
  })

  it('warns while loading, and tells why it reads from disk', () => {
    expect(storeResidencyText({ state: 'warming', fileBytes: 300 * 1024 ** 2 }).detail).toMatch(
      /\(300 MB\) is being read into memory; until then lookups may wait on the disk/,
    )
    expect(
      storeResidencyText({ state: 'too-large', fileBytes: 9 * gb, message: 'The store is larger' }),
    ).toEqual({ text: 'read from disk', detail: 'The store is larger' })
    expect(storeResidencyText({ state: 'off', fileBytes: 0 }).text).toBe('read from disk')
  })
})

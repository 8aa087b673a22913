import { describe, expect, it } from 'vitest'
import type { LookupIndexStatus } from '../../../shared/model/lookup'
import {
  ageText,
  indexDetails,
  indexStateText,
  percentIndexed,
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

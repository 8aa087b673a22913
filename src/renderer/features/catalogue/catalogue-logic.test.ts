import { describe, expect, it } from 'vitest'
import type { JobView } from '../../../shared/api'
import type { CrawlSourceProgress } from '../../../shared/model/catalog'
import { parseCrawlPartial } from '../../api/catalog'
import { crawlSourceLines, linePercent, ruleToRestore } from './crawl-state'
import { parseSnippet } from './snippet'

describe('parseSnippet', () => {
  it('splits on the « » marks', () => {
    expect(parseSnippet('crm.dbo.Customer › «Email»Address')).toEqual([
      { text: 'crm.dbo.Customer › ', match: false },
      { text: 'Email', match: true },
      { text: 'Address', match: false },
    ])
  })

  it('handles several marks, none, and an unclosed one', () => {
    expect(
      parseSnippet('«a» and «b»')
        .filter((p) => p.match)
        .map((p) => p.text),
    ).toEqual(['a', 'b'])
    expect(parseSnippet('plain')).toEqual([{ text: 'plain', match: false }])
    expect(parseSnippet('x «y')).toEqual([
      { text: 'x ', match: false },
      { text: 'y', match: true },
    ])
  })
})

const running: CrawlSourceProgress = {
  source: 'pg',
  platform: 'postgres',
  state: 'running',
  done: 1,
  total: 4,
  assets: 10,
}

function job(state: JobView['state'], result?: unknown): JobView {
  return {
    id: 'j',
    kind: 'crawl',
    state,
    progress: { done: 0 },
    startedAt: '2026-01-01T00:00:00Z',
    result,
  }
}

describe('parseCrawlPartial', () => {
  it('accepts a source progress and rejects anything else', () => {
    expect(parseCrawlPartial(running)).toBe(running)
    expect(parseCrawlPartial({ name: 'pg', check: { ok: true } })).toBeUndefined()
    expect(parseCrawlPartial({ source: 'pg', state: 'weird', done: 1 })).toBeUndefined()
    expect(parseCrawlPartial(null)).toBeUndefined()
  })
})

describe('crawlSourceLines', () => {
  it('shows each source from its partial events while the job runs', () => {
    const lines = crawlSourceLines({ pg: running }, job('running'))
    expect(lines).toEqual([expect.objectContaining({ source: 'pg', state: 'running', done: 1 })])
    expect(linePercent(lines[0]!)).toBe(25)
  })

  it('lets the final result win, with errors, once the job ends', () => {
    const error = { code: 'unreachable' as const, message: 'refused' }
    const result = {
      crawls: [
        {
          id: 'c1',
          source: 'pg',
          platform: 'postgres',
          status: 'succeeded',
          assets: 12,
          fields: 90,
        },
        {
          id: 'c2',
          source: 'dead',
          platform: 'postgres',
          status: 'failed',
          assets: 0,
          fields: 0,
          error,
        },
      ],
    }
    const lines = crawlSourceLines({ pg: running }, job('succeeded', result))
    expect(lines.map((line) => [line.source, line.state, line.assets])).toEqual([
      ['dead', 'failed', 0],
      ['pg', 'succeeded', 12],
    ])
    expect(lines[0]!.error).toEqual(error)
    expect(lines.map(linePercent)).toEqual([100, 100])
  })

  it('marks sources still running when the job was cancelled as cancelled', () => {
    const lines = crawlSourceLines({ pg: running }, job('cancelled'))
    expect(lines[0]!.state).toBe('cancelled')
  })
})

describe('ruleToRestore', () => {
  const owners = {
    teams: [],
    domains: [],
    rules: [
      { match: 'urn:a', owner: 'crm-team' },
      { match: 'urn:**', domain: 'sales' },
    ],
  }

  it('restores the exact rule that was there, or clears when there was none', () => {
    expect(ruleToRestore(owners, 'urn:a')).toEqual({
      match: 'urn:a',
      owner: 'crm-team',
      domain: null,
    })
    expect(ruleToRestore(owners, 'urn:b')).toEqual({ match: 'urn:b', owner: null, domain: null })
  })
})

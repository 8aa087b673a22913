import { describe, expect, it } from 'vitest'
import { pageHref, PAGES, parsePageHash } from './routes'

describe('parsePageHash', () => {
  it('round-trips every page through its href', () => {
    for (const page of PAGES) expect(parsePageHash(pageHref(page.id))).toBe(page.id)
  })

  it('falls back to Sources for an empty or unknown hash', () => {
    expect(parsePageHash('')).toBe('sources')
    expect(parsePageHash('#/nowhere')).toBe('sources')
    expect(parsePageHash('#/audit?x=1')).toBe('audit')
  })
})

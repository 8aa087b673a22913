import { describe, expect, it } from 'vitest'
import { buildUrn, encodeUrnSegment, parseUrn } from './urn'

describe('URNs (DESIGN.md §4)', () => {
  it('builds the documented examples', () => {
    expect(buildUrn('sqlserver', 'crm-prod', ['crm', 'dbo', 'Customer'], 'Email')).toBe(
      'sqlserver://crm-prod/crm/dbo/Customer#Email',
    )
    expect(buildUrn('postgres', 'estate-pg', ['crm', 'dbo', 'Customer'])).toBe(
      'postgres://estate-pg/crm/dbo/Customer',
    )
  })
  it('percent-encodes every segment, including /, #, %, spaces and accents', () => {
    const urn = buildUrn('postgres', 'a b', ['my/db', 'sch#1', "O'Brien (x)"], 'Prénom%')
    expect(urn).toBe('postgres://a%20b/my%2Fdb/sch%231/O%27Brien%20%28x%29#Pr%C3%A9nom%25')
    expect(parseUrn(urn)).toEqual({
      scheme: 'postgres',
      source: 'a b',
      path: ['my/db', 'sch#1', "O'Brien (x)"],
      field: 'Prénom%',
    })
  })
  it('round-trips without a field, and keeps an empty segment', () => {
    expect(parseUrn(buildUrn('sqlserver', 's', ['db', '']))).toEqual({
      scheme: 'sqlserver',
      source: 's',
      path: ['db', ''],
    })
    expect(encodeUrnSegment('*')).toBe('%2A')
  })
  it('keeps a field path readable: dots between segments, [] for array elements', () => {
    const urn = buildUrn('mongodb', 'sv', ['singleview', 'customers'], 'addresses[].post code')
    expect(urn).toBe('mongodb://sv/singleview/customers#addresses[].post%20code')
    expect(parseUrn(urn).field).toBe('addresses[].post code')
    expect(buildUrn('mongodb', 'sv', ['db', 'c'], 'm[][].x[')).toBe('mongodb://sv/db/c#m[][].x%5B')
  })
  it('rejects what is not a URN', () => {
    expect(() => buildUrn('Bad Scheme', 's', [])).toThrow()
    expect(() => buildUrn('postgres', '', [])).toThrow()
    expect(() => parseUrn('no-scheme')).toThrow()
  })
})

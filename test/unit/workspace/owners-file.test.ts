import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../src/shared/api/errors'
import { buildUrn } from '../../../src/shared/urn'
import { OwnersFile } from '../../../src/main/workspace/owners-file'
import { resolveOwnership } from '../../../src/main/workspace/owners-match'
import type { OwnersView } from '../../../src/shared/model/catalog'

const REPO = path.resolve(__dirname, '../../..')

describe('owners matching (most specific wins)', () => {
  const view: OwnersView = {
    teams: [{ id: 'a', name: 'Team A' }, { id: 'b' }, { id: 'c', contact: 'c@x' }],
    domains: [{ id: 'd1', description: 'one' }, { id: 'd2' }],
    rules: [
      { match: 'postgres://pg', owner: 'a', domain: 'd1' },
      { match: 'postgres://pg/crm/**', owner: 'b' },
      { match: 'postgres://pg/crm/dbo', owner: 'c' },
      { match: 'postgres://pg/crm/dbo/Cust*', domain: 'd2' },
      { match: 'postgres://pg/crm/dbo/Customer#Email', owner: 'a' },
    ],
  }
  it('exact URN beats every prefix and glob', () => {
    expect(resolveOwnership(view, 'postgres://pg/crm/dbo/Customer#Email')).toEqual({
      matchedBy: 'postgres://pg/crm/dbo/Customer#Email',
      owner: { id: 'a', name: 'Team A' },
      domain: { id: 'd2' },
    })
  })
  it('a URN covers what is under it (assets and fields), not a longer name', () => {
    expect(resolveOwnership(view, 'postgres://pg/orders/x/y#z').owner?.id).toBe('a')
    expect(resolveOwnership(view, 'postgres://pgx/orders')).toEqual({})
  })
  it('the longest match wins; owner and domain resolve separately', () => {
    const o = resolveOwnership(view, 'postgres://pg/crm/dbo/Customer#Phone')
    expect(o.matchedBy).toBe('postgres://pg/crm/dbo/Cust*')
    expect(o.owner).toEqual({ id: 'c', contact: 'c@x' })
    expect(o.domain).toEqual({ id: 'd2' })
    expect(resolveOwnership(view, 'postgres://pg/crm/sales/T').owner?.id).toBe('b')
    expect(resolveOwnership(view, 'postgres://pg/crm/sales/T').domain?.id).toBe('d1')
  })
  it('* stays within a segment, ** crosses segments', () => {
    const v: OwnersView = {
      teams: [{ id: 'a' }, { id: 'b' }],
      domains: [],
      rules: [
        { match: 'kafka://events/crm.*', owner: 'a' },
        { match: 'mongodb://*/fraud', owner: 'b' },
      ],
    }
    expect(resolveOwnership(v, 'kafka://events/crm.dbo.Customer#after.Email').owner?.id).toBe('a')
    expect(resolveOwnership(v, 'kafka://events/orders.x').owner).toBeUndefined()
    expect(resolveOwnership(v, 'mongodb://singleview/fraud/cases').owner?.id).toBe('b')
    expect(resolveOwnership(v, 'mongodb://singleview/x/fraud').owner).toBeUndefined()
  })
  it('treats regex characters in a match literally', () => {
    const v: OwnersView = {
      teams: [{ id: 'a' }],
      domains: [],
      rules: [{ match: 'kafka://e/a.b*', owner: 'a' }],
    }
    expect(resolveOwnership(v, 'kafka://e/aXb').owner).toBeUndefined()
    expect(resolveOwnership(v, 'kafka://e/a.bc').owner?.id).toBe('a')
  })
})

describe('catalog/owners.yaml', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-owners-'))
    file = path.join(dir, 'catalog', 'owners.yaml')
    mkdirSync(path.dirname(file), { recursive: true })
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const write = (lines: string[]) => writeFileSync(file, lines.join('\n') + '\n')
  const errorOf = (fn: () => unknown): ApiError => {
    try {
      fn()
    } catch (err) {
      return err as ApiError
    }
    throw new Error('expected an error')
  }

  it("the reference estate's file is valid and assigns every estate source", () => {
    copyFileSync(path.join(REPO, 'catalog', 'owners.yaml'), file)
    const owners = new OwnersFile(file)
    const view = owners.read()
    expect(view.teams.map((t) => t.id)).toEqual(
      expect.arrayContaining([
        'crm-platform',
        'orders-platform',
        'data-platform',
        'single-view',
        'fraud',
      ]),
    )
    const own = (urn: string) => {
      const o = owners.ownershipFor(urn, view)
      return `${o.owner?.id}/${o.domain?.id}`
    }
    expect(own(buildUrn('postgres', 'amper-pg', ['crm', 'dbo', 'Customer'], 'Email'))).toBe(
      'crm-platform/customer',
    )
    expect(own('postgres://amper-pg/orders/sales/payments')).toBe('orders-platform/payments')
    expect(own('postgres://amper-pg/orders/sales/orders')).toBe('orders-platform/orders')
    expect(own('kafka://events/crm.dbo.Customer#after.Email')).toBe('crm-platform/customer')
    expect(own('kafka://events/fraud.scores')).toBe('fraud/fraud')
    expect(own('kafka://events/web.clickstream.v1')).toBe('data-platform/marketing')
    expect(own('kafka-connect://connect/crm-cdc')).toBe('data-platform/ops')
    expect(own('schema-registry://registry/fraud.scores-value')).toBe('fraud/fraud')
    expect(own('mongodb://singleview/singleview/customers#contact.email')).toBe(
      'single-view/customer',
    )
    expect(own('mongodb://singleview/fraud/cases')).toBe('fraud/fraud')
  })

  it('an absent file is an empty view', () => {
    expect(new OwnersFile(path.join(dir, 'none.yaml')).read()).toEqual({
      teams: [],
      domains: [],
      rules: [],
    })
  })

  it('names the line and key of an unknown team in a rule', () => {
    write([
      'teams:',
      '  - id: crm',
      'domains: []',
      'rules:',
      '  - match: postgres://pg/crm',
      '    owner: nobody',
    ])
    const err = errorOf(() => new OwnersFile(file).read())
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('bad-input')
    expect(err.message).toBe(
      'owners.yaml (line 6): rules.0.owner names team "nobody", which is not under teams:.',
    )
    expect(err.details).toMatchObject({ line: 6, field: 'rules.0.owner' })
  })

  it('names the line and key of bad shapes, unknown keys and duplicates', () => {
    write(['teams:', '  - id: crm', '  - id: Bad Id', 'rules: []'])
    expect(errorOf(() => new OwnersFile(file).read()).message).toMatch(
      /^owners\.yaml \(line 3\): teams\.1\.id an id has lower-case/,
    )
    write(['teams: [{ id: a }]', 'rules:', '  - match: postgres://x', '    ownr: a'])
    expect(errorOf(() => new OwnersFile(file).read()).message).toMatch(/line 3.*rules\.0/)
    write(['teams: [{ id: a }]', 'rules:', '  - match: not a urn', '    owner: a'])
    expect(errorOf(() => new OwnersFile(file).read()).message).toMatch(
      /\(line 3\): rules\.0\.match a match is a URN/,
    )
    write(['teams:', '  - id: a', '  - id: a'])
    expect(errorOf(() => new OwnersFile(file).read()).message).toMatch(
      /\(line 3\): teams\.1 team id "a" appears twice/,
    )
    write(['rules:', '  - match: kafka://e'])
    expect(errorOf(() => new OwnersFile(file).read()).message).toMatch(
      /rules\.0 a rule sets an owner, a domain or both/,
    )
    write(['teams: [a', 'rules: ['])
    expect(errorOf(() => new OwnersFile(file).read()).message).toMatch(/YAML syntax error/)
  })

  it('writes back one rule, keeping comments and order; null clears; an empty rule goes', () => {
    write([
      '# my header',
      'teams:',
      '  - id: a # the A team',
      '  - id: b',
      'domains:',
      '  - id: d',
      'rules:',
      '  # postgres first',
      '  - match: postgres://pg',
      '    owner: a # by agreement',
      '  - match: kafka://k',
      '    owner: b',
    ])
    const owners = new OwnersFile(file)
    owners.setRule('postgres://pg', { owner: 'b', domain: 'd' })
    owners.setRule('mongodb://m/**', { owner: 'a' })
    owners.setRule('kafka://k', { owner: null })
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('# my header')
    expect(text).toContain('# the A team')
    expect(text).toContain('# postgres first')
    expect(owners.read().rules).toEqual([
      { match: 'postgres://pg', owner: 'b', domain: 'd' },
      { match: 'mongodb://m/**', owner: 'a' },
    ])
    expect(() => owners.setRule('kafka://x', { owner: 'zz' })).toThrow(/no team "zz"/)
    expect(() => owners.setRule('kafka://x', { domain: 'zz' })).toThrow(/no domain "zz"/)
  })

  it('creates a documented file on first write', () => {
    const owners = new OwnersFile(path.join(dir, 'new', 'owners.yaml'))
    expect(() => owners.setRule('kafka://k', { owner: 'a' })).toThrow(/no team "a"/)
    expect(owners.setRule('kafka://k', { owner: null })).toEqual({
      teams: [],
      domains: [],
      rules: [],
    })
  })
})

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SingleViewState } from '../../../test/estate/builder/single-view'
import { SINGLEVIEW_FIELDS } from '../../../test/estate/data/schema'
import { collectionUrn } from '../../../test/estate/data/lineage'
import { fieldUrn } from '../../../test/estate/data/urn'
import { lineageEdgeId } from '../../shared/lineage/edge-id'
import { ModelFiles, modelUrn } from './model-files'

const REPO = path.resolve(__dirname, '../../..')
const CUSTOMERS = collectionUrn('singleview', 'customers')

describe('the repository models the single-view customer', () => {
  const { models, edges, errors } = new ModelFiles(path.join(REPO, 'catalog')).load()
  const model = models[0]!

  it('loads one model without problems', () => {
    expect(errors).toEqual([])
    expect(models.map((m) => [m.name, m.urn, m.file, m.collections])).toEqual([
      ['customer', 'model://customer', 'catalog/model/customer.yaml', [CUSTOMERS]],
    ])
  })

  it('has every path the builder writes, with the manifest personal-data categories', () => {
    const byPath = new Map(model.fields.map((f) => [f.path, f]))
    for (const f of SINGLEVIEW_FIELDS) {
      const field = byPath.get(f.path)
      expect(field, f.path).toBeDefined()
      expect(field!.category, f.path).toBe(f.category)
      expect(field!.meaning.length, f.path).toBeGreaterThan(5)
      expect(field!.owner, f.path).toMatch(/^(single-view|crm-platform|orders-platform|fraud)$/)
      expect(field!.urn).toBe(`model://customer#${f.path}`)
      expect(field!.implementedBy).toEqual([fieldUrn(CUSTOMERS, f.path)])
    }
    // The builder's containers are described too (name, contact, addresses...), nothing else.
    const leaves = new Set(SINGLEVIEW_FIELDS.map((f) => f.path))
    const extra = model.fields.map((f) => f.path).filter((p) => !leaves.has(p))
    expect(extra.sort()).toEqual([
      'addresses',
      'contact',
      'fraud',
      'loyalty',
      'name',
      'orders',
      'preferences',
    ])
  })

  it('describes every path of a document the builder actually builds', () => {
    const s = new SingleViewState()
    const r = (after: Record<string, unknown>) => ({ op: 'r' as const, before: null, after })
    s.applyChange(
      'Customer',
      r({
        CustomerId: 42,
        Title: 'Dr',
        FirstName: 'A',
        LastName: 'B',
        DateOfBirth: 5550,
        Email: 'a@b.c',
        MobilePhone: '07700 900123',
        HomePhone: null,
      }),
    )
    s.applyChange(
      'Address',
      r({
        AddressId: 1,
        CustomerId: 42,
        AddressType: 'home',
        Line1: '1 High St',
        Town: 'Leeds',
        Postcode: 'ls1 4ap',
      }),
    )
    s.applyChange(
      'ContactPreference',
      r({ ContactPreferenceId: 1, CustomerId: 42, Channel: 'email', OptIn: true }),
    )
    s.applyChange(
      'LoyaltyAccount',
      r({ LoyaltyAccountId: 1, CustomerId: 42, LoyaltyNumber: 'AMP1', Tier: 'gold' }),
    )
    s.applyChange(
      'orders',
      r({ order_id: 1, customer_id: 42, total_gbp: '1.50', placed_at: 1_700_000_000_000 }),
    )
    s.applyFraudScore({ customerId: 42, score: 0.5, reasons: ['velocity'], scoredAt: 1 })
    const paths = new Set<string>()
    const walk = (value: unknown, at: string) => {
      if (at) paths.add(at)
      if (Array.isArray(value))
        value.forEach((v) => typeof v === 'object' && v !== null && walk(v, `${at}[]`))
      else if (typeof value === 'object' && value !== null)
        for (const [k, v] of Object.entries(value)) walk(v, at ? `${at}.${k}` : k)
    }
    walk(s.build(42), '')
    for (const p of [...paths]) if (p.endsWith('[]')) paths.delete(p)
    expect([...paths].sort()).toEqual(model.fields.map((f) => f.path).sort())
  })

  it('draws one edge from each implementing field into the model, rolled up per collection', () => {
    const fieldEdges = edges.filter((e) => e.level === 'field')
    expect(fieldEdges).toHaveLength(model.fields.length)
    const text = readFileSync(path.join(REPO, 'catalog/model/customer.yaml'), 'utf8').split('\n')
    for (const edge of fieldEdges) {
      const path_ = edge.to.slice('model://customer#'.length)
      expect(edge.from).toBe(fieldUrn(CUSTOMERS, path_))
      expect(edge.id).toBe(lineageEdgeId('field', edge.from, edge.to, 'customer'))
      expect(edge.via).toEqual({ kind: 'model', name: 'customer' })
      expect(edge.origin).toMatchObject({ kind: 'model', file: 'catalog/model/customer.yaml' })
      if (edge.origin.kind === 'model')
        expect(text[edge.origin.line - 1]).toContain(`path: ${path_}`)
    }
    const assets = edges.filter((e) => e.level === 'asset')
    expect(assets.map((e) => [e.from, e.to])).toEqual([[CUSTOMERS, 'model://customer']])
    expect(new Set(fieldEdges.map((e) => e.assetEdge))).toEqual(new Set([assets[0]!.id]))
  })
})

describe('model files in a workspace', () => {
  let catalog: string
  let ws: string
  const write = (name: string, text: string) => {
    mkdirSync(path.join(catalog, 'model'), { recursive: true })
    writeFileSync(path.join(catalog, 'model', name), text)
  }
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-model-'))
    catalog = path.join(ws, 'catalog')
    mkdirSync(catalog)
    writeFileSync(
      path.join(catalog, 'owners.yaml'),
      'teams:\n  - id: team-a\ndomains: []\nrules: []\n',
    )
  })
  afterEach(() => rmSync(ws, { recursive: true, force: true }))

  it('names a model after its file, and takes explicit implementing fields', () => {
    write(
      'account.yaml',
      [
        'owner: team-a',
        'collections: [mongodb://m/db/accounts, mongodb://m/db/archive]',
        'fields:',
        '  - path: "e mail"',
        '    meaning: Where to write',
        '    category: contact.email',
        '  - path: id',
        '    meaning: The key',
        '    implementedBy: mongodb://m/db/accounts#_id',
        '',
      ].join('\n'),
    )
    const { models, edges, errors } = new ModelFiles(catalog).load()
    expect(errors).toEqual([])
    expect(models[0]).toMatchObject({ name: 'account', urn: 'model://account', owner: 'team-a' })
    expect(models[0]!.fields).toEqual([
      {
        urn: modelUrn('account', 'e mail'),
        path: 'e mail',
        meaning: 'Where to write',
        owner: 'team-a',
        category: 'contact.email',
        implementedBy: ['mongodb://m/db/accounts#e%20mail', 'mongodb://m/db/archive#e%20mail'],
      },
      {
        urn: 'model://account#id',
        path: 'id',
        meaning: 'The key',
        owner: 'team-a',
        implementedBy: ['mongodb://m/db/accounts#_id'],
      },
    ])
    expect(modelUrn('account', 'e mail')).toBe('model://account#e%20mail')
    expect(edges.filter((e) => e.level === 'field').map((e) => [e.from, e.to, e.origin])).toEqual([
      [
        'mongodb://m/db/accounts#e%20mail',
        'model://account#e%20mail',
        { kind: 'model', file: 'catalog/model/account.yaml', line: 4 },
      ],
      [
        'mongodb://m/db/archive#e%20mail',
        'model://account#e%20mail',
        { kind: 'model', file: 'catalog/model/account.yaml', line: 4 },
      ],
      [
        'mongodb://m/db/accounts#_id',
        'model://account#id',
        { kind: 'model', file: 'catalog/model/account.yaml', line: 7 },
      ],
    ])
    expect(edges.filter((e) => e.level === 'asset')).toHaveLength(2)
  })

  it('reports problems with their lines and loads the rest', () => {
    write('a.yaml', 'name: a\ncollections: [\n')
    write(
      'b.yaml',
      [
        'name: b',
        'collections: [mongodb://m/db/c]',
        'fields:',
        '  - { path: x, meaning: ok, owner: nobody }',
        '  - { path: y, meaning: ok, category: contact.fax }',
        '  - { path: z }',
        '  - { path: x, meaning: again }',
        '  - { path: w, meaning: ok, implementedBy: not-a-urn }',
        '  - { path: v, meaning: fine }',
        '',
      ].join('\n'),
    )
    write('c.yaml', 'name: b\ncollections: [mongodb://m/db/d]\nfields: []\n')
    const { models, errors } = new ModelFiles(catalog).load()
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['catalog/model/a.yaml', expect.any(Number)],
      ['catalog/model/b.yaml', 4],
      ['catalog/model/b.yaml', 5],
      ['catalog/model/b.yaml', 6],
      ['catalog/model/b.yaml', 7],
      ['catalog/model/b.yaml', 8],
      ['catalog/model/c.yaml', 1],
    ])
    const messages = errors.map((e) => e.message).join('\n')
    expect(messages).toMatch(/no team "nobody"/)
    expect(messages).toMatch(/not a personal-data category/)
    expect(messages).toMatch(/fields.2.meaning: missing/)
    expect(messages).toMatch(/"x" appears twice/)
    expect(messages).toMatch(/model "b" is already defined in catalog\/model\/b.yaml/)
    expect(models.map((m) => [m.name, m.fields.map((f) => f.path)])).toEqual([['b', ['x', 'v']]])
  })
})

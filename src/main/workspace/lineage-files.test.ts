import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { lineageEdges } from '../../../test/estate/data/lineage'
import type { LineageEdge, LineageSuggestion } from '../../shared/model/lineage'
import { LineageFiles } from './lineage-files'

const REPO = path.resolve(__dirname, '../../..')
const key = (e: { from: string; to: string; transform?: unknown }) =>
  JSON.stringify([e.from, e.to, e.transform])

describe('the repository declares the estate', () => {
  const { edges, errors } = new LineageFiles(path.join(REPO, 'catalog')).load()
  const fieldEdges = edges.filter((e) => e.level === 'field')

  it('loads without problems', () => {
    expect(errors).toEqual([])
  })

  it('equals the manifest: every builder and application edge, with its transform', () => {
    const manifest = lineageEdges().filter(
      (e) => e.via === 'builder:singleview' || e.via === 'application',
    )
    expect(manifest.length).toBe(25)
    expect(fieldEdges.map(key).sort()).toEqual(manifest.map(key).sort())
    const byProcess = (name: string) => fieldEdges.filter((e) => e.via.name === name).length
    expect(byProcess('singleview-builder')).toBe(
      manifest.filter((e) => e.via === 'builder:singleview').length,
    )
    expect(byProcess('web-application')).toBe(2)
  })

  it('says where each edge was declared, and rolls it up into an asset edge', () => {
    const assets = new Map(edges.filter((e) => e.level === 'asset').map((e) => [e.id, e]))
    // Six sources into the single view, one into the clickstream topic.
    expect(assets.size).toBe(7)
    for (const edge of fieldEdges) {
      expect(edge.origin.kind).toBe('declared')
      if (edge.origin.kind !== 'declared') continue
      expect(edge.via).toEqual({ kind: 'process', name: edge.origin.process })
      const text = readFileSync(path.join(REPO, edge.origin.file), 'utf8').split('\n')
      const line = text[edge.origin.line - 1]!
      const fromPath = decodeURIComponent(edge.from.split('#')[1]!)
      expect(line).toContain(`from: ${fromPath}`)
      const asset = assets.get(edge.assetEdge!)!
      expect(asset.from).toBe(edge.from.split('#')[0])
      expect(asset.to).toBe(edge.to.split('#')[0])
      expect(asset.via).toEqual(edge.via)
    }
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length)
  })
})

describe('declarations in a workspace', () => {
  let ws: string
  let catalog: string
  const write = (name: string, text: string) => {
    mkdirSync(path.join(catalog, 'lineage'), { recursive: true })
    writeFileSync(path.join(catalog, 'lineage', name), text)
  }
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-lineage-'))
    catalog = path.join(ws, 'catalog')
    mkdirSync(catalog)
    writeFileSync(
      path.join(catalog, 'owners.yaml'),
      'teams:\n  - id: team-a\ndomains: []\nrules: []\n',
    )
  })
  afterEach(() => rmSync(ws, { recursive: true, force: true }))

  it('is empty without a lineage folder', () => {
    expect(new LineageFiles(catalog).load()).toEqual({ edges: [], errors: [] })
  })

  it('reads top-level fields, whole URNs and chains; paths are encoded into URNs', () => {
    write(
      'app.yaml',
      [
        'process: { name: app, owner: team-a, code: src/app.ts }',
        'from: postgres://pg/db/s/T',
        'to: kafka://k/topic',
        'fields:',
        '  - { from: Email, to: "contact.e mail", transform: [trim, lower-case] }',
        '  - from: postgres://pg/db/s/Other#Id',
        '    to: key',
        '',
      ].join('\n'),
    )
    const { edges, errors } = new LineageFiles(catalog).load()
    expect(errors).toEqual([])
    const fields = edges.filter((e) => e.level === 'field')
    expect(fields.map((e) => [e.from, e.to, e.transform])).toEqual([
      [
        'postgres://pg/db/s/T#Email',
        'kafka://k/topic#contact.e%20mail',
        { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] },
      ],
      ['postgres://pg/db/s/Other#Id', 'kafka://k/topic#key', { type: 'identity' }],
    ])
    expect(fields[1]!.origin).toEqual({
      kind: 'declared',
      file: 'catalog/lineage/app.yaml',
      line: 6,
      process: 'app',
    })
    expect(edges.filter((e) => e.level === 'asset')).toHaveLength(2)
  })

  it('reports a broken file with its line and still loads the others', () => {
    write('a-broken.yaml', 'process: { name: broken\nfields: [\n')
    write(
      'b-partly.yaml',
      [
        'process: { name: partly, owner: nobody }',
        'to: kafka://k/t',
        'flows:',
        '  - from: postgres://pg/db/s/T',
        '    fields:',
        '      - { from: A, to: a, transform: lowercase }',
        '      - { from: B, to: b, transform: { type: e164 } }',
        '      - { from: C, to: c }',
        '      - { from: C, to: c, transform: trim }',
        '      - { from: D }',
        '  - from: not a urn',
        '    fields: [{ from: E, to: e }]',
        '  - fields: [{ from: F, to: f }]',
        '',
      ].join('\n'),
    )
    const { edges, errors } = new LineageFiles(catalog).load()
    const where = errors.map((e) => [e.file, e.line])
    expect(where).toEqual([
      ['catalog/lineage/a-broken.yaml', expect.any(Number)],
      ['catalog/lineage/b-partly.yaml', 1],
      ['catalog/lineage/b-partly.yaml', 6],
      ['catalog/lineage/b-partly.yaml', 7],
      ['catalog/lineage/b-partly.yaml', 9],
      ['catalog/lineage/b-partly.yaml', 10],
      ['catalog/lineage/b-partly.yaml', 11],
      ['catalog/lineage/b-partly.yaml', 13],
    ])
    const messages = errors.map((e) => e.message).join('\n')
    expect(messages).toMatch(/YAML syntax error/)
    expect(messages).toMatch(/no team "nobody"/)
    expect(messages).toMatch(/unknown transform "lowercase"/)
    expect(messages).toMatch(/flows.0.fields.1.transform.region: e164 needs `region`/)
    expect(messages).toMatch(/already declared at catalog\/lineage\/b-partly.yaml:8/)
    expect(messages).toMatch(/flows.0.fields.4.to: missing/)
    expect(messages).toMatch(/flows.1.from: an asset URN/)
    expect(messages).toMatch(/"F" is a path, but no default `from:` asset is set/)
    expect(edges.filter((e) => e.level === 'field').map((e) => e.to)).toEqual(['kafka://k/t#c'])
  })
})

describe('suggestion decisions', () => {
  let ws: string
  let catalog: string
  const suggestion = (id: string, to = 'mongodb://m/db/c#email'): LineageSuggestion => ({
    id,
    from: 'postgres://pg/db/s/T#Email',
    to,
    transform: { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] },
    score: 0.93456,
    evidence: {
      containment: 0.98,
      jaccard: 0.9,
      normalisation: 'lower-case',
      nameSimilarity: 0.8,
      typeCompatible: true,
      fromDistinct: 100,
      toDistinct: 95,
    },
    status: 'open',
  })
  const read = (name: string) => readFileSync(path.join(catalog, 'lineage', name), 'utf8')
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'sightline-decisions-'))
    catalog = path.join(ws, 'catalog')
    mkdirSync(catalog)
  })
  afterEach(() => rmSync(ws, { recursive: true, force: true }))

  it('accepting writes an edge entry that loads as an accepted suggestion', () => {
    const files = new LineageFiles(catalog)
    const at = files.accept(suggestion('s1'), 'alice', 'same values')
    expect(at).toEqual({ file: 'catalog/lineage/accepted.yaml', line: expect.any(Number) })
    const text = read('accepted.yaml')
    expect(text).toMatch(/^# Lineage suggestions the team accepted/)
    expect(text.split('\n')[at.line - 1]).toContain('id: s1')
    expect(text).toContain('transform: [ trim, lower-case ]')
    const { edges, errors } = files.load()
    expect(errors).toEqual([])
    const field = edges.find((e) => e.level === 'field') as LineageEdge
    expect(field).toMatchObject({
      from: 'postgres://pg/db/s/T#Email',
      to: 'mongodb://m/db/c#email',
      transform: { type: 'chain', steps: [{ type: 'trim' }, { type: 'lower-case' }] },
      via: { kind: 'process', name: 'accepted-suggestion' },
      origin: {
        kind: 'accepted-suggestion',
        file: 'catalog/lineage/accepted.yaml',
        line: at.line,
        score: 0.93456,
        acceptedBy: 'alice',
      },
    })
    expect(edges.find((e) => e.id === field.assetEdge)).toMatchObject({
      level: 'asset',
      from: 'postgres://pg/db/s/T',
      to: 'mongodb://m/db/c',
    })
    expect(files.decisions().get('s1')).toMatchObject({
      id: 's1',
      status: 'accepted',
      by: 'alice',
      reason: 'same values',
    })
    // Idempotent: the same place, not a second entry.
    expect(files.accept(suggestion('s1'), 'bob')).toEqual(at)
    expect(read('accepted.yaml').match(/id: s1/g)).toHaveLength(1)
  })

  it('rejecting is remembered, moves an acceptance, keeps comments, and reopen undoes it', () => {
    const files = new LineageFiles(catalog)
    files.accept(suggestion('s1'), 'alice')
    files.accept(suggestion('s2', 'mongodb://m/db/c#other'), 'alice')
    writeFileSync(
      path.join(catalog, 'lineage', 'accepted.yaml'),
      read('accepted.yaml').replace('  - id: s2', '  # checked with the CRM team\n  - id: s2'),
    )
    const at = files.reject(suggestion('s1'), 'bob', 'coincidence')
    expect(at.file).toBe('catalog/lineage/rejected.yaml')
    expect(read('rejected.yaml').split('\n')[at.line - 1]).toContain('id: s1')
    expect(read('accepted.yaml')).not.toContain('id: s1')
    expect(read('accepted.yaml')).toContain('# checked with the CRM team')
    const decisions = files.decisions()
    expect(decisions.get('s1')).toMatchObject({
      status: 'rejected',
      by: 'bob',
      reason: 'coincidence',
    })
    expect(decisions.get('s2')).toMatchObject({ status: 'accepted' })
    // A rejection is not an edge.
    expect(
      files
        .load()
        .edges.filter((e) => e.level === 'field')
        .map((e) => e.to),
    ).toEqual(['mongodb://m/db/c#other'])
    expect(files.reopen('s1')).toBe(true)
    expect(files.reopen('s1')).toBe(false)
    expect(files.decisions().has('s1')).toBe(false)
    expect(files.reopen('s2')).toBe(true)
    expect(files.load().edges).toEqual([])
    expect(read('accepted.yaml')).toContain('# checked with the CRM team')
    expect(readdirSync(path.join(catalog, 'lineage')).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('a broken decision entry is a problem with its line', () => {
    mkdirSync(path.join(catalog, 'lineage'))
    writeFileSync(
      path.join(catalog, 'lineage', 'accepted.yaml'),
      'accepted:\n  - id: x\n    from: nope\n    to: a://b/c#d\n    score: 2\n    by: a\n    at: now\n',
    )
    const files = new LineageFiles(catalog)
    expect(files.load()).toEqual({
      edges: [],
      errors: [
        {
          file: 'catalog/lineage/accepted.yaml',
          line: 3,
          message: expect.stringMatching(/from: a field URN/),
        },
      ],
    })
    expect(files.decisions().size).toBe(0)
    expect(existsSync(path.join(catalog, 'lineage', 'rejected.yaml'))).toBe(false)
  })
})

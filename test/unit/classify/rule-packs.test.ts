import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILTIN_PACK_ID } from '../../../src/main/classify/builtin-rules'
import { ApiError } from '../../../src/shared/api/errors'
import { classifyField } from '../../../src/main/classify/classify-field'
import { builtinPack, loadRulePacks, parseRulePack } from '../../../src/main/classify/rule-packs'

const FILE = 'catalog/rules/acme.yaml'

function errorOf(text: string): ApiError {
  try {
    parseRulePack(FILE, text)
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError)
    return err as ApiError
  }
  throw new Error('expected an error')
}

describe('rule packs', () => {
  let dir: string | undefined
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
    dir = undefined
  })

  it('parses name rules, value rules and suppressions, normalising tokens', () => {
    const pack = parseRulePack(
      FILE,
      `
version: 3
nameRules:
  - id: acme-member
    category: identifier.customer
    match: [member no, AcmeRef]
    weight: 0.8
    keyLike: true
valueRules:
  - id: acme-member-number
    category: identifier.customer
    pattern: '^AC[0-9]{8}$'
    maxLength: 10
    threshold: 0.9
suppress: [legacy_*]
`,
    )
    expect(pack.id).toBe('catalog/rules/acme.yaml@3')
    expect(pack.nameRules[0]!.match).toEqual(['member number', 'acme reference'])
    expect(pack.recognizers[0]!.standalone).toBe(false)
    const r = pack.recognizers[0]!.recognizer
    const ctx = { nameTokens: [], assetTokens: [] }
    expect(r.test('AC12345678', ctx)).toEqual({ match: true })
    expect(r.test('AC12345678X', ctx)).toEqual({ match: false })
    expect(pack.suppress).toEqual(['legacy_*'])
  })

  it.each([
    ['nameRules: [{ id: x, category: person.nose, match: [nose] }]', 'nameRules.0.category'],
    ['nameRules: [{ id: x, category: person.name, match: [] }]', 'nameRules.0.match'],
    ['nameRules: [{ id: x, category: person.name, match: [a], weight: 2 }]', 'nameRules.0.weight'],
    ['nameRules: [{ id: x, category: person.name, match: [a], colour: red }]', 'nameRules.0'],
    [
      'valueRules: [{ id: v, category: contact.email, pattern: "(", maxLength: 9 }]',
      'valueRules.0.pattern',
    ],
    ['valueRules: [{ id: v, category: contact.email, pattern: "a" }]', 'valueRules.0.maxLength'],
    ['suppress: [1]', 'suppress.0'],
    ['rules: []', ''],
  ])('names the file and the key of a bad pack: %s', (text, key) => {
    const err = errorOf(text)
    expect(err.code).toBe('bad-input')
    expect(err.message).toContain(FILE)
    if (key) expect(err.message).toContain(`${key}`)
  })

  it('reports YAML syntax errors with the file', () => {
    expect(errorOf('nameRules: [').message).toMatch(/acme\.yaml: YAML syntax error/)
  })

  it('loads the builtin pack alone without catalog/rules, then the workspace files in order', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-rules-'))
    expect(loadRulePacks(dir).map((p) => p.id)).toEqual([builtinPack().id])
    mkdirSync(path.join(dir, 'catalog', 'rules'), { recursive: true })
    writeFileSync(path.join(dir, 'catalog', 'rules', 'b.yaml'), 'suppress: [x_*]\n')
    writeFileSync(path.join(dir, 'catalog', 'rules', 'a.yml'), 'version: 2\n')
    writeFileSync(path.join(dir, 'catalog', 'rules', 'notes.txt'), 'ignored')
    expect(loadRulePacks(dir).map((p) => p.id)).toEqual([
      BUILTIN_PACK_ID,
      'catalog/rules/a.yml@2',
      'catalog/rules/b.yaml@1',
    ])
  })

  it('a workspace pack adds rules, recognizers and suppressions to classification', () => {
    const pack = parseRulePack(
      FILE,
      `
nameRules:
  - { id: acme-member, category: identifier.loyalty, match: [acme member], weight: 0.8 }
valueRules:
  - { id: acme-code, category: identity.passport, pattern: '^P-[0-9]{6}$', maxLength: 8, standalone: true }
suppress: ['*_email_copy']
`,
    )
    const packs = [builtinPack(), pack]
    const base = { assetTokens: [], values: [] as unknown[] }
    expect(
      classifyField({ ...base, fieldName: 'AcmeMember', fieldPath: 'AcmeMember' }, packs).labels[0]
        ?.category,
    ).toBe('identifier.loyalty')
    const coded = classifyField(
      { ...base, fieldName: 'ref', fieldPath: 'ref', values: ['P-123456', 'P-654321', 'P-111111'] },
      packs,
    )
    expect(coded.labels[0]?.category).toBe('identity.passport')
    expect(coded.rulePacks).toEqual([BUILTIN_PACK_ID, 'catalog/rules/acme.yaml@1'])
    const suppressed = classifyField(
      { ...base, fieldName: 'old_email_copy', fieldPath: 'old_email_copy' },
      packs,
    )
    expect(suppressed.labels).toEqual([])
    expect(suppressed.nearMisses[0]?.reason).toContain('*_email_copy')
  })
})

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../src/shared/api/errors'
import { ClassificationsFile } from '../../../src/main/workspace/classifications-file'
import type { ReviewDecision } from '../../../src/shared/model/personal-data'

const REPO = path.resolve(__dirname, '../../..')
const URN = 'postgres://crm/crm/dbo/Customer#Email'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-cls-'))
  file = path.join(dir, 'catalog', 'classifications.yaml')
  mkdirSync(path.dirname(file))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const decision = (over: Partial<ReviewDecision> = {}): ReviewDecision => ({
  urn: URN,
  decision: 'confirmed',
  category: 'contact.email',
  by: 'alice',
  at: '2026-01-02T03:04:05.000Z',
  ...over,
})

function errorOf(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (err) {
    return err as ApiError
  }
  throw new Error('expected an error')
}

describe('catalog/classifications.yaml', () => {
  it('an absent file has no decisions; the first write creates it with a header', () => {
    const f = new ClassificationsFile(file)
    expect(f.read()).toEqual([])
    f.setDecision(decision({ reason: 'checked: customer emails' }))
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^# Sightline personal-data review decisions/)
    expect(text).toContain('version: 1')
    expect(f.read()).toEqual([decision({ reason: 'checked: customer emails' })])
  })

  it('replaces and removes decisions, keeping hand-written comments and other entries', () => {
    const f = new ClassificationsFile(file)
    f.setDecision(decision())
    const other = 'postgres://crm/crm/dbo/Customer#Phone'
    writeFileSync(
      file,
      `# my header\nversion: 1\ndecisions:\n  # checked by the DPO\n  ${other}:\n    decision: rejected # a product code\n    category: contact.phone\n    by: bob\n    at: "2026-01-01T00:00:00Z"\n`,
    )
    f.setDecision(decision({ decision: 'changed', category: 'pseudonymous.hash' }))
    f.setDecision(decision({ decision: 'changed', category: 'contact.email' }))
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^# my header/)
    expect(text).toContain('# checked by the DPO')
    expect(text).toContain('# a product code')
    expect(f.readMap().get(URN)).toMatchObject({ decision: 'changed', category: 'contact.email' })
    expect(f.readMap().get(other)).toMatchObject({ decision: 'rejected', by: 'bob' })
    expect(f.removeDecision(URN)).toBe(true)
    expect(f.removeDecision(URN)).toBe(false)
    expect(f.read().map((d) => d.urn)).toEqual([other])
    expect(readFileSync(file, 'utf8')).toContain('# checked by the DPO')
  })

  it('an unknown category id is an error naming the line', () => {
    writeFileSync(
      file,
      `version: 1\ndecisions:\n  ${URN}:\n    decision: confirmed\n    category: contact.emial\n    by: a\n    at: "2026-01-01T00:00:00Z"\n`,
    )
    const err = errorOf(() => new ClassificationsFile(file).read())
    expect(err.code).toBe('bad-input')
    expect(err.message).toMatch(
      /^classifications\.yaml \(line 5\): .*category: "contact\.emial" is not a known category id/,
    )
  })

  it('other mistakes are clear errors with lines', () => {
    const cases: Array<[string, RegExp]> = [
      [
        `version: 1\ndecisions:\n  ${URN}:\n    decision: maybe\n    category: contact.email\n    by: a\n    at: x\n`,
        /\(line 4\): .*decision must be confirmed, rejected or changed/,
      ],
      [
        `version: 1\ndecisions:\n  not-a-urn:\n    decision: confirmed\n`,
        /\(line 3\): decisions: "not-a-urn" is not a field URN/,
      ],
      [
        `version: 1\ndecisions:\n  ${URN}:\n    decision: confirmed\n    category: contact.email\n    by: a\n    at: yesterday\n`,
        /\(line 7\): .*ISO 8601/,
      ],
      [`version: 2\n`, /\(line 1\): version: version must be 1/],
      [`decisions: [\n`, /YAML syntax error/],
      [
        `version: 1\ndecisions:\n  ${URN}:\n    decision: confirmed\n    category: contact.email\n    by: a\n    at: "2026-01-01T00:00:00Z"\n    colour: red\n`,
        /line 8|colour/,
      ],
    ]
    for (const [text, message] of cases) {
      writeFileSync(file, text)
      expect(errorOf(() => new ClassificationsFile(file).read()).message).toMatch(message)
    }
  })

  it('the reference workspace file parses and has no decisions', () => {
    copyFileSync(path.join(REPO, 'catalog', 'classifications.yaml'), file)
    const f = new ClassificationsFile(file)
    expect(f.read()).toEqual([])
    f.setDecision(decision())
    expect(readFileSync(file, 'utf8')).toMatch(/^# Sightline personal-data review decisions/)
    expect(f.read()).toHaveLength(1)
  })
})

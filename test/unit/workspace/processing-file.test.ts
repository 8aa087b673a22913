import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ApiError } from '../../../src/shared/api/errors'
import { ProcessingFile, resolveProcessing } from '../../../src/main/workspace/processing-file'

const REPO = path.resolve(__dirname, '../../..')

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sightline-proc-'))
  file = path.join(dir, 'catalog', 'processing.yaml')
  mkdirSync(path.dirname(file))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function errorOf(fn: () => unknown): ApiError {
  try {
    fn()
  } catch (err) {
    return err as ApiError
  }
  throw new Error('expected an error')
}

describe('catalog/processing.yaml', () => {
  it('sets, replaces and removes rules, keeping comments', () => {
    const f = new ProcessingFile(file)
    expect(f.read()).toEqual([])
    f.setRule('category:contact.email', { purpose: 'Service emails', lawfulBasis: 'contract' })
    expect(readFileSync(file, 'utf8')).toMatch(/^# Sightline record of processing/)
    writeFileSync(
      file,
      readFileSync(file, 'utf8') +
        '  # the CRM\n  - match: postgres://crm/crm # all of it\n    purpose: CRM\n',
    )
    const rules = f.setRule('category:contact.email', { purpose: 'Receipts', recipients: ['ESP'] })
    expect(rules).toEqual([
      { match: 'category:contact.email', purpose: 'Receipts', recipients: ['ESP'] },
      { match: 'postgres://crm/crm', purpose: 'CRM' },
    ])
    expect(readFileSync(file, 'utf8')).toContain('# all of it')
    expect(f.setRule('category:contact.email', null)).toEqual([
      { match: 'postgres://crm/crm', purpose: 'CRM' },
    ])
    expect(readFileSync(file, 'utf8')).toContain('# the CRM')
  })

  it('clear errors with lines', () => {
    const cases: Array<[string, RegExp]> = [
      [
        'version: 1\nrules:\n  - match: category:contact.emial\n    purpose: x\n',
        /\(line 3\): rules\.0\.match: a match is/,
      ],
      [
        'version: 1\nrules:\n  - match: postgres://a/b\n    lawfulBasis: because\n',
        /\(line 4\): rules\.0\.lawfulBasis: lawfulBasis must be one of consent/,
      ],
      [
        'version: 1\nrules:\n  - match: postgres://a/b\n    purpose: x\n  - match: postgres://a/b\n    purpose: y\n',
        /\(line 5\): rules\.1: match "postgres:\/\/a\/b" appears twice/,
      ],
      ['version: 1\nrules:\n  - match: postgres://a/b\n    owner: x\n', /\(line 3\)|owner/],
      ['rules: {\n', /YAML syntax error/],
    ]
    for (const [text, message] of cases) {
      writeFileSync(file, text)
      const err = errorOf(() => new ProcessingFile(file).read())
      expect(err.code).toBe('bad-input')
      expect(err.message).toMatch(message)
    }
  })

  it('the reference workspace file is valid and covers every category group', () => {
    copyFileSync(path.join(REPO, 'catalog', 'processing.yaml'), file)
    const rules = new ProcessingFile(file).read()
    expect(rules.length).toBeGreaterThan(10)
    const fraud = resolveProcessing(
      rules,
      'mongodb://singleview/fraud/cases#customerEmail',
      'contact.email',
    )
    expect(fraud).toMatchObject({
      purpose: 'Fraud prevention',
      lawfulBasis: 'legitimate-interests',
    })
    const card = resolveProcessing(
      rules,
      'postgres://amper-pg/orders/sales/payments#CardToken',
      'financial.card_token',
    )
    expect(card).toMatchObject({
      lawfulBasis: 'contract',
      retention: '7 years (financial records)',
    })
    const click = resolveProcessing(
      rules,
      'kafka://events/web.clickstream.v1#ip',
      'online.ip_address',
    )
    expect(click.lawfulBasis).toBe('consent')
  })
})

describe('processing resolution', () => {
  it('URN rules (most specific first) override category rules attribute by attribute', () => {
    const rules = [
      {
        match: 'category:special.*',
        purpose: 'Vulnerability',
        lawfulBasis: 'vital-interests' as const,
        retention: '2y',
      },
      { match: 'category:special.health', retention: '1y' },
      { match: 'mongodb://sv', purpose: 'Single view' },
      { match: 'mongodb://sv/db/*', recipients: ['CS'] },
    ]
    expect(resolveProcessing(rules, 'mongodb://sv/db/c#flags', 'special.health')).toEqual({
      purpose: 'Single view',
      lawfulBasis: 'vital-interests',
      retention: '1y',
      recipients: ['CS'],
    })
    expect(resolveProcessing(rules, 'postgres://x/y#z', 'contact.email')).toEqual({})
  })
})

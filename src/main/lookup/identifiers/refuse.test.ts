import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../shared/api/errors'
import { recogniseIdentifier } from './recognise'

function refusalOf(input: unknown): ApiError {
  try {
    recogniseIdentifier(input)
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError)
    return e as ApiError
  }
  throw new Error('expected a refusal')
}

describe('identifiers too broad or too strange to look up', () => {
  it.each([
    ['a', 'too-short'],
    ['jo', 'too-short'],
    ['42', 'too-short'],
    ['%', 'wildcard'],
    ['*', 'wildcard'],
    ['%%%', 'wildcard'],
    ['.*', 'wildcard'],
    ['^$', 'wildcard'],
    ['(.+)|[^a]', 'wildcard'],
    ['smith%', 'wildcard'],
    ['jo*n@example', 'wildcard'],
    ['^C0+42$', 'wildcard'],
    ['C000000[0-9]', 'wildcard'],
    ['{"$ne": null}', 'query-syntax'],
    ['{"$regex": ".*"}', 'query-syntax'],
    ['[{"$gt": ""}]', 'query-syntax'],
    ['$where: 1', 'query-syntax'],
    ['name $ne x', 'query-syntax'],
    ["' OR 1=1 --", 'query-syntax'],
    ["x'; DROP TABLE Customer; --", 'query-syntax'],
    ['---', 'no-letters-or-digits'],
    ['', 'empty'],
    ['   \t ', 'empty'],
    ['a'.repeat(257), 'too-long'],
    ['jane\u0000@example.com', 'control-characters'],
    ['Jane Smith', 'name-alone'],
    ["Jean D'Or", 'name-alone'],
    ['qwzx qwzx qwzx 123', 'unrecognised'],
    [42, 'not-text'],
    [{ $ne: null }, 'not-text'],
  ])('%j is refused (%s)', (input, reason) => {
    const err = refusalOf(input)
    expect(err.code).toBe('bad-input')
    expect(err.details?.reason).toBe(reason)
  })

  it('says why in a sentence that never repeats the input', () => {
    for (const input of ['smith%', "' OR 1=1 --", 'Mary Jones', 'zzqq-secret-value-zzqq']) {
      const err = refusalOf(input)
      expect(err.message.length).toBeGreaterThan(20)
      expect(err.message).not.toContain(input)
    }
  })

  it('accepts 256 characters of whitespace-padded identifier, refuses 257', () => {
    const padded = `${' '.repeat(230)}jo@example.com`.padEnd(256, ' ')
    expect(recogniseIdentifier(padded).best.canonical).toBe('jo@example.com')
    expect(refusalOf(`${padded} `).details?.reason).toBe('too-long')
  })

  it('a tab before an email (as stores hold it) is whitespace, not a control character', () => {
    expect(recogniseIdentifier('\tjo@example.com').best.kind).toBe('email')
  })

  it('an email with % or $ in its local part is an email, not a wildcard or operator', () => {
    expect(recogniseIdentifier('jo%work@example.com').best.kind).toBe('email')
    expect(recogniseIdentifier('jo$in@example.com').best.kind).toBe('email')
  })
})

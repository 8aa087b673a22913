import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { flattenPart, matchesAny, pickPath, valuesAt } from './lookup-decode'

describe('flattenPart: messages as catalogue field paths', () => {
  it('flattens a Debezium payload under after./before. and a Connect key under key.', () => {
    const out: Record<string, unknown> = {}
    flattenPart(
      {
        kind: 'declared',
        encoding: 'debezium-json',
        schemaKey: 'k',
        fields: () => [],
        value: { CustomerId: 42 },
      },
      'key',
      out,
    )
    flattenPart(
      {
        kind: 'declared',
        encoding: 'debezium-json',
        schemaKey: 'v',
        fields: () => [],
        value: { before: null, after: { CustomerId: 42, Email: ' A@b.com' }, op: 'r' },
      },
      '',
      out,
    )
    expect(out).toEqual({
      'key.CustomerId': 42,
      before: null,
      'after.CustomerId': 42,
      'after.Email': ' A@b.com',
      op: 'r',
    })
  })

  it('names plain keys and values `key` and `value`, and keeps array elements together', () => {
    const out: Record<string, unknown> = {}
    flattenPart({ kind: 'string', value: 'sess-1' }, 'key', out)
    flattenPart({ kind: 'json', value: { reasons: ['velocity', 'new-device'] } }, '', out)
    expect(out).toEqual({ key: 'sess-1', 'reasons[]': ['velocity', 'new-device'] })
    expect(valuesAt(out, 'reasons[]')).toEqual(['velocity', 'new-device'])
    expect(valuesAt(out, 'key')).toEqual(['sess-1'])
    expect(valuesAt(out, 'missing')).toEqual([])

    const scalar: Record<string, unknown> = {}
    flattenPart({ kind: 'json', value: 7 }, 'key', scalar)
    flattenPart({ kind: 'string', value: 'hello' }, '', scalar)
    expect(scalar).toEqual({ key: 7, value: 'hello' })
  })

  it('adds nothing for null, empty, binary or undecodable parts', () => {
    const out: Record<string, unknown> = {}
    flattenPart({ kind: 'null' }, '', out)
    flattenPart({ kind: 'binary' }, 'key', out)
    flattenPart({ kind: 'failed', encoding: 'avro', note: 'x' }, '', out)
    expect(out).toEqual({})
  })
})

describe('matchesAny: the match modes of a lookup step', () => {
  it('compares exactly, case- and edge-whitespace-insensitively, trimmed, or by digits', () => {
    expect(matchesAny(42, [42], 'equals')).toBe(true)
    expect(matchesAny('42', ['042'], 'equals')).toBe(false)
    expect(matchesAny(' Ann@X.com ', ['ann@x.com'], 'case-insensitive')).toBe(true)
    expect(matchesAny('ann@x.com', ['bob@x.com'], 'case-insensitive')).toBe(false)
    expect(matchesAny(' 07123 ', ['07123'], 'trimmed')).toBe(true)
    expect(matchesAny('07123-456-789', ['07123 456789'], 'digits-only')).toBe(true)
    expect(matchesAny('n/a', ['', 'x'], 'digits-only')).toBe(false)
    expect(matchesAny(null, ['x'], 'equals')).toBe(false)
  })

  it('sha256-of matches a stored hex digest against a plain value or a digest', () => {
    const hex = createHash('sha256').update('ann@x.com').digest('hex')
    expect(matchesAny(hex, ['ann@x.com'], 'sha256-of')).toBe(true)
    expect(matchesAny(hex.toUpperCase(), [hex], 'sha256-of')).toBe(true)
    expect(matchesAny(hex, ['bob@x.com'], 'sha256-of')).toBe(false)
  })
})

describe('pickPath: one path without flattening the message', () => {
  const reads = [
    { kind: 'string' as const, value: 'sess-1' },
    { kind: 'json' as const, value: 7 },
    {
      kind: 'json' as const,
      value: { a: { b: 1, c: [{ d: 'x' }, { d: 'y' }] }, reasons: ['r1', 'r2'], n: null },
    },
    {
      kind: 'declared' as const,
      encoding: 'debezium-json' as const,
      schemaKey: 'v',
      fields: () => [],
      value: { before: null, after: { Email: 'A@b.com', CustomerId: 42 } },
    },
  ]
  it('gives what flattenPart + valuesAt give, for keys and values', () => {
    for (const read of reads)
      for (const root of ['', 'key'] as const) {
        const flat: Record<string, unknown> = {}
        flattenPart(read, root, flat)
        for (const path of Object.keys(flat)) {
          expect(pickPath(read, path), `${root}:${path}`).toEqual(valuesAt(flat, path))
        }
      }
    expect(pickPath(reads[3]!, 'after.Email')).toEqual(['A@b.com'])
    expect(pickPath(reads[2]!, 'a.c[].d')).toEqual(['x', 'y'])
    expect(pickPath(reads[2]!, 'missing.path')).toEqual([])
  })
})

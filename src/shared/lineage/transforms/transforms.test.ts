import { hmac } from '@noble/hashes/hmac'
import { sha256 } from '@noble/hashes/sha2'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils'
import { describe, expect, it } from 'vitest'
import type { TransformSpec } from '../../model/lineage'
import {
  TransformError,
  aggregateRows,
  applyAggregate,
  applyTransform,
  describeTransform,
  invertTransform,
  inversionMatches,
  isInvertible,
  parseTransformShorthand,
  toTransformShorthand,
  transformSchema,
} from './index'

const trimLower: TransformSpec = {
  type: 'chain',
  steps: [{ type: 'trim' }, { type: 'lower-case' }],
}
const key: TransformSpec = { type: 'prefix-pad', prefix: 'C', width: 8 }
const e164: TransformSpec = { type: 'e164', region: 'GB' }

describe('shorthand and schema', () => {
  it('reads a name, a list (a chain) and an object', () => {
    expect(parseTransformShorthand('lower-case')).toEqual({
      ok: true,
      spec: { type: 'lower-case' },
    })
    expect(parseTransformShorthand(['trim', 'lower-case'])).toEqual({ ok: true, spec: trimLower })
    expect(parseTransformShorthand({ type: 'e164', region: 'GB' })).toEqual({
      ok: true,
      spec: e164,
    })
    expect(parseTransformShorthand(['sha256'])).toEqual({ ok: true, spec: { type: 'sha256' } })
    expect(parseTransformShorthand('epoch-days-to-date')).toEqual({
      ok: true,
      spec: { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' },
    })
    expect(
      parseTransformShorthand(['trim', { type: 'chain', steps: ['lower-case', 'sha256'] }]),
    ).toEqual({
      ok: true,
      spec: {
        type: 'chain',
        steps: [
          { type: 'trim' },
          { type: 'chain', steps: [{ type: 'lower-case' }, { type: 'sha256' }] },
        ],
      },
    })
  })

  it('says what is wrong and where', () => {
    const unknown = parseTransformShorthand(['trim', 'lowercase'])
    expect(unknown).toMatchObject({ ok: false, path: [1] })
    expect(!unknown.ok && unknown.message).toMatch(/unknown transform "lowercase"/)
    const params = parseTransformShorthand('e164')
    expect(!params.ok && params.message).toMatch(/needs parameters.*region: GB/)
    const region = parseTransformShorthand({ type: 'e164', region: 'XX' })
    expect(region).toMatchObject({ ok: false, path: ['region'] })
    const width = parseTransformShorthand({ type: 'prefix-pad', prefix: 'C', width: 'eight' })
    expect(width).toMatchObject({ ok: false, path: ['width'] })
    const type = parseTransformShorthand({ type: 'upper' })
    expect(!type.ok && type.message).toMatch(/unknown transform "upper"/)
    expect(parseTransformShorthand({ type: 'trim', extra: 1 })).toMatchObject({ ok: false })
    expect(parseTransformShorthand([])).toMatchObject({ ok: false })
    expect(parseTransformShorthand(42)).toMatchObject({ ok: false })
  })

  it('writes the shortest shorthand back, and it reads the same', () => {
    const specs: TransformSpec[] = [
      trimLower,
      key,
      e164,
      { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' },
      { type: 'aggregate', fn: 'sum', groupBy: 'customer_id' },
      { type: 'chain', steps: [{ type: 'sha256' }] },
      { type: 'chain', steps: [{ type: 'trim' }, trimLower] },
    ]
    expect(toTransformShorthand(trimLower)).toEqual(['trim', 'lower-case'])
    for (const spec of specs) {
      expect(transformSchema.parse(spec)).toEqual(spec)
      expect(parseTransformShorthand(toTransformShorthand(spec))).toEqual({ ok: true, spec })
    }
  })
})

describe('apply', () => {
  it('handles nulls, blanks and messy text', () => {
    expect(applyTransform(trimLower, '  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com')
    expect(applyTransform(trimLower, '   ')).toBeNull()
    expect(applyTransform(trimLower, null)).toBeNull()
    expect(applyTransform({ type: 'trim' }, undefined)).toBeNull()
    expect(applyTransform({ type: 'upper-case' }, 'ab')).toBe('AB')
    expect(applyTransform({ type: 'collapse-whitespace' }, '  a \t b  ')).toBe('a b')
    expect(applyTransform({ type: 'identity' }, 7)).toBe(7)
    expect(applyTransform({ type: 'rename', from: 'a', to: 'b' }, true)).toBe(true)
  })

  it('formats keys, phones, postcodes and dates', () => {
    expect(applyTransform(key, 42)).toBe('C00000042')
    expect(applyTransform(key, '42')).toBe('C00000042')
    expect(applyTransform(key, 123456789)).toBe('C123456789')
    expect(applyTransform(e164, '07700 900123')).toBe('+447700900123')
    expect(applyTransform(e164, ' +44 (0)20 7946 0018 ')).toBe('+442079460018')
    expect(applyTransform(e164, '(020) 7946 0018')).toBe('+442079460018')
    expect(applyTransform(e164, 'ex-directory')).toBeNull()
    expect(applyTransform(e164, '07123')).toBeNull()
    expect(applyTransform({ type: 'postcode-format' }, ' sw1a1aa ')).toBe('SW1A 1AA')
    expect(applyTransform({ type: 'postcode-format' }, 'not  a code')).toBe('NOT A CODE')
    const days: TransformSpec = { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' }
    expect(applyTransform(days, 0)).toBe('1970-01-01')
    expect(applyTransform(days, 5550)).toBe('1985-03-13')
    expect(applyTransform(days, '1985-03-13T00:00:00Z')).toBe('1985-03-13')
    expect(applyTransform(days, 'soon')).toBeNull()
  })

  it('hashes, with the HMAC key from the caller', () => {
    const hex = (s: string) => bytesToHex(sha256(utf8ToBytes(s)))
    expect(applyTransform({ type: 'sha256' }, 'a@b.c')).toBe(hex('a@b.c'))
    const chain: TransformSpec = {
      type: 'chain',
      steps: [...(trimLower as { steps: TransformSpec[] }).steps, { type: 'sha256' }],
    }
    expect(applyTransform(chain, ' A@B.c ')).toBe(hex('a@b.c'))
    const spec: TransformSpec = { type: 'hmac-sha256', keyRef: 'analytics' }
    const k = utf8ToBytes('secret')
    expect(applyTransform(spec, 'x', { hmacKey: k })).toBe(
      bytesToHex(hmac(sha256, k, utf8ToBytes('x'))),
    )
    expect(() => applyTransform(spec, 'x')).toThrow(TransformError)
  })

  it('concatenates named fields, skipping the empty ones', () => {
    const spec: TransformSpec = { type: 'concat', fields: ['first', 'last'], separator: ' ' }
    expect(applyTransform(spec, { first: 'Ada', last: 'Lovelace' })).toBe('Ada Lovelace')
    expect(applyTransform(spec, ['Ada', null])).toBe('Ada')
    expect(applyTransform(spec, null, { concatValues: { first: null, last: '' } })).toBeNull()
    expect(() => applyTransform(spec, 'Ada')).toThrow(TransformError)
  })

  it('folds groups: count, sum (exact decimals), max, min, avg and latest', () => {
    const agg = (
      fn: 'count' | 'sum' | 'max' | 'min' | 'avg',
    ): TransformSpec & { type: 'aggregate' } => ({
      type: 'aggregate',
      fn,
      groupBy: 'customer_id',
    })
    expect(applyAggregate(agg('count'), [1, 2, null])).toBe(2)
    expect(applyAggregate(agg('sum'), ['12.10', '0.20', 0.1, null])).toBe(12.4)
    expect(applyAggregate(agg('sum'), [])).toBe(0)
    expect(applyAggregate(agg('max'), ['2024-01-02T00:00:00Z', '2025-01-01T00:00:00Z'])).toBe(
      '2025-01-01T00:00:00Z',
    )
    expect(applyAggregate(agg('min'), [3, 1, 2])).toBe(1)
    expect(applyAggregate(agg('avg'), [1, 2])).toBe(1.5)
    expect(applyAggregate(agg('max'), [])).toBeNull()
    const latest = { type: 'latest', orderBy: 'scoredAt', groupBy: 'customerId' } as const
    expect(applyAggregate(latest, ['a', 'b', 'c'], [2, 5, 5])).toBe('b')
    expect(() => applyAggregate(latest, ['a'])).toThrow(TransformError)
    expect(() => applyTransform(latest, 'a')).toThrow(TransformError)
    const rows = [
      { customerId: 1, scoredAt: 1, score: 10 },
      { customerId: 1, scoredAt: 3, score: 30 },
      { customerId: 2, scoredAt: 1, score: 5 },
      { customerId: null, scoredAt: 9, score: 99 },
    ]
    expect(aggregateRows(latest, rows, 'score')).toEqual(
      new Map([
        [1, 30],
        [2, 5],
      ]),
    )
  })
})

describe('invert', () => {
  it('unpads keys to the number and the strings that pad to them', () => {
    const inv = invertTransform(key, 'C00000042')
    expect(inv).toEqual({
      kind: 'exact',
      candidates: [42, '42', '042', '0042', '00042', '000042', '0000042', '00000042'],
    })
    for (const c of inv!.kind === 'exact' ? inv!.candidates : [])
      expect(applyTransform(key, c)).toBe('C00000042')
    expect(invertTransform(key, 'C123456789')).toEqual({
      kind: 'exact',
      candidates: [123456789, '123456789'],
    })
    expect(invertTransform(key, 'X00000042')).toEqual({ kind: 'exact', candidates: [] })
    expect(invertTransform(key, 'C42')).toEqual({ kind: 'exact', candidates: [] })
    expect(inversionMatches(inv!, 42)).toBe(true)
    expect(inversionMatches(inv!, '42')).toBe(true)
    expect(inversionMatches(inv!, 43)).toBe(false)
  })

  it('lists the national and international forms of an E.164 number', () => {
    const inv = invertTransform(e164, '+447700900123')!
    expect(inv.kind === 'match' && inv.modes).toEqual(['digits-only'])
    const forms = inv.candidates
    for (const f of [
      '07700900123',
      '07700 900123',
      '+44 7700 900123',
      '+447700900123',
      '00447700900123',
    ])
      expect(forms).toContain(f)
    const london = invertTransform(e164, '+442079460018')!.candidates
    expect(london).toEqual(
      expect.arrayContaining(['020 7946 0018', '(020) 7946 0018', '02079460018']),
    )
    for (const f of forms) expect(applyTransform(e164, f)).toBe('+447700900123')
    for (const f of london) expect(applyTransform(e164, f)).toBe('+442079460018')
    for (const messy of [' 07700-900-123 ', '(07700) 900 123', '0044 7700 900123'])
      expect(inversionMatches(inv, messy)).toBe(true)
    expect(inversionMatches(inv, '07700 900124')).toBe(false)
    expect(invertTransform(e164, 'not a phone')).toEqual({ kind: 'exact', candidates: [] })
  })

  it('gives a match mode for many-to-one text transforms', () => {
    const inv = invertTransform(trimLower, 'jane@example.com')!
    expect(inv).toEqual({
      kind: 'match',
      modes: ['case-insensitive', 'trimmed'],
      candidates: ['jane@example.com'],
    })
    expect(inversionMatches(inv, ' Jane@Example.com ')).toBe(true)
    expect(inversionMatches(inv, 'jane@example.org')).toBe(false)
    const pc = invertTransform({ type: 'postcode-format' }, 'SW1A 1AA')!
    expect(inversionMatches(pc, 'sw1a1aa')).toBe(true)
    expect(inversionMatches(pc, ' Sw1a  1aA')).toBe(true)
    expect(invertTransform({ type: 'postcode-format' }, 'sw1a 1aa')).toEqual({
      kind: 'exact',
      candidates: [],
    })
    const collapsed = invertTransform({ type: 'collapse-whitespace' }, 'a b')!
    expect(inversionMatches(collapsed, ' a \n b')).toBe(true)
  })

  it('inverts dates, renames and one part of a concatenation', () => {
    const days: TransformSpec = { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' }
    expect(invertTransform(days, '1985-03-13')).toEqual({
      kind: 'exact',
      candidates: [5550, '1985-03-13'],
    })
    expect(invertTransform(days, '1985-02-30')).toEqual({ kind: 'exact', candidates: [] })
    expect(invertTransform({ type: 'rename', from: 'a', to: 'b' }, 3)).toEqual({
      kind: 'exact',
      candidates: [3],
    })
    const concat: TransformSpec = { type: 'concat', fields: ['first', 'last'], separator: ' ' }
    expect(invertTransform(concat, 'Ada Lovelace', { field: 'last' })).toEqual({
      kind: 'exact',
      candidates: ['Lovelace'],
    })
    expect(invertTransform(concat, 'Ada King Lovelace', { field: 'last' })).toBeUndefined()
    expect(invertTransform(concat, 'Ada Lovelace')).toBeUndefined()
  })

  it('has no inverse for hashes and folds, nor for null', () => {
    const none: TransformSpec[] = [
      { type: 'sha256' },
      { type: 'hmac-sha256', keyRef: 'k' },
      { type: 'aggregate', fn: 'count', groupBy: 'g' },
      { type: 'latest', orderBy: 'o', groupBy: 'g' },
      { type: 'chain', steps: [{ type: 'trim' }, { type: 'sha256' }] },
    ]
    for (const spec of none) {
      expect(isInvertible(spec)).toBe(false)
      expect(invertTransform(spec, 'abc')).toBeUndefined()
    }
    expect(isInvertible(trimLower)).toBe(true)
    expect(isInvertible(key)).toBe(true)
    expect(invertTransform(key, null)).toBeUndefined()
  })
})

describe('describe', () => {
  it('names transforms for people', () => {
    expect(describeTransform(trimLower)).toBe('trim, then lower-case')
    expect(describeTransform(e164)).toBe('E.164 (GB)')
    expect(describeTransform(key)).toBe('prefix C, zero-pad to 8')
    expect(describeTransform({ type: 'aggregate', fn: 'sum', groupBy: 'customer_id' })).toBe(
      'sum per customer_id',
    )
    expect(describeTransform({ type: 'latest', orderBy: 'scoredAt', groupBy: 'customerId' })).toBe(
      'latest by scoredAt per customerId',
    )
  })
})

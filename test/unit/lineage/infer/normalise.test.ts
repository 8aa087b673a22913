import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { idFormat, NORMALISERS } from '../../../../src/main/lineage/infer/normalise'

const apply = (variant: keyof typeof NORMALISERS, text: string) => NORMALISERS[variant].apply(text)

describe('normalisation variants', () => {
  it('as-is, trim, trim + lower-case, collapse whitespace', () => {
    expect(apply('as-is', ' A.Smith@X.com ')).toBe(' A.Smith@X.com ')
    expect(apply('trim', ' A.Smith@X.com ')).toBe('A.Smith@X.com')
    expect(apply('trim-lower', ' A.Smith@X.com ')).toBe('a.smith@x.com')
    expect(apply('collapse-whitespace', '  Flat 2,   High  St ')).toBe('Flat 2, High St')
  })

  it('digits only, when there are enough digits to be a number', () => {
    expect(apply('digits', '(0161) 496-0000')).toBe('01614960000')
    expect(apply('digits', 'ab12')).toBeUndefined()
  })

  it('E.164 for GB numbers in their national and international forms', () => {
    expect(apply('e164-gb', '07700 900123')).toBe('+447700900123')
    expect(apply('e164-gb', '+44 7700 900123')).toBe('+447700900123')
    expect(apply('e164-gb', '(07700) 900 123')).toBe('+447700900123')
    expect(apply('e164-gb', 'not a phone')).toBeUndefined()
  })

  it('UK postcodes to their canonical form', () => {
    expect(apply('postcode', 'sw1a1aa')).toBe('SW1A 1AA')
    expect(apply('postcode', ' M1  1AE ')).toBe('M1 1AE')
    expect(apply('postcode', 'hello')).toBeUndefined()
  })

  it('ids without prefix and padding, and their format', () => {
    expect(apply('id-core', 'C00000042')).toBe('42')
    expect(apply('id-core', '00042')).toBe('42')
    // A bare number has nothing to strip: as-is already covers it.
    expect(apply('id-core', '42')).toBeUndefined()
    expect(idFormat(['C00000042', 'C00001234', 'C00000007'])).toEqual({ prefix: 'C', width: 8 })
    expect(idFormat(['C1', 'XY00', 'Q123456'])).toBeUndefined()
  })

  it('SHA-256 hex of the trimmed, lower-cased email', () => {
    const expected = createHash('sha256').update('a.smith@x.com').digest('hex')
    expect(apply('sha256-email', ' A.Smith@X.com')).toBe(expected)
    expect(apply('sha256-email', 'no at sign')).toBeUndefined()
  })

  it('Debezium epoch days to an ISO date', () => {
    expect(apply('epoch-date', '0')).toBe('1970-01-01')
    expect(apply('epoch-date', '19000')).toBe('2022-01-08')
    expect(apply('epoch-date', '-3653')).toBe('1960-01-01')
    expect(apply('epoch-date', '2022-01-08')).toBeUndefined()
  })

  it('gates variants on what the field looks like', () => {
    const gate = NORMALISERS['epoch-date'].gate!
    expect(gate({ typeAndName: 'int32 dateofbirth' }, [])).toBe(true)
    expect(gate({ typeAndName: 'integer customerid' }, [])).toBe(false)
  })
})

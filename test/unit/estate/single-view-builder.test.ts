import { describe, expect, it } from 'vitest'
import {
  decodeDate,
  decodePence,
  decodeTimestamp,
  parseChangeEvent,
  type ChangeEvent,
} from '../../estate/builder/debezium'
import { SingleViewState } from '../../estate/builder/single-view'
import {
  customerIdFromKey,
  customerKey,
  normaliseEmail,
  normalisePostcode,
  toE164,
} from '../../estate/builder/transforms'

const envelope = (payload: object) =>
  Buffer.from(JSON.stringify({ schema: { type: 'struct' }, payload }))
const change = (op: ChangeEvent['op'], before: object | null, after: object | null): ChangeEvent =>
  parseChangeEvent(envelope({ op, before, after, source: {}, ts_ms: 0 }))!

const customerRow = (over: object = {}) => ({
  CustomerId: 42,
  Title: ' Mrs ',
  FirstName: '  Ada ',
  LastName: 'Lovelace  ',
  DateOfBirth: 4000, // days since 1970-01-01 -> 1980-12-14
  Email: '  Ada.Lovelace@Example.CO.UK ',
  MobilePhone: '07700 900123',
  HomePhone: 'not a phone',
  CreatedAt: '2024-01-01T00:00:00Z',
  UpdatedAt: '2024-01-01T00:00:00Z',
  ...over,
})

describe('single-view transformations', () => {
  it('prefixes and zero-pads the customer id, and inverts it', () => {
    expect(customerKey(42)).toBe('C00000042')
    expect(customerKey(123456789)).toBe('C123456789')
    expect(customerIdFromKey('C00000042')).toBe(42)
    expect(customerIdFromKey('X1')).toBeNull()
  })

  it('trims and lower-cases emails', () => {
    expect(normaliseEmail('  Foo.Bar@EXAMPLE.com ')).toBe('foo.bar@example.com')
    expect(normaliseEmail('   ')).toBeNull()
  })

  it('turns UK phone formats into E.164 and refuses garbage', () => {
    expect(toE164('07700 900123')).toBe('+447700900123')
    expect(toE164('+44 (0)7700-900-123')).toBe('+447700900123')
    expect(toE164('0044 20 7946 0018')).toBe('+442079460018')
    expect(toE164('(020) 7946 0018')).toBe('+442079460018')
    expect(toE164(' 07700 900 123 ')).toBe('+447700900123')
    expect(toE164('07700-900-123')).toBe('+447700900123')
    expect(toE164('07123')).toBeNull()
    expect(toE164('0000')).toBeNull()
    expect(toE164('12')).toBeNull()
    expect(toE164('n/a')).toBeNull()
    expect(toE164(null)).toBeNull()
  })

  it('upper-cases postcodes with one space before the inward code', () => {
    expect(normalisePostcode('sw1a1aa')).toBe('SW1A 1AA')
    expect(normalisePostcode(' m1   1ae ')).toBe('M1 1AE')
    expect(normalisePostcode('ec1a 1bb')).toBe('EC1A 1BB')
    expect(normalisePostcode('not  a code')).toBe('NOT A CODE')
  })
})

describe('Debezium decoding', () => {
  it('reads the schema+payload envelope and skips tombstones', () => {
    expect(parseChangeEvent(null)).toBeNull()
    expect(parseChangeEvent(Buffer.alloc(0))).toBeNull()
    const e = change('u', { CustomerId: 1 }, { CustomerId: 1, Email: 'x' })
    expect(e.op).toBe('u')
    expect(e.after).toEqual({ CustomerId: 1, Email: 'x' })
  })

  it('decodes dates, micro/milli timestamps, zoned timestamps and decimal strings', () => {
    expect(decodeDate(4000)).toBe('1980-12-14')
    expect(decodeDate(-1)).toBe('1969-12-31')
    expect(decodeTimestamp(1_700_000_000_123_456)?.toISOString()).toBe('2023-11-14T22:13:20.123Z')
    expect(decodeTimestamp(1_700_000_000_123)?.toISOString()).toBe('2023-11-14T22:13:20.123Z')
    expect(decodeTimestamp('2023-11-14T22:13:20.123456Z')?.toISOString()).toBe(
      '2023-11-14T22:13:20.123Z',
    )
    expect(decodePence('12.34')).toBe(1234)
    expect(decodePence('7')).toBe(700)
    expect(decodePence('0.1')).toBe(10)
    expect(decodePence('-3.50')).toBe(-350)
  })
})

describe('SingleViewState', () => {
  const address = (id: number, customerId: number, postcode: string, type = 'home') => ({
    AddressId: id,
    CustomerId: customerId,
    AddressType: type,
    Line1: `${id} High Street`,
    Line2: null,
    Town: 'Leeds',
    County: null,
    Postcode: postcode,
    CountryCode: 'GB',
  })
  const order = (id: number, customerId: number | null, total: string, placedAt: string) => ({
    order_id: id,
    customer_id: customerId,
    total_gbp: total,
    placed_at: placedAt,
  })

  it('builds the customer document with every transformation applied', () => {
    const s = new SingleViewState()
    // Children may arrive before their customer: they are folded in once it exists.
    expect(
      s.applyChange('Address', change('r', null, address(2, 42, 'ls1 4ap', 'delivery'))),
    ).toEqual([42])
    expect(s.build(42)).toBeNull()
    s.applyChange('Customer', change('r', null, customerRow()))
    s.applyChange('Address', change('r', null, address(1, 42, 'LS2  9JT')))
    s.applyChange(
      'ContactPreference',
      change('r', null, { ContactPreferenceId: 5, CustomerId: 42, Channel: 'sms', OptIn: true }),
    )
    s.applyChange(
      'LoyaltyAccount',
      change('r', null, {
        LoyaltyAccountId: 9,
        CustomerId: 42,
        LoyaltyNumber: 'AMP000000042',
        Tier: 'gold',
      }),
    )
    s.applyChange('orders', change('r', null, order(100, 42, '10.10', '2024-03-01T10:00:00Z')))
    s.applyChange('orders', change('r', null, order(101, 42, '20.20', '2024-05-01T10:00:00Z')))
    s.applyChange('orders', change('r', null, order(102, null, '99.99', '2024-06-01T10:00:00Z')))
    s.applyFraudScore({ customerId: 42, score: 0.9, reasons: ['VelocityCheck'], scoredAt: 2000 })
    s.applyFraudScore({ customerId: 42, score: 0.1, reasons: ['old'], scoredAt: 1000 })

    expect(s.build(42)).toEqual({
      _id: 'C00000042',
      name: { title: 'Mrs', first: 'Ada', last: 'Lovelace' },
      dateOfBirth: '1980-12-14',
      contact: { email: 'ada.lovelace@example.co.uk', mobile: '+447700900123', home: null },
      addresses: [
        { type: 'home', line1: '1 High Street', town: 'Leeds', postcode: 'LS2 9JT' },
        { type: 'delivery', line1: '2 High Street', town: 'Leeds', postcode: 'LS1 4AP' },
      ],
      preferences: [{ channel: 'sms', optIn: true }],
      loyalty: { number: 'AMP000000042', tier: 'gold' },
      orders: { count: 2, lifetimeValueGbp: 30.3, lastOrderAt: '2024-05-01T10:00:00.000Z' },
      fraud: { score: 0.9, flags: ['VelocityCheck'] },
    })
  })

  it('applies updates and deletes without double counting on replay', () => {
    const s = new SingleViewState()
    s.applyChange('Customer', change('r', null, customerRow()))
    const placed = order(100, 42, '10.00', '2024-03-01T10:00:00Z')
    s.applyChange('orders', change('r', null, placed))
    s.applyChange('orders', change('r', null, placed)) // redelivered
    expect(s.build(42)?.orders.count).toBe(1)
    s.applyChange('orders', change('u', placed, { ...placed, total_gbp: '12.50' }))
    expect(s.build(42)?.orders.lifetimeValueGbp).toBe(12.5)
    s.applyChange('orders', change('d', placed, null))
    expect(s.build(42)?.orders).toEqual({ count: 0, lifetimeValueGbp: 0, lastOrderAt: null })

    s.applyChange('Address', change('r', null, address(1, 42, 'LS2 9JT')))
    // An address moved to another customer leaves the first one's document.
    expect(
      s.applyChange('Address', change('u', address(1, 42, 'LS2 9JT'), address(1, 43, 'LS2 9JT'))),
    ).toEqual([42, 43])
    expect(s.build(42)?.addresses).toEqual([])
    s.applyChange('Address', change('r', null, address(2, 42, 'LS2 9JT')))
    s.applyChange('Address', change('d', address(2, 42, 'LS2 9JT'), null))
    expect(s.build(42)?.addresses).toEqual([])

    s.applyChange('Customer', change('u', customerRow(), customerRow({ Email: 'NEW@x.org' })))
    expect(s.build(42)?.contact.email).toBe('new@x.org')
    expect(s.applyChange('Customer', change('d', customerRow(), null))).toEqual([42])
    expect(s.build(42)).toBeNull()
    expect(s.customerCount).toBe(0)
  })
})

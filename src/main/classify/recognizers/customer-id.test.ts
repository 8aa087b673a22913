import { describe, expect, it } from 'vitest'
import { customerIdRecognizer } from './customer-id'
import { ctxOf } from './test-context'

const test = (v: string, name: string, asset = '') =>
  customerIdRecognizer.test(v, ctxOf(name, asset))

describe('customer id recognizer', () => {
  it.each([
    ['C00000123', 'customer id', ''],
    ['CUST-001234', 'cust id', ''],
    ['48213', 'customer id', ''],
    ['AB12CD34', 'customer reference', ''],
    ['C00000123', 'customer ids', ''],
    ['C00000123', 'id', 'singleview customer'],
    ['1001', 'customer', ''],
  ])('accepts %s named %s', (v, name, asset) => expect(test(v, name, asset).match).toBe(true))

  it.each([
    ['jane@example.com', 'customer email', ''],
    ['Jane Smith', 'customer name', ''],
    ['2021-03-04', 'customer since', ''],
    ['C00000123', 'customer name', ''],
    ['12345', 'id', 'products'],
    ['retail', 'customer type', ''],
  ])('rejects %s named %s', (v, name, asset) => expect(test(v, name, asset).match).toBe(false))

  it('calls order, product and SKU ids near misses', () => {
    expect(test('ORD-001234', 'order id')).toEqual({
      match: false,
      nearMiss: "order identifiers, not a person's",
    })
    expect(test('1234', 'product id').match).toBe(false)
    expect(test('SKU-99', 'sku code')).toMatchObject({ match: false, nearMiss: expect.any(String) })
  })

  it('judges the field: one shape, many distinct values', () => {
    const ids = ['C00000001', 'C00000002', 'C00000003', 'C00000004']
    expect(customerIdRecognizer.judgeField?.(ids, ids, ctxOf('customer id'))).toBeUndefined()
    const mixed = ['C00000001', '12', 'AB-12-CD', 'x1y2z3']
    expect(customerIdRecognizer.judgeField?.(mixed, mixed, ctxOf('customer id'))).toMatch(/mixed/)
    const flags = Array.from({ length: 12 }, (_, i) => String(i % 2))
    expect(customerIdRecognizer.judgeField?.(flags, flags, ctxOf('customer'))).toMatch(/distinct/)
  })
})

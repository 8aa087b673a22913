import { describe, expect, it } from 'vitest'
import { judgeName, personNameRecognizer } from './person-name'
import { ctxOf } from './test-context'

const ok = (v: string): boolean => personNameRecognizer.test(v, ctxOf('name')).match

describe('person name recognizer', () => {
  it.each([
    'Jane',
    'SMITH',
    'Jane Smith',
    'Smith, Jane',
    'Mr',
    'Mrs.',
    'Dr J. Smith',
    "O'Brien",
    'McAllister',
    'Smith-Jones',
    'Mohammed Khan',
    'Siobhan Murphy',
    'Amelia-Rose Taylor',
    'Seán',
    'ZOË',
    'Watson-O’Connor',
    'MS G MÜLLER',
    'García Fernández',
  ])('accepts %s', (v) => expect(ok(v)).toBe(true))

  it.each([
    'Blue Widget',
    'iPhone 12',
    'Wireless Charging Pad',
    '12345',
    'jane@example.com',
    'Qwzx Plorb',
    'The Quick Brown Fox Jumps Over Lazy',
  ])('rejects %s', (v) => expect(ok(v)).toBe(false))

  it('calls company names near misses', () => {
    expect(judgeName('Smith & Sons Ltd')).toBeUndefined()
    expect(judgeName('Smith Holdings')).toBe('a company name (legal suffix)')
  })

  const judge = personNameRecognizer.judgeField!

  it('rejects product and company fields even when some values hit the dictionary', () => {
    const values = ['Rose', 'Grace', 'Ivy']
    expect(judge(values, values, ctxOf('product name'))).toMatch(/product/)
    expect(judge(values, values, ctxOf('company name'))).toMatch(/company/)
    expect(judge(values, values, ctxOf('name', 'product'))).toMatch(/product table/)
    expect(judge(values, values, ctxOf('name', 'customer'))).toBeUndefined()
  })

  it('keeps a customer name field and needs a high share without a person name', () => {
    const values = ['Jane Smith', 'Ali Khan', 'Bob Jones', 'Unusualname Person']
    expect(judge(values.slice(0, 3), values, ctxOf('customer name'))).toBeUndefined()
    const products = ['Rose Gold Ring', 'Green Tea', 'Chair', 'Table', 'Lamp']
    expect(judge(['Green Tea'], products, ctxOf('description'))).toMatch(/does not say person/)
  })

  it('keeps titles only in a title field', () => {
    const titles = ['Mr', 'Mrs', 'Dr']
    expect(judge(titles, titles, ctxOf('title'))).toBeUndefined()
    expect(judge(titles, titles, ctxOf('code'))).toMatch(/titles only/)
  })
})

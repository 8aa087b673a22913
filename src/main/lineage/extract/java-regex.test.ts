import { describe, expect, it } from 'vitest'
import {
  JavaRegexError,
  javaRegex,
  javaReplacement,
  regexList,
  replaceFull,
  splitRegexList,
} from './java-regex'

describe('javaRegex', () => {
  it('matches whole names only, as Matcher.matches() does', () => {
    const re = javaRegex('dbo\\.Customer')
    expect(re.test('dbo.Customer')).toBe(true)
    expect(re.test('dbo.CustomerArchive')).toBe(false)
    expect(re.test('xdbo.Customer')).toBe(false)
    // An alternation stays inside the anchors.
    expect(javaRegex('a|b').test('ab')).toBe(false)
  })

  it('is case-insensitive when asked (Debezium lists) or by a leading (?i)', () => {
    expect(javaRegex('dbo.customer', { caseInsensitive: true }).test('DBO.Customer')).toBe(true)
    expect(javaRegex('dbo.customer').test('DBO.Customer')).toBe(false)
    expect(javaRegex('(?i)dbo.customer').test('DBO.Customer')).toBe(true)
  })

  it('translates \\Q...\\E quoting, \\A and \\z, POSIX classes and octal escapes', () => {
    expect(javaRegex('\\Qdbo.a+b\\E').test('dbo.a+b')).toBe(true)
    expect(javaRegex('\\Qdbo.a+b\\E').test('dboXaab')).toBe(false)
    expect(javaRegex('\\Adbo\\.x\\z').test('dbo.x')).toBe(true)
    expect(javaRegex('\\p{Upper}\\p{Lower}+').test('Customer')).toBe(true)
    expect(javaRegex('[\\p{Digit}_]+').test('12_3')).toBe(true)
    expect(javaRegex('\\P{Digit}+').test('abc')).toBe(true)
    expect(javaRegex('a\\0101').test('aA')).toBe(true)
    expect(javaRegex('[]a]+').test(']a]')).toBe(true)
  })

  it('refuses what JavaScript cannot do the same way', () => {
    for (const p of [
      'a++',
      'a*+b',
      '(?>ab)c',
      '[a-z&&[^e]]',
      '[a-d[m-p]]',
      'a(?i)b',
      '\\p{javaLowerCase}',
      '\\R',
    ])
      expect(() => javaRegex(p), p).toThrow(JavaRegexError)
    // Lazy quantifiers are the same in both dialects.
    expect(javaRegex('a+?b').test('aab')).toBe(true)
    expect(javaRegex('(?<db>[^.]+)\\.(?:x)').test('crm.x')).toBe(true)
  })
})

describe('regex lists', () => {
  it('splits on commas outside {m,n} quantifiers and classes, honouring \\,', () => {
    expect(splitRegexList('dbo.Customer, dbo.Address ,sales\\.order_[0-9]{1,3}')).toEqual([
      'dbo.Customer',
      'dbo.Address',
      'sales\\.order_[0-9]{1,3}',
    ])
    expect(splitRegexList('a[,]b,c\\,d')).toEqual(['a[,]b', 'c,d'])
    expect(splitRegexList('')).toEqual([])
  })

  it('matches when any entry matches in full', () => {
    const list = regexList('dbo\\.Cust.*,sales\\.orders', { caseInsensitive: true })
    expect(list.matches('dbo.Customer')).toBe(true)
    expect(list.matches('SALES.ORDERS')).toBe(true)
    expect(list.matches('sales.orders_archive')).toBe(false)
  })
})

describe('javaReplacement', () => {
  it('expands $n, ${name} and \\$ as Matcher.replaceFirst does', () => {
    const re = javaRegex('(?<server>[^.]+)\\.([^.]+)\\.([^.]+)')
    expect(replaceFull(re, 'mssql1.dbo.customers', 'inventory.$3')).toBe('inventory.customers')
    expect(replaceFull(re, 'mssql1.dbo.customers', '${server}_$2')).toBe('mssql1_dbo')
    expect(replaceFull(re, 'mssql1.dbo.customers', 'cost\\$$1')).toBe('cost$mssql1')
    expect(replaceFull(re, 'nodots', '$1')).toBeUndefined()
  })

  it('takes as many digits as still name a group ($12 is group 1 then "2" with one group)', () => {
    const m = javaRegex('(a)b').exec('ab')!
    expect(javaReplacement(m, '$12')).toBe('a2')
    expect(() => javaReplacement(m, '$2')).toThrow()
  })
})

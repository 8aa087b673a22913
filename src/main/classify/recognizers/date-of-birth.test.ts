import { describe, expect, it } from 'vitest'
import { dateOfBirthRecognizer } from './date-of-birth'
import { ctxOf } from './test-context'

const NOW = Date.UTC(2025, 5, 1)
const dob = dateOfBirthRecognizer(() => NOW)
const DAY = 86_400_000

describe('date of birth recognizer', () => {
  it.each([
    '1984-03-07',
    '1984-03-07T00:00:00Z',
    '07/03/1984',
    '7-3-1984',
    '07.03.1984',
    '12/25/1984',
    '1984/03/07',
    '7 March 1984',
    '07-Mar-1984',
    'March 7, 1984',
    '7th Sept 1984',
  ])('reads %s as a date', (v) => expect(dob.test(v, ctxOf('other')).match).toBe(true))

  it.each([
    '1984-02-30',
    '31/04/1984',
    '1984-13-01',
    '00/01/1984',
    '13/13/1984',
    '7 Mayonnaise 1984',
    '7 Ma 1984',
    'yesterday',
    '19840307x',
  ])('rejects %s', (v) => expect(dob.test(v, ctxOf('date of birth')).match).toBe(false))

  it('reads Debezium DATE days and epoch ms only for birth or date fields', () => {
    const days = String(Math.floor(Date.UTC(1984, 2, 7) / DAY))
    expect(dob.test(days, ctxOf('date of birth', '', 'int32')).match).toBe(true)
    expect(dob.test(days, ctxOf('quantity', '', 'int32')).match).toBe(false)
    expect(dob.test(String(Date.UTC(1960, 0, 1)), ctxOf('dob')).match).toBe(true)
    expect(dob.test('-3650', ctxOf('x', '', 'date')).match).toBe(true)
  })

  it('reads compact yyyymmdd in date fields and whole-hour local midnights', () => {
    expect(dob.test('19671215', ctxOf('date of birth')).match).toBe(true)
    expect(dob.test('19671315', ctxOf('date of birth')).match).toBe(false)
    expect(dob.test('19671215', ctxOf('quantity')).match).toBe(false)
    expect(dob.test('1984-03-06T23:00:00.000Z', ctxOf('dob')).match).toBe(true)
  })

  it('calls timestamps with a time of day a near miss', () => {
    expect(dob.test('1984-03-07T10:15:00Z', ctxOf('dob'))).toMatchObject({ match: false })
    expect(dob.test(String(Date.UTC(1984, 2, 7, 10, 15)), ctxOf('dob')).match).toBe(false)
  })

  const years = (n: number): string => new Date(NOW - n * 365.25 * DAY).toISOString().slice(0, 10)

  it('keeps a field of plausible ages', () => {
    const values = [20, 34, 45, 51, 67, 72, 88, 29, 40, 55].map(years)
    expect(dob.judgeField?.(values, values, ctxOf('date of birth'))).toBeUndefined()
    expect(dob.judgeField?.(values, values, ctxOf('dob'))).toBeUndefined()
  })

  it('rejects recent dates as event dates', () => {
    const values = [0.1, 0.5, 1, 1.5, 2, 2.5, 0.2, 0.7, 1.2, 3.5].map(years)
    expect(dob.judgeField?.(values, values, ctxOf('some date'))).toBe(
      'dates within the last 3 years: looks like an event date',
    )
  })

  it('rejects dates named as events, whatever their age', () => {
    const values = [20, 34, 45].map(years)
    expect(dob.judgeField?.(values, values, ctxOf('created at'))).toMatch(/event date/)
    expect(dob.judgeField?.(values, values, ctxOf('order date'))).toMatch(/order/)
  })

  it('rejects future dates and implausible ages', () => {
    const future = [-1, -2, -3, 20].map(years)
    expect(dob.judgeField?.(future, future, ctxOf('dob'))).toMatch(/future/)
    const old = [150, 160, 170, 180, 30].map(years)
    expect(dob.judgeField?.(old, old, ctxOf('dob'))).toMatch(/plausible ages/)
  })
})

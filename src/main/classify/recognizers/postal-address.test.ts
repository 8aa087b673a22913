import { describe, expect, it } from 'vitest'
import { isStreetLine, postalAddressRecognizer } from './postal-address'
import { ctxOf } from './test-context'

const ok = (v: string): boolean => postalAddressRecognizer.test(v, ctxOf('line 1')).match

describe('postal address recognizer', () => {
  it.each([
    '45 Park Road',
    '12a High St.',
    'Flat 3, 45 Park Road',
    '221B Baker Street',
    '10-12 Station Approach',
    'Flat 12',
    'Unit 4',
    'Rose Cottage',
    'The Old Forge',
    'Ashdown House',
    'Leeds',
    'Newcastle upon Tyne',
    'Stoke-on-Trent',
    'Saint Albans',
    'West Yorkshire',
    'Greater Manchester',
    'City of Edinburgh',
    'County Durham',
    '12 Heol y Llan',
  ])('accepts %s', (v) => expect(ok(v)).toBe(true))

  it.each(['Blue Widget', '12 pack of batteries', 'Road', 'hello world', '45', 'Springfield'])(
    'rejects %s',
    (v) => expect(ok(v)).toBe(false),
  )

  it('needs a house number and a street type for a street line', () => {
    expect(isStreetLine('Park Road')).toBe(false)
    expect(isStreetLine('45 Park Road')).toBe(true)
  })

  const towns = ['Leeds', 'York', 'Bath', 'Cardiff', 'Glasgow']

  it('keeps a field of towns only when its name says address', () => {
    const judge = postalAddressRecognizer.judgeField!
    expect(judge(towns, towns, ctxOf('town'))).toBeUndefined()
    expect(judge(towns, towns, ctxOf('twn nm town name'))).toBeUndefined()
    expect(judge(towns, towns, ctxOf('address line 2'))).toBeUndefined()
    expect(judge(towns, towns, ctxOf('event'))).toMatch(/does not say address/)
    expect(judge(towns, towns, ctxOf('store town'))).toMatch(/store/)
  })

  it('keeps street lines whatever the name', () => {
    const lines = ['45 Park Road', '1 Mill Lane', '7 Church Street']
    expect(postalAddressRecognizer.judgeField!(lines, lines, ctxOf('a1'))).toBeUndefined()
  })
})

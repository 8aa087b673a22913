import { describe, expect, it } from 'vitest'
import { recogniseIdentifier } from '../identifiers/recognise'
import { idFormatsFromCatalogue } from './catalogue-id-formats'
import { CATEGORIES, EDGES } from './test-support'

describe('idFormatsFromCatalogue', () => {
  it('learns the single view’s C + 8 digits from the builder’s prefix-pad edge', () => {
    const formats = idFormatsFromCatalogue(EDGES, CATEGORIES)
    const customer = formats.filter((f) => f.kind === 'customer-number')
    expect(customer.map((f) => [f.prefix, f.width])).toEqual([
      ['', 0],
      ['C', 8],
    ])
    expect(customer[1]!.label).toMatch(/singleview\.customers _id/)
    // No loyalty edge: the defaults stay.
    expect(formats.some((f) => f.kind === 'loyalty-number')).toBe(true)
    const id = recogniseIdentifier('C00000042', { idFormats: formats }).best
    expect(id).toMatchObject({ kind: 'customer-number', canonical: '42' })
  })
})

import { describe, expect, it } from 'vitest'
import { catalogToCsv, csvCell, CSV_COLUMNS } from '../../../src/main/crawl/catalog-export'

describe('CSV export', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(' padded')).toBe('" padded"')
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(false)).toBe('false')
    expect(csvCell(3)).toBe('3')
  })

  it('writes one row per field and one for an asset without fields', () => {
    const csv = catalogToCsv({
      generator: 't',
      exportedAt: '2024-01-01T00:00:00Z',
      crawls: [],
      ownershipFor: (urn) => (urn.endsWith('/t') ? { owner: { id: 'crm-team' } } : {}),
      assets: [
        {
          urn: 'postgres://s/db',
          source: 's',
          platform: 'postgres',
          kind: 'database',
          name: 'db',
          path: ['db'],
          fields: [],
        },
        {
          urn: 'postgres://s/db/sc/t',
          source: 's',
          platform: 'postgres',
          kind: 'table',
          name: 't',
          path: ['db', 'sc', 't'],
          fields: [
            {
              urn: 'postgres://s/db/sc/t#a',
              path: 'a',
              name: 'a',
              declaredType: 'int',
              primaryKey: true,
              values: { sampled: 2, nulls: 0, distinct: 2, examples: ['••', '•••4'] },
            },
            {
              urn: 'postgres://s/db/sc/t#b',
              path: 'b',
              name: 'b',
              types: [
                { type: 'string', count: 3 },
                { type: 'null', count: 1 },
              ],
              presence: { seen: 4, of: 5 },
            },
          ],
        },
      ],
    })
    const rows = csv.split('\r\n')
    expect(rows[0]).toBe(CSV_COLUMNS.join(','))
    expect(rows).toHaveLength(5) // header, database, two fields, trailing empty
    expect(rows[2]).toBe(
      's,postgres,postgres://s/db/sc/t,table,db.sc.t,,crm-team,,postgres://s/db/sc/t#a,a,,int,,,true,,,,2,0,2,,,•• | •••4',
    )
    expect(rows[3]).toContain(',string:3 null:1,,,,4/5,')
  })
})

import { describe, expect, it } from 'vitest'
import { buildPersonalDataMap } from '../../../src/main/classify/personal-data-map'
import { renderPersonalData } from '../../../src/main/classify/report'
import { PERSONAL_DATA_CSV_COLUMNS } from '../../../src/main/classify/report/personal-data-csv'
import type { PersonalDataMap } from '../../../src/shared/model/personal-data'
import { classification, decision, field, label, table } from './personal-data-fixtures'

const evil = '<script>alert("x")</script>'
const asset = table(
  'crm',
  ['crm', 'dbo', `Cust<b>"&'`],
  [
    field(
      'x',
      'Email',
      classification([
        label('contact.email', 0.95, { matched: 9, of: 10, example: 'a•••@b•••.com' }),
      ]),
    ),
    field('x', 'Notes', classification([label('free_text.contains_personal', 0.7)])),
    field('x', '=cmd', classification([label('person.name', 0.6)])),
  ],
)
const notes = `${asset.urn}#Notes`

function map(): PersonalDataMap {
  return buildPersonalDataMap({
    assets: [asset],
    decisions: new Map([
      [
        notes,
        {
          ...decision(notes, 'confirmed', 'free_text.contains_personal'),
          reason: `says ${evil}, "quoted"\nnewline`,
        },
      ],
    ]),
    processing: [
      { match: 'category:contact.email', purpose: 'Receipts, "and" more', recipients: ['A', 'B'] },
    ],
    workspace: `/ws/${evil}`,
    generatedAt: '2026-01-01T00:00:00.000Z',
  })
}

describe('personal-data report', () => {
  it('JSON is the map: schemaVersion 1, summary and entries', () => {
    const doc = JSON.parse(renderPersonalData(map(), 'json'))
    expect(doc).toMatchObject({
      schemaVersion: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      summary: { totals: { fields: 3, confirmed: 1, suggested: 2 } },
    })
    expect(Object.keys(doc.entries[0]).sort()).toEqual(
      expect.arrayContaining([
        'urn',
        'assetUrn',
        'source',
        'platform',
        'location',
        'fieldPath',
        'category',
        'confidence',
        'reviewState',
        'evidenceSummary',
        'processing',
      ]),
    )
    expect(doc.entries.map((e: { category: string }) => e.category)).toEqual([
      'person.name',
      'contact.email',
      'free_text.contains_personal',
    ])
  })

  it('CSV has one row per field with RFC 4180 quoting and formula-safe cells', () => {
    const csv = renderPersonalData(map(), 'csv')
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe(PERSONAL_DATA_CSV_COLUMNS.join(','))
    expect(csv).toContain('"Receipts, ""and"" more"')
    expect(csv).toContain(`"says ${evil.replace(/"/g, '""')}, ""quoted""\nnewline"`)
    expect(csv).toContain(`'=cmd`)
    expect(csv).not.toMatch(/(^|,)=cmd/m)
    // Three records (one has an embedded newline inside quotes) plus the header and the final CRLF.
    expect(lines).toHaveLength(5)
    expect(lines[4]).toBe('')
  })

  it('HTML is self-contained, printable and escapes everything', () => {
    const html = renderPersonalData(map(), 'html')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).not.toContain(evil)
    expect(html).not.toContain('<b>"')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('Cust&lt;b&gt;&quot;&amp;&#39;')
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i)
    expect(html).toContain('class="title-page"')
    expect(html).toContain('Generated: 2026-01-01T00:00:00.000Z')
    expect(html).toMatch(/break-before: page/)
    expect(html).toMatch(/@page/)
    expect(html).toContain('Email address <code>contact.email</code>')
    expect(html).toContain('Free text with personal data')
  })
})

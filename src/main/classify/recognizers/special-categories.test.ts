import { describe, expect, it } from 'vitest'
import {
  SPECIAL_NAME_CUES,
  SPECIAL_RECOGNIZERS,
  specialCategoryFromName,
  specialCuesInText,
} from './special-categories'

const recognizer = (id: string) => SPECIAL_RECOGNIZERS.find((r) => r.category === id)!
const ctx = (name: string[], asset: string[] = []) => ({ nameTokens: name, assetTokens: asset })

describe('special categories by name', () => {
  it('finds Article 9 cues in field names', () => {
    expect(specialCategoryFromName(['health', 'notes'])?.category).toBe('special.health')
    expect(specialCategoryFromName(['vulnerable', 'customer'])?.category).toBe('special.health')
    expect(specialCategoryFromName(['religion'])?.category).toBe('special.religion')
    expect(specialCategoryFromName(['ethnic', 'origin'])?.category).toBe('special.ethnicity')
    expect(specialCategoryFromName(['race'])?.category).toBe('special.ethnicity')
    expect(specialCategoryFromName(['trade', 'union', 'member'])?.category).toBe(
      'special.trade_union',
    )
    expect(specialCategoryFromName(['fingerprint', 'template'])?.category).toBe('special.biometric')
    expect(specialCategoryFromName(['sexual', 'orientation'])?.category).toBe(
      'special.sexual_orientation',
    )
    expect(specialCategoryFromName(['healthnotes'])?.category).toBe('special.health')
    expect(SPECIAL_NAME_CUES['special.health']).toContain('vulnerable')
  })

  it('does not fire on look-alikes', () => {
    expect(specialCategoryFromName(['health', 'check', 'url'])).toBeUndefined()
    expect(specialCategoryFromName(['status'], ['service', 'health'])).toBeUndefined()
    expect(specialCategoryFromName(['race', 'id'])).toBeUndefined()
    expect(specialCategoryFromName(['browser', 'fingerprint'])).toBeUndefined()
    expect(specialCategoryFromName(['union', 'all'])).toBeUndefined()
    expect(specialCategoryFromName(['vulnerability', 'severity'])).toBeUndefined()
    expect(specialCategoryFromName(['email'])).toBeUndefined()
  })
})

describe('special categories by value', () => {
  it('finds cues in text and code values', () => {
    expect(specialCuesInText('VulnerableCustomer')).toEqual({ 'special.health': 'vulnerable' })
    expect(specialCuesInText('Hearing impaired - prefers email')['special.health']).toBeDefined()
    expect(specialCuesInText('White British')).toEqual({ 'special.ethnicity': 'white british' })
    expect(specialCuesInText('Member of the trade union since 2010')).toEqual({
      'special.trade_union': 'trade union',
    })
    expect(specialCuesInText('Muslim')).toEqual({ 'special.religion': 'muslim' })
  })

  it('ignores cue words in other senses', () => {
    expect(
      specialCuesInText('CVE-2024-1234: SQL injection vulnerability, patch available'),
    ).toEqual({})
    expect(specialCuesInText('Roller blind, white')).toEqual({})
    expect(specialCuesInText('SELECT a UNION ALL SELECT b')).toEqual({})
    expect(specialCuesInText('Browser fingerprint changed')).toEqual({})
    expect(specialCuesInText('Credit-impaired assets under IFRS 9')).toEqual({})
    expect(specialCuesInText('Engine fault diagnosis completed')).toEqual({})
  })

  it('labels a reasons field holding VulnerableCustomer at a small share', () => {
    const health = recognizer('special.health')
    const values = Array.from(
      { length: 60 },
      (_, i) =>
        ['velocity', 'ip-mismatch', 'new-device', 'VulnerableCustomer', 'postcode-mismatch'][
          i % 5
        ]!,
    )
    const matching = values.filter(
      (v) => health.test(v, ctx(['reasons'], ['fraud', 'scores'])).match,
    )
    expect(matching.length / values.length).toBeGreaterThanOrEqual(health.threshold ?? 0.6)
    expect(
      health.judgeField?.(matching, values, ctx(['reasons'], ['fraud', 'scores'])),
    ).toBeUndefined()
  })

  it('rejects one stray cue and product text', () => {
    const health = recognizer('special.health')
    const values = Array.from({ length: 50 }, () => 'Chased delivery')
    expect(health.judgeField?.(['diabetes'], values, ctx(['notes']))).toMatch(/single value/)
    expect(
      health.judgeField?.(
        ['Wheelchair ramp', 'Wheelchair cushion'],
        values,
        ctx(['description'], ['products']),
      ),
    ).toMatch(/product/)
  })
})

import { describe, expect, it } from 'vitest'
import type { PersonalDataEntry, PersonalDataSummary } from '../../../shared/model/personal-data'
import {
  NO_FILTERS,
  categoryOf,
  exportFileName,
  filterEntries,
  formatConfidence,
  hasFilters,
  moveSelection,
  sortEntries,
  summaryGroups,
  toggleSort,
  undoStep,
} from './map-logic'

function entry(patch: Partial<PersonalDataEntry> & { urn: string }): PersonalDataEntry {
  return {
    assetUrn: 'a',
    source: 'pg',
    platform: 'postgres',
    location: patch.urn,
    fieldPath: 'x',
    category: 'contact.email',
    confidence: 0.9,
    reviewState: 'suggested',
    evidenceSummary: '',
    processing: {},
    ...patch,
  }
}

const email = entry({ urn: 'u1', location: 'crm.dbo.Customer.Email', confidence: 0.98 })
const phone = entry({
  urn: 'u2',
  location: 'crm.dbo.Customer.Phone',
  category: 'contact.phone',
  confidence: 0.7,
  reviewState: 'confirmed',
})
const notes = entry({
  urn: 'u3',
  source: 'events',
  location: 'orders › notes',
  category: 'free_text.contains_personal',
  confidence: 0.55,
})

describe('filterEntries', () => {
  it('keeps everything without filters', () => {
    expect(filterEntries([email, phone, notes], NO_FILTERS)).toHaveLength(3)
    expect(hasFilters(NO_FILTERS)).toBe(false)
  })

  it('combines category, source, review state and minimum confidence', () => {
    const f = { ...NO_FILTERS, categories: ['contact.email' as const, 'contact.phone' as const] }
    expect(filterEntries([email, phone, notes], f).map((e) => e.urn)).toEqual(['u1', 'u2'])
    expect(
      filterEntries([email, phone, notes], { ...f, reviewStates: ['confirmed'] }).map((e) => e.urn),
    ).toEqual(['u2'])
    expect(
      filterEntries([email, phone, notes], { ...NO_FILTERS, sources: ['events'] }).map(
        (e) => e.urn,
      ),
    ).toEqual(['u3'])
    expect(
      filterEntries([email, phone, notes], { ...NO_FILTERS, minConfidence: 0.7 }).map((e) => e.urn),
    ).toEqual(['u1', 'u2'])
  })

  it('matches every word of the text against location, source and category label', () => {
    const f = { ...NO_FILTERS, text: 'customer PHONE' }
    expect(filterEntries([email, phone, notes], f).map((e) => e.urn)).toEqual(['u2'])
    expect(
      filterEntries([email, phone, notes], { ...NO_FILTERS, text: 'free text' }).map((e) => e.urn),
    ).toEqual(['u3'])
    expect(hasFilters(f)).toBe(true)
  })
})

describe('sorting', () => {
  it('sorts by confidence (ties by location) or by location', () => {
    const tie = entry({ urn: 'u0', location: 'a.first', confidence: 0.98 })
    expect(
      sortEntries([notes, email, phone, tie], { by: 'confidence', direction: 'desc' }).map(
        (e) => e.urn,
      ),
    ).toEqual(['u0', 'u1', 'u2', 'u3'])
    expect(
      sortEntries([notes, email, phone], { by: 'location', direction: 'asc' }).map((e) => e.urn),
    ).toEqual(['u1', 'u2', 'u3'])
  })

  it('flips direction on the same key and starts a new key at its natural direction', () => {
    expect(toggleSort({ by: 'confidence', direction: 'desc' }, 'confidence')).toEqual({
      by: 'confidence',
      direction: 'asc',
    })
    expect(toggleSort({ by: 'confidence', direction: 'desc' }, 'location')).toEqual({
      by: 'location',
      direction: 'asc',
    })
  })
})

describe('summaryGroups', () => {
  it('groups categories by GDPR group in vocabulary order, leaving empty ones out', () => {
    const summary: PersonalDataSummary = {
      byCategory: [
        { category: 'special.health', fields: 2, sources: 1, confirmed: 0 },
        { category: 'contact.phone', fields: 3, sources: 2, confirmed: 1 },
        { category: 'contact.email', fields: 5, sources: 3, confirmed: 0 },
        { category: 'online.ip_address', fields: 0, sources: 0, confirmed: 0 },
      ],
      bySource: [],
      totals: { fields: 10, confirmed: 1, suggested: 9, rejected: 0, reReview: 0 },
    }
    const groups = summaryGroups(summary)
    expect(groups.map((g) => g.group)).toEqual(['contact', 'special'])
    expect(groups[0]!.categories.map((c) => c.category)).toEqual(['contact.email', 'contact.phone'])
    expect(groups[0]!.fields).toBe(8)
    expect(groups[1]!.categories[0]!.definition.special).toBe(true)
  })
})

describe('helpers', () => {
  it('moves the selection within bounds, starting at the first row', () => {
    const list = [email, phone, notes]
    expect(moveSelection(list, undefined, 1)).toBe('u1')
    expect(moveSelection(list, 'u1', 1)).toBe('u2')
    expect(moveSelection(list, 'u3', 1)).toBe('u3')
    expect(moveSelection(list, 'u1', -1)).toBe('u1')
    expect(moveSelection([], 'u1', 1)).toBeUndefined()
  })

  it('undoes to the earlier decision, or clears when there was none', () => {
    expect(undoStep('u1', undefined)).toEqual({ kind: 'clear', urn: 'u1' })
    expect(
      undoStep('u1', {
        urn: 'u1',
        decision: 'changed',
        category: 'contact.phone',
        by: 'ana',
        at: '2026-01-01T00:00:00Z',
        reason: 'mobile',
      }),
    ).toEqual({
      kind: 'review',
      arg: { urn: 'u1', decision: 'changed', category: 'contact.phone', reason: 'mobile' },
    })
  })

  it('formats confidences, labels unknown ids and names exports', () => {
    expect(formatConfidence(0.934)).toBe('93%')
    expect(formatConfidence(1.2)).toBe('100%')
    expect(categoryOf('contact.email').label).toBe('Email address')
    expect(categoryOf('future.thing').label).toBe('future.thing')
    expect(exportFileName('csv', new Date('2026-05-01T10:00:00Z'))).toBe(
      'personal-data-2026-05-01.csv',
    )
  })
})

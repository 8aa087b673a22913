import { describe, expect, it } from 'vitest'
import type { IndexedField } from './index-fields'
import { topicFieldsChanges } from './topic-fields'

const f = (topic: string, path: string): IndexedField => ({ topic, path, kind: 'email' })
const wanted = new Map([
  ['crm.dbo.Customer', [f('crm.dbo.Customer', 'after.Email'), f('crm.dbo.Customer', '@key')]],
  ['returns.requests', [f('returns.requests', 'customerEmail')]],
])

describe('the fields a topic is indexed with', () => {
  it('records the fields of a topic not indexed yet, without a restart', () => {
    expect(topicFieldsChanges(wanted, new Map(), new Set())).toEqual([
      { topic: 'crm.dbo.Customer', fields: ['@key', 'after.Email'], restart: false },
      { topic: 'returns.requests', fields: ['customerEmail'], restart: false },
    ])
  })

  it('changes nothing when the recorded fields are the wanted ones', () => {
    const recorded = new Map([
      ['crm.dbo.Customer', ['@key', 'after.Email']],
      ['returns.requests', ['customerEmail']],
    ])
    const positioned = new Set(['crm.dbo.Customer', 'returns.requests'])
    expect(topicFieldsChanges(wanted, recorded, positioned)).toEqual([])
  })

  it('restarts an indexed topic that gains a field, or whose fields were never recorded', () => {
    const recorded = new Map<string, string[] | null>([
      ['crm.dbo.Customer', ['after.Email']],
      ['returns.requests', null],
    ])
    const positioned = new Set(['crm.dbo.Customer', 'returns.requests'])
    expect(topicFieldsChanges(wanted, recorded, positioned)).toEqual([
      { topic: 'crm.dbo.Customer', fields: ['@key', 'after.Email'], restart: true },
      { topic: 'returns.requests', fields: ['customerEmail'], restart: true },
    ])
  })

  it('only records a field dropped (what was indexed stays true), and re-adding it restarts', () => {
    const recorded = new Map([['returns.requests', ['customerEmail', 'customerPhone']]])
    const only = new Map([['returns.requests', [f('returns.requests', 'customerEmail')]]])
    const positioned = new Set(['returns.requests'])
    expect(topicFieldsChanges(only, recorded, positioned)).toEqual([
      { topic: 'returns.requests', fields: ['customerEmail'], restart: false },
    ])
    const back = new Map([
      [
        'returns.requests',
        [f('returns.requests', 'customerEmail'), f('returns.requests', 'customerPhone')],
      ],
    ])
    expect(
      topicFieldsChanges(back, new Map([['returns.requests', ['customerEmail']]]), positioned),
    ).toEqual([
      { topic: 'returns.requests', fields: ['customerEmail', 'customerPhone'], restart: true },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import type { CategoryId } from '../../../src/shared/model/personal-data'
import {
  classifyField,
  LABEL_THRESHOLD,
  type ClassifyFieldInput,
} from '../../../src/main/classify/classify-field'
import type { RulePack } from '../../../src/main/classify/name-rules'
import type { ValueRecognizer } from '../../../src/main/classify/recognizer'
import { builtinPack } from '../../../src/main/classify/rule-packs'
import { tokenizeName } from '../../../src/main/classify/tokenize-name'

/** The builtin name rules with fake recognizers instead of the real ones. */
function packWith(recognizers: Array<[ValueRecognizer, boolean]>): RulePack[] {
  return [
    {
      ...builtinPack(),
      recognizers: recognizers.map(([recognizer, standalone]) => ({ recognizer, standalone })),
    },
  ]
}
const fake = (
  id: string,
  category: CategoryId,
  test: (v: string) => boolean,
  extra: Partial<ValueRecognizer> = {},
): ValueRecognizer => ({
  id,
  category,
  test: (v) => (test(v) ? { match: true } : { match: false, nearMiss: 'almost' }),
  ...extra,
})
const EMAIL = fake('email', 'contact.email', (v) => /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(v))
const UUID = fake('uuid', 'online.device_id', (v) => /^[0-9a-f-]{36}$/.test(v))
const NO_RECOGNIZERS = packWith([])

function field(
  fieldPath: string,
  values: unknown[] = [],
  extra: Partial<ClassifyFieldInput> = {},
  asset = 'things',
): ClassifyFieldInput {
  return {
    fieldName: fieldPath.split('.').at(-1)!,
    fieldPath,
    assetTokens: tokenizeName(asset),
    values,
    ...extra,
  }
}
const top = (input: ClassifyFieldInput, packs: RulePack[] = NO_RECOGNIZERS) =>
  classifyField(input, packs).labels[0]?.category

describe('classifyField: names', () => {
  it.each<[string, string, CategoryId | undefined]>([
    ['EML_ADDR', 'tblCust', 'contact.email'],
    ['CustomerEmail', 'orders', 'contact.email'],
    ['emailSha256', 'clicks', 'pseudonymous.hash'],
    ['ip_address', 'orders', 'online.ip_address'],
    ['contact.email', 'customers', 'contact.email'],
    ['addresses[].postcode', 'customers', 'contact.postcode'],
    ['addresses[].town', 'customers', 'contact.postal_address'],
    ['TWN_NM', 'tblCust', 'contact.postal_address'],
    ['name.first', 'customers', 'person.name'],
    ['name.title', 'customers', 'person.name'],
    ['Title', 'Customer', 'person.name'],
    ['Title', 'Product', undefined],
    ['name', 'segments', undefined],
    ['source.name', 'crm.dbo.Customer', undefined],
    ['DOB_DT', 'tblCust', 'identity.date_of_birth'],
    ['NI_NO', 'tblCust', 'identity.national_id'],
    ['CustomerId', 'Customer', 'identifier.customer'],
    ['customer_id', 'orders', 'identifier.customer'],
    ['customerIds[]', 'segments', 'identifier.customer'],
    ['_id', 'customers', 'identifier.customer'],
    ['_id', 'cases', undefined],
    ['transaction.id', 'crm.dbo.Customer', undefined],
    ['OrderId', 'Order', undefined],
    ['AddressId', 'Address', undefined],
    ['AddressType', 'Address', undefined],
    ['LoyaltyAccountId', 'LoyaltyAccount', undefined],
    ['loyalty.number', 'customers', 'identifier.loyalty'],
    ['card_last4', 'payments', 'financial.card_last4'],
    ['expiry', 'legacy_card_payments', 'financial.card_expiry'],
    ['expiry', 'coupons', undefined],
    ['card_holder', 'payments', 'person.name'],
    ['sort_code', 'payments', 'financial.bank_account'],
    ['email_verified', 'users', undefined],
    ['EmailVerified', 'users', undefined],
    ['order_count', 'customers', undefined],
    ['is_email', 'customers', undefined],
    ['mac_address', 'devices', undefined],
    ['billing_address', 'orders', 'contact.postal_address'],
    // Other naming styles than the estate's.
    ['FIRSTNAME', 'CONTACTS', 'person.name'],
    ['DATEOFBIRTH', 'PATIENTS', 'identity.date_of_birth'],
    ['PHONENO', 'CLIENTS', 'contact.phone'],
    ['custid', 'invoices', 'identifier.customer'],
    ['strEmail', 'tblUsers', 'contact.email'],
    ['zip', 'customers', 'contact.postcode'],
    ['postal_code', 'stores', 'contact.postcode'],
    ['city', 'customers', 'contact.postal_address'],
    ['city', 'stores', undefined],
    ['ssn', 'employees', 'identity.national_id'],
    ['passport_no', 'travellers', 'identity.passport'],
    ['drivers_license_number', 'drivers', 'identity.driving_licence'],
    ['cc_number', 'payments', 'financial.card_number'],
    ['cc_exp', 'payments', 'financial.card_expiry'],
    ['iban', 'refunds', 'financial.bank_account'],
    ['hashed_email', 'audiences', 'pseudonymous.hash'],
    ['advertising-id', 'events', 'online.device_id'],
    ['name', 'users', 'person.name'],
    ['name', 'products', undefined],
    ['job_title', 'employees', undefined],
    ['customer', 'orders', 'identifier.customer'],
    ['customer_since', 'customers', undefined],
    ['customer_segment', 'customers', undefined],
    ['phone_type', 'contacts', undefined],
    ['blood_type', 'patients', 'special.health'],
    ['ethnicity', 'census', 'special.ethnicity'],
    ['session_id', 'clicks', undefined],
    ['name', 'Authors', 'person.name'],
    ['owner.name', 'repositories', 'person.name'],
    ['name', 'Categories', undefined],
    ['reviewer_name', 'reviews', 'person.name'],
    ['Email2', 'contacts', 'contact.email'],
    ['email_md5', 'audiences', 'pseudonymous.hash'],
    ['file_name', 'uploads', undefined],
  ])('%s in %s -> %s', (path, asset, category) => {
    expect(top(field(path, [], {}, asset))).toBe(category)
  })

  it('labels by name alone with lower confidence when nothing was sampled', () => {
    const c = classifyField(field('EML_ADDR'), NO_RECOGNIZERS)
    expect(c.labels[0]!.confidence).toBeLessThan(0.75)
    expect(c.labels[0]!.confidence).toBeGreaterThanOrEqual(LABEL_THRESHOLD)
    expect(c.labels[0]!.evidence.map((e) => e.kind)).toEqual(['name', 'context'])
    expect(c.sampled).toBe(0)
  })

  it('a bare name elsewhere needs values that look like names', () => {
    const people = fake('person', 'person.name', (v) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(v))
    const packs = packWith([[people, false]])
    expect(top(field('name'), packs)).toBeUndefined()
    expect(top(field('name', ['Ann Lee', 'Bob Hall', 'Cy Twombly']), packs)).toBe('person.name')
    expect(top(field('name', ['loyalty-gold', 'high-value', 'lapsed']), packs)).toBeUndefined()
  })

  it('free-text names alone are not enough', () => {
    expect(top(field('driver_notes'))).toBeUndefined()
  })
})

describe('classifyField: values and types', () => {
  const emails = ['ann@example.com', 'bob@example.org', 'cy@example.co.uk', '', null]
  it('values validate strongly, and a masked example is kept', () => {
    const c = classifyField(field('contact_ref', emails), packWith([[EMAIL, true]]))
    expect(c.labels[0]).toMatchObject({ category: 'contact.email' })
    expect(c.labels[0]!.confidence).toBeGreaterThan(0.9)
    const ev = c.labels[0]!.evidence.find((e) => e.kind === 'value')!
    expect(ev).toMatchObject({ matched: 3, of: 3 })
    expect(ev.example).toMatch(/\u2022/)
    expect(ev.example).not.toContain('ann@example.com')
    expect(c.sampled).toBe(3)
  })

  it('name and values together beat either alone', () => {
    const both = classifyField(field('email', emails), packWith([[EMAIL, true]])).labels[0]!
    const name = classifyField(field('email'), packWith([[EMAIL, true]])).labels[0]!
    expect(both.confidence).toBeGreaterThan(name.confidence)
  })

  it('a validating recognizer that disagrees with the name makes it a near miss', () => {
    const c = classifyField(field('email', ['n/a', 'none', 'unknown']), packWith([[EMAIL, true]]))
    expect(c.labels).toEqual([])
    expect(c.nearMisses[0]).toMatchObject({ category: 'contact.email' })
  })

  it('weak recognizers only confirm names: UUIDs alone are not device ids', () => {
    const uuids = ['0b6f9a3e-7b5c-4d0b-9d52-2f3c1b2a7e11', '1b6f9a3e-7b5c-4d0b-9d52-2f3c1b2a7e11']
    const packs = packWith([[UUID, false]])
    expect(top(field('request_id', uuids), packs)).toBeUndefined()
    expect(classifyField(field('request_id', uuids), packs).nearMisses[0]!.reason).toMatch(
      /name does not say so/,
    )
    expect(top(field('device_id', uuids), packs)).toBe('online.device_id')
  })

  it('one matching value alone is noise; two label the field', () => {
    const packs = packWith([[EMAIL, true]])
    expect(top(field('memo', ['x', 'y', 'ann@example.com', 'z']), packs)).toBeUndefined()
    const many = ['ann@example.com', 'bob@example.com', 'cy@example.com']
    expect(top(field('memo', many), packs)).toBe('contact.email')
  })

  it('a low-threshold recognizer needs a name agreeing when few values match', () => {
    const text = fake('text', 'free_text.contains_personal', (v) => v.includes('@'), {
      threshold: 0.05,
    })
    const values = ['a@x', 'b@x', ...Array.from({ length: 18 }, () => 'nothing here')]
    expect(top(field('description', values), packWith([[text, true]]))).toBeUndefined()
    expect(top(field('comments', values), packWith([[text, true]]))).toBe(
      'free_text.contains_personal',
    )
  })

  it('type evidence: a boolean is never an email, a timestamp never a postcode', () => {
    const c = classifyField(
      field('email', [true, false], { declaredType: 'boolean' }),
      packWith([[EMAIL, true]]),
    )
    expect(c.labels).toEqual([])
    expect(c.nearMisses[0]!.reason).toMatch(/boolean/)
    expect(top(field('postcode', [], { declaredType: 'timestamp with time zone' }))).toBeUndefined()
    expect(top(field('email', [], { declaredType: 'integer' }))).toBeUndefined()
    expect(top(field('customer_id', [], { declaredType: 'bigint' }))).toBe('identifier.customer')
  })

  it('containers are not labelled themselves', () => {
    const c = classifyField(
      field('addresses', [{ a: 1 }], { observedTypes: ['array'] }),
      NO_RECOGNIZERS,
    )
    expect(c).toMatchObject({ labels: [], nearMisses: [] })
  })

  it('a field-level judgement rejects a match and says why', () => {
    const dates = fake('dob', 'identity.date_of_birth', () => true, {
      judgeField: () => 'dates are order dates (ages 0-2 years)',
    })
    const c = classifyField(field('dob', ['2025-01-01', '2025-02-01']), packWith([[dates, false]]))
    expect(c.labels[0]!.confidence).toBeLessThan(0.75)
    const nearMiss = classifyField(field('placed', ['2025-01-01']), packWith([[dates, false]]))
    expect(nearMiss.nearMisses[0]!.reason).toBe('dates are order dates (ages 0-2 years)')
  })

  it('recognizer near misses are reported with their share', () => {
    const luhn = fake('card', 'financial.card_number', () => false)
    const c = classifyField(field('reference', ['1', '2', '3']), packWith([[luhn, true]]))
    expect(c.nearMisses).toEqual([
      { category: 'financial.card_number', reason: '3 of 3 values: almost' },
    ])
  })

  it('never throws on odd input and stays linear', () => {
    const throwing: ValueRecognizer = {
      id: 'boom',
      category: 'contact.email',
      test: () => {
        throw new Error('boom')
      },
    }
    const odd = [undefined, null, {}, [], Symbol.for('x'), 10n, new Date(0), 'x'.repeat(1e6)]
    expect(() =>
      classifyField(field('email', odd as unknown[]), packWith([[throwing, true]])),
    ).not.toThrow()
    expect(
      classifyField(
        { fieldName: undefined, fieldPath: null, assetTokens: null, values: null } as never,
        NO_RECOGNIZERS,
      ).labels,
    ).toEqual([])
    const big = Array.from({ length: 100_000 }, (_, i) => `user${i}@example.com`)
    expect(classifyField(field('email', big), packWith([[EMAIL, true]])).sampled).toBe(1000)
  })
})

import { describe, expect, it } from 'vitest'
import type { CatalogSearchHit } from '../../../shared/model/catalog'
import {
  hitRank,
  markTokens,
  mergeSearchHits,
  searchQueries,
  searchTokens,
} from './lineage-search-match'

const TABLE = 'postgres://amper-pg/crm/dbo/Customer'
const TOPIC = 'kafka://events/crm.dbo.Customer'
const SV = 'mongodb://singleview/singleview/customers'

function field(assetUrn: string, title: string, path: string, source: string): CatalogSearchHit {
  return {
    urn: `${assetUrn}#${path}`,
    assetUrn,
    kind: assetUrn.startsWith('kafka')
      ? 'topic'
      : assetUrn.startsWith('mongodb')
        ? 'collection'
        : 'table',
    source,
    platform: assetUrn.startsWith('kafka')
      ? 'kafka'
      : assetUrn.startsWith('mongodb')
        ? 'mongodb'
        : 'postgres',
    title: `${title} › ${path}`,
    matched: 'field',
    fieldPath: path,
  }
}

const SQL_EMAIL = field(TABLE, 'crm.dbo.Customer', 'Email', 'amper-pg')
const TOPIC_EMAIL = field(TOPIC, 'crm.dbo.Customer', 'after.Email', 'events')
const SV_EMAIL = field(SV, 'singleview.customers', 'contact.email', 'singleview')
const SV_CONTACT = field(SV, 'singleview.customers', 'contact', 'singleview')
const ORDERS_EMAIL = field(
  'postgres://amper-pg/shop/public/orders',
  'shop.public.orders',
  'customer_email',
  'amper-pg',
)
const SV_ASSET: CatalogSearchHit = {
  urn: SV,
  assetUrn: SV,
  kind: 'collection',
  source: 'singleview',
  platform: 'mongodb',
  title: 'singleview.customers',
  matched: 'asset',
}
/** What the catalogue answers for the single word `email`: every field of that name. */
const EMAIL_HITS = [SQL_EMAIL, SV_EMAIL, TOPIC_EMAIL, ORDERS_EMAIL]

describe('lineage search matching', () => {
  it('splits typed paths and words alike', () => {
    expect(searchTokens('contact.email')).toEqual(['contact', 'email'])
    expect(searchTokens('crm Customer.Email')).toEqual(['crm', 'customer', 'email'])
    expect(searchTokens('  singleview customers   email ')).toEqual([
      'singleview',
      'customers',
      'email',
    ])
    expect(searchTokens('singleview.customers › contact.email')).toEqual([
      'singleview',
      'customers',
      'contact',
      'email',
    ])
    expect(searchTokens('"cust_email"')).toEqual(['cust_email'])
  })

  it('asks the text as typed, then the last word, then the longest ones', () => {
    expect(searchQueries('contact.email')).toEqual(['contact.email', 'email', 'contact'])
    expect(searchQueries('crm Customer.Email')).toEqual([
      'crm Customer.Email',
      'email',
      'customer',
      'crm',
    ])
    expect(searchQueries('singleview customers email')).toEqual([
      'singleview customers email',
      'email',
      'singleview',
      'customers',
    ])
    // One word is asked once; nothing typed asks nothing.
    expect(searchQueries('Customers')).toEqual(['Customers'])
    expect(searchQueries('   ')).toEqual([])
    // One-letter words are too wide to ask on their own.
    expect(searchQueries('a.email')).toEqual(['a.email', 'email'])
  })

  it('ranks by words in order, the last being the node’s own name', () => {
    expect(hitRank(SQL_EMAIL, ['crm', 'customer', 'email'])).toBe(0)
    expect(hitRank(TOPIC_EMAIL, ['crm', 'customer', 'email'])).toBe(0)
    expect(hitRank(SV_EMAIL, ['contact', 'email'])).toBe(0)
    expect(hitRank(SV_CONTACT, ['contact'])).toBe(0)
    expect(hitRank(SV_EMAIL, ['contact', 'em'])).toBe(1)
    expect(hitRank(SV_EMAIL, ['email', 'customers'])).toBe(2)
    expect(hitRank(SV_EMAIL, ['contact', 'phone'])).toBeUndefined()
    expect(hitRank(SQL_EMAIL, ['contact', 'email'])).toBeUndefined()
    expect(hitRank(ORDERS_EMAIL, ['email'])).toBe(2)
    expect(hitRank(ORDERS_EMAIL, ['customer'])).toBe(1)
    // The source name counts as a word of the node.
    expect(hitRank(SQL_EMAIL, ['amper', 'email'])).toBe(2)
  })

  it('finds contact.email from a dotted path, from words, and crm Customer.Email', () => {
    const answer = (text: string, byQuery: Record<string, CatalogSearchHit[]>) =>
      mergeSearchHits(
        text,
        searchQueries(text).map((query) => ({ query, hits: byQuery[query] ?? [] })),
      )
    // The catalogue finds nothing for the dotted path itself, only for its words.
    expect(
      answer('contact.email', { email: EMAIL_HITS, contact: [SV_CONTACT] }).map((h) => h.urn),
    ).toEqual([SV_EMAIL.urn])
    expect(
      answer('singleview customers email', {
        email: EMAIL_HITS,
        singleview: [],
        customers: [SV_ASSET],
      }).map((h) => h.urn),
    ).toEqual([SV_EMAIL.urn])
    // The column first (shortest), then the topic field that carries it.
    expect(
      answer('crm Customer.Email', { email: EMAIL_HITS, customer: [], crm: [] }).map((h) => h.urn),
    ).toEqual([SQL_EMAIL.urn, TOPIC_EMAIL.urn])
  })

  it('keeps what the typed text found in a description, after name matches, each URN once', () => {
    const described: CatalogSearchHit = {
      ...SV_ASSET,
      urn: 'mongodb://singleview/singleview/profiles',
      assetUrn: 'mongodb://singleview/singleview/profiles',
      title: 'singleview.profiles',
      matched: 'description',
      snippet: 'one «email» per person',
    }
    const hits = mergeSearchHits('email', [{ query: 'email', hits: [described, ...EMAIL_HITS] }])
    expect(hits.map((h) => h.urn)).toEqual([
      SQL_EMAIL.urn,
      TOPIC_EMAIL.urn,
      SV_EMAIL.urn,
      ORDERS_EMAIL.urn,
      described.urn,
    ])
    // A hit of a single word is dropped when a typed word is not in its name.
    expect(
      mergeSearchHits('profiles email', [
        { query: 'profiles email', hits: [] },
        { query: 'email', hits: EMAIL_HITS },
        { query: 'profiles', hits: [described] },
      ]),
    ).toEqual([])
    // Assets before fields on the same rank; the limit cuts the tail.
    expect(
      mergeSearchHits('customers', [{ query: 'customers', hits: [SV_CONTACT, SV_ASSET] }], 1),
    ).toEqual([SV_ASSET])
  })

  it('marks every occurrence of the words, case-insensitively', () => {
    expect(markTokens('crm.dbo.Customer › Email', ['customer', 'email'])).toEqual([
      { text: 'crm.dbo.', match: false },
      { text: 'Customer', match: true },
      { text: ' › ', match: false },
      { text: 'Email', match: true },
    ])
    expect(markTokens('abc', [])).toEqual([{ text: 'abc', match: false }])
  })
})

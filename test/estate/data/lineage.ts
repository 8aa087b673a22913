import { TABLES, cdcTopic } from './schema.js'
import { SOURCES, assetUrn, fieldUrn } from './urn.js'

/** A typed, parameterised transformation between two fields (DESIGN.md §4). */
export type Transform =
  | { type: 'identity' }
  | { type: 'trim' }
  | { type: 'lower-case' }
  | { type: 'upper-case' }
  | { type: 'collapse-whitespace' }
  | { type: 'e164'; region: 'GB' }
  | { type: 'prefix-pad'; prefix: string; width: number }
  | { type: 'sha256' }
  | { type: 'epoch-days-to-date'; format: 'YYYY-MM-DD' }
  | { type: 'aggregate'; fn: 'count' | 'sum' | 'max'; groupBy: string }
  | { type: 'latest'; orderBy: string; groupBy: string }
  | { type: 'postcode-format' }
  | { type: 'chain'; steps: Transform[] }

export interface LineageEdge {
  from: string
  to: string
  transform: Transform
  /** Which process carries the value: Debezium CDC, the single-view builder, the sink connector, an application. */
  via: 'cdc:crm-cdc' | 'cdc:orders-cdc' | 'builder:singleview' | 'sink:returns-sink' | 'application'
}

const identity: Transform = { type: 'identity' }
const trim: Transform = { type: 'trim' }
const chain = (...steps: Transform[]): Transform => ({ type: 'chain', steps })

export const tableUrn = (database: string, schema: string, table: string) =>
  assetUrn('postgres', SOURCES.postgres, [database, schema, table])
export const topicUrn = (topic: string) => assetUrn('kafka', SOURCES.kafka, [topic])
export const collectionUrn = (database: string, collection: string) =>
  assetUrn('mongodb', SOURCES.mongodb, [database, collection])

const SINGLEVIEW = collectionUrn('singleview', 'customers')
const sv = (path: string) => fieldUrn(SINGLEVIEW, path)

/** crm column -> single-view path and the builder's transformation. */
const BUILDER_MAP: readonly [string, string, string, Transform][] = [
  ['Customer', 'CustomerId', '_id', { type: 'prefix-pad', prefix: 'C', width: 8 }],
  ['Customer', 'Title', 'name.title', trim],
  ['Customer', 'FirstName', 'name.first', trim],
  ['Customer', 'LastName', 'name.last', trim],
  // Debezium's JSON converter writes a DATE as days since 1970-01-01 (io.debezium.time.Date).
  ['Customer', 'DateOfBirth', 'dateOfBirth', { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' }],
  ['Customer', 'Email', 'contact.email', chain(trim, { type: 'lower-case' })],
  ['Customer', 'MobilePhone', 'contact.mobile', { type: 'e164', region: 'GB' }],
  ['Customer', 'HomePhone', 'contact.home', { type: 'e164', region: 'GB' }],
  ['Address', 'AddressType', 'addresses[].type', identity],
  ['Address', 'Line1', 'addresses[].line1', identity],
  ['Address', 'Town', 'addresses[].town', identity],
  ['Address', 'Postcode', 'addresses[].postcode', { type: 'postcode-format' }],
  ['ContactPreference', 'Channel', 'preferences[].channel', identity],
  ['ContactPreference', 'OptIn', 'preferences[].optIn', identity],
  ['LoyaltyAccount', 'LoyaltyNumber', 'loyalty.number', identity],
  ['LoyaltyAccount', 'Tier', 'loyalty.tier', identity],
  [
    'orders',
    'order_id',
    'orders.count',
    { type: 'aggregate', fn: 'count', groupBy: 'customer_id' },
  ],
  [
    'orders',
    'total_gbp',
    'orders.lifetimeValueGbp',
    { type: 'aggregate', fn: 'sum', groupBy: 'customer_id' },
  ],
  [
    'orders',
    'placed_at',
    'orders.lastOrderAt',
    { type: 'aggregate', fn: 'max', groupBy: 'customer_id' },
  ],
  ['orders', 'customer_id', '_id', { type: 'prefix-pad', prefix: 'C', width: 8 }],
]

/** Every field-level lineage edge of the estate. */
export function lineageEdges(): LineageEdge[] {
  const edges: LineageEdge[] = []
  for (const t of TABLES) {
    const topic = cdcTopic(t)
    if (!topic) continue
    const from = tableUrn(t.database, t.schema, t.name)
    const to = topicUrn(topic)
    for (const col of t.columns) {
      edges.push({
        from: fieldUrn(from, col.name),
        to: fieldUrn(to, `after.${col.name}`),
        transform: identity,
        via: t.cdcPrefix === 'crm' ? 'cdc:crm-cdc' : 'cdc:orders-cdc',
      })
    }
  }
  for (const [table, column, path, transform] of BUILDER_MAP) {
    const t = TABLES.find((x) => x.name === table)!
    edges.push({
      from: fieldUrn(topicUrn(cdcTopic(t)!), `after.${column}`),
      to: sv(path),
      transform,
      via: 'builder:singleview',
    })
  }
  const fraud = topicUrn('fraud.scores')
  edges.push({
    from: fieldUrn(fraud, 'customerId'),
    to: sv('_id'),
    transform: { type: 'prefix-pad', prefix: 'C', width: 8 },
    via: 'builder:singleview',
  })
  edges.push({
    from: fieldUrn(fraud, 'score'),
    to: sv('fraud.score'),
    transform: { type: 'latest', orderBy: 'scoredAt', groupBy: 'customerId' },
    via: 'builder:singleview',
  })
  edges.push({
    from: fieldUrn(fraud, 'reasons'),
    to: sv('fraud.flags'),
    transform: { type: 'latest', orderBy: 'scoredAt', groupBy: 'customerId' },
    via: 'builder:singleview',
  })
  const returns = topicUrn('returns.requests')
  const opsReturns = collectionUrn('ops', 'returns')
  for (const f of ['orderId', 'customerEmail', 'reason', 'notes', 'requestedAt']) {
    edges.push({
      from: fieldUrn(returns, f),
      to: fieldUrn(opsReturns, f),
      transform: identity,
      via: 'sink:returns-sink',
    })
  }
  // Declared lineage of the web application: it hashes the customer's email for analytics.
  edges.push({
    from: fieldUrn(tableUrn('crm', 'dbo', 'Customer'), 'Email'),
    to: fieldUrn(topicUrn('web.clickstream.v1'), 'emailSha256'),
    transform: chain(trim, { type: 'lower-case' }, { type: 'sha256' }),
    via: 'application',
  })
  edges.push({
    from: fieldUrn(tableUrn('crm', 'dbo', 'Customer'), 'CustomerId'),
    to: fieldUrn(topicUrn('web.clickstream.v1'), 'customerId'),
    transform: identity,
    via: 'application',
  })
  return edges
}

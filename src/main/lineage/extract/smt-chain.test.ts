import { describe, expect, it } from 'vitest'
import { extractConnectLineage } from './extract-connect-lineage'
import {
  assetEdges,
  connector,
  edge,
  fieldEdges,
  snapshot,
  source,
  table,
  topic,
} from './test-support'

const PG = source('amper-pg', 'postgres', ['db:5432'])
const KAFKA = source('events', 'kafka')
const POSTGRES = 'io.debezium.connector.postgresql.PostgresConnector'
const base = {
  'connector.class': POSTGRES,
  'database.hostname': 'db',
  'database.dbname': 'shop',
  'topic.prefix': 'shop',
}
const customers = table('amper-pg', ['shop', 'public', 'customers'], ['id', 'email', 'first_name'])
const shards = [1, 2].map((n) =>
  table('amper-pg', ['shop', 'public', `customers_shard${n}`], ['id', 'email']),
)
const run = (config: Record<string, string>, extra = [customers]) =>
  extractConnectLineage(snapshot([PG, KAFKA], [...extra, connector('c', { ...base, ...config })]))

describe('topic routing SMTs', () => {
  it('RegexRouter renames topics with Java $n replacements (the docs’ dropPrefix shape)', () => {
    const batch = run({
      transforms: 'route',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': '([^.]+)\\.([^.]+)\\.([^.]+)',
      'transforms.route.replacement': '$1.$3',
    })
    expect(assetEdges(batch)).toEqual(['postgres:shop.public.customers -> kafka:shop.customers'])
    const e = edge(
      batch,
      'postgres:shop.public.customers#email',
      'kafka:shop.customers#after.email',
    )!
    expect(e.origin).toMatchObject({
      configKeys: expect.arrayContaining([
        'transforms.route.regex',
        'transforms.route.replacement',
      ]),
    })
  })

  it('ByLogicalTableRouter merges shards into one logical topic', () => {
    const batch = run(
      {
        transforms: 'Reroute',
        'transforms.Reroute.type': 'io.debezium.transforms.ByLogicalTableRouter',
        'transforms.Reroute.topic.regex': '(.*)customers_shard(.*)',
        'transforms.Reroute.topic.replacement': '$1customers_all_shards',
      },
      shards,
    )
    expect(assetEdges(batch)).toEqual([
      'postgres:shop.public.customers_shard1 -> kafka:shop.public.customers_all_shards',
      'postgres:shop.public.customers_shard2 -> kafka:shop.public.customers_all_shards',
    ])
    const e = edge(
      batch,
      'postgres:shop.public.customers_shard1#email',
      'kafka:shop.public.customers_all_shards#after.email',
    )!
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(/__dbz__physicalTableIdentifier/)
  })

  it('applies an SMT only where its TopicNameMatches predicate (or its negation) holds', () => {
    const config = {
      transforms: 'route',
      'transforms.route.type': 'org.apache.kafka.connect.transforms.RegexRouter',
      'transforms.route.regex': 'shop\\.public\\.(.*)',
      'transforms.route.replacement': 'legacy.$1',
      'transforms.route.predicate': 'isShard',
      predicates: 'isShard',
      'predicates.isShard.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
      'predicates.isShard.pattern': '.*shard1',
    }
    expect(assetEdges(run(config, [customers, shards[0]!]))).toEqual([
      'postgres:shop.public.customers -> kafka:shop.public.customers',
      'postgres:shop.public.customers_shard1 -> kafka:legacy.customers_shard1',
    ])
    expect(
      assetEdges(run({ ...config, 'transforms.route.negate': 'true' }, [customers, shards[0]!])),
    ).toEqual([
      'postgres:shop.public.customers -> kafka:legacy.customers',
      'postgres:shop.public.customers_shard1 -> kafka:shop.public.customers_shard1',
    ])
  })
})

describe('field SMTs', () => {
  it('unwrap (ExtractNewRecordState) turns after.X into X and keeps the key', () => {
    const batch = run({
      transforms: 'unwrap',
      'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.unwrap.add.fields': 'op,table,lsn',
      'transforms.unwrap.delete.handling.mode': 'rewrite',
    })
    expect(fieldEdges(batch)).toEqual([
      'postgres:shop.public.customers#email -> kafka:shop.public.customers#email',
      'postgres:shop.public.customers#first_name -> kafka:shop.public.customers#first_name',
      'postgres:shop.public.customers#id -> kafka:shop.public.customers#id',
      'postgres:shop.public.customers#id -> kafka:shop.public.customers#key.id',
    ])
    const e = edge(
      batch,
      'postgres:shop.public.customers#email',
      'kafka:shop.public.customers#email',
    )!
    expect(e.transform).toEqual({ type: 'identity' })
    expect(e.origin).toMatchObject({
      configKeys: expect.arrayContaining(['transforms.unwrap.type']),
    })
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(
      /__op, __table, __lsn.*__deleted/,
    )
  })

  it('an unwrap then ReplaceField chain renames and drops fields, in order', () => {
    const batch = run({
      transforms: 'unwrap,rename,drop',
      'transforms.unwrap.type': 'io.debezium.transforms.ExtractNewRecordState',
      'transforms.rename.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
      'transforms.rename.renames': 'first_name:firstName,email:emailAddress',
      'transforms.drop.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
      // Kafka < 2.6 names: blacklist/whitelist.
      'transforms.drop.blacklist': 'emailAddress',
    })
    expect(fieldEdges(batch)).toEqual([
      'postgres:shop.public.customers#first_name -> kafka:shop.public.customers#firstName',
      'postgres:shop.public.customers#id -> kafka:shop.public.customers#id',
      'postgres:shop.public.customers#id -> kafka:shop.public.customers#key.id',
    ])
    expect(
      edge(
        batch,
        'postgres:shop.public.customers#first_name',
        'kafka:shop.public.customers#firstName',
      )!.transform,
    ).toEqual({
      type: 'rename',
      from: 'first_name',
      to: 'firstName',
    })
  })

  it('ReplaceField$Key include and ReplaceField$Value include (without unwrap) act on their part', () => {
    const batch = run({
      transforms: 'k,v',
      'transforms.k.type': 'org.apache.kafka.connect.transforms.ReplaceField$Key',
      'transforms.k.renames': 'id:customerId',
      'transforms.v.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
      'transforms.v.include': 'after,op',
    })
    const edges = fieldEdges(batch)
    expect(edges).toContain(
      'postgres:shop.public.customers#id -> kafka:shop.public.customers#key.customerId',
    )
    expect(edges.filter((e) => e.includes('#before.'))).toEqual([])
    expect(edges).toContain(
      'postgres:shop.public.customers#email -> kafka:shop.public.customers#after.email',
    )
  })

  it('notes SMTs it does not interpret instead of failing', () => {
    const batch = run({ transforms: 'x', 'transforms.x.type': 'com.acme.CustomTransform' })
    const e = edge(
      batch,
      'postgres:shop.public.customers#email',
      'kafka:shop.public.customers#after.email',
    )!
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(
      /com\.acme\.CustomTransform.*not interpreted/,
    )
  })
})

describe('outbox EventRouter', () => {
  const outbox = table(
    'amper-pg',
    ['shop', 'public', 'outbox'],
    ['id', 'aggregatetype', 'aggregateid', 'type', 'payload'],
  )
  const topics = [
    topic('events', 'outbox.event.Order', ['orderId', 'total', 'key']),
    topic('events', 'outbox.event.Customer', ['customerId']),
    topic('events', 'unrelated', ['x']),
  ]

  it('routes by the aggregate type to the catalogued topics of that shape, dynamically', () => {
    const batch = run(
      {
        'table.include.list': 'public.outbox',
        transforms: 'outbox',
        'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
        'transforms.outbox.table.fields.additional.placement': 'type:envelope:eventType',
      },
      [outbox, ...topics],
    )
    expect(assetEdges(batch)).toEqual([
      'postgres:shop.public.outbox -> kafka:outbox.event.Customer',
      'postgres:shop.public.outbox -> kafka:outbox.event.Order',
    ])
    const edges = fieldEdges(batch)
    expect(edges).toContain(
      'postgres:shop.public.outbox#payload -> kafka:outbox.event.Order#orderId',
    )
    expect(edges).toContain('postgres:shop.public.outbox#payload -> kafka:outbox.event.Order#total')
    expect(edges).toContain(
      'postgres:shop.public.outbox#aggregateid -> kafka:outbox.event.Order#key',
    )
    expect(edges).toContain(
      'postgres:shop.public.outbox#payload -> kafka:outbox.event.Customer#customerId',
    )
    const e = edge(
      batch,
      'postgres:shop.public.outbox#payload',
      'kafka:outbox.event.Order#orderId',
    )!
    expect(e.origin).toMatchObject({ dynamic: true })
    expect(e.origin.kind === 'extracted' && e.origin.note).toMatch(/aggregatetype/)
  })
})

import { afterAll, describe, expect, it } from 'vitest'
import {
  PostgresLookup,
  PG_LOOKUP_CONNECTIONS,
} from '../../src/main/connectors/postgres/lookup-postgres'
import { estateEnv, serviceAvailable } from '../support/estate'
import { HOST, PORTS, source } from './connectors/estate-sources'
import { customers, keys, keysOf, orders, person, q } from './lookup-connectors-truth'

/**
 * A lookup's PostgreSQL steps whose input is ready run at once (issue 7, speed): one connector
 * opens up to PG_LOOKUP_CONNECTIONS connections per database, each step on an idle one, and the
 * answers are those of the same steps asked one after another; the connections (and the table
 * details read) stay for the next lookup, as the lookup service pools connectors. Checked by
 * what was opened and answered, never by time. Skipped only without the estate (CI throws).
 */
const env = estateEnv()
const up = await serviceAvailable('PostgreSQL', HOST, PORTS.postgres)
const pgSource = source('postgres', `postgres://${HOST}:${PORTS.postgres}/crm`, {
  name: 'amper-pg',
  username: env.SIGHTLINE_PG_READER_USER ?? 'sightline_reader',
  password: env.SIGHTLINE_PG_READER_PASSWORD ?? 'reader-pass',
})
/** Open connections per database, read from the connector (what it will reuse). */
const open = (l: PostgresLookup, db: string) =>
  (
    (l as unknown as { connections: Map<string, Array<{ dead: boolean }>> }).connections.get(db) ??
    []
  ).filter((c) => !c.dead).length

describe.skipIf(!up)('PostgreSQL lookup: concurrent steps on their own connections', () => {
  const lookup = new PostgresLookup(pgSource)
  afterAll(() => lookup.close())

  const steps = () => {
    const id = person!.crmCustomerIds[0]!
    return [
      q({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'CustomerId', values: [id] }),
      q({ assetPath: ['crm', 'dbo', 'Address'], fieldPath: 'CustomerId', values: [id] }),
      q({ assetPath: ['crm', 'dbo', 'LoyaltyAccount'], fieldPath: 'CustomerId', values: [id] }),
      q({ assetPath: ['crm', 'dbo', 'Customer'], fieldPath: 'Email', values: [person!.email] }),
      q({
        assetPath: ['orders', 'sales', 'orders'],
        fieldPath: 'customer_id',
        values: person!.crmCustomerIds,
      }),
    ]
  }

  it('answers steps asked at once as it answers them one by one, on up to 3 connections', async () => {
    const sequential = new PostgresLookup(pgSource)
    const one: unknown[] = []
    for (const s of steps()) one.push((await sequential.lookup(s)).hits)
    expect(open(sequential, 'crm')).toBe(1)
    await sequential.close()

    const all = await Promise.all(steps().map((s) => lookup.lookup(s)))
    expect(all.map((o) => o.hits)).toEqual(one)
    expect(keys(all[0]!.hits, 'CustomerId')).toEqual(keysOf(customers, person!.personId))
    expect(keys(all[4]!.hits, 'order_id')).toEqual(keysOf(orders, person!.personId))
    // Four crm steps at once: the bound, not one connection, not four.
    expect(open(lookup, 'crm')).toBe(PG_LOOKUP_CONNECTIONS)
    expect(open(lookup, 'orders')).toBe(1)
  })

  it('reuses its connections and table details for the next lookup', async () => {
    const again = await Promise.all(steps().map((s) => lookup.lookup(s)))
    expect(open(lookup, 'crm')).toBe(PG_LOOKUP_CONNECTIONS)
    // No catalogue read and the sessions already set up: the SELECT alone.
    expect(again.map((o) => o.statements)).toEqual([1, 1, 1, 1, 1])
  })
})

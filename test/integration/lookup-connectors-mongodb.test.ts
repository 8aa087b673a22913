import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnector } from '../../src/main/connectors'
import type { Connector } from '../../src/main/connectors/connector'
import { phoneForms } from '../../src/shared/lineage/transforms/phone'
import { serviceAvailable } from '../support/estate'
import { HOST, PORTS, refusedPort, silentServer, source } from './connectors/estate-sources'
import {
  INJECTIONS,
  interactions,
  keys,
  keysOf,
  person,
  q,
  singleview,
} from './lookup-connectors-truth'

/**
 * The MongoDB connector's `lookup` (issue 7 item 3) against the small estate's FerretDB: the
 * manifest's documents of a person by `_id`, email, customerId, phone and an array field;
 * injection attempts find nothing and documents as values are refused; a source that is down
 * fails fast with a translated error. (PostgreSQL: lookup-connectors.test.ts.)
 */
const mongoUp = await serviceAvailable('MongoDB (FerretDB)', HOST, PORTS.mongo)

describe.skipIf(!mongoUp)('MongoDB (FerretDB) lookup against the estate', () => {
  let connector: Connector
  beforeAll(() => {
    expect(person, 'a suitable person in the manifest').toBeDefined()
    connector = createConnector(
      source('mongodb', `mongodb://${HOST}:${PORTS.mongo}/`, { name: 'singleview' }),
    )
  })
  afterAll(async () => {
    await connector?.close()
  })

  it('reads the single view by `_id`, flattened to dotted paths with [] for arrays', async () => {
    const id = person!.singleviewIds[0]!
    const out = await connector.lookup!(
      q({ assetPath: ['singleview', 'customers'], fieldPath: '_id', values: [id] }),
      {},
    )
    expect(keys(out.hits, '_id')).toEqual(keysOf(singleview, person!.personId))
    const values = out.hits[0]!.values
    expect(values['contact.email']).toBe(person!.email)
    expect(Array.isArray(values['addresses[].postcode'])).toBe(true)
    const some = await connector.lookup!(
      q({
        assetPath: ['singleview', 'customers'],
        fieldPath: '_id',
        values: [id],
        fields: ['contact.email', 'contact'],
      }),
      {},
    )
    expect(Object.keys(some.hits[0]!.values).sort()).toEqual([
      '_id',
      'contact.email',
      'contact.home',
      'contact.mobile',
    ])
  })
  it('finds the single view by email, case-insensitively (a scan on FerretDB)', async () => {
    const out = await connector.lookup!(
      q({
        assetPath: ['singleview', 'customers'],
        fieldPath: 'contact.email',
        values: [` ${person!.email.toUpperCase()}`],
        match: 'case-insensitive',
      }),
      {},
    )
    expect(keys(out.hits, '_id')).toEqual(person!.singleviewIds)
  })
  it('finds call-centre interactions by customerId and by phone, digits only', async () => {
    const assetPath = ['callcentre', 'interactions']
    const byId = await connector.lookup!(
      q({ assetPath, fieldPath: 'customerId', values: person!.crmCustomerIds }),
      {},
    )
    expect(keys(byId.hits, '_id')).toEqual(keysOf(interactions, person!.personId))
    const byPhone = await connector.lookup!(
      q({
        assetPath,
        fieldPath: 'phoneNumber',
        values: phoneForms(person!.mobile!, 'GB'),
        match: 'digits-only',
      }),
      {},
    )
    for (const id of keys(byPhone.hits, '_id')) expect(interactions.get(id)).toBeDefined()
  })
  it('finds marketing segments through an array field, and caps', async () => {
    const out = await connector.lookup!(
      q({
        assetPath: ['marketing', 'segments'],
        fieldPath: 'customerIds[]',
        values: person!.singleviewIds,
        rowCap: 1,
      }),
      {},
    )
    expect(out.hits.length).toBeLessThanOrEqual(1)
    for (const h of out.hits) expect(h.values['customerIds[]']).toContain(person!.singleviewIds[0])
  })
  it('finds nothing for injection attempts, and refuses values that are not strings or numbers', async () => {
    for (const fieldPath of ['_id', 'contact.email'])
      for (const match of ['equals', 'case-insensitive', 'trimmed'] as const) {
        const out = await connector.lookup!(
          q({ assetPath: ['singleview', 'customers'], fieldPath, values: INJECTIONS, match }),
          {},
        )
        expect(out.hits, `${fieldPath} ${match}`).toEqual([])
      }
    for (const bad of [{ $ne: null }, { $regex: '.*' }, [1], null])
      await expect(
        connector.lookup!(
          q({
            assetPath: ['singleview', 'customers'],
            fieldPath: '_id',
            values: [bad as unknown as string],
          }),
          {},
        ),
      ).rejects.toMatchObject({ code: 'bad-input' })
    await expect(
      connector.lookup!(
        q({ assetPath: ['singleview', 'customers'], fieldPath: '$where', values: ['x'] }),
        {},
      ),
    ).rejects.toMatchObject({ code: 'bad-input' })
  })
  it('a refused port fails with a translated error, not a hang', async () => {
    const refused = createConnector(
      source('mongodb', `mongodb://${HOST}:${await refusedPort()}/`, { name: 'gone' }),
    )
    await expect(
      refused.lookup!(
        q({ assetPath: ['singleview', 'customers'], fieldPath: '_id', values: ['C00000001'] }),
        {},
      ),
    ).rejects.toMatchObject({ code: 'unreachable' })
    await refused.close()
    const silent = await silentServer()
    const hung = createConnector(
      source('mongodb', `mongodb://${HOST}:${silent.port}/`, { name: 'silent' }),
    )
    const step = q({ assetPath: ['singleview', 'customers'], fieldPath: '_id', values: ['C1'] })
    const err = await hung.lookup!({ ...step, timeoutMs: 500 }, {}).catch((e: unknown) => e)
    expect(['timeout', 'unreachable']).toContain((err as { code?: string }).code)
    const aborter = new AbortController()
    const pending = hung.lookup!({ ...step, timeoutMs: 120_000 }, { signal: aborter.signal })
    aborter.abort()
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
    await hung.close()
    await silent.close()
  })
})

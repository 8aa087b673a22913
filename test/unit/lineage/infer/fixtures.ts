import { randomBytes } from 'node:crypto'
import type { CatalogAsset, CatalogField } from '../../../../src/shared/model/catalog'
import type { SourceKind } from '../../../../src/shared/model/sources'
import type { LineageEdge } from '../../../../src/shared/model/lineage'
import { sketchSource } from '../../../../src/main/lineage/infer/sketch-fields'
import type { FieldSketch } from '../../../../src/main/store/sketch-repository'

/** A small estate in memory: a CRM table, its CDC topic, a single view and an unrelated table. */
export const KEY = randomBytes(32)

type FieldSpec = Omit<Partial<CatalogField>, 'values'> & { path: string; sample: unknown[] }

export interface Built {
  assets: Map<string, CatalogAsset>
  sketches: FieldSketch[]
  samples: Map<string, unknown[]>
}

export function build(
  specs: Array<{ urn: string; source: string; platform: SourceKind; fields: FieldSpec[] }>,
): Built {
  const assets = new Map<string, CatalogAsset>()
  const sketches: FieldSketch[] = []
  const all = new Map<string, unknown[]>()
  for (const spec of specs) {
    const samples = new Map<string, unknown[]>()
    const asset: CatalogAsset = {
      urn: spec.urn,
      source: spec.source,
      platform: spec.platform,
      kind:
        spec.platform === 'kafka' ? 'topic' : spec.platform === 'mongodb' ? 'collection' : 'table',
      name: spec.urn.split('/').pop()!,
      path: spec.urn.split('/').slice(3),
      fields: spec.fields.map(({ sample, ...f }) => {
        const urn = `${spec.urn}#${f.path}`
        samples.set(urn, sample)
        all.set(urn, sample)
        return { urn, name: f.path.split('.').pop()!.replace('[]', ''), ...f }
      }),
    }
    assets.set(asset.urn, asset)
    sketches.push(...sketchSource({ source: spec.source, assets: [asset], samples, key: KEY }))
  }
  return { assets, sketches, samples: all }
}

const n = 400
export const ids = Array.from({ length: n }, (_, i) => i + 1)
export const emails = ids.map((i) => `person.${i}@example.co.uk`)
export const messy = emails.map((e, i) => (i % 3 === 0 ? ` ${e.toUpperCase()}` : e))
export const mobiles = ids.map((i) => `07700 9${String(i).padStart(5, '0')}`)
export const e164 = ids.map((i) => `+4477009${String(i).padStart(5, '0')}`)
export const pad = (i: number) => `C${String(i).padStart(8, '0')}`

export const CUSTOMER = 'postgres://crm/crm/dbo/Customer'
export const ADDRESS = 'postgres://crm/crm/dbo/Address'
export const TOPIC = 'kafka://events/crm.dbo.Customer'
export const VIEW = 'mongodb://sv/singleview/customers'
export const ORDERS = 'postgres://shop/orders/sales/orders'

export function estate(): Built {
  return build([
    {
      urn: CUSTOMER,
      source: 'crm',
      platform: 'postgres',
      fields: [
        { path: 'CustomerId', declaredType: 'integer', primaryKey: true, sample: ids },
        { path: 'Email', declaredType: 'varchar(320)', sample: messy },
        { path: 'MobilePhone', declaredType: 'varchar(40)', sample: mobiles },
      ],
    },
    {
      urn: ADDRESS,
      source: 'crm',
      platform: 'postgres',
      fields: [
        { path: 'AddressId', declaredType: 'integer', primaryKey: true, sample: ids },
        {
          path: 'CustomerId',
          declaredType: 'integer',
          references: `${CUSTOMER}#CustomerId`,
          sample: ids,
        },
      ],
    },
    {
      urn: TOPIC,
      source: 'events',
      platform: 'kafka',
      fields: [
        { path: 'after.CustomerId', declaredType: 'int32', sample: ids },
        { path: 'after.Email', declaredType: 'string', sample: messy },
      ],
    },
    {
      urn: VIEW,
      source: 'sv',
      platform: 'mongodb',
      fields: [
        { path: '_id', primaryKey: true, sample: ids.map(pad) },
        { path: 'contact.email', sample: emails },
        { path: 'contact.mobile', sample: e164 },
      ],
    },
    {
      urn: ORDERS,
      source: 'shop',
      platform: 'postgres',
      fields: [{ path: 'order_id', declaredType: 'integer', primaryKey: true, sample: ids }],
    },
  ])
}

/** The CDC edges extraction would give: Customer column -> topic `after.X`. */
export function cdcEdges(): LineageEdge[] {
  return ['CustomerId', 'Email'].map((c) => ({
    id: `cdc-${c}`,
    level: 'field',
    from: `${CUSTOMER}#${c}`,
    to: `${TOPIC}#after.${c}`,
    transform: { type: 'identity' },
    via: { kind: 'connector', name: 'crm-cdc' },
    origin: {
      kind: 'extracted',
      connectorUrn: 'kafka-connect://connect/crm-cdc',
      connector: 'crm-cdc',
      connectorClass: 'io.debezium.connector.postgresql.PostgresConnector',
      configKeys: ['topic.prefix'],
    },
  }))
}

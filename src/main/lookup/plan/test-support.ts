import type { CatalogAsset, CatalogField } from '../../../shared/model/catalog'
import type { LineageEdge, TransformSpec } from '../../../shared/model/lineage'
import type { CategoryId } from '../../../shared/model/personal-data'
import type { LineageSnapshot } from '../../lineage/lineage-inputs'
import { recogniseIdentifier } from '../identifiers/recognise'
import type { PlanInput } from '../lookup-inputs'

/**
 * A synthetic catalogue for the planner's unit tests: a crm database (Customer, Address with a
 * foreign key), its Debezium topic, a click stream holding a hash of the email, and a FerretDB
 * single view plus a fraud collection that only a category pivot reaches.
 */

export const CUSTOMER = 'postgres://crm-pg/crm/dbo/Customer'
export const ADDRESS = 'postgres://crm-pg/crm/dbo/Address'
export const TOPIC = 'kafka://events/crm.dbo.Customer'
export const CLICKS = 'kafka://events/web.clicks'
export const SINGLEVIEW = 'mongodb://sv/singleview/customers'
export const FRAUD = 'mongodb://sv/fraud/cases'

type FieldSpec = Partial<CatalogField> & { path: string }

function asset(
  urn: string,
  platform: CatalogAsset['platform'],
  kind: CatalogAsset['kind'],
  fields: FieldSpec[],
  extra: Partial<CatalogAsset> = {},
): CatalogAsset {
  const [, rest] = urn.split('://') as [string, string]
  const [source, ...path] = rest.split('/')
  return {
    urn,
    source: source!,
    platform,
    kind,
    name: path.at(-1)!,
    path,
    fields: fields.map((f) => ({ name: f.path.split('.').at(-1)!, urn: `${urn}#${f.path}`, ...f })),
    ...extra,
  }
}

export function syntheticAssets(opts: { ferretdb?: boolean } = {}): CatalogAsset[] {
  const ferret = opts.ferretdb === false ? {} : { notes: ['Server: FerretDB 1.24 (SQLite).'] }
  return [
    asset(
      CUSTOMER,
      'postgres',
      'table',
      [
        { path: 'CustomerId', primaryKey: true, declaredType: 'integer' },
        { path: 'Email', declaredType: 'varchar' },
        { path: 'MobilePhone', declaredType: 'varchar' },
      ],
      {
        primaryKey: { name: 'Customer_pkey', columns: ['CustomerId'] },
        indexes: [{ name: 'Customer_pkey', columns: ['CustomerId'], unique: true, primary: true }],
        counts: { rows: 2000 },
      },
    ),
    asset(
      ADDRESS,
      'postgres',
      'table',
      [
        { path: 'AddressId', primaryKey: true },
        { path: 'CustomerId', references: `${CUSTOMER}#CustomerId` },
        { path: 'Postcode' },
      ],
      {
        primaryKey: { name: 'Address_pkey', columns: ['AddressId'] },
        foreignKeys: [
          {
            name: 'Address_CustomerId_fkey',
            columns: ['CustomerId'],
            references: CUSTOMER,
            referencedColumns: ['CustomerId'],
          },
        ],
        indexes: [
          { name: 'Address_pkey', columns: ['AddressId'], unique: true, primary: true },
          {
            name: 'Address_CustomerId_idx',
            columns: ['CustomerId'],
            unique: false,
            primary: false,
          },
        ],
      },
    ),
    asset(
      TOPIC,
      'kafka',
      'topic',
      [
        { path: 'key.CustomerId', primaryKey: true, declaredType: 'int32', nullable: false },
        { path: 'after.CustomerId', declaredType: 'int32' },
        { path: 'after.Email', declaredType: 'string' },
        { path: 'before.Email', declaredType: 'string' },
      ],
      { counts: { messages: 2000, partitions: 6 }, properties: { keyEncoding: 'debezium-json' } },
    ),
    asset(CLICKS, 'kafka', 'topic', [{ path: 'key', primaryKey: true }, { path: 'emailSha256' }], {
      counts: { messages: 9000, partitions: 6 },
      properties: { keyEncoding: 'string' },
    }),
    asset(
      SINGLEVIEW,
      'mongodb',
      'collection',
      [{ path: '_id', primaryKey: true }, { path: 'contact.email' }, { path: 'contact.mobile' }],
      {
        primaryKey: { name: '_id_', columns: ['_id'] },
        indexes: [
          { name: '_id_', columns: ['_id'], unique: true, primary: true },
          { name: 'email_1', columns: ['contact.email'], unique: false, primary: false },
        ],
        counts: { documents: 2000 },
        ...ferret,
      },
    ),
    asset(
      FRAUD,
      'mongodb',
      'collection',
      [{ path: '_id', primaryKey: true }, { path: 'customerRef' }, { path: 'notes' }],
      { primaryKey: { name: '_id_', columns: ['_id'] }, counts: { documents: 31 }, ...ferret },
    ),
  ]
}

export const CATEGORIES: ReadonlyMap<string, CategoryId> = new Map<string, CategoryId>([
  [`${CUSTOMER}#CustomerId`, 'identifier.customer'],
  [`${CUSTOMER}#Email`, 'contact.email'],
  [`${CUSTOMER}#MobilePhone`, 'contact.phone'],
  [`${ADDRESS}#CustomerId`, 'identifier.customer'],
  [`${ADDRESS}#Postcode`, 'contact.postcode'],
  [`${TOPIC}#key.CustomerId`, 'identifier.customer'],
  [`${TOPIC}#after.CustomerId`, 'identifier.customer'],
  [`${TOPIC}#after.Email`, 'contact.email'],
  [`${TOPIC}#before.Email`, 'contact.email'],
  [`${CLICKS}#emailSha256`, 'pseudonymous.hash'],
  [`${SINGLEVIEW}#_id`, 'identifier.customer'],
  [`${SINGLEVIEW}#contact.email`, 'contact.email'],
  [`${SINGLEVIEW}#contact.mobile`, 'contact.phone'],
  [`${FRAUD}#customerRef`, 'identifier.customer'],
  [`${FRAUD}#notes`, 'free_text.contains_personal'],
])

function edge(from: string, to: string, transform?: TransformSpec): LineageEdge {
  return {
    id: `${from}->${to}`,
    level: 'field',
    from,
    to,
    ...(transform ? { transform } : {}),
    via: { kind: 'process', name: 'test' },
    origin: { kind: 'declared', file: 'catalog/lineage/test.yaml', line: 1, process: 'test' },
  }
}

export const EDGES: LineageEdge[] = [
  edge(`${CUSTOMER}#CustomerId`, `${TOPIC}#key.CustomerId`, { type: 'identity' }),
  edge(`${CUSTOMER}#CustomerId`, `${TOPIC}#after.CustomerId`, { type: 'identity' }),
  edge(`${CUSTOMER}#Email`, `${TOPIC}#after.Email`, { type: 'identity' }),
  edge(`${CUSTOMER}#Email`, `${TOPIC}#before.Email`, { type: 'identity' }),
  edge(`${TOPIC}#after.CustomerId`, `${SINGLEVIEW}#_id`, {
    type: 'prefix-pad',
    prefix: 'C',
    width: 8,
  }),
  edge(`${TOPIC}#after.Email`, `${SINGLEVIEW}#contact.email`, {
    type: 'chain',
    steps: [{ type: 'trim' }, { type: 'lower-case' }],
  }),
  edge(`${CUSTOMER}#MobilePhone`, `${SINGLEVIEW}#contact.mobile`, { type: 'e164', region: 'GB' }),
  edge(`${CUSTOMER}#Email`, `${CLICKS}#emailSha256`, {
    type: 'chain',
    steps: [{ type: 'trim' }, { type: 'lower-case' }, { type: 'sha256' }],
  }),
]

export function snapshotOf(assets: readonly CatalogAsset[]): LineageSnapshot {
  return { assets: new Map(assets.map((a) => [a.urn, a])), sources: [] }
}

/** A plan input for `typed`, over the synthetic catalogue unless told otherwise. */
export function planInput(typed: string, extra: Partial<PlanInput> = {}): PlanInput {
  return {
    identifier: recogniseIdentifier(typed).best,
    snapshot: snapshotOf(syntheticAssets()),
    edges: EDGES,
    categories: CATEGORIES,
    depth: 2,
    scans: 'warn',
    ...extra,
  }
}

import { buildUrn } from '../../../src/shared/urn'
import type { CatalogAsset, CatalogField } from '../../../src/shared/model/catalog'

/** Small hand-made catalogues of a PostgreSQL-like source for the store's tests. */

export const SOURCE = 'crm-pg'

export function urnOf(path: string[], field?: string): string {
  return buildUrn('postgres', SOURCE, path, field)
}

export function column(
  table: string[],
  name: string,
  declaredType = 'integer',
  extra: Partial<CatalogField> = {},
): CatalogField {
  return { urn: urnOf(table, name), path: name, name, declaredType, nullable: true, ...extra }
}

export function container(path: string[], kind: 'database' | 'schema'): CatalogAsset {
  const asset: CatalogAsset = {
    urn: urnOf(path),
    source: SOURCE,
    platform: 'postgres',
    kind,
    name: path[path.length - 1]!,
    path,
    fields: [],
  }
  if (path.length > 1) asset.parent = urnOf(path.slice(0, -1))
  return asset
}

export function table(
  path: string[],
  fields: CatalogField[],
  extra: Partial<CatalogAsset> = {},
): CatalogAsset {
  return {
    urn: urnOf(path),
    source: SOURCE,
    platform: 'postgres',
    kind: 'table',
    parent: urnOf(path.slice(0, -1)),
    name: path[path.length - 1]!,
    path,
    fields,
    ...extra,
  }
}

/** Two databases, `crm` and `crm2` (a prefix trap for carry-forward), a few tables. */
export function estate(rows = 10): CatalogAsset[] {
  const customer = ['crm', 'dbo', 'Customer']
  const tblCust = ['crm', 'dbo', 'tblCust']
  const orders = ['crm2', 'public', 'orders']
  return [
    container(['crm'], 'database'),
    container(['crm', 'dbo'], 'schema'),
    table(
      customer,
      [
        column(customer, 'Id', 'integer', { nullable: false, primaryKey: true }),
        column(customer, 'CustomerEmail', 'varchar(200)'),
        column(customer, 'EmailAddress', 'varchar(200)'),
        column(customer, 'Name', 'varchar(100)', { description: 'Full name of the customer' }),
      ],
      {
        counts: { rows },
        primaryKey: { name: 'pk_customer', columns: ['Id'] },
        description: 'People who buy things',
        tags: ['gold', 'pii'],
      },
    ),
    table(tblCust, [column(tblCust, 'cust_email', 'text'), column(tblCust, 'x', 'text')], {
      counts: { rows: rows * 2 },
    }),
    container(['crm2'], 'database'),
    container(['crm2', 'public'], 'schema'),
    table(
      orders,
      [
        column(orders, 'id', 'bigint', { nullable: false }),
        {
          urn: urnOf(orders, 'contact.email'),
          path: 'contact.email',
          name: 'email',
          types: [{ type: 'string', count: rows }],
          presence: { seen: rows, of: rows },
          values: { sampled: rows, nulls: 0, distinct: rows, examples: ['j•••@e•••.com'] },
        },
      ],
      { counts: { rows: rows * 3 } },
    ),
  ]
}

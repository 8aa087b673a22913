/**
 * The estate's relational tables, collections and topics with every field's personal-data
 * category: the one description the DDL, the COPY files and the manifest are all built from.
 */

export type Category =
  | 'person.name'
  | 'contact.email'
  | 'contact.phone'
  | 'contact.postal_address'
  | 'contact.postcode'
  | 'identity.date_of_birth'
  | 'identity.national_id'
  | 'financial.card_number'
  | 'financial.card_last4'
  | 'financial.card_token'
  | 'financial.card_expiry'
  | 'financial.bank_account'
  | 'online.ip_address'
  | 'online.device_id'
  | 'pseudonymous.hash'
  | 'identifier.customer'
  | 'identifier.loyalty'
  | 'free_text.contains_personal'
  | 'special.health'

export interface Column {
  name: string
  /** PostgreSQL type as created. */
  type: string
  category?: Category
  /** Extra categories a field can hold besides its main one (free text with health notes). */
  alsoContains?: Category[]
  nullable?: boolean
}

export interface TableDef {
  database: string
  schema: string
  name: string
  primaryKey: string
  columns: Column[]
  /** Other tables' keys this one references (for FK constraints within one database). */
  foreignKeys?: { column: string; table: string; references: string }[]
  /** CDC topic prefix when Debezium captures the table. */
  cdcPrefix?: string
}

const c = (name: string, type: string, category?: Category, nullable = true): Column =>
  category ? { name, type, category, nullable } : { name, type, nullable }

export const TABLES: readonly TableDef[] = [
  {
    database: 'crm',
    schema: 'dbo',
    name: 'Customer',
    primaryKey: 'CustomerId',
    cdcPrefix: 'crm',
    columns: [
      c('CustomerId', 'integer', 'identifier.customer', false),
      c('Title', 'varchar(20)', 'person.name'),
      c('FirstName', 'varchar(100)', 'person.name'),
      c('LastName', 'varchar(100)', 'person.name'),
      c('DateOfBirth', 'date', 'identity.date_of_birth'),
      c('Email', 'varchar(320)', 'contact.email'),
      c('MobilePhone', 'varchar(40)', 'contact.phone'),
      c('HomePhone', 'varchar(40)', 'contact.phone'),
      c('CreatedAt', 'timestamptz', undefined, false),
      c('UpdatedAt', 'timestamptz', undefined, false),
    ],
  },
  {
    database: 'crm',
    schema: 'dbo',
    name: 'Address',
    primaryKey: 'AddressId',
    cdcPrefix: 'crm',
    foreignKeys: [{ column: 'CustomerId', table: 'Customer', references: 'CustomerId' }],
    columns: [
      c('AddressId', 'integer', undefined, false),
      c('CustomerId', 'integer', 'identifier.customer', false),
      c('AddressType', 'varchar(20)', undefined, false),
      c('Line1', 'varchar(200)', 'contact.postal_address'),
      c('Line2', 'varchar(200)', 'contact.postal_address'),
      c('Town', 'varchar(100)', 'contact.postal_address'),
      c('County', 'varchar(100)', 'contact.postal_address'),
      c('Postcode', 'varchar(12)', 'contact.postcode'),
      c('CountryCode', 'varchar(3)'),
    ],
  },
  {
    database: 'crm',
    schema: 'dbo',
    name: 'ContactPreference',
    primaryKey: 'ContactPreferenceId',
    cdcPrefix: 'crm',
    foreignKeys: [{ column: 'CustomerId', table: 'Customer', references: 'CustomerId' }],
    columns: [
      c('ContactPreferenceId', 'integer', undefined, false),
      c('CustomerId', 'integer', 'identifier.customer', false),
      c('Channel', 'varchar(10)', undefined, false),
      c('OptIn', 'boolean', undefined, false),
      c('ConsentSource', 'varchar(40)'),
      c('ConsentAt', 'timestamptz'),
    ],
  },
  {
    database: 'crm',
    schema: 'dbo',
    name: 'LoyaltyAccount',
    primaryKey: 'LoyaltyAccountId',
    cdcPrefix: 'crm',
    foreignKeys: [{ column: 'CustomerId', table: 'Customer', references: 'CustomerId' }],
    columns: [
      c('LoyaltyAccountId', 'integer', undefined, false),
      c('CustomerId', 'integer UNIQUE', 'identifier.customer', false),
      c('LoyaltyNumber', 'varchar(20)', 'identifier.loyalty', false),
      c('Tier', 'varchar(10)', undefined, false),
      c('PointsBalance', 'integer', undefined, false),
      c('JoinedAt', 'timestamptz', undefined, false),
    ],
  },
  {
    database: 'orders',
    schema: 'sales',
    name: 'orders',
    primaryKey: 'order_id',
    cdcPrefix: 'orders',
    columns: [
      c('order_id', 'integer', undefined, false),
      c('customer_id', 'integer', 'identifier.customer', false),
      c('placed_at', 'timestamptz', undefined, false),
      c('channel', 'varchar(10)', undefined, false),
      c('total_gbp', 'numeric(10,2)', undefined, false),
      c('billing_postcode', 'varchar(12)', 'contact.postcode'),
      c('ip_address', 'varchar(45)', 'online.ip_address'),
      c('device_id', 'varchar(40)', 'online.device_id'),
    ],
  },
  {
    database: 'orders',
    schema: 'sales',
    name: 'order_lines',
    primaryKey: 'order_line_id',
    cdcPrefix: 'orders',
    foreignKeys: [{ column: 'order_id', table: 'orders', references: 'order_id' }],
    columns: [
      c('order_line_id', 'integer', undefined, false),
      c('order_id', 'integer', undefined, false),
      c('sku', 'varchar(20)', undefined, false),
      c('description', 'varchar(200)', undefined, false),
      c('quantity', 'integer', undefined, false),
      c('unit_price_gbp', 'numeric(10,2)', undefined, false),
    ],
  },
  {
    database: 'orders',
    schema: 'sales',
    name: 'deliveries',
    primaryKey: 'delivery_id',
    cdcPrefix: 'orders',
    foreignKeys: [{ column: 'order_id', table: 'orders', references: 'order_id' }],
    columns: [
      c('delivery_id', 'integer', undefined, false),
      c('order_id', 'integer', undefined, false),
      c('contact_phone', 'varchar(40)', 'contact.phone'),
      c('delivered_at', 'timestamptz'),
      c('driver_notes', 'text', 'free_text.contains_personal'),
    ],
  },
  {
    database: 'orders',
    schema: 'sales',
    name: 'payments',
    primaryKey: 'payment_id',
    cdcPrefix: 'orders',
    foreignKeys: [{ column: 'order_id', table: 'orders', references: 'order_id' }],
    columns: [
      c('payment_id', 'integer', undefined, false),
      c('order_id', 'integer', undefined, false),
      c('card_token', 'varchar(40)', 'financial.card_token'),
      c('card_last4', 'char(4)', 'financial.card_last4'),
      c('card_expiry', 'varchar(5)', 'financial.card_expiry'),
      c('sort_code', 'varchar(8)', 'financial.bank_account'),
      c('account_number', 'varchar(8)', 'financial.bank_account'),
      c('amount_gbp', 'numeric(10,2)', undefined, false),
    ],
  },
  {
    database: 'orders',
    schema: 'sales',
    name: 'legacy_card_payments',
    primaryKey: 'id',
    cdcPrefix: 'orders',
    foreignKeys: [{ column: 'order_id', table: 'orders', references: 'order_id' }],
    columns: [
      c('id', 'integer', undefined, false),
      c('order_id', 'integer', undefined, false),
      c('card_number', 'varchar(19)', 'financial.card_number', false),
      c('card_holder', 'varchar(100)', 'person.name'),
      c('expiry', 'varchar(5)', 'financial.card_expiry'),
    ],
  },
  {
    database: 'legacy',
    schema: 'dbo',
    name: 'tblCust',
    primaryKey: 'CUST_ID',
    columns: [
      c('CUST_ID', 'integer', 'identifier.customer', false),
      c('CUST_NM', 'varchar(120)', 'person.name'),
      c('EML_ADDR', 'varchar(320)', 'contact.email'),
      c('TEL_NO', 'varchar(40)', 'contact.phone'),
      c('ADDR_LN1', 'varchar(200)', 'contact.postal_address'),
      c('TWN_NM', 'varchar(100)', 'contact.postal_address'),
      c('PCODE', 'varchar(12)', 'contact.postcode'),
      c('DOB_DT', 'varchar(10)', 'identity.date_of_birth'),
      c('NI_NO', 'varchar(9)', 'identity.national_id'),
      c('STS_CD', 'char(1)'),
      c('CRT_DT', 'timestamp'),
    ],
  },
]

export function tableKey(t: Pick<TableDef, 'database' | 'schema' | 'name'>): string {
  return `${t.database}.${t.schema}.${t.name}`
}

export function cdcTopic(t: TableDef): string | null {
  return t.cdcPrefix ? `${t.cdcPrefix}.${t.schema}.${t.name}` : null
}

export const SINGLEVIEW_FIELDS: readonly { path: string; category?: Category }[] = [
  { path: '_id', category: 'identifier.customer' },
  { path: 'name.title', category: 'person.name' },
  { path: 'name.first', category: 'person.name' },
  { path: 'name.last', category: 'person.name' },
  { path: 'dateOfBirth', category: 'identity.date_of_birth' },
  { path: 'contact.email', category: 'contact.email' },
  { path: 'contact.mobile', category: 'contact.phone' },
  { path: 'contact.home', category: 'contact.phone' },
  { path: 'addresses[].type' },
  { path: 'addresses[].line1', category: 'contact.postal_address' },
  { path: 'addresses[].town', category: 'contact.postal_address' },
  { path: 'addresses[].postcode', category: 'contact.postcode' },
  { path: 'preferences[].channel' },
  { path: 'preferences[].optIn' },
  { path: 'loyalty.number', category: 'identifier.loyalty' },
  { path: 'loyalty.tier' },
  { path: 'orders.count' },
  { path: 'orders.lifetimeValueGbp' },
  { path: 'orders.lastOrderAt' },
  { path: 'fraud.score' },
  { path: 'fraud.flags' },
]

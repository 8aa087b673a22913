import type { SourceTable } from './single-view'

/** The topics the builder consumes, and which source table each one carries. */
export const CDC_TOPICS: Record<string, SourceTable> = {
  'crm.dbo.Customer': 'Customer',
  'crm.dbo.Address': 'Address',
  'crm.dbo.ContactPreference': 'ContactPreference',
  'crm.dbo.LoyaltyAccount': 'LoyaltyAccount',
  'orders.sales.orders': 'orders',
}
export const FRAUD_TOPIC = 'fraud.scores'
export const BUILDER_TOPICS = [...Object.keys(CDC_TOPICS), FRAUD_TOPIC]
export const BUILDER_GROUP_ID = 'sightline-estate-builder'

import type { GeneratedRecord } from './app-topics'

/**
 * Bench-scale filler topics: catalogue-only application topics, so that a `bench` estate holds
 * the 200 topics ESTATE.md asks for (counting the real application and CDC topics, not Kafka's
 * or Connect's internal ones). Small JSON records of operational data with no personal data;
 * names and records are a pure function of the topic's index, so re-runs produce the same
 * thing and streams/main.ts can leave a complete topic alone. Not in the generator's manifest.
 * Created and filled only when SIGHTLINE_ESTATE_SCALE=bench.
 */

/** Topics a bench estate holds in all: real application + CDC topics + filler. */
export const BENCH_TOPIC_TARGET = 200
/** Records per filler topic (spread over its 6 partitions by key). */
export const FILLER_RECORDS_PER_TOPIC = 24

const DOMAINS = [
  'inventory',
  'pricing',
  'logistics',
  'warehouse',
  'catalogue',
  'search',
  'payments',
  'support',
  'marketing',
  'mobile',
  'stores',
  'finance',
  'hr',
  'it',
  'supplier',
  'promotions',
] as const
const ENTITIES = [
  'stock-levels',
  'price-changes',
  'shipments',
  'pick-lists',
  'product-updates',
  'queries',
  'settlements',
  'tickets',
  'campaign-events',
  'app-events',
  'footfall',
  'ledger-postings',
  'rota-changes',
  'alerts',
  'purchase-orders',
  'vouchers',
] as const
const STORES = ['MAN01', 'LDS02', 'BHM03', 'GLA04', 'BRS05', 'CDF06', 'NCL07', 'LON08'] as const

/** A tiny deterministic hash (FNV-1a), enough to vary filler values without Math.random. */
function fnv(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** `<domain>.<entity>.v<n>`, e.g. `inventory.stock-levels.v1`; distinct for every index. */
export function fillerTopicName(index: number): string {
  const domain = DOMAINS[index % DOMAINS.length]!
  const entity = ENTITIES[Math.floor(index / DOMAINS.length) % ENTITIES.length]!
  const version = Math.floor(index / (DOMAINS.length * ENTITIES.length)) + 1
  return `${domain}.${entity}.v${version}`
}

/** The filler topic names, given how many real (application + CDC) topics the estate has. */
export function fillerTopicNames(realTopics: number): string[] {
  return Array.from({ length: Math.max(0, BENCH_TOPIC_TARGET - realTopics) }, (_, i) =>
    fillerTopicName(i),
  )
}

export function fillerRecords(topic: string): GeneratedRecord[] {
  return Array.from({ length: FILLER_RECORDS_PER_TOPIC }, (_, i) => {
    const h = fnv(`${topic}#${i}`)
    const at = new Date(Date.UTC(2026, 0, 1) + (h % (300 * 86_400)) * 1000).toISOString()
    return {
      key: `${topic.split('.')[0]}-${String(i).padStart(5, '0')}`,
      value: {
        eventId: `${(h >>> 0).toString(16).padStart(8, '0')}-${i}`,
        type: topic.split('.')[1],
        store: STORES[h % STORES.length],
        sku: `SKU-${String(h % 100_000).padStart(5, '0')}`,
        quantity: h % 50,
        amountPence: h % 250_000,
        status: ['open', 'done', 'failed'][h % 3],
        at,
      },
    }
  })
}

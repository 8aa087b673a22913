import type { PartitionOffsets } from '../../connectors/kafka/sample-messages'
import type { IndexedField } from './index-fields'

/**
 * The order a catch-up reads partitions in. A topic whose only index field is its record key
 * (orders.sales.order_lines, keyed by a primary key that is no identifier) can still be read by
 * key without the index (the whole partition when small, its newest messages otherwise), while
 * identifiers inside values (clickstream `emailSha256`, `returns.requests` `customerEmail`) are
 * found only through it. So an index still building (a new workspace, or a topic re-read after
 * gaining a field) covers those first: topics with identifier fields, then record-key-only
 * topics, each in topic and partition order.
 */
export function catchUpOrder(
  partitions: readonly PartitionOffsets[],
  fieldsByTopic: ReadonlyMap<string, readonly IndexedField[]>,
): PartitionOffsets[] {
  const keysOnly = (topic: string) =>
    (fieldsByTopic.get(topic) ?? []).every((f) => f.kind === 'record-key')
  return [...partitions].sort(
    (a, b) =>
      Number(keysOnly(a.topic)) - Number(keysOnly(b.topic)) ||
      (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0) ||
      a.partition - b.partition,
  )
}

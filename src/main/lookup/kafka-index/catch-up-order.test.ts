import { describe, expect, it } from 'vitest'
import { catchUpOrder } from './catch-up-order'
import { recordKeyField, type IndexedField } from './index-fields'

describe('the order a catch-up reads partitions in', () => {
  it('reads topics holding identifiers first, record-key-only topics last', () => {
    const at = (topic: string, partition: number) => ({
      topic,
      partition,
      leader: 1,
      low: 0n,
      high: 9n,
    })
    const fields = new Map<string, IndexedField[]>([
      [
        'crm.dbo.Customer',
        [
          recordKeyField('crm.dbo.Customer'),
          { topic: 'crm.dbo.Customer', path: 'after.Email', kind: 'email' },
        ],
      ],
      ['orders.sales.order_lines', [recordKeyField('orders.sales.order_lines')]],
      [
        'web.clickstream.v1',
        [{ topic: 'web.clickstream.v1', path: 'emailSha256', kind: 'sha256' }],
      ],
    ])
    const order = catchUpOrder(
      [
        at('orders.sales.order_lines', 1),
        at('orders.sales.order_lines', 0),
        at('web.clickstream.v1', 0),
        at('crm.dbo.Customer', 1),
        at('crm.dbo.Customer', 0),
      ],
      fields,
    )
    expect(order.map((p) => `${p.topic}/${p.partition}`)).toEqual([
      'crm.dbo.Customer/0',
      'crm.dbo.Customer/1',
      'web.clickstream.v1/0',
      'orders.sales.order_lines/0',
      'orders.sales.order_lines/1',
    ])
  })
})

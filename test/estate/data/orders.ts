import type { CustomerRow } from './customers.js'
import { cardNumber, sortCode, accountNumber } from './finance.js'
import { messyEmail, messyPostcode } from './mess.js'
import { driverNote, returnNote } from './notes.js'
import type { EstateOutput } from './output.js'
import { ESTATE_NOW, deviceIdFrom, isoTimestamp, postcodeIn, randomIp } from './people.js'
import { messyPhone } from './phones.js'
import type { Rng } from './prng.js'
import { copyRow, recordLine } from './writers.js'

const PRODUCTS: readonly (readonly [string, string, number])[] = [
  ['TV-55OLED', '55" OLED 4K Smart TV', 129_900],
  ['TV-43LED', '43" LED Smart TV', 34_900],
  ['WM-9KG', '9kg Washing Machine', 44_900],
  ['TD-8KG', '8kg Heat Pump Tumble Dryer', 52_900],
  ['FF-70', 'Fridge Freezer 70/30', 61_900],
  ['DW-60', '60cm Dishwasher', 37_900],
  ['MW-25', '25L Microwave', 8_999],
  ['KT-17', '1.7L Kettle', 2_999],
  ['TS-4S', '4-Slice Toaster', 3_499],
  ['VC-CORD', 'Cordless Vacuum', 19_999],
  ['HP-ANC', 'Noise-cancelling Headphones', 24_999],
  ['LP-14', '14" Laptop', 69_900],
  ['SB-300', 'Soundbar 300W', 17_900],
  ['CF-BEAN', 'Bean-to-cup Coffee Machine', 39_900],
  ['AF-5L', '5L Air Fryer', 7_999],
  ['HD-2200', '2200W Hair Dryer', 3_999],
  ['CBL-HDMI', 'HDMI Cable 2m', 999],
  ['EXT-4', '4-way Extension Lead', 1_499],
  ['WTY-3Y', '3-year Care Plan', 9_900],
]

export interface OrderSummary {
  count: number
  lifetimePence: number
  lastOrderAt: number | null
}

const pounds = (pence: number) => (pence / 100).toFixed(2)
const expiry = (rng: Rng) => `${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(24, 31)}`

/** orders.sales.* rows for one customer, plus the returns.requests records they lead to. */
export class OrdersWriter {
  private orderId = 0
  private lineId = 0
  private deliveryId = 0
  private paymentId = 0
  private legacyPaymentId = 0

  constructor(private readonly out: EstateOutput) {}

  write(customer: CustomerRow, rng: Rng): OrderSummary {
    const { person } = customer
    const pid = [person.personId]
    const count = customer.duplicate
      ? rng.weighted([
          [0, 6],
          [1, 4],
        ] as const)
      : rng.weighted([
          [0, 22],
          [1, 30],
          [2, 20],
          [3, 13],
          [4, 8],
          [5, 4],
          [8, 3],
        ] as const)
    const summary: OrderSummary = { count, lifetimePence: 0, lastOrderAt: null }
    for (let n = 0; n < count; n++) {
      const orderId = ++this.orderId
      const placedAt =
        customer.createdAt +
        Math.floor((rng.next() * (ESTATE_NOW - customer.createdAt)) / 1000) * 1000
      const channel = rng.weighted([
        ['web', 55],
        ['app', 25],
        ['store', 12],
        ['phone', 8],
      ] as const)
      let totalPence = 0
      const lines = rng.weighted([
        [1, 5],
        [2, 3],
        [3, 1],
        [4, 1],
      ] as const)
      for (let l = 0; l < lines; l++) {
        const [sku, description, price] = rng.pick(PRODUCTS)
        const quantity = rng.weighted([
          [1, 9],
          [2, 1],
        ] as const)
        totalPence += price * quantity
        this.lineId++
        this.out
          .table('order_lines')
          .write(copyRow([this.lineId, orderId, sku, description, quantity, pounds(price)]))
        this.out.records('order_lines').write(recordLine(this.lineId, pid))
      }
      const billingPostcode = rng.chance(0.05)
        ? postcodeIn(person.place, rng)
        : messyPostcode(person.address.postcode, rng)
      const online = channel === 'web' || channel === 'app'
      const ip = online ? (rng.chance(0.7) ? person.ipAddress : randomIp(rng)) : null
      const device =
        channel === 'app' ? (rng.chance(0.6) ? person.deviceId : deviceIdFrom(rng)) : null
      this.out
        .table('orders')
        .write(
          copyRow([
            orderId,
            customer.customerId,
            isoTimestamp(placedAt),
            channel,
            pounds(totalPence),
            billingPostcode,
            ip,
            device,
          ]),
        )
      this.out.records('orders').write(recordLine(orderId, pid))
      summary.count = n + 1
      summary.lifetimePence += totalPence
      summary.lastOrderAt = Math.max(summary.lastOrderAt ?? 0, placedAt)

      if (channel !== 'store') {
        this.deliveryId++
        const phone = person.mobile ?? person.homePhone
        const delivered = placedAt + rng.int(1, 6) * 86_400_000
        const note = driverNote(person, rng)
        this.out
          .table('deliveries')
          .write(
            copyRow([
              this.deliveryId,
              orderId,
              phone ? messyPhone(phone, rng) : null,
              delivered < ESTATE_NOW ? isoTimestamp(delivered) : null,
              note?.text ?? null,
            ]),
          )
        this.out.records('deliveries').write(recordLine(this.deliveryId, pid))
        if (rng.chance(0.06)) this.writeReturn(customer, orderId, delivered, rng)
      }

      this.paymentId++
      const byCard = rng.chance(0.85)
      const card = byCard ? cardNumber(rng) : null
      this.out
        .table('payments')
        .write(
          copyRow([
            this.paymentId,
            orderId,
            card ? `tok_${rng.letters(24, 'abcdefghijklmnopqrstuvwxyz0123456789')}` : null,
            card ? card.slice(-4) : null,
            card ? expiry(rng) : null,
            byCard ? null : sortCode(rng),
            byCard ? null : accountNumber(rng),
            pounds(totalPence),
          ]),
        )
      this.out.records('payments').write(recordLine(this.paymentId, pid))

      if (rng.chance(0.04)) {
        this.legacyPaymentId++
        const holder =
          `${person.title ? `${person.title.toUpperCase()} ` : ''}${person.firstName[0]} ${person.lastName}`.toUpperCase()
        this.out
          .table('legacy_card_payments')
          .write(
            copyRow([this.legacyPaymentId, orderId, card ?? cardNumber(rng), holder, expiry(rng)]),
          )
        this.out.records('legacy_card_payments').write(recordLine(this.legacyPaymentId, pid))
      }
    }
    return summary
  }

  private writeReturn(customer: CustomerRow, orderId: number, delivered: number, rng: Rng): void {
    const { person } = customer
    const value = {
      orderId,
      customerEmail: rng.chance(0.85)
        ? messyEmail(person.email, rng)
        : (customer.email ?? person.email),
      reason: rng.pick([
        'faulty',
        'not-as-described',
        'changed-mind',
        'damaged-in-transit',
        'wrong-item',
      ]),
      notes: returnNote(person, rng)?.text ?? null,
      requestedAt: isoTimestamp(Math.min(ESTATE_NOW, delivered + rng.int(1, 25) * 86_400_000)),
    }
    this.out.topics.returns.write(
      JSON.stringify({ key: String(orderId), value, personId: person.personId }),
    )
    this.out.collectionRecords.returns.write(recordLine(orderId, [person.personId]))
  }
}

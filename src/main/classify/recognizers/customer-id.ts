import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import {
  MATCH,
  NO_MATCH,
  assetHas,
  capped,
  firstNameToken,
  nameHas,
  nearMiss,
  wordSet,
} from './util'

/**
 * identifier.customer: the id of a person as a customer. Values alone cannot tell a customer id
 * from any other key, so this is driven by the name (customer id, cust_id, customerRef,
 * customer_ids[], or a bare `id`/`_id` key of a customers table); the values confirm the shape:
 * id-like tokens with a digit, one consistent pattern, many distinct values. Order, product and
 * other business keys are near misses.
 */
const CUSTOMER_WORDS = wordSet(
  'customer customers cust custs client clients cus cstmr consumer shopper patron',
)
const ID_WORDS = wordSet(
  'id ids ref refs reference no num nbr number key pk uuid guid code urn identifier',
)
const BARE_KEYS = wordSet('id _id pk key uuid guid')
const OTHER_ENTITY_WORDS = wordSet(
  'order orders product products sku item items invoice transaction txn payment shipment delivery store branch supplier vendor merchant warehouse campaign session event request ticket case line',
)
const ID_VALUE = /^[A-Za-z0-9][A-Za-z0-9_:./-]{0,63}$/
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}|^\d{1,2}\/\d{1,2}\/\d{2,4}$/

function customerNamed(ctx: RecognizerContext): boolean {
  if (nameHas(ctx, CUSTOMER_WORDS)) {
    // "customer" alone or with an id word; customer_name or customer_email are other categories.
    return ctx.nameTokens.every((t) => CUSTOMER_WORDS.has(t) || ID_WORDS.has(t))
  }
  // A bare key of a customers table (singleview customers._id).
  return (
    ctx.nameTokens.length > 0 &&
    ctx.nameTokens.every((t) => BARE_KEYS.has(t)) &&
    assetHas(ctx, CUSTOMER_WORDS)
  )
}

/** The value's shape: letters -> A, digits -> 9, runs collapsed (`C00000123` -> `A9`). */
export function shapeOf(v: string): string {
  return v
    .replace(/[A-Za-z]+/g, 'A')
    .replace(/\d+/g, '9')
    .slice(0, 16)
}

export const customerIdRecognizer: ValueRecognizer = {
  id: 'customer-id',
  category: 'identifier.customer',
  test(value, ctx) {
    const v = capped(value, 64)
    if (v === undefined || !ID_VALUE.test(v) || !/\d/.test(v) || DATE_LIKE.test(v)) return NO_MATCH
    if (customerNamed(ctx)) return MATCH
    const other = firstNameToken(ctx, OTHER_ENTITY_WORDS)
    if (other !== undefined && nameHas(ctx, ID_WORDS)) {
      return nearMiss(`${other} identifiers, not a person's`)
    }
    if (/^(?:CUST|CUS|CID)[-_]?\d{3,}$/i.test(v)) {
      return nearMiss('customer-style ids but the name does not say customer')
    }
    return NO_MATCH
  },
  judgeField(matching) {
    if (matching.length < 3) return undefined
    const shapes = new Map<string, number>()
    for (const v of matching) {
      const s = shapeOf(v.trim())
      shapes.set(s, (shapes.get(s) ?? 0) + 1)
    }
    const dominant = Math.max(...shapes.values())
    if (dominant / matching.length < 0.7) return 'ids of mixed shapes: not one customer key'
    const distinct = new Set(matching).size
    if (matching.length >= 10 && distinct <= 2) return 'few distinct values: a code, not an id'
    return undefined
  },
}

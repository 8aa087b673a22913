import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, assetHas, capped, nameHas, wordSet } from './util'
import { shapeOf } from './customer-id'

/**
 * identifier.loyalty: loyalty or membership card numbers. Card-like values (8-24 characters,
 * at least 6 digits, optional letter prefix and space/dash groups) in a field or table named
 * loyalty/membership/rewards. Surrogate keys (`LoyaltyAccountId`) and customer ids in loyalty
 * tables are left to the customer rule.
 */
const LOYALTY_WORDS = wordSet(
  'loyalty membership member members rewards reward nectar clubcard advantage points club scheme',
)
const NUMBER_WORDS = wordSet('number no num nbr card code id ref reference')
const NOT_CARD_WORDS = wordSet('customer cust tier level status balance type date')
const CARD_LIKE = /^[A-Za-z]{0,4}[ -]?\d[\d -]{6,26}\d$|^[A-Za-z]{1,4}\d{6,20}$/

function loyaltyNamed(ctx: RecognizerContext): boolean {
  if (nameHas(ctx, NOT_CARD_WORDS)) return false
  // LoyaltyAccountId: a surrogate key of the account row, not the card number.
  if (ctx.nameTokens.includes('account') && ctx.nameTokens.at(-1) === 'id') return false
  if (nameHas(ctx, LOYALTY_WORDS)) return true
  return nameHas(ctx, NUMBER_WORDS) && assetHas(ctx, LOYALTY_WORDS)
}

export const loyaltyNumberRecognizer: ValueRecognizer = {
  id: 'loyalty-number',
  category: 'identifier.loyalty',
  test(value, ctx) {
    const v = capped(value, 40)
    if (v === undefined || v.length < 8 || !CARD_LIKE.test(v)) return NO_MATCH
    if ((v.match(/\d/g)?.length ?? 0) < 6) return NO_MATCH
    return loyaltyNamed(ctx) ? MATCH : NO_MATCH
  },
  judgeField(matching) {
    const shapes = new Set(matching.map((v) => shapeOf(v.trim())))
    if (matching.length >= 5 && shapes.size > 3)
      return 'numbers of mixed shapes: not one card scheme'
    return undefined
  },
}

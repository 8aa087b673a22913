import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { assetHas, entropyPerChar, MATCH, nameHas, nearMiss, NO_MATCH } from './shared-b'

/**
 * Card tokens (`tok_...`, vault tokens, payment-method ids): random alphanumerics of 16–64
 * characters that stand for a card. Context-driven: a random string is only a card token when
 * the field or its asset speaks of cards or payments, or the value carries a card-token prefix.
 */

/** Prefixes processors put on card / payment-method tokens (Stripe, Checkout.com, Adyen...). */
const TOKEN_PREFIXES = ['tok_', 'card_', 'pm_', 'src_', 'ctok_', 'tkn_', 'token_']
const TOKEN_NAME_CUES = ['cardtoken', 'paymenttoken', 'pantoken', 'vaulttoken', 'cardref']
const TOKEN_CHARS = /^[A-Za-z0-9_-]{16,72}$/
const TOKENISH = ['token', 'tok', 'tkn', 'paymentmethod']
const TOKEN = ['token']
const CARD_CONTEXT = ['card', 'cards', 'payment', 'payments', 'pan', 'billing', 'wallet', 'pay']

function cardContext(ctx: RecognizerContext): boolean {
  if (nameHas(ctx, TOKEN_NAME_CUES)) return true
  const tokenish = nameHas(ctx, TOKENISH)
  return tokenish && (nameHas(ctx, CARD_CONTEXT) || assetHas(ctx, CARD_CONTEXT))
}

function stripPrefix(value: string): { body: string; prefixed: boolean } {
  const lower = value.slice(0, 8).toLowerCase()
  for (const p of TOKEN_PREFIXES) {
    if (lower.startsWith(p)) return { body: value.slice(p.length), prefixed: true }
  }
  return { body: value, prefixed: false }
}

/** Random-looking: 16–64 of [A-Za-z0-9_-], not all digits, not a word, enough entropy. */
export function isRandomToken(body: string): boolean {
  if (body.length < 16 || body.length > 64) return false
  let digits = 0
  let letters = 0
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i)
    if (c >= '0' && c <= '9') digits++
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) letters++
    else if (c !== '_' && c !== '-') return false
  }
  if (letters === 0 || digits === 0) return false
  return entropyPerChar(body) >= 3.2
}

export const cardTokenRecognizer: ValueRecognizer = {
  id: 'card-token',
  category: 'financial.card_token',
  test(value, ctx) {
    if (!TOKEN_CHARS.test(value)) return NO_MATCH
    const { body, prefixed } = stripPrefix(value)
    if (!isRandomToken(body)) return NO_MATCH
    if (prefixed && value.toLowerCase().startsWith('tok_')) return MATCH
    if (cardContext(ctx)) return MATCH
    if (prefixed && (nameHas(ctx, CARD_CONTEXT) || assetHas(ctx, CARD_CONTEXT))) return MATCH
    return nameHas(ctx, TOKEN) ? nearMiss('random token, but nothing says it is a card') : NO_MATCH
  },
}

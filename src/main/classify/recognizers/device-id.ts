import type { ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, nameHas, nearMiss, wordSet } from './util'

/**
 * online.device_id: UUIDs (IDFA/IDFV, Android advertising ids, app instance ids), hex device ids
 * of 16 (Android ID), 32 or 40 (UDID) characters, and cookie ids (Google Analytics `GA1.2.x.y`
 * and long opaque tokens). A UUID alone is any id, so the field name must say device, cookie,
 * advertising id or fingerprint; otherwise the values are a near miss. Session ids are left out
 * on purpose: a server-side session id lives for one visit and the reference estate's ground
 * truth does not count it (a team that treats them as online identifiers adds a name rule in
 * catalog/rules/).
 */
const DEVICE_WORDS = wordSet(
  'device devices dev android cookie cookies idfa idfv gaid aaid adid advertising ad udid imei fingerprint fp browser visitor handset installation install mobileid',
)
const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/
const HEX_ID = /^(?:[0-9A-Fa-f]{16}|[0-9A-Fa-f]{32}|[0-9A-Fa-f]{40})$/
const GA_COOKIE = /^GA\d\.\d\.\d{5,12}\.\d{9,11}$/
/** Opaque cookie/session token: 16-128 URL-safe characters mixing letters and digits. */
const OPAQUE = /^[A-Za-z0-9_.-]{16,128}$/
/** IMEI: 15 digits. */
const IMEI = /^\d{15}$/

function deviceShape(v: string): string | undefined {
  if (UUID.test(v)) return /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(v) ? undefined : 'UUIDs'
  // Plain digit runs are counts or numbers, not hex ids.
  if (HEX_ID.test(v)) return /[A-Fa-f]/.test(v) ? `${v.length}-hex ids` : undefined
  if (GA_COOKIE.test(v)) return 'analytics cookie ids'
  return undefined
}

export const deviceIdRecognizer: ValueRecognizer = {
  id: 'device-id',
  category: 'online.device_id',
  test(value, ctx) {
    const v = capped(value, 130)
    if (v === undefined) return NO_MATCH
    const named = nameHas(ctx, DEVICE_WORDS)
    const shape = deviceShape(v)
    if (shape !== undefined) {
      return named ? MATCH : nearMiss(`${shape} but the name does not say device`)
    }
    if (!named) return NO_MATCH
    if (IMEI.test(v)) return MATCH
    // Opaque tokens count only when they mix letters and digits: words or plain numbers do not.
    if (OPAQUE.test(v) && /[A-Za-z]/.test(v) && /\d/.test(v)) return MATCH
    return NO_MATCH
  },
}

import type { ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, firstNameToken, nearMiss, wordSet } from './util'

/**
 * online.ip_address: IPv4 (four octets 0-255, no leading zeros) and IPv6 (full, compressed with
 * one `::`, zone ids `%eth0`, embedded IPv4, optional brackets and port). Dotted version strings
 * in a field named version/build are near misses, as are four-part numbers with parts over 255.
 */
const VERSION_WORDS = wordSet('version ver vers build release firmware fw sw revision rev')
const OCTET = /^(?:0|[1-9][0-9]{0,2})$/
const HEXTET = /^[0-9A-Fa-f]{1,4}$/

export function isIpv4(v: string): boolean {
  const parts = v.split('.')
  if (parts.length !== 4) return false
  return parts.every((p) => OCTET.test(p) && Number(p) <= 255)
}

export function isIpv6(raw: string): boolean {
  let v = raw
  const zone = v.indexOf('%')
  if (zone >= 0) {
    if (!/^%[A-Za-z0-9_.-]{1,32}$/.test(v.slice(zone))) return false
    v = v.slice(0, zone)
  }
  if (v.length < 2 || v.length > 45) return false
  const halves = v.split('::')
  if (halves.length > 2) return false
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'))
  const head = groups(halves[0] ?? '')
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : []
  const all = [...head, ...tail]
  let width = 0
  for (let i = 0; i < all.length; i++) {
    const g = all[i] ?? ''
    if (HEXTET.test(g)) width += 1
    else if (i === all.length - 1 && isIpv4(g)) width += 2
    else return false
  }
  return halves.length === 2 ? width < 8 : width === 8
}

/** Strips `[v6]:port` and `v4:port` wrappers seen in access logs. */
function unwrap(v: string): string {
  const bracket = /^\[([^\]]{2,64})\](?::\d{1,5})?$/.exec(v)
  if (bracket) return bracket[1] ?? v
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(v)
  return v4port ? (v4port[1] ?? v) : v
}

export const ipAddressRecognizer: ValueRecognizer = {
  id: 'ip-address',
  category: 'online.ip_address',
  test(value, ctx) {
    const raw = capped(value, 70)
    if (raw === undefined) return NO_MATCH
    const v = unwrap(raw)
    if (isIpv4(v)) {
      const named = firstNameToken(ctx, VERSION_WORDS)
      if (named !== undefined) return nearMiss(`dotted numbers in a field named ${named}: versions`)
      return MATCH
    }
    if (v.includes(':') && isIpv6(v)) return MATCH
    if (/^\d{1,4}\.\d{1,4}\.\d{1,4}\.\d{1,4}$/.test(v)) {
      return nearMiss('four-part numbers but parts over 255 or with leading zeros')
    }
    return NO_MATCH
  },
}

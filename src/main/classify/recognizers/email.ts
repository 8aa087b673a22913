import type { ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, nearMiss } from './util'

/**
 * contact.email: RFC 5321-ish. Local part of dot-atoms (no leading, trailing or doubled dots),
 * a domain of at least two labels whose last is an alphabetic TLD of 2+ letters (so `a@b` and
 * `foo@localhost` do not count). Optional `mailto:` and angle brackets are tolerated.
 */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/
const TLD = /^(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{1,59})$/

export function isEmail(raw: string): boolean {
  let v = raw
  if (v.startsWith('<') && v.endsWith('>')) v = v.slice(1, -1)
  if (v.toLowerCase().startsWith('mailto:')) v = v.slice(7)
  if (v.length > 254 || /\s/.test(v)) return false
  const at = v.lastIndexOf('@')
  if (at <= 0 || at !== v.indexOf('@')) return false
  const local = v.slice(0, at)
  const domain = v.slice(at + 1)
  if (local.length > 64) return false
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false
  const labels = domain.split('.')
  if (labels.length < 2) return false
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return false
  return TLD.test(labels[labels.length - 1] ?? '')
}

export const emailRecognizer: ValueRecognizer = {
  id: 'email',
  category: 'contact.email',
  test(value) {
    const v = capped(value, 256)
    if (v === undefined || !v.includes('@')) return NO_MATCH
    if (isEmail(v)) return MATCH
    if (/^[^@\s]+@[^@\s.]+$/.test(v)) return nearMiss('an @ but the domain has no TLD')
    return NO_MATCH
  },
}

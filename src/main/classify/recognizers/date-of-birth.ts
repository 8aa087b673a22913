import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, firstNameToken, nameHas, nearMiss, wordSet } from './util'

/**
 * identity.date_of_birth. Values: calendar dates in ISO (`1984-03-07`, with a midnight time),
 * UK order (`07/03/1984`, `07-03-1984`, `07.03.1984`), and — when the field is named as a birth
 * date or declared as a date — Debezium DATE integers (days since 1970) and epoch milliseconds.
 * Any date parses, so judgeField decides: the bulk must be plausible ages (16-110 years), and
 * recent dates or event names (created, order...) make it a near miss.
 */
const BIRTH_WORDS = wordSet('dob birth born birthday birthdate bday dateofbirth natal')
const EVENT_WORDS = wordSet(
  'created updated modified placed ordered order orders shipped delivered paid purchase purchased event timestamp ts at last login expiry expires expiration due start end joined registered signup since valid',
)
const DAY_MS = 86_400_000
const YEAR_MS = 365.25 * DAY_MS

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/
const INTEGER = /^-?\d{1,14}$/
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/
/** `7 March 1984`, `07-Mar-1984`; `March 7, 1984`. */
const DAY_MONTH_NAME = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})[ -](\d{4})$/
const MONTH_NAME_DAY = /^([A-Za-z]{3,9}) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
/** `19671215`: compact yyyymmdd, common in legacy systems. */
const COMPACT = /^((?:18|19|20)\d{2})(\d{2})(\d{2})$/
const DATE_WORDS = wordSet('date dt day')

function utc(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1800 || y > 2200) return undefined
  const ms = Date.UTC(y, m - 1, d)
  const back = new Date(ms)
  return back.getUTCDate() === d && back.getUTCMonth() === m - 1 ? ms : undefined
}

function dateContext(ctx: RecognizerContext): boolean {
  const t = ctx.declaredType ?? ''
  return (
    nameHas(ctx, BIRTH_WORDS) ||
    nameHas(ctx, DATE_WORDS) ||
    t.includes('date') ||
    t.includes('time')
  )
}

/** Parses a value to epoch ms; `timeOfDay` when it carries a non-midnight time. */
export function parseDateValue(
  v: string,
  ctx: RecognizerContext,
): number | 'timeOfDay' | undefined {
  const iso = ISO.exec(v)
  if (iso) {
    const ms = utc(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    if (ms === undefined) return undefined
    const [h, mi, s] = [iso[4], iso[5], iso[6]].map((x) => Number(x ?? '0'))
    // Whole hours: midnight in a timezone other than UTC (23:00Z for a BST birth date).
    return mi === 0 && s === 0 ? ms + (h ?? 0) * 3_600_000 : 'timeOfDay'
  }
  const uk = UK.exec(v)
  // Day first (UK); month first (US) when the day-first reading is impossible (12/25/1980).
  if (uk) {
    const [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])]
    return utc(y, m, d) ?? utc(y, d, m)
  }
  const ymd = YMD_SLASH.exec(v)
  if (ymd) return utc(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]))
  const named = DAY_MONTH_NAME.exec(v) ?? MONTH_NAME_DAY.exec(v)
  if (named) {
    const dayFirst = /^\d/.test(v)
    const day = Number(dayFirst ? named[1] : named[2])
    const word = (dayFirst ? named[2] : named[1])?.toLowerCase() ?? ''
    // "Mar", "March", "Sept": a prefix of a month's full name.
    const month = MONTHS.findIndex((m) => m.startsWith(word)) + 1
    if (month > 0) return utc(Number(named[3]), month, day)
  }
  if (INTEGER.test(v) && dateContext(ctx)) {
    const compact = COMPACT.exec(v)
    if (compact) {
      const ms = utc(Number(compact[1]), Number(compact[2]), Number(compact[3]))
      if (ms !== undefined) return ms
    }
    const n = Number(v)
    // Debezium DATE: days since 1970 (1800..2200 lies within +-84,000 days).
    if (Math.abs(n) <= 84_000) return n * DAY_MS
    // Epoch ms of a date: a whole hour (births are stored at some timezone's midnight).
    if (Math.abs(n) >= 1e9 && Math.abs(n) < 8e12) return n % 3_600_000 === 0 ? n : 'timeOfDay'
  }
  return undefined
}

export function dateOfBirthRecognizer(now: () => number = Date.now): ValueRecognizer {
  return {
    id: 'date-of-birth',
    category: 'identity.date_of_birth',
    test(value, ctx) {
      const v = capped(value, 40)
      if (v === undefined) return NO_MATCH
      const parsed = parseDateValue(v, ctx)
      if (parsed === undefined) return NO_MATCH
      if (parsed === 'timeOfDay') return nearMiss('timestamps with a time of day: not birth dates')
      return MATCH
    },
    judgeField(matching, _all, ctx) {
      const event = firstNameToken(ctx, EVENT_WORDS)
      if (event !== undefined && !nameHas(ctx, BIRTH_WORDS)) {
        return `dates named ${event}: looks like an event date`
      }
      const today = now()
      let plausible = 0
      let recent = 0
      let future = 0
      let n = 0
      for (const value of matching) {
        const v = capped(value, 40)
        const ms = v === undefined ? undefined : parseDateValue(v, ctx)
        if (typeof ms !== 'number') continue
        n++
        const age = (today - ms) / YEAR_MS
        if (age < 0) future++
        else if (age <= 3) recent++
        if (age >= 16 && age <= 110) plausible++
      }
      if (n === 0) return 'no dates'
      if (future / n > 0.1) return 'dates in the future: not birth dates'
      if (recent / n >= 0.3) return 'dates within the last 3 years: looks like an event date'
      const needed = nameHas(ctx, BIRTH_WORDS) ? 0.7 : 0.85
      if (plausible / n < needed) {
        return `only ${Math.round((100 * plausible) / n)}% of dates are plausible ages (16-110 years)`
      }
      return undefined
    },
  }
}

import { describe, expect, it } from 'vitest'
import {
  customerIdFromKey,
  customerKey,
  normaliseEmail,
  normalisePostcode,
  toE164,
  trimmed,
} from '../../estate/builder/transforms'
import { decodeDate } from '../../estate/builder/debezium'
import { lineageEdges } from '../../estate/data/lineage'
import { messyEmail, messyName, messyPostcode } from '../../estate/data/mess'
import {
  PHONE_STYLES,
  e164,
  formatPhone,
  landlineFor,
  mobileFor,
  UNPARSEABLE_PHONES,
} from '../../estate/data/phones'
import { PLACES } from '../../estate/data/places'
import { Rng } from '../../estate/data/prng'
import {
  applyTransform,
  invertTransform,
  inversionMatches,
  transformSchema,
} from '../../../src/shared/lineage/transforms'
import type { TransformSpec } from '../../../src/shared/model/lineage'

/*
 * The transforms must behave exactly like the estate's single-view builder, on the messy values
 * the estate generator writes, both ways: apply gives the builder's value, and inverting the
 * builder's value finds the source value again.
 */

const rng = new Rng('transforms-builder-test')
const trimLower: TransformSpec = {
  type: 'chain',
  steps: [{ type: 'trim' }, { type: 'lower-case' }],
}
const gb: TransformSpec = { type: 'e164', region: 'GB' }
const key: TransformSpec = { type: 'prefix-pad', prefix: 'C', width: 8 }

describe('transforms behave like the single-view builder', () => {
  it('every transform of the manifest is a valid TransformSpec', () => {
    for (const edge of lineageEdges())
      expect(transformSchema.parse(edge.transform)).toEqual(edge.transform)
  })

  it('customer keys, both ways', () => {
    for (const id of [0, 1, 42, 99_999_999, 123_456_789, rng.int(1, 5_000_000)]) {
      const k = customerKey(id)
      expect(applyTransform(key, id)).toBe(k)
      const inv = invertTransform(key, k)!
      expect(inv.kind).toBe('exact')
      expect(inv.candidates).toContain(customerIdFromKey(k))
      expect(inversionMatches(inv, id)).toBe(true)
      expect(inversionMatches(inv, String(id))).toBe(true)
      expect(inversionMatches(inv, id + 1)).toBe(false)
    }
  })

  it('emails and names: messy in, the builder value out, and back', () => {
    for (let i = 0; i < 200; i++) {
      const clean = `first${i}.last@example${i % 3}.co.uk`
      const messy = messyEmail(clean, rng)
      const out = applyTransform(trimLower, messy)
      expect(out).toBe(normaliseEmail(messy))
      expect(inversionMatches(invertTransform(trimLower, out)!, messy)).toBe(true)
      const name = messyName(`Name${i}`, rng)
      expect(applyTransform({ type: 'trim' }, name)).toBe(trimmed(name))
    }
    for (const blank of ['', '  ', '\t', null, undefined]) {
      expect(applyTransform(trimLower, blank)).toBe(normaliseEmail(blank))
      expect(applyTransform({ type: 'trim' }, blank)).toBe(trimmed(blank))
    }
  })

  it('phones in every style the estate writes, and the written forms back', () => {
    for (let i = 0; i < 60; i++) {
      const place = PLACES[i % PLACES.length]!
      const national = i % 2 === 0 ? mobileFor(i, rng) : landlineFor(i, place, rng)
      const canonical = e164(national)
      for (const style of PHONE_STYLES) {
        const written = formatPhone(national, style)
        expect(applyTransform(gb, written)).toBe(toE164(written))
        expect(applyTransform(gb, written)).toBe(canonical)
      }
      const inv = invertTransform(gb, canonical)!
      expect(inv.kind).toBe('match')
      // Every style the estate writes is found; the common ones are candidates themselves
      // (index-friendly), the padded one once trimmed.
      for (const style of PHONE_STYLES) {
        expect(inversionMatches(inv, formatPhone(national, style))).toBe(true)
        if (style !== 'dashed')
          expect(inv.candidates).toContain(formatPhone(national, style).trim())
      }
      expect(inversionMatches(inv, formatPhone(mobileFor(i + 1000, rng), 'national-spaced'))).toBe(
        false,
      )
      for (const c of inv.candidates) expect(toE164(String(c))).toBe(canonical)
    }
    for (const bad of [...UNPARSEABLE_PHONES, '', '   ', null])
      expect(applyTransform(gb, bad)).toBe(toE164(bad))
  })

  it('postcodes, lower-case and unspaced, both ways', () => {
    for (const place of PLACES) {
      for (const outward of place.outward) {
        const clean = `${outward} ${rng.int(0, 9)}AB`
        const messy = messyPostcode(clean, rng)
        expect(applyTransform({ type: 'postcode-format' }, messy)).toBe(normalisePostcode(messy))
        expect(applyTransform({ type: 'postcode-format' }, messy)).toBe(clean)
        expect(inversionMatches(invertTransform({ type: 'postcode-format' }, clean)!, messy)).toBe(
          true,
        )
      }
    }
    for (const odd of ['not a postcode', '  ', null]) {
      expect(applyTransform({ type: 'postcode-format' }, odd)).toBe(normalisePostcode(odd))
    }
  })

  it('Debezium dates (days since 1970), both ways', () => {
    const spec: TransformSpec = { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' }
    for (const days of [-25_000, -1, 0, 1, 5550, 12_000, 20_000, rng.int(-20_000, 20_000)]) {
      const date = decodeDate(days)
      expect(applyTransform(spec, days)).toBe(date)
      expect(invertTransform(spec, date)!.candidates).toContain(days)
    }
    for (const odd of ['1990-05-06', 'n/a', null])
      expect(applyTransform(spec, odd)).toBe(decodeDate(odd))
  })
})

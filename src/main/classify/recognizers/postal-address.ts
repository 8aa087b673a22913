import { isUkPlace } from '../dictionaries/uk-places'
import type { RecognizerContext, ValueRecognizer } from '../recognizer'
import { MATCH, NO_MATCH, capped, firstNameToken, nameHas, share, wordSet } from './util'

/**
 * contact.postal_address: address lines and the towns/counties of an address.
 * - A street line: a house number (12, 12a, 12-14) then words ending in a street type
 *   (`45 Park Road`), optionally after a flat (`Flat 3, 45 Park Road`).
 * - A sub-building line: `Flat 3`, `Apartment 12B`, `Unit 4`; or a house name ending in a house
 *   word (`Rose Cottage`, `The Old Forge`, `Ashdown House`).
 * - A known UK town, city or county. Place names alone are common outside addresses (a store's
 *   town, a region), so judgeField keeps a field of places only when its name says address.
 */
const STREET_TYPES =
  wordSet(`road rd street st lane ln avenue ave av close cl drive dr way court ct crescent cres
  place pl gardens gdns garden hill grove gr terrace terr tce walk row square sq mews park parade view rise green
  vale gate gardens wharf yard boulevard blvd broadway circus embankment esplanade promenade quay quayside approach
  mount meadow meadows fields field chase croft dale end hollow way wynd brae loan causeway bank side cottages
  villas buildings precinct market ridge heights highway by-pass bypass passage path pathway alley court lea leys
  copse orchard paddock glade glen boulevard circle crossing ring`)
/** Welsh and Gaelic street types, which come before the name. */
const STREET_TYPES_FIRST = wordSet(
  'heol ffordd stryd lon lôn rhodfa cilgant clos maes teras llwyn cwrt sràid rathad',
)
const HOUSE_WORDS =
  wordSet(`cottage cottages house farm farmhouse lodge barn mill forge rectory vicarage manor
  hall villa bungalow grange court barns stables oast granary chapel schoolhouse coach mansions mansion tower
  towers apartments flats building buildings centre house`)
const SUB_BUILDING =
  /^(?:flat|apartment|apt|unit|suite|room|floor|maisonette|studio)\.? ?[0-9]{1,4}[A-Za-z]?\b/i
const HOUSE_NUMBER = /^[0-9]{1,4}[A-Za-z]?(?:[-/][0-9]{1,4}[A-Za-z]?)?$/
const ADDRESS_WORDS =
  wordSet(`address addr adr line ln line1 line2 line3 ln1 ln2 ln3 street str town twn city
  county cnty locality district area village place region state province post postal posttown suburb
  delivery billing shipping residence home`)
const BUSINESS_WORDS = wordSet(
  'store shop branch warehouse depot site office supplier vendor merchant venue outlet premises',
)

function words(v: string): string[] {
  return v
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w) => w.length > 0)
}

/** `45 Park Road`, `Flat 3, 45 Park Road`, `12a High St.` */
export function isStreetLine(v: string): boolean {
  const parts = v.split(',').map((p) => p.trim())
  for (const part of parts) {
    const w = words(part.replace(/\./g, ''))
    if (w.length < 2 || w.length > 7) continue
    const first = w[0] ?? ''
    const last = w[w.length - 1] ?? ''
    if (!HOUSE_NUMBER.test(first) || !/^[a-z\u00e0-\u00ff'-]+$/.test(w[1] ?? '')) continue
    // English order (`45 Park Road`) or Welsh/Gaelic order, type first (`12 Heol y Llan`).
    if (STREET_TYPES.has(last) || (w.length >= 3 && STREET_TYPES_FIRST.has(w[1] ?? ''))) {
      return true
    }
  }
  return false
}

export function isSubBuildingLine(v: string): boolean {
  if (SUB_BUILDING.test(v)) return true
  const w = words(v)
  if (w.length < 2 || w.length > 5 || !w.every((x) => /^[a-z'-]+$/.test(x))) return false
  return HOUSE_WORDS.has(w[w.length - 1] ?? '') && /^[A-Z]/.test(v)
}

function addressNamed(ctx: RecognizerContext): boolean {
  return nameHas(ctx, ADDRESS_WORDS) || ctx.nameTokens.some((t) => /^(?:line|addr|ln)\d$/.test(t))
}

export const postalAddressRecognizer: ValueRecognizer = {
  id: 'uk-address',
  category: 'contact.postal_address',
  test(value) {
    const v = capped(value, 160)
    if (v === undefined || !/[A-Za-z]/.test(v)) return NO_MATCH
    if (isStreetLine(v) || isSubBuildingLine(v) || isUkPlace(v)) return MATCH
    return NO_MATCH
  },
  judgeField(matching, _all, ctx) {
    const business = firstNameToken(ctx, BUSINESS_WORDS)
    if (business !== undefined) return `addresses of a ${business}, not of a person`
    const lines = matching.filter((raw) => {
      const v = capped(raw, 160)
      return v !== undefined && (isStreetLine(v) || isSubBuildingLine(v))
    })
    // Street lines identify a home; a field of bare place names needs the name to say address.
    if (share(lines.length, matching.length) >= 0.3) return undefined
    if (addressNamed(ctx)) return undefined
    return 'UK place names but the name does not say address (town, city, county...)'
  },
}

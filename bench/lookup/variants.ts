/**
 * The lookups the quality bench makes for one person: every identifier kind they have, each in
 * its clean form and in the messy forms real people type (the estate generator's own phone
 * styles from test/estate/data/phones.ts, its email and postcode damage from mess.ts, plus the
 * `+44 (0)` form and names without accents).
 */
import { formatPhone, PHONE_STYLES } from '../../test/estate/data/phones'
import type { Rng } from '../../test/estate/data/prng'
import type { LookupInput } from '../../src/shared/model/lookup'
import type { Person } from './truth'

export type CaseKind =
  | 'email'
  | 'mobile'
  | 'home-phone'
  | 'crm-id'
  | 'singleview-id'
  | 'loyalty'
  | 'name-postcode'
  | 'name-dob'

export const CASE_KINDS: readonly CaseKind[] = [
  'email',
  'mobile',
  'home-phone',
  'crm-id',
  'singleview-id',
  'loyalty',
  'name-postcode',
  'name-dob',
]

/** Strong identifiers merge people; weak ones (phones, names) may only link them. */
export const STRONG: ReadonlySet<CaseKind> = new Set([
  'email',
  'crm-id',
  'singleview-id',
  'loyalty',
])

export interface LookupCase {
  personId: string
  kind: CaseKind
  variant: string
  input: LookupInput
}

type Variant = [string, LookupInput]

const cap = (w: string) => (w ? w[0]!.toUpperCase() + w.slice(1) : w)
const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '')
const compact = (postcode: string) => postcode.replace(/\s+/g, '')

function emailVariants(email: string): Variant[] {
  const [local, domain] = email.split('@') as [string, string]
  return [
    ['clean', { value: email }],
    ['upper-case', { value: email.toUpperCase() }],
    ['capitalised, padded', { value: `  ${local.split('.').map(cap).join('.')}@${cap(domain)} ` }],
    ['tab, upper-case domain', { value: `\t${local}@${domain.toUpperCase()}` }],
  ]
}

function phoneVariants(e164: string): Variant[] {
  if (!e164.startsWith('+44')) return [['clean', { value: e164 }]]
  const national = `0${e164.slice(3)}`
  const spaced = formatPhone(national, 'national-spaced')
  return [
    ['clean', { value: e164 }],
    ...PHONE_STYLES.map((style): Variant => [style, { value: formatPhone(national, style) }]),
    ['+44 (0)', { value: `+44 (0)${spaced.slice(1)}` }],
  ]
}

function namePostcodeVariants(name: string, postcode: string): Variant[] {
  const kind = 'name-postcode' as const
  return [
    ['clean', { value: '', kind, parts: { name, postcode } }],
    [
      'upper-case, postcode without space',
      { value: '', kind, parts: { name: name.toUpperCase(), postcode: compact(postcode) } },
    ],
    [
      'lower-case without accents, postcode lower-case',
      {
        value: '',
        kind,
        parts: { name: stripAccents(name).toLowerCase(), postcode: postcode.toLowerCase() },
      },
    ],
    ['typed in one box, postcode without space', { value: `${name} ${compact(postcode)}` }],
  ]
}

function nameDobVariants(name: string, dob: string): Variant[] {
  const kind = 'name-dob' as const
  const [y, m, d] = dob.split('-')
  return [
    ['clean', { value: '', kind, parts: { name, dob } }],
    [
      'dd/mm/yyyy, upper-case',
      { value: '', kind, parts: { name: name.toUpperCase(), dob: `${d}/${m}/${y}` } },
    ],
    [
      'without accents, d.m.yyyy',
      {
        value: '',
        kind,
        parts: { name: stripAccents(name), dob: `${Number(d)}.${Number(m)}.${y}` },
      },
    ],
  ]
}

/** Every lookup of a person, clean and messy, by kind. */
export function allVariants(p: Person, loyalty: readonly string[]): Map<CaseKind, Variant[]> {
  const out = new Map<CaseKind, Variant[]>()
  const name = `${p.firstName} ${p.lastName}`
  if (p.email) out.set('email', emailVariants(p.email))
  if (p.mobile) out.set('mobile', phoneVariants(p.mobile))
  if (p.homePhone) out.set('home-phone', phoneVariants(p.homePhone))
  const crm = p.crmCustomerIds[0]
  if (crm !== undefined) {
    const kind = 'customer-number' as const
    out.set('crm-id', [
      ['clean', { value: String(crm), kind }],
      ['padded', { value: ` ${crm} `, kind }],
    ])
  }
  const sv = p.singleviewIds[0]
  if (sv)
    out.set('singleview-id', [
      ['clean', { value: sv }],
      ['lower-case', { value: sv.toLowerCase() }],
      ['padded', { value: `  ${sv} ` }],
    ])
  const loyaltyNumber = loyalty[0]
  if (loyaltyNumber) {
    const n = loyaltyNumber
    out.set('loyalty', [
      ['clean', { value: n }],
      ['lower-case', { value: n.toLowerCase() }],
      ['spaced', { value: `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 9)} ${n.slice(9)}` }],
    ])
  }
  if (p.address?.postcode) out.set('name-postcode', namePostcodeVariants(name, p.address.postcode))
  if (p.dateOfBirth) out.set('name-dob', nameDobVariants(name, p.dateOfBirth))
  return out
}

/**
 * The cases for one person. `all`: every variant; `clean+one`: the clean form and one messy form
 * picked by the seeded stream; `one`: one form per kind, clean or messy, picked alike.
 */
export function casesFor(
  p: Person,
  loyalty: readonly string[],
  rng: Rng,
  mode: 'all' | 'clean+one' | 'one',
  kinds: readonly CaseKind[] = CASE_KINDS,
): LookupCase[] {
  const cases: LookupCase[] = []
  for (const [kind, variants] of allVariants(p, loyalty)) {
    if (!kinds.includes(kind)) continue
    const messy = variants.filter(([v]) => v !== 'clean')
    const chosen =
      mode === 'all'
        ? variants
        : mode === 'one'
          ? [rng.pick(variants)]
          : [variants[0]!, ...(messy.length > 0 ? [rng.pick(messy)] : [])]
    for (const [variant, input] of chosen)
      cases.push({ personId: p.personId, kind, variant, input })
  }
  return cases
}

import type { Rng } from './prng.js'

/**
 * The ways real systems damage clean values. Each returns the value as a store would hold
 * it; the canonical value stays in the Person.
 */

export function messyName(name: string, rng: Rng): string {
  return rng.weighted([
    [name, 88],
    [name.toUpperCase(), 3],
    [name.toLowerCase(), 3],
    [`${name} `, 3],
    [` ${name}`, 1],
    [`${name}  `, 2],
  ] as const)
}

export function messyTitle(title: string | null, rng: Rng): string | null {
  if (title === null) return null
  return rng.weighted([
    [title, 80],
    [title.toUpperCase(), 6],
    [`${title.toLowerCase()}.`, 5],
    [` ${title}`, 3],
    [null, 6],
  ] as const)
}

function capitalise(word: string): string {
  return word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1)
}

/** Emails with mixed case and stray whitespace; the single view lower-cases and trims. */
export function messyEmail(email: string, rng: Rng): string {
  const [local, domain] = email.split('@') as [string, string]
  return rng.weighted([
    [email, 68],
    [`${local.split('.').map(capitalise).join('.')}@${capitalise(domain)}`, 14],
    [email.toUpperCase(), 4],
    [` ${email}`, 3],
    [`${email} `, 5],
    [`${capitalise(email)}  `, 3],
    [`\t${email}`, 1],
    [`${local}@${domain.toUpperCase()}`, 2],
  ] as const)
}

/** Postcodes as typed: lower-case, no space, double space, padded. */
export function messyPostcode(postcode: string, rng: Rng): string {
  return rng.weighted([
    [postcode, 70],
    [postcode.toLowerCase(), 9],
    [postcode.replace(' ', ''), 10],
    [postcode.replace(' ', '  '), 4],
    [`${postcode} `, 4],
    [` ${postcode.toLowerCase()}`, 3],
  ] as const)
}

/** What the single view stores for a postcode: upper-case with exactly one space before the inward code. */
export function normalisePostcode(raw: string): string {
  const compact = raw.replace(/\s+/g, '').toUpperCase()
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`
}

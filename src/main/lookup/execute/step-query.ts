import {
  applyTransform,
  invertTransform,
  normalise,
  phoneForms,
} from '../../../shared/lineage/transforms'
import type { Inversion, MatchMode } from '../../../shared/lineage/transforms'
import type { TransformSpec } from '../../../shared/model/lineage'
import type { LookupPlanStep, StepMatch } from '../../../shared/model/lookup'
import { parseUrn } from '../../../shared/urn'
import type { LookupQuery } from '../../connectors/connector'
import { sha256Forms } from '../identifiers/hashed-forms'
import type { IdentifierKind, RecognisedIdentifier } from '../identifiers/identifier-kinds'
import { recogniseIdentifier } from '../identifiers/recognise'
import type { RawRecord } from '../lookup-inputs'

/**
 * Turns a plan step into the connector's LookupQuery (src/main/connectors/connector.ts): values
 * from the typed identifier, or from the records a pivot's `fromStep` found, carried through the
 * step's lineage transform. Pure; values never leave main's memory.
 */

/** Values of one query and, for pivots, which found records each value came from. */
export interface StepValues {
  values: Array<string | number>
  match: StepMatch
  /** Normalised value (under `match`) -> ids of the records it was derived from. */
  origins: Map<string, Set<string>>
}

/** The most values one pivot query carries: a pivot fanning out wider is cut (and says so). */
export const MAX_PIVOT_VALUES = 500

/** `after.Email` from `kafka://events/crm.dbo.Customer#after.Email` or from a bare path. */
export function fieldPathOf(fieldOrUrn: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(fieldOrUrn)) return fieldOrUrn
  return parseUrn(fieldOrUrn).field ?? ''
}

/** Values of `fromField` in a record: arrays (`customerIds[]`) give one value each. */
export function valuesAt(record: Pick<RawRecord, 'values'>, fieldPath: string): unknown[] {
  const raw = record.values[fieldPath]
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw]
  return list.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint')
}

/**
 * The comparison a connector can run for an inversion's modes. StepMatch has no
 * space-insensitive mode: `trimmed` is the nearest, and the merge re-checks nothing it was not
 * given, so a postcode written without its space is missed there (see the report of issue 7).
 */
export function stepMatchFor(modes: readonly MatchMode[]): StepMatch {
  if (modes.includes('digits-only')) return 'digits-only'
  if (modes.includes('case-insensitive')) return 'case-insensitive'
  return 'trimmed'
}

/** How a value is compared once found, so that hits can be traced to the value that found them. */
export function normaliseFor(match: StepMatch, value: unknown): string {
  const text = String(value)
  switch (match) {
    case 'digits-only':
      return normalise(text, ['digits-only'])
    case 'case-insensitive':
      return normalise(text, ['trimmed', 'case-insensitive'])
    case 'trimmed':
      return text.trim()
    default:
      return text
  }
}

const INTEGER = /^(0|[1-9]\d{0,15})$/

/** A digits-only canonical may sit in an integer column or a string field: send both. */
function withNumber(values: string[]): Array<string | number> {
  const out: Array<string | number> = []
  for (const v of values) {
    out.push(v)
    if (INTEGER.test(v) && Number.isSafeInteger(Number(v))) out.push(Number(v))
  }
  return [...new Set(out)]
}

/** The part of a compound identifier its start fields hold (plan/identifier-fields.ts). */
const SELECTIVE_PART: Partial<Record<RecognisedIdentifier['kind'], string>> = {
  'name-postcode': 'postcode',
  'name-dob': 'dateOfBirth',
  'card-last4-expiry': 'last4',
  'bank-account': 'accountNumber',
  'postal-address': 'postcode',
}

/** The typed identifier as a step's values: canonical and exact forms, or their SHA-256s. */
export function identifierValues(
  step: LookupPlanStep,
  identifier: RecognisedIdentifier,
): StepValues {
  if (step.match === 'sha256-of') {
    // The hash is computed here, so the connector compares exact hex strings.
    return { values: sha256Forms(identifier), match: 'equals', origins: new Map() }
  }
  const part = SELECTIVE_PART[identifier.kind]
  if (part !== undefined) {
    // Compound kinds start from their most selective part; the merger ranks on the rest.
    const value = identifier.parts[part]
    // Stores hold postcodes as typed (`OX40HW`) and dates in their system's format (a legacy
    // `29/11/2005`): the canonical form's common spellings too.
    const values = !value
      ? []
      : part === 'postcode'
        ? postcodeForms(value)
        : part === 'dateOfBirth'
          ? dateForms(value)
          : [value]
    return { values: withNumber(values), match: step.match, origins: new Map() }
  }
  return { values: withNumber(identifierForms(identifier)), match: step.match, origins: new Map() }
}

/** A canonical postcode (`OX4 0HW`) as stores hold it: with one space, none or two. */
export function postcodeForms(canonical: string): string[] {
  if (!canonical.includes(' ')) return [canonical]
  return [canonical, canonical.replace(' ', ''), canonical.replace(' ', '  ')]
}

/** An ISO date (`2005-11-29`) as systems write it: ISO, `29/11/2005`, `20051129`. */
export function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return [iso]
  const [, y, mo, d] = m
  return [iso, `${d}/${mo}/${y}`, `${y}${mo}${d}`]
}

/** The canonical and every written form of an identifier; for phones, every common spelling. */
function identifierForms(identifier: RecognisedIdentifier): string[] {
  const forms = [identifier.canonical, ...identifier.forms]
  if (identifier.kind === 'phone') {
    // Stores hold phones as typed (`0044 7123 456789`): every written form, compared as the step says.
    forms.push(...phoneForms(identifier.canonical, identifier.parts.region ?? 'GB'))
  }
  return [...new Set(forms)]
}

/**
 * A category pivot's found value read again as an identifier of `kind` (`42` -> `42`,
 * `C00000042`); none when it is not a well-formed one.
 */
function asIdentifierForms(value: string | number, kind: IdentifierKind): Array<string | number> {
  try {
    return withNumber(identifierForms(recogniseIdentifier(String(value), { kinds: [kind] }).best))
  } catch {
    // A value that is not an identifier of the kind (a free-text ref) asks for nothing.
    return []
  }
}

/**
 * A pivot's values: every value of `fromField` in the records `fromStep` found, applied through
 * the step's transform (downstream) or inverted (upstream). Exact inversions give exact values;
 * match inversions give candidates with the connector's nearest match mode.
 */
export function pivotValues(
  step: LookupPlanStep,
  fromRecords: readonly RawRecord[],
): StepValues & { truncated: boolean } {
  if (step.input.kind !== 'pivot') throw new Error(`Step ${step.id} is not a pivot`)
  const { fromField, transform, inverted, as } = step.input
  const path = fieldPathOf(fromField)
  const derived: Array<{ value: string | number; recordId: string }> = []
  const modes = new Set<MatchMode>()
  for (const record of fromRecords) {
    for (const value of valuesAt(record, path)) {
      const scalar = typeof value === 'bigint' ? value.toString() : (value as string | number)
      const values = as ? asIdentifierForms(scalar, as) : derive(scalar, transform, inverted, modes)
      for (const v of values) {
        derived.push({ value: v, recordId: record.id })
      }
    }
  }
  let match: StepMatch =
    modes.size > 0 ? stepMatchFor([...modes]) : step.match === 'sha256-of' ? 'equals' : step.match
  // A match inversion's candidates are compared under its modes whatever the plan guessed.
  if (modes.size === 0 && transform && !inverted) match = 'equals'
  const origins = new Map<string, Set<string>>()
  const values: Array<string | number> = []
  const seen = new Set<string>()
  let truncated = false
  for (const { value, recordId } of derived) {
    const key = normaliseFor(match, value)
    let set = origins.get(key)
    if (!set) origins.set(key, (set = new Set()))
    set.add(recordId)
    const exactKey = `${typeof value}:${value}`
    if (seen.has(exactKey)) continue
    if (values.length >= MAX_PIVOT_VALUES) {
      truncated = true
      continue
    }
    seen.add(exactKey)
    values.push(value)
  }
  return { values, match, origins, truncated }
}

function derive(
  value: string | number,
  transform: TransformSpec | undefined,
  inverted: boolean,
  modes: Set<MatchMode>,
): Array<string | number> {
  if (!transform) return [value]
  if (inverted) {
    const inversion: Inversion | undefined = invertTransform(transform, value)
    if (!inversion) return []
    if (inversion.kind === 'match') inversion.modes.forEach((m) => modes.add(m))
    return inversion.candidates
  }
  try {
    const out = applyTransform(transform, value)
    return typeof out === 'string' || typeof out === 'number' ? [out] : []
  } catch {
    // Aggregates cannot be applied to one value: nothing to pivot on.
    return []
  }
}

/** The step as the connector's query. */
export function buildLookupQuery(
  step: LookupPlanStep,
  values: StepValues,
  limits: { rowCap: number; timeoutMs: number },
): LookupQuery {
  const query: LookupQuery = {
    assetPath: parseUrn(step.assetUrn).path,
    fieldPath: fieldPathOf(step.fieldUrn),
    values: values.values,
    match: values.match,
    rowCap: limits.rowCap,
    timeoutMs: limits.timeoutMs,
  }
  if (step.access === 'partition' && step.partition !== undefined) query.partition = step.partition
  return query
}

/** Which records a hit was reached from: those whose derived value it holds. */
export function originsOfHit(
  hit: Pick<RawRecord, 'values'>,
  fieldPath: string,
  values: StepValues,
): string[] {
  const out = new Set<string>()
  for (const v of valuesAt(hit, fieldPath)) {
    values.origins.get(normaliseFor(values.match, v))?.forEach((id) => out.add(id))
  }
  return [...out]
}

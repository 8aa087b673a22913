import { isSupportedCountry, type CountryCode } from 'libphonenumber-js'
import { z } from 'zod'
import type { TransformSpec } from '../../model/lineage'

/**
 * Validation of TransformSpec values (DESIGN.md §4) and the YAML shorthand people write in
 * catalog/lineage/: a bare string (`lower-case`), a list meaning a chain (`[trim, lower-case]`),
 * or an object (`{type: e164, region: GB}`).
 */

const region = z.string().refine((r) => isSupportedCountry(r as CountryCode), {
  message: 'region is an ISO 3166 country code libphonenumber knows, such as GB',
})
const fieldName = z.string().min(1, 'a field name is not empty')

const leaf = [
  z.strictObject({ type: z.literal('identity') }),
  z.strictObject({ type: z.literal('trim') }),
  z.strictObject({ type: z.literal('lower-case') }),
  z.strictObject({ type: z.literal('upper-case') }),
  z.strictObject({ type: z.literal('collapse-whitespace') }),
  z.strictObject({ type: z.literal('e164'), region }),
  z.strictObject({
    type: z.literal('prefix-pad'),
    prefix: z.string(),
    width: z.number().int().min(1).max(64),
  }),
  z.strictObject({ type: z.literal('sha256') }),
  z.strictObject({ type: z.literal('hmac-sha256'), keyRef: z.string().min(1) }),
  z.strictObject({ type: z.literal('epoch-days-to-date'), format: z.literal('YYYY-MM-DD') }),
  z.strictObject({ type: z.literal('postcode-format') }),
  z.strictObject({
    type: z.literal('concat'),
    fields: z.array(fieldName).min(2, 'a concatenation joins at least two fields'),
    separator: z.string(),
  }),
  z.strictObject({
    type: z.literal('aggregate'),
    fn: z.enum(['count', 'sum', 'max', 'min', 'avg']),
    groupBy: fieldName,
  }),
  z.strictObject({ type: z.literal('latest'), orderBy: fieldName, groupBy: fieldName }),
  z.strictObject({ type: z.literal('rename'), from: fieldName, to: fieldName }),
] as const

/** A canonical TransformSpec (objects all the way down: chains hold `steps`). */
export const transformSchema: z.ZodType<TransformSpec> = z.lazy(() =>
  z.discriminatedUnion('type', [
    ...leaf,
    z.strictObject({
      type: z.literal('chain'),
      steps: z.array(transformSchema).min(1, 'a chain has at least one step'),
    }),
  ]),
) as z.ZodType<TransformSpec>

/** Every transform type, for messages and editors. */
export const TRANSFORM_TYPES = [
  'identity',
  'trim',
  'lower-case',
  'upper-case',
  'collapse-whitespace',
  'e164',
  'prefix-pad',
  'sha256',
  'hmac-sha256',
  'epoch-days-to-date',
  'postcode-format',
  'concat',
  'aggregate',
  'latest',
  'rename',
  'chain',
] as const satisfies readonly TransformSpec['type'][]

/** Types a bare string may name: no parameters, or only defaulted ones. */
const BARE: Record<string, TransformSpec> = {
  identity: { type: 'identity' },
  trim: { type: 'trim' },
  'lower-case': { type: 'lower-case' },
  'upper-case': { type: 'upper-case' },
  'collapse-whitespace': { type: 'collapse-whitespace' },
  sha256: { type: 'sha256' },
  'postcode-format': { type: 'postcode-format' },
  'epoch-days-to-date': { type: 'epoch-days-to-date', format: 'YYYY-MM-DD' },
}

export type ShorthandResult =
  | { ok: true; spec: TransformSpec }
  /** `path` locates the problem inside the shorthand (list indexes, object keys). */
  | { ok: false; message: string; path: Array<string | number> }

/**
 * Parses the YAML shorthand into a canonical TransformSpec. A one-element list is its element;
 * a chain's steps may themselves be shorthand; an object may omit `format` for
 * `epoch-days-to-date`.
 */
export function parseTransformShorthand(raw: unknown): ShorthandResult {
  return parseAt(raw, [])
}

function parseAt(raw: unknown, at: Array<string | number>): ShorthandResult {
  if (typeof raw === 'string') {
    const bare = BARE[raw]
    if (bare) return { ok: true, spec: bare }
    const known = (TRANSFORM_TYPES as readonly string[]).includes(raw)
    return {
      ok: false,
      path: at,
      message: known
        ? `"${raw}" needs parameters: write it as an object, e.g. ${example(raw)}`
        : `unknown transform "${raw}" (one of ${TRANSFORM_TYPES.join(', ')})`,
    }
  }
  if (Array.isArray(raw)) {
    if (raw.length === 0) return { ok: false, path: at, message: 'an empty list is not a chain' }
    const steps: TransformSpec[] = []
    for (const [index, item] of raw.entries()) {
      const step = parseAt(item, [...at, index])
      if (!step.ok) return step
      steps.push(step.spec)
    }
    return { ok: true, spec: steps.length === 1 ? steps[0]! : { type: 'chain', steps } }
  }
  if (raw !== null && typeof raw === 'object') {
    const obj = { ...(raw as Record<string, unknown>) }
    if (obj.type === 'epoch-days-to-date' && obj.format === undefined) obj.format = 'YYYY-MM-DD'
    if (obj.type === 'chain' && Array.isArray(obj.steps)) {
      const inner = parseAt(obj.steps, [...at, 'steps'])
      if (!inner.ok) return inner
      const rest = Object.keys(obj).filter((k) => k !== 'type' && k !== 'steps')
      if (rest.length > 0)
        return { ok: false, path: [...at, rest[0]!], message: `unknown key "${rest[0]}"` }
      const spec = inner.spec
      return { ok: true, spec: spec.type === 'chain' ? spec : { type: 'chain', steps: [spec] } }
    }
    if (typeof obj.type !== 'string')
      return { ok: false, path: [...at, 'type'], message: 'a transform object needs a `type`' }
    if (!(TRANSFORM_TYPES as readonly string[]).includes(obj.type))
      return {
        ok: false,
        path: [...at, 'type'],
        message: `unknown transform "${obj.type}" (one of ${TRANSFORM_TYPES.join(', ')})`,
      }
    const type = obj.type
    const parsed = transformSchema.safeParse(obj)
    if (parsed.success) return { ok: true, spec: parsed.data }
    const issue = parsed.error.issues[0]!
    const key = issue.path.map((p) => (typeof p === 'number' ? p : String(p)))
    const missing = issue.code === 'invalid_type' && obj[String(key.at(-1))] === undefined
    return {
      ok: false,
      path: [...at, ...key],
      message: missing ? `${type} needs \`${key.join('.')}\`` : issue.message,
    }
  }
  return {
    ok: false,
    path: at,
    message: 'a transform is a name, a list (a chain) or an object with a type',
  }
}

function example(type: string): string {
  switch (type) {
    case 'e164':
      return '{type: e164, region: GB}'
    case 'prefix-pad':
      return '{type: prefix-pad, prefix: C, width: 8}'
    case 'hmac-sha256':
      return '{type: hmac-sha256, keyRef: analytics-key}'
    default:
      return `{type: ${type}, ...}`
  }
}

/** The shortest shorthand for a spec: what the app writes back to YAML. */
export function toTransformShorthand(spec: TransformSpec): unknown {
  if (spec.type === 'chain') {
    const steps = spec.steps.map(toTransformShorthand)
    // A one-element list reads as its element: a one-step chain keeps its object form.
    return steps.length === 1 ? { type: 'chain', steps } : steps
  }
  if (Object.keys(spec).length === 1) return spec.type
  if (spec.type === 'epoch-days-to-date') return spec.type
  return { ...spec }
}

import type { DeclaredField, FlattenOptions, FlattenResult } from './avro-fields'

type Schema = Record<string, unknown>

/**
 * Flattens a JSON Schema's properties into dotted paths (pure). Objects recurse, arrays of
 * objects as `name[].child`, local `$ref`s (`#/definitions/X`, `#/$defs/X`) are followed once per
 * branch. `nullable` means "may be null or absent": the type allows null or the property is not
 * in its object's `required`.
 */
export function flattenJsonSchema(schema: unknown, opts: FlattenOptions = {}): FlattenResult {
  const root = (typeof schema === 'string' ? JSON.parse(schema) : schema) as Schema
  const maxDepth = opts.maxDepth ?? 32
  const maxFields = opts.maxFields ?? 5000
  const fields: DeclaredField[] = []
  const notes = new Set<string>()
  let dropped = 0

  const deref = (s: unknown, stack: string[]): { schema: Schema; stack: string[] } | undefined => {
    if (!isObj(s)) return undefined
    const ref = s.$ref
    if (typeof ref !== 'string') return { schema: s, stack }
    // A recursive reference is listed by name, not followed again.
    if (stack.includes(ref)) return { schema: { type: ref }, stack }
    const target = pointer(root, ref)
    if (!target) {
      notes.add(`Reference ${ref} is not in this schema: its fields are not listed.`)
      return { schema: { ...s, type: ref }, stack }
    }
    return deref(target, [...stack, ref])
  }

  /** The non-null branch of a oneOf/anyOf with a null branch; else the schema itself. */
  const unwrap = (
    s: Schema,
    stack: string[],
  ): { schema: Schema; nullable: boolean; stack: string[] } => {
    const branches = (
      Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined
    ) as unknown[] | undefined
    if (!branches) return { schema: s, nullable: false, stack }
    const nonNull = branches.filter((b) => !(isObj(b) && b.type === 'null'))
    const nullable = nonNull.length < branches.length
    if (nonNull.length === 1) {
      const d = deref(nonNull[0], stack)
      if (d) return { schema: d.schema, nullable, stack: d.stack }
    }
    return { schema: s, nullable, stack }
  }

  const typeText = (s: Schema): string => {
    const types = (Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]).filter(
      (t) => t !== 'null',
    )
    let base = types.map(String).join('|')
    if (!base && Array.isArray(s.enum)) base = 'enum'
    if (!base && (s.oneOf || s.anyOf)) {
      const branches = (s.oneOf ?? s.anyOf) as unknown[]
      base = `${s.oneOf ? 'oneOf' : 'anyOf'}<${branches
        .filter((b) => !(isObj(b) && b.type === 'null'))
        .map((b) => (isObj(b) ? typeText(b) : '?'))
        .join(',')}>`
    }
    if (!base && isObj(s.properties)) base = 'object'
    if (!base) base = 'any'
    if (base === 'array' && isObj(s.items))
      base = `array<${typeText(deref(s.items, [])?.schema ?? {})}>`
    if (typeof s.format === 'string') base += ` (${s.format})`
    if (Array.isArray(s.enum)) {
      const values = s.enum.map((v) => JSON.stringify(v)).join(', ')
      base += ` {${values.length > 200 ? `${values.slice(0, 200)}…` : values}}`
    }
    return base
  }

  const walk = (obj: Schema, prefix: string, depth: number, stack: string[]): void => {
    if (depth > maxDepth) {
      notes.add(`Nested deeper than ${maxDepth} levels: deeper fields are not listed.`)
      return
    }
    const props = isObj(obj.properties) ? obj.properties : {}
    const required = new Set(Array.isArray(obj.required) ? obj.required.map(String) : [])
    for (const [name, raw] of Object.entries(props)) {
      const d = deref(raw, stack)
      if (!d) continue
      const u = unwrap(d.schema, d.stack)
      const s = u.schema
      const path = prefix ? `${prefix}.${name}` : name
      if (fields.length >= maxFields) {
        dropped++
        continue
      }
      const types = Array.isArray(s.type) ? s.type : [s.type]
      const field: DeclaredField = {
        path,
        name,
        declaredType: typeText(s),
        nullable: u.nullable || types.includes('null') || !required.has(name),
      }
      if ('default' in s) field.default = JSON.stringify(s.default)
      const description = s.description ?? (isObj(raw) ? raw.description : undefined)
      if (typeof description === 'string' && description !== '') field.description = description
      fields.push(field)
      descend(s, path, depth, u.stack)
    }
  }

  const descend = (s: Schema, path: string, depth: number, stack: string[]): void => {
    if (isObj(s.properties)) walk(s, path, depth + 1, stack)
    else if (isObj(s.items)) {
      const d = deref(s.items, stack)
      if (d) {
        const u = unwrap(d.schema, d.stack)
        descend(u.schema, `${path}[]`, depth, u.stack)
      }
    }
  }

  const top = deref(root, [])
  const start = top ? unwrap(top.schema, top.stack) : undefined
  if (start) descend(start.schema, '', 0, start.stack)
  if (dropped > 0)
    notes.add(`${dropped} more fields beyond the cap of ${maxFields} are not listed.`)
  return { fields, rootType: start ? typeText(start.schema) : 'any', notes: [...notes] }
}

/** A local JSON pointer (`#/definitions/X`); remote refs are not followed. */
function pointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const part of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')
    node = isObj(node) ? node[key] : undefined
  }
  return isObj(node) ? node : undefined
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

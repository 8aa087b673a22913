/**
 * Declared schemas -> flat field lists (pure; shared by the registry crawl and, later, the Kafka
 * crawl for Avro topics). Paths are dotted, array elements as `[]` (`lines[].sku`), as in
 * CatalogField. A record-typed field is listed itself and then its children.
 */

/** A field of a declared schema, before it gets its URN. */
export interface DeclaredField {
  path: string
  name: string
  /** The type as text: `long`, `long (timestamp-millis)`, `array<string>`, `record a.b.Address`. */
  declaredType: string
  nullable: boolean
  /** JSON text of the declared default. */
  default?: string
  description?: string
}

export interface FlattenResult {
  fields: DeclaredField[]
  /** The root type as text (a key subject is often just `string`). */
  rootType: string
  /** Why the list is incomplete: depth or size caps, unresolved named types. */
  notes: string[]
}

export interface FlattenOptions {
  /** Default 32. */
  maxDepth?: number
  /** Default 5000. */
  maxFields?: number
}

type Avro = unknown

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'])

/** Flattens an Avro schema (parsed JSON or its text). Throws on text that is not JSON. */
export function flattenAvro(schema: Avro | string, opts: FlattenOptions = {}): FlattenResult {
  const root: Avro = typeof schema === 'string' ? (JSON.parse(schema) as Avro) : schema
  const maxDepth = opts.maxDepth ?? 32
  const maxFields = opts.maxFields ?? 5000
  const named = new Map<string, Record<string, unknown>>()
  const fields: DeclaredField[] = []
  const seen = new Set<string>()
  const notes = new Set<string>()
  let dropped = 0

  /** Registers named types (record, enum, fixed) wherever they are defined, so references resolve. */
  const register = (t: Avro, ns: string | undefined): void => {
    if (Array.isArray(t)) return t.forEach((b) => register(b, ns))
    if (!isObj(t)) return
    const type = t.type
    if (type === 'record' || type === 'error' || type === 'enum' || type === 'fixed') {
      const full = fullName(t, ns)
      if (named.has(full)) return
      named.set(full, t)
      const innerNs = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined
      if (Array.isArray(t.fields)) for (const f of t.fields) if (isObj(f)) register(f.type, innerNs)
      return
    }
    if (type === 'array') register(t.items, ns)
    else if (type === 'map') register(t.values, ns)
    else if (isObj(type) || Array.isArray(type)) register(type, ns)
  }

  const resolve = (t: Avro, ns: string | undefined): Avro => {
    if (typeof t !== 'string' || PRIMITIVES.has(t)) return t
    return named.get(t) ?? (ns ? named.get(`${ns}.${t}`) : undefined) ?? t
  }

  const text = (t: Avro, ns: string | undefined): string => {
    const r = resolve(t, ns)
    if (typeof r === 'string') return r
    if (Array.isArray(r)) {
      const branches = r.filter((b) => b !== 'null')
      const inner = branches.map((b) => text(b, ns))
      return inner.length === 1 ? inner[0]! : `union<${inner.join(',')}>`
    }
    if (!isObj(r)) return 'unknown'
    const type = r.type
    if (typeof r.logicalType === 'string') {
      const params =
        r.logicalType === 'decimal' ? `(${String(r.precision ?? '?')},${String(r.scale ?? 0)})` : ''
      return `${text(type, ns)} (${r.logicalType}${params})`
    }
    if (type === 'record' || type === 'error') return `record ${fullName(r, ns)}`
    if (type === 'enum') {
      const symbols = Array.isArray(r.symbols) ? r.symbols.join(', ') : ''
      return `enum ${fullName(r, ns)} {${symbols.length > 200 ? `${symbols.slice(0, 200)}…` : symbols}}`
    }
    if (type === 'fixed') return `fixed ${fullName(r, ns)}(${String(r.size ?? '?')})`
    if (type === 'array') return `array<${text(r.items, ns)}>`
    if (type === 'map') return `map<${text(r.values, ns)}>`
    return text(type, ns)
  }

  /** The record(s) a type leads into, through nullable unions and arrays (with the path suffix). */
  const children = (
    t: Avro,
    ns: string | undefined,
    stack: string[],
  ): Array<{ record: Record<string, unknown>; suffix: string }> => {
    const r = resolve(t, ns)
    if (Array.isArray(r)) return r.flatMap((b) => children(b, ns, stack))
    if (!isObj(r)) return []
    if (r.type === 'record' || r.type === 'error') {
      // A recursive type (a linked list) is listed once, not followed forever.
      return stack.includes(fullName(r, ns)) ? [] : [{ record: r, suffix: '' }]
    }
    if (r.type === 'array')
      return children(r.items, ns, stack).map((c) => ({ ...c, suffix: `[]${c.suffix}` }))
    if (isObj(r.type) || Array.isArray(r.type)) return children(r.type, ns, stack)
    return []
  }

  const walk = (
    record: Record<string, unknown>,
    prefix: string,
    ns: string | undefined,
    depth: number,
    stack: string[],
  ): void => {
    const full = fullName(record, ns)
    const innerNs = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : ns
    if (depth > maxDepth) {
      notes.add(`Nested deeper than ${maxDepth} levels: deeper fields are not listed.`)
      return
    }
    for (const f of Array.isArray(record.fields) ? record.fields : []) {
      if (!isObj(f) || typeof f.name !== 'string') continue
      const path = prefix ? `${prefix}.${f.name}` : f.name
      if (fields.length >= maxFields) {
        dropped++
        continue
      }
      if (!seen.has(path)) {
        seen.add(path)
        const field: DeclaredField = {
          path,
          name: f.name,
          declaredType: text(f.type, innerNs),
          nullable: allowsNull(resolve(f.type, innerNs)),
        }
        if ('default' in f) field.default = JSON.stringify(f.default)
        if (typeof f.doc === 'string' && f.doc !== '') field.description = f.doc
        const unresolved = unresolvedName(f.type, innerNs, resolve)
        if (unresolved)
          notes.add(
            `Type ${unresolved} is defined elsewhere (a schema reference): its fields are not listed.`,
          )
        fields.push(field)
      }
      for (const c of children(f.type, innerNs, [...stack, full]))
        walk(c.record, `${path}${c.suffix}`, innerNs, depth + 1, [...stack, full])
    }
  }

  register(root, undefined)
  const top = resolve(root, undefined)
  const records = children(top, undefined, [])
  for (const c of records) walk(c.record, c.suffix ? c.suffix : '', undefined, 1, [])
  if (dropped > 0)
    notes.add(`${dropped} more fields beyond the cap of ${maxFields} are not listed.`)
  return { fields, rootType: text(top, undefined), notes: [...notes] }
}

function allowsNull(t: Avro): boolean {
  return t === 'null' || (Array.isArray(t) && t.includes('null'))
}

function unresolvedName(
  t: Avro,
  ns: string | undefined,
  resolve: (t: Avro, ns: string | undefined) => Avro,
): string | undefined {
  const branches = Array.isArray(t) ? t : [t]
  for (const b of branches) {
    if (typeof b === 'string' && !PRIMITIVES.has(b) && resolve(b, ns) === b) return b
  }
  return undefined
}

function fullName(t: Record<string, unknown>, ns: string | undefined): string {
  const name = String(t.name ?? '')
  if (name.includes('.')) return name
  const space = typeof t.namespace === 'string' && t.namespace !== '' ? t.namespace : ns
  return space ? `${space}.${name}` : name
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

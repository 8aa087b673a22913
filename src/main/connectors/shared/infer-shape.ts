import type { CatalogField, FieldTypeCount, ObservedType } from '../../../shared/model/catalog'

/**
 * Incremental shape inference over JSON-like documents: MongoDB documents and decoded Kafka
 * payloads share it. Paths are dotted, array elements as `[]` (`addresses[].postcode`).
 *
 * CONTRACT (issue 4) — implemented by the MongoDB crawl work; the Kafka crawl uses it too.
 */
export interface InferredPath {
  path: string
  /** Observed types, most frequent first. */
  types: FieldTypeCount[]
  /** Documents in which the path existed at least once ("seen in k of N"). */
  seen: number
}

export interface ShapeInferrerOptions {
  /** Distinct paths kept; beyond it new paths are counted in `truncated.paths`, not kept. Default 5000. */
  maxPaths?: number
  /** Nesting depth followed; deeper values are typed `object`/`array` and counted. Default 32. */
  maxDepth?: number
  /** Raw scalar values kept per path for the pipeline (in memory only). Default 100. 0 keeps none. */
  maxValuesPerPath?: number
  /**
   * Longer kept strings are cut to this many characters (a 16 MB string is no better an example
   * than its first few kilobytes, and raw values stay in memory). Default 4096.
   */
  maxValueLength?: number
}

export interface ShapeInferrer {
  add(doc: Record<string, unknown>): void
  /** Documents added. */
  readonly documents: number
  /** Distinct paths seen so far (for adaptive sampling: stop when this stops growing). */
  readonly pathCount: number
  /**
   * `paths`: distinct paths dropped because maxPaths was reached (exact up to 100 000 distinct
   * dropped paths, a lower bound beyond; paths under a dropped one are not walked, so not counted).
   * `depth`: objects/arrays not walked because they lay deeper than maxDepth (occurrences).
   */
  readonly truncated: { paths: number; depth: number; arrayItems: number }
  /** Paths in document order of first appearance. */
  paths(): InferredPath[]
  /** Raw scalar values by path (dates as ISO strings, binary as base64). In memory only. */
  values(): Map<string, unknown[]>
}

export const DEFAULT_MAX_PATHS = 5000
export const DEFAULT_MAX_DEPTH = 32
export const DEFAULT_MAX_VALUES_PER_PATH = 100
export const DEFAULT_MAX_VALUE_LENGTH = 4096
/** Recursion is bounded by maxDepth; this bounds maxDepth itself so no caller can blow the stack. */
const HARD_MAX_DEPTH = 256
/** Dropped path names remembered for an exact `truncated.paths`; beyond it the count is a floor. */
const MAX_DROPPED_TRACKED = 100_000

// Type ids index a per-path counter array: no per-value allocation on the hot path.
const T_STRING = 0
const T_NUMBER = 1
const T_INT = 2
const T_LONG = 3
const T_DECIMAL = 4
const T_BOOLEAN = 5
const T_DATE = 6
const T_OBJECT_ID = 7
const T_BINARY = 8
const T_OBJECT = 9
const T_ARRAY = 10
/** Elements of one array walked; the rest are counted in `truncated.arrayItems`. */
export const MAX_ARRAY_ITEMS = 1000
const T_NULL = 11
const T_UNDEFINED = 12
const T_OTHER = 13
const TYPE_NAMES: readonly ObservedType[] = [
  'string',
  'number',
  'int',
  'long',
  'decimal',
  'boolean',
  'date',
  'objectId',
  'binary',
  'object',
  'array',
  'null',
  'undefined',
  'other',
]
const TYPE_COUNT = TYPE_NAMES.length

/** `_bsontype` of the bson classes (a prototype getter) -> type id. */
const BSON_TYPES: Record<string, number> = {
  ObjectId: T_OBJECT_ID,
  ObjectID: T_OBJECT_ID,
  Decimal128: T_DECIMAL,
  Long: T_LONG,
  Int32: T_INT,
  Double: T_NUMBER,
  Binary: T_BINARY,
}

interface PathNode {
  path: string
  counts: number[]
  seen: number
  /** Number of the last document this path was seen in: counts `seen` once per document. */
  lastDoc: number
  /** Object members, created on first sight; the child's path string is built once, here. */
  children: Map<string, PathNode> | undefined
  /** Array elements (`path[]`). */
  items: PathNode | undefined
  values: unknown[] | undefined
}

/** The observed type of one value (BSON classes recognised by `_bsontype`). */
export function observedTypeOf(value: unknown): ObservedType {
  return TYPE_NAMES[typeIdOf(value)]!
}

function typeIdOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return T_STRING
    case 'number':
      return T_NUMBER
    case 'boolean':
      return T_BOOLEAN
    case 'undefined':
      return T_UNDEFINED
    case 'bigint':
      return T_LONG
    case 'object': {
      if (value === null) return T_NULL
      if (Array.isArray(value)) return T_ARRAY
      if (value instanceof Date) return T_DATE
      const bsonType = (value as { _bsontype?: unknown })._bsontype
      if (bsonType !== undefined) return BSON_TYPES[bsonType as string] ?? T_OTHER
      if (value instanceof Uint8Array) return T_BINARY
      const proto: unknown = Object.getPrototypeOf(value)
      return proto === Object.prototype || proto === null ? T_OBJECT : T_OTHER
    }
    default:
      return T_OTHER
  }
}

/**
 * A scalar as the pipeline may keep it: strings, numbers, booleans, null; dates as ISO strings,
 * binary as base64, ObjectId/Decimal128 as strings, Long as a number when exact (else a string).
 * Undefined for objects and arrays, which are not values.
 */
export function scalarValue(value: unknown): unknown {
  return toScalar(value, typeIdOf(value))
}

function toScalar(value: unknown, type: number): unknown {
  switch (type) {
    case T_STRING:
    case T_BOOLEAN:
    case T_NULL:
      return value
    case T_NUMBER:
    case T_INT:
      return typeof value === 'number' ? value : Number((value as { valueOf(): number }).valueOf())
    case T_LONG: {
      const big =
        typeof value === 'bigint' ? value : BigInt((value as { toString(): string }).toString())
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(big)
        : big.toString()
    }
    case T_DATE: {
      const time = (value as Date).getTime()
      return Number.isNaN(time) ? null : (value as Date).toISOString()
    }
    case T_OBJECT_ID:
    case T_DECIMAL:
      return (value as { toString(): string }).toString()
    case T_BINARY: {
      if (value instanceof Uint8Array) return Buffer.from(value).toString('base64')
      return (value as { toString(encoding: string): string }).toString('base64')
    }
    default:
      return undefined
  }
}

function newNode(path: string): PathNode {
  return {
    path,
    counts: new Array<number>(TYPE_COUNT).fill(0),
    seen: 0,
    lastDoc: -1,
    children: undefined,
    items: undefined,
    values: undefined,
  }
}

/**
 * A single-pass inferrer: one walk per document, one Map lookup per member, path strings built
 * once per distinct path. Bounded in paths, depth and values kept.
 */
export function createShapeInferrer(opts: ShapeInferrerOptions = {}): ShapeInferrer {
  const maxPaths = Math.max(0, opts.maxPaths ?? DEFAULT_MAX_PATHS)
  const maxDepth = Math.min(Math.max(1, opts.maxDepth ?? DEFAULT_MAX_DEPTH), HARD_MAX_DEPTH)
  const maxValues = Math.max(0, opts.maxValuesPerPath ?? DEFAULT_MAX_VALUES_PER_PATH)
  const maxLength = Math.max(1, opts.maxValueLength ?? DEFAULT_MAX_VALUE_LENGTH)
  const root = newNode('')
  const order: PathNode[] = []
  const truncated = { paths: 0, depth: 0, arrayItems: 0 }
  const dropped = new Set<string>()
  let docNo = -1

  function drop(path: string): void {
    if (dropped.size >= MAX_DROPPED_TRACKED) return
    if (!dropped.has(path)) {
      dropped.add(path)
      truncated.paths++
    }
  }

  function memberOf(parent: PathNode, key: string): PathNode | undefined {
    let children = parent.children
    if (children === undefined) children = parent.children = new Map()
    const found = children.get(key)
    if (found !== undefined) return found
    const path = parent === root ? key : `${parent.path}.${key}`
    if (order.length >= maxPaths) {
      drop(path)
      return undefined
    }
    const node = newNode(path)
    children.set(key, node)
    order.push(node)
    return node
  }

  function itemsOf(parent: PathNode): PathNode | undefined {
    if (parent.items !== undefined) return parent.items
    const path = `${parent.path}[]`
    if (order.length >= maxPaths) {
      drop(path)
      return undefined
    }
    const node = (parent.items = newNode(path))
    order.push(node)
    return node
  }

  function visit(node: PathNode, value: unknown, depth: number): void {
    if (node.lastDoc !== docNo) {
      node.lastDoc = docNo
      node.seen++
    }
    const type = typeIdOf(value)
    node.counts[type]!++
    if (type === T_OBJECT) {
      if (depth >= maxDepth) truncated.depth++
      else walkObject(node, value as Record<string, unknown>, depth + 1)
    } else if (type === T_ARRAY) {
      if (depth >= maxDepth) truncated.depth++
      else walkArray(node, value as unknown[], depth + 1)
    } else if (maxValues > 0) {
      let values = node.values
      if (values === undefined) values = node.values = []
      if (values.length < maxValues) {
        const scalar = toScalar(value, type)
        if (typeof scalar === 'string' && scalar.length > maxLength)
          values.push(scalar.slice(0, maxLength))
        else if (scalar !== undefined) values.push(scalar)
      }
    }
  }

  function walkObject(parent: PathNode, obj: Record<string, unknown>, depth: number): void {
    for (const key in obj) {
      const child = memberOf(parent, key)
      if (child !== undefined) visit(child, obj[key], depth)
    }
  }

  function walkArray(parent: PathNode, arr: unknown[], depth: number): void {
    if (arr.length === 0) return
    const items = itemsOf(parent)
    if (items === undefined) return
    // The first MAX_ARRAY_ITEMS elements say what the elements look like; a 100,000-id array
    // (a marketing segment) would otherwise cost more than the rest of the sample together.
    const n = Math.min(arr.length, MAX_ARRAY_ITEMS)
    for (let i = 0; i < n; i++) visit(items, arr[i], depth)
    truncated.arrayItems += arr.length - n
  }

  return {
    add(doc) {
      docNo++
      walkObject(root, doc, 1)
    },
    get documents() {
      return docNo + 1
    },
    get pathCount() {
      return order.length
    },
    truncated,
    paths() {
      return order.map((node) => ({
        path: node.path,
        types: typeCounts(node.counts),
        seen: node.seen,
      }))
    },
    values() {
      const out = new Map<string, unknown[]>()
      for (const node of order) if (node.values?.length) out.set(node.path, node.values.slice())
      return out
    },
  }
}

function typeCounts(counts: readonly number[]): FieldTypeCount[] {
  const out: FieldTypeCount[] = []
  for (let t = 0; t < TYPE_COUNT; t++) {
    const count = counts[t]!
    if (count > 0) out.push({ type: TYPE_NAMES[t]!, count })
  }
  // Stable sort: equal counts keep the fixed type order, so results are deterministic.
  return out.sort((a, b) => b.count - a.count)
}

/** Inferred paths as catalogue fields: presence, types, nullable (null seen or not always present). */
export function inferredFields(
  inferred: readonly InferredPath[],
  documents: number,
  urnOf: (path: string) => string,
): CatalogField[] {
  return inferred.map((p) => ({
    urn: urnOf(p.path),
    path: p.path,
    name: p.path.split('.').at(-1) ?? p.path,
    types: p.types,
    nullable: p.seen < documents || p.types.some((t) => t.type === 'null'),
    presence: { seen: p.seen, of: documents },
  }))
}

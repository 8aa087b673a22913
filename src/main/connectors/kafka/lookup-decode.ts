import { createHash } from 'node:crypto'
import type { StepMatch } from '../../../shared/model/lookup'
import type { RegistrySchemas } from './avro-decoder'
import { walkScalars } from './decode-message'
import type { RawRecord } from './kafka-client'
import { readPart } from './read-message'
import type { PartRead } from './topic-shape'

/**
 * A message as the lookup and its index see it: key and value decoded with the crawl's own
 * decoders (Debezium envelopes, Avro through the registry, JSON, text) and flattened to the
 * catalogue's field paths: `after.Email` in a CDC value, `key.CustomerId` in a Connect key,
 * `key` for a plain key, `value` for a plain value, `reasons[]` for array elements.
 * Raw values: main's memory only.
 */
export async function flattenRecord(
  record: Pick<RawRecord, 'key' | 'value'>,
  registry: RegistrySchemas,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  const key = await readPart(record.key, registry)
  const value = await readPart(record.value, registry)
  flattenPart(key.read, 'key', out)
  flattenPart(value.read, '', out)
  return out
}

/** Adds one decoded part's scalars to `out`; repeated paths (array elements) become arrays. */
export function flattenPart(read: PartRead, root: '' | 'key', out: Record<string, unknown>): void {
  const add = (path: string, scalar: unknown) => {
    if (!(path in out)) {
      out[path] = path.includes('[]') ? [scalar] : scalar
      return
    }
    const existing = out[path]
    if (Array.isArray(existing)) existing.push(scalar)
    else out[path] = [existing, scalar]
  }
  switch (read.kind) {
    case 'string':
      add(root || 'value', read.value)
      return
    case 'json':
    case 'declared': {
      const v = read.value
      const isObject =
        v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)
      walkScalars(v, isObject ? root : root || 'value', add)
      return
    }
    default:
      return
  }
}

/** The scalars at `path` in a flattened record (one, or each element of an array path). */
export function valuesAt(flat: Record<string, unknown>, path: string): unknown[] {
  if (!(path in flat)) return []
  const v = flat[path]
  return Array.isArray(v) ? v : [v]
}

/**
 * Whether a stored value matches one of the candidates under a step's match mode
 * (`case-insensitive` also ignores edge whitespace). `sha256-of`:
 * the candidates are plain values and the field holds their SHA-256 hex (clickstream's
 * `emailSha256`); a candidate that is already 64 hex digits is compared as a hash.
 */
export function matchesAny(
  stored: unknown,
  candidates: ReadonlyArray<string | number>,
  match: StepMatch,
): boolean {
  if (stored === null || stored === undefined) return false
  const s = typeof stored === 'string' ? stored : String(stored)
  for (const c of candidates) {
    const t = String(c)
    switch (match) {
      case 'equals':
        if (s === t) return true
        break
      case 'case-insensitive':
        // Stores pad identifiers (` Ann@x.com`); no identifier differs by edge whitespace alone.
        if (s.trim().toLowerCase() === t.trim().toLowerCase()) return true
        break
      case 'trimmed':
        if (s.trim() === t.trim()) return true
        break
      case 'digits-only':
        if (s.replace(/\D/g, '') !== '' && s.replace(/\D/g, '') === t.replace(/\D/g, ''))
          return true
        break
      case 'sha256-of': {
        const hash = /^[0-9a-f]{64}$/i.test(t)
          ? t.toLowerCase()
          : createHash('sha256').update(t, 'utf8').digest('hex')
        if (s.trim().toLowerCase() === hash) return true
        break
      }
    }
  }
  return false
}

/** Whether a catalogue path names a part of the key (`key`, `key.CustomerId`). */
export function isKeyPath(path: string): boolean {
  return path === 'key' || path.startsWith('key.') || path.startsWith('key[]')
}

/**
 * The scalars at one catalogue path of a decoded part, without flattening the whole message:
 * what the lookup index needs from a CDC envelope is two or three of its ~40 paths. Gives what
 * flattenPart + valuesAt would give for the same path.
 */
export function pickPath(read: PartRead, path: string): unknown[] {
  const key = isKeyPath(path)
  const rel = key ? path.slice(3).replace(/^\./, '') : path
  switch (read.kind) {
    case 'string':
      return rel === '' || rel === 'value' ? [read.value] : []
    case 'json':
    case 'declared': {
      const v = read.value
      const isObject =
        v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)
      if (!isObject) {
        // A scalar (or array) root is `key` / `value` (`value[]` for an array's elements).
        const scalarPath = key ? rel : rel.replace(/^value/, '')
        const out: unknown[] = []
        walkScalars(v, '', (p, s) => {
          if (p === scalarPath) out.push(s)
        })
        return out
      }
      const out: unknown[] = []
      collect(v, rel === '' ? [] : rel.split('.'), 0, out)
      return out
    }
    default:
      return []
  }
}

function collect(v: unknown, segs: readonly string[], i: number, out: unknown[]): void {
  if (i === segs.length) {
    if (v === null || v === undefined) {
      out.push(null)
      return
    }
    walkScalars(v, '', (p, s) => {
      if (p === '') out.push(s)
    })
    return
  }
  if (v === null || v === undefined || typeof v !== 'object' || Buffer.isBuffer(v)) return
  const seg = segs[i]!
  const array = seg.endsWith('[]')
  const name = array ? seg.slice(0, -2) : seg
  if (!(name in v)) return
  const next = (v as Record<string, unknown>)[name]
  if (!array) return collect(next, segs, i + 1, out)
  if (Array.isArray(next)) for (const item of next) collect(item, segs, i + 1, out)
}

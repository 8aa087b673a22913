import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isMap, isSeq, parseDocument, YAMLSeq, type Document, type YAMLMap } from 'yaml'
import { z } from 'zod'
import { ApiError } from '../../shared/api/errors'
import { SOURCE_KINDS } from '../../shared/model/sources'
import { isEnvRef } from './env-refs'

/** Written at the top of a sources.yaml the app creates; hand-written headers are kept. */
export const SOURCES_FILE_HEADER = `
 Sightline sources: the connections of this workspace (DESIGN.md §5). Edited by the app and by
 hand; unknown keys and comments are kept as far as possible.

 sources:
   - name: crm-prod            # logical name, unique; the URN authority (letters, digits, . _ -)
     kind: postgres            # sqlserver | postgres | kafka | kafka-connect | schema-registry | mongodb
     url: postgres://\${env:PG_HOST:-127.0.0.1}:5432/crm   # never holds a password
     username: reader          # optional; may use \${env:VAR}
     password: \${env:PG_PASSWORD}   # optional; ONLY an env reference, \${env:VAR} or \${env:VAR:-default}
     secret: keychain          # optional marker instead: the password was typed in and lives in the
                               # desktop keychain (keychain) or in a serve process's memory (memory)
     aliases: [127.0.0.1:5432] # host:port pairs, Debezium database.hostname, cluster ids...
     description: CRM primary
     options: { databases: crm,orders }   # kind-specific, non-secret

 Never write a password in clear here.`.slice(1)

const optionValue = z.union([z.string(), z.number(), z.boolean()])

/** One entry of sources.yaml as stored: secrets only as references or markers. */
export const SourceEntrySchema = z.looseObject({
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  url: z.string(),
  username: z.string().optional(),
  password: z
    .string()
    .refine(isEnvRef, {
      message: 'must be an env reference such as ${env:VAR}; a password is never written in clear',
    })
    .optional(),
  secret: z.enum(['keychain', 'memory']).optional(),
  aliases: z.array(z.string()).optional(),
  description: z.string().optional(),
  options: z.record(z.string(), optionValue).optional(),
})
export type SourceEntry = z.infer<typeof SourceEntrySchema>

const MANAGED_KEYS = [
  'name',
  'kind',
  'url',
  'username',
  'password',
  'secret',
  'aliases',
  'description',
  'options',
] as const

function fileError(file: string, message: string): ApiError {
  return new ApiError('bad-input', `${path.basename(file)}: ${message}`, { file })
}

/** Reads, validates and rewrites catalog/sources.yaml through the yaml Document API. */
export class SourcesFile {
  /**
   * The entries of the text last read: a lookup resolves its sources on every step (connector
   * pool, lookup-wiring.ts) and parsing the YAML each time was ~6 ms of CPU a lookup. Keyed by the
   * whole text, so any change to the file is seen at once.
   */
  private lastRead: { text: string; entries: SourceEntry[] } | undefined

  constructor(readonly file: string) {}

  private loadDocument(): Document.Parsed | undefined {
    if (!existsSync(this.file)) return undefined
    return this.parse(readFileSync(this.file, 'utf8'))
  }

  private parse(text: string): Document.Parsed {
    const doc = parseDocument(text, { prettyErrors: true })
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!
      const line = first.linePos?.[0]?.line
      // First line only: the rest quotes the offending line, which could hold a secret.
      const summary = first.message.split('\n')[0]!.replace(/:$/, '')
      throw fileError(this.file, `YAML syntax error${line ? ` at line ${line}` : ''}: ${summary}.`)
    }
    return doc
  }

  private entriesOf(doc: Document.Parsed | undefined): SourceEntry[] {
    if (!doc) return []
    const data: unknown = doc.toJS()
    if (data === null || data === undefined) return []
    const top = z.looseObject({ sources: z.array(z.unknown()).nullish() }).safeParse(data)
    if (!top.success) throw fileError(this.file, 'expected a top-level `sources:` list.')
    const entries: SourceEntry[] = []
    const seen = new Set<string>()
    ;(top.data.sources ?? []).forEach((raw, index) => {
      const parsed = SourceEntrySchema.safeParse(raw)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const where = ['sources', index, ...issue.path].join('.')
        // The message never quotes the offending value: it may be a password.
        throw fileError(this.file, `${where} ${issue.message}.`)
      }
      if (seen.has(parsed.data.name)) {
        throw fileError(this.file, `source name "${parsed.data.name}" appears twice.`)
      }
      seen.add(parsed.data.name)
      entries.push(parsed.data)
    })
    return entries
  }

  read(): SourceEntry[] {
    if (!existsSync(this.file)) return []
    const text = readFileSync(this.file, 'utf8')
    if (this.lastRead?.text !== text)
      this.lastRead = { text, entries: this.entriesOf(this.parse(text)) }
    // Copies: a caller may change what it was given.
    return structuredClone(this.lastRead.entries)
  }

  private sourcesSeq(doc: Document): YAMLSeq {
    const existing = doc.get('sources', true)
    if (isSeq(existing)) return existing
    const created = new YAMLSeq()
    doc.set('sources', created)
    return created
  }

  private indexOf(doc: Document, name: string): number {
    const seq = doc.get('sources', true)
    if (!isSeq(seq)) return -1
    return seq.items.findIndex((item) => isMap(item) && item.get('name') === name)
  }

  private save(doc: Document): void {
    mkdirSync(path.dirname(this.file), { recursive: true })
    const tmp = `${this.file}.${process.pid}.tmp`
    writeFileSync(tmp, doc.toString({ lineWidth: 0 }))
    renameSync(tmp, this.file)
  }

  private newDocument(): Document {
    const doc = parseDocument('sources: []\n')
    doc.commentBefore = SOURCES_FILE_HEADER
    return doc
  }

  private writeEntryInto(doc: Document, map: YAMLMap, entry: SourceEntry): void {
    for (const key of MANAGED_KEYS) {
      const value = entry[key]
      const empty =
        value === undefined ||
        (Array.isArray(value) && value.length === 0) ||
        (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      if (empty) map.delete(key)
      else if (map.get(key) !== value) map.set(key, doc.createNode(value))
    }
  }

  add(entry: SourceEntry): void {
    const doc = this.loadDocument() ?? this.newDocument()
    this.entriesOf(doc as Document.Parsed)
    if (this.indexOf(doc, entry.name) >= 0) {
      throw new ApiError('conflict', `A source named "${entry.name}" already exists.`, {
        field: 'name',
      })
    }
    const seq = this.sourcesSeq(doc)
    // `sources: []` parses as a flow sequence; entries read better as a block list.
    seq.flow = false
    const map = doc.createNode({}) as YAMLMap
    this.writeEntryInto(doc, map, entry)
    seq.items.push(map)
    this.save(doc)
  }

  /** Replaces the entry called `name`, keeping its unknown keys and comments. */
  replace(name: string, entry: SourceEntry): void {
    const doc = this.loadDocument()
    const index = doc ? this.indexOf(doc, name) : -1
    if (!doc || index < 0) throw new ApiError('not-found', `No source named "${name}".`)
    if (entry.name !== name && this.indexOf(doc, entry.name) >= 0) {
      throw new ApiError('conflict', `A source named "${entry.name}" already exists.`, {
        field: 'name',
      })
    }
    const seq = doc.get('sources', true)
    const map = isSeq(seq) ? seq.items[index] : undefined
    if (!isMap(map)) throw new ApiError('not-found', `No source named "${name}".`)
    this.writeEntryInto(doc, map, entry)
    this.save(doc)
  }

  remove(name: string): void {
    const doc = this.loadDocument()
    const index = doc ? this.indexOf(doc, name) : -1
    if (!doc || index < 0) throw new ApiError('not-found', `No source named "${name}".`)
    const seq = doc.get('sources', true)
    if (isSeq(seq)) seq.items.splice(index, 1)
    this.save(doc)
  }
}

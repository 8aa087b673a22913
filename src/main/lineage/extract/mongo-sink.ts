import { hostPorts } from './catalog-index'
import type { ConnectorRef } from './edge-writer'
import { emitRecord, type ExtractContext } from './emit-record'
import { isKeyPath, type FlowField, type FlowRecord } from './record-flow'
import { sinkInput } from './sink-topics'

export const MONGO_SINK_CLASS = 'com.mongodb.kafka.connect.MongoSinkConnector'

const FIELD_PATH_MAPPER = /\.FieldPathNamespaceMapper$/
const DEFAULT_MAPPER = /\.DefaultNamespaceMapper$/

/**
 * The MongoDB Kafka sink: topic -> `database`.`collection` (default: the topic's name), each
 * overridable per topic with `topic.override.<topic>.<prop>`. The FieldPathNamespaceMapper
 * picks the namespace from a field of each record: those edges are dynamic and go to the
 * catalogued collections the mapping could reach. Value fields land at the same path (identity)
 * unless a CDC handler unwraps Debezium / change-stream events; the document id strategy decides
 * whether the key feeds `_id`.
 */
export function extractMongoSink(ctx: ExtractContext, c: ConnectorRef): void {
  const { index, out } = ctx
  const cfg = c.config
  const input = sinkInput(ctx, c)
  if (!input) return
  const hosts = hostPorts(cfg['connection.uri'], 27017)
  const resolved = index.resolveByHost(['mongodb'], hosts, cfg.database)
  if (!resolved.source)
    return out.dangling(
      c,
      `writes to MongoDB at ${hosts.join(', ') || 'an unnamed host'}, which no mongodb source has.`,
    )
  const source = resolved.source
  for (const record of input.records) {
    const t = record.topic
    const opt = (name: string) => {
      const override = `topic.override.${t}.${name}`
      if (cfg[override] !== undefined) return { key: override, value: cfg[override]! }
      return cfg[name] !== undefined ? { key: name, value: cfg[name]! } : undefined
    }
    const db = opt('database')
    const coll = opt('collection')
    const mapper = opt('namespace.mapper')
    const mapped = mapDocument(record, opt)
    const notes = [...input.notes, ...(resolved.note ? [resolved.note] : [])]
    mapped.configKeys.push(...[db?.key, coll?.key].filter((k): k is string => !!k))

    if (mapper && FIELD_PATH_MAPPER.test(mapper.value)) {
      const fieldFor = (part: 'database' | 'collection') =>
        opt(`namespace.mapper.value.${part}.field`) ?? opt(`namespace.mapper.key.${part}.field`)
      const dbField = fieldFor('database')
      const collField = fieldFor('collection')
      mapped.dynamic = true
      mapped.configKeys.push(
        mapper.key,
        ...[dbField?.key, collField?.key].filter((k): k is string => !!k),
      )
      mapped.notes.push(
        `Dynamic namespace: FieldPathNamespaceMapper takes ${[
          dbField ? `the database from field "${dbField.value}"` : `database "${db?.value}"`,
          collField
            ? `the collection from field "${collField.value}"`
            : `collection "${coll?.value ?? t}"`,
        ].join(' and ')} of each record; edges go to the catalogued collections it could reach.`,
      )
      const candidates = index
        .assetsOf(source.name, 'collection')
        .filter((a) => (dbField ? true : a.path[0] === db?.value))
        .filter((a) => (collField ? true : a.path[1] === (coll?.value ?? t)))
      if (candidates.length === 0)
        out.dangling(
          c,
          `no catalogued collection of ${source.name} fits its dynamic namespace for topic "${t}".`,
          [record.fromAsset],
          'info',
        )
      for (const a of candidates)
        emitRecord(ctx, c, mapped, { source, path: a.path, asset: a }, notes)
      continue
    }
    if (mapper && !DEFAULT_MAPPER.test(mapper.value)) {
      out.dangling(
        c,
        `uses the custom namespace mapper ${mapper.value}: where topic "${t}" lands cannot be read from the config.`,
        [record.fromAsset],
      )
      continue
    }
    if (!db) {
      out.dangling(c, 'has no database configured.', [], 'error')
      return
    }
    const collName = coll?.value ?? t
    const asset = index.collection(source.name, db.value, collName)
    if (!asset)
      out.dangling(
        c,
        `writes to ${db.value}.${collName}, which is not in the catalogue of ${source.name}.`,
        [record.fromAsset],
        'info',
      )
    emitRecord(
      ctx,
      c,
      mapped,
      { source, path: [db.value, collName], ...(asset ? { asset } : {}) },
      notes,
    )
  }
}

type Opt = (name: string) => { key: string; value: string } | undefined

/** Record fields -> document paths, per CDC handler, id strategy and post processors. */
function mapDocument(record: FlowRecord, opt: Opt): FlowRecord {
  const handler = opt('change.data.capture.handler')
  const fields: FlowField[] = []
  const add = (f: FlowField, path: string, key?: string) =>
    fields.push({ ...f, path, configKeys: key ? [...f.configKeys, key] : f.configKeys })
  const keys = [...record.configKeys]
  if (handler) {
    keys.push(handler.key)
    const h = handler.value
    for (const f of record.fields) {
      if (/\.cdc\.mongodb\.ChangeStreamHandler$/.test(h)) {
        if (f.path.startsWith('fullDocument.')) add(f, f.path.slice(13), handler.key)
        else if (f.path === 'documentKey._id') add(f, '_id', handler.key)
      } else if (f.path.startsWith('after.')) add(f, f.path.slice(6), handler.key)
      else if (/\.debezium\.mongodb\./.test(h) && f.path === 'key.id') add(f, '_id', handler.key)
      else if (/\.rdbms\./.test(h) && f.path.startsWith('key.'))
        add(f, `_id.${f.path.slice(4)}`, handler.key)
    }
    return { ...record, fields, configKeys: keys, notes: [...record.notes] }
  }
  const idStrategy = opt('document.id.strategy')
  const keyToId = idStrategy !== undefined && /\.ProvidedInKeyStrategy$/.test(idStrategy.value)
  const projection = projectionOf(opt)
  const renames = renamesOf(opt('field.renamer.mapping')?.value)
  for (const f of record.fields) {
    if (isKeyPath(f.path)) {
      if (keyToId) add(f, f.path === 'key' ? '_id' : `_id.${f.path.slice(4)}`, idStrategy!.key)
      continue
    }
    if (f.path === 'value') continue // a plain string value cannot become a document
    if (projection && !projection.keeps(f.path)) continue
    const newName = renames.get(`value.${f.path}`)
    if (newName === undefined) {
      add(f, f.path, projection?.key)
      continue
    }
    const to = [...f.path.split('.').slice(0, -1), newName].join('.')
    fields.push({
      ...f,
      path: to,
      rename: { from: f.rename?.from ?? f.path, to },
      configKeys: [...f.configKeys, 'field.renamer.mapping'],
    })
  }
  return { ...record, fields, configKeys: keys, notes: [...record.notes] }
}

/** `value.projection.type` allowlist/blocklist (legacy whitelist/blacklist) over `value.projection.list`. */
function projectionOf(opt: Opt): { key: string; keeps: (path: string) => boolean } | undefined {
  const type = opt('value.projection.type')?.value.toLowerCase()
  const list = opt('value.projection.list')
  if (!type || type === 'none' || !list) return undefined
  const allow = type === 'allowlist' || type === 'whitelist'
  const entries = list.value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const matches = (path: string) =>
    entries.some((e) => {
      const re = new RegExp(
        `^${e
          .split('.')
          .map((s) =>
            s === '**' ? '.+' : s === '*' ? '[^.]+' : s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'),
          )
          .join('\\.')}(\\..+)?$`,
      )
      return re.test(path.replace(/\[\]/g, ''))
    })
  return { key: list.key, keeps: (path) => (allow ? matches(path) : !matches(path)) }
}

/** `field.renamer.mapping`: JSON `[{"oldName":"value.a","newName":"b"}]`. */
function renamesOf(value: string | undefined): Map<string, string> {
  const map = new Map<string, string>()
  if (!value) return map
  try {
    const parsed = JSON.parse(value) as Array<{ oldName?: unknown; newName?: unknown }>
    for (const r of parsed)
      if (typeof r.oldName === 'string' && typeof r.newName === 'string')
        map.set(r.oldName, r.newName)
  } catch {
    // An unparseable mapping is Connect's error to report; lineage keeps the names.
  }
  return map
}

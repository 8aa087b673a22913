import type { CatalogAsset } from '../../../shared/model/catalog'
import { hostPorts } from './catalog-index'
import { ConfigFilter, pick } from './debezium-config'
import type { ConnectorRef } from './edge-writer'
import { emitToKafka, type ExtractContext } from './emit-record'
import { JavaRegexError } from './java-regex'
import type { FlowField, FlowRecord } from './record-flow'
import { runChain } from './smt-chain'

export const MONGODB_SOURCE_CLASS = 'io.debezium.connector.mongodb.MongoDbConnector'

/**
 * Debezium's MongoDB source: collection `<db>.<coll>` -> topic `<prefix>.<db>.<coll>` (prefix
 * `topic.prefix`, legacy `mongodb.name`), filtered by `database.*` and `collection.*` lists
 * (`<db>.<coll>`) and `field.exclude.list` (`<db>.<coll>.<field path>`), renamed by
 * `field.renames`. A document field X feeds `after.X` (Debezium writes the document as extended
 * JSON; the catalogue's topic shape decodes it), and `_id` feeds the key's `id`.
 */
export function extractDebeziumMongo(ctx: ExtractContext, c: ConnectorRef): void {
  const cfg = c.config
  const { index, out } = ctx
  const prefix = pick(cfg, 'topic.prefix', 'mongodb.name')
  if (!prefix) return out.dangling(c, 'neither topic.prefix nor mongodb.name is set.', [], 'error')
  const kafka = index.resolveKafka(c.kafkaClusterId)
  if (!kafka.source)
    return out.dangling(c, 'the Kafka cluster it writes to is not a source of the workspace.')
  const conn = pick(cfg, 'mongodb.connection.string', 'mongodb.hosts')
  const hosts = hostPorts(conn?.value, 27017)
  let dbs: ConfigFilter, colls: ConfigFilter, fieldsOut: ConfigFilter
  try {
    dbs = new ConfigFilter(cfg, 'database')
    colls = new ConfigFilter(cfg, 'collection')
    fieldsOut = new ConfigFilter(cfg, 'field')
  } catch (err) {
    if (err instanceof JavaRegexError) return out.dangling(c, err.message, [], 'error')
    throw err
  }
  const resolved = index.resolveByHost(['mongodb'], hosts)
  if (!resolved.source)
    return out.dangling(
      c,
      `captures MongoDB at ${hosts.join(', ') || 'an unnamed host'}, which no mongodb source has.`,
    )
  const source = resolved.source
  const renames = fieldRenames(cfg['field.renames'])
  const keys = [prefix.key, conn?.key, dbs.key, colls.key, fieldsOut.key].filter(
    (k): k is string => !!k,
  )
  const notes = [kafka.note, resolved.note].filter((n): n is string => !!n)
  for (const coll of index.assetsOf(source.name, 'collection')) {
    const [db = '', name = ''] = coll.path
    if (!dbs.passes([db]) || !colls.passes([`${db}.${name}`])) continue
    try {
      const record = collectionRecord(coll, `${prefix.value}.${db}.${name}`, keys, {
        passes: (path) => fieldsOut.passes([`${db}.${name}.${path}`]),
        rename: (path) => renames.get(`${db}.${name}.${path}`),
      })
      const routed = runChain(cfg, record)
      if (routed) emitToKafka(ctx, c, routed, kafka.source, notes)
    } catch (err) {
      if (err instanceof JavaRegexError) return out.dangling(c, err.message, [], 'error')
      throw err
    }
  }
}

/** `field.renames`: `<db>.<coll>.<path>:<new name>,...`. */
function fieldRenames(value: string | undefined): Map<string, string> {
  const map = new Map<string, string>()
  for (const entry of (value ?? '').split(',')) {
    const at = entry.lastIndexOf(':')
    if (at > 0) map.set(entry.slice(0, at).trim(), entry.slice(at + 1).trim())
  }
  return map
}

function collectionRecord(
  coll: CatalogAsset,
  topic: string,
  configKeys: string[],
  o: { passes: (path: string) => boolean; rename: (path: string) => string | undefined },
): FlowRecord {
  const fields: FlowField[] = []
  for (const f of coll.fields) {
    if (f.path === '_id') fields.push({ from: f.urn, path: 'key.id', configKeys: [] })
    if (!o.passes(f.path)) continue
    const newName = o.rename(f.path)
    if (newName) {
      const parent = f.path.split('.').slice(0, -1)
      const to = [...parent, newName].join('.')
      fields.push({
        from: f.urn,
        path: `after.${to}`,
        rename: { from: f.path, to },
        configKeys: ['field.renames'],
      })
    } else fields.push({ from: f.urn, path: `after.${f.path}`, configKeys: [] })
  }
  return { fromAsset: coll.urn, topic, fields, configKeys, dynamic: false, notes: [] }
}

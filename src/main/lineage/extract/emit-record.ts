import type { CatalogAsset } from '../../../shared/model/catalog'
import type { TransformSpec } from '../../../shared/model/lineage'
import type { LineageSourceRef } from '../lineage-inputs'
import type { CatalogIndex } from './catalog-index'
import type { ConnectorRef, EdgeWriter } from './edge-writer'
import { isKeyPath, type FlowRecord } from './record-flow'

/** What every extractor works with. */
export interface ExtractContext {
  index: CatalogIndex
  out: EdgeWriter
}

/** Where a record lands: an asset of a source, catalogued or not. */
export interface Landing {
  source: LineageSourceRef
  path: string[]
  asset?: CatalogAsset
}

/**
 * Draws a record's edges into `landing`: the asset edge, and one field edge per carried field.
 * When the landing asset is catalogued with fields, only fields it has get an edge (Debezium's
 * `before.X` on a topic whose schema lacks it, a column the sink table does not have); when it is
 * not (yet) catalogued, every carried field does. A `*` path (the outbox payload) fans out to the
 * landing's catalogued value fields.
 */
export function emitRecord(
  ctx: ExtractContext,
  c: ConnectorRef,
  record: FlowRecord,
  landing: Landing,
  extraNotes: readonly string[] = [],
): void {
  const { index, out } = ctx
  const toAsset = landing.asset?.urn ?? index.assetUrn(landing.source, landing.path)
  const notes = [...record.notes, ...extraNotes]
  const assetEdge = out.assetEdge(c, record.fromAsset, toAsset, {
    configKeys: record.configKeys,
    dynamic: record.dynamic,
    notes,
  })
  const catalogued = landing.asset !== undefined && landing.asset.fields.length > 0
  for (const f of record.fields) {
    const targets: string[] = []
    if (f.path === '*') {
      if (landing.asset)
        for (const lf of landing.asset.fields)
          if (!isKeyPath(lf.path) && !lf.path.includes('.')) targets.push(lf.urn)
    } else if (catalogued) {
      const lf = index.field(landing.asset!, f.path)
      if (lf) targets.push(lf.urn)
    } else {
      targets.push(index.fieldUrn(landing.source, landing.path, f.path))
    }
    const transform: TransformSpec | undefined = f.rename
      ? { type: 'rename', from: f.rename.from, to: f.rename.to }
      : undefined
    for (const to of targets)
      out.fieldEdge(
        c,
        f.from,
        to,
        assetEdge,
        { configKeys: [...record.configKeys, ...f.configKeys], dynamic: record.dynamic, notes },
        transform,
      )
  }
}

/**
 * The Kafka topics a source connector's record lands in: its topic, or for per-row routing the
 * catalogued topics matching the record's matcher. Uncatalogued topics are noted as insights.
 */
export function emitToKafka(
  ctx: ExtractContext,
  c: ConnectorRef,
  record: FlowRecord,
  kafka: LineageSourceRef,
  extraNotes: readonly string[] = [],
): void {
  const { index, out } = ctx
  if (record.topicMatcher) {
    const topics = index
      .assetsOf(kafka.name, 'topic')
      .filter((t) => record.topicMatcher!.test(t.name))
    if (topics.length === 0)
      out.dangling(
        c,
        `no catalogued topic of ${kafka.name} matches ${record.topic}.`,
        [record.fromAsset],
        'info',
      )
    for (const t of topics)
      emitRecord(ctx, c, record, { source: kafka, path: [t.name], asset: t }, extraNotes)
    return
  }
  const asset = index.topic(kafka.name, record.topic)
  if (!asset)
    out.dangling(
      c,
      `topic "${record.topic}" (from ${record.fromAsset}) is not in the catalogue of ${kafka.name}.`,
      [record.fromAsset, index.assetUrn(kafka, [record.topic])],
      'info',
    )
  emitRecord(
    ctx,
    c,
    record,
    { source: kafka, path: [record.topic], ...(asset ? { asset } : {}) },
    extraNotes,
  )
}

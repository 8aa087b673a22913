import type { CatalogAsset } from '../../../shared/model/catalog'
import type { ErasurePlan, LookupRecord, LookupResult } from '../../../shared/model/lookup'
import type { LookupContext } from '../lookup-context'
import type { RawRecord } from '../lookup-inputs'
import { personRecords } from './subject-access'

/**
 * Erasure (GDPR Article 17) as a plan, never executed (Sightline only reads; issue 7 item 7):
 * which rows, documents and keyed topic records hold the person, and which connectors and
 * processes would re-create each one (the lineage edges writing into its asset). Actions come in
 * the order they must be done: origins first, then what is derived from them, or the derived
 * copies come back from CDC, the builder or a sink.
 */

type Action = ErasurePlan['actions'][number]

const MAX_DEPTH = 8

function actionFor(platform: LookupRecord['platform']): Action['action'] | undefined {
  if (platform === 'postgres' || platform === 'sqlserver') return 'delete-row'
  if (platform === 'mongodb') return 'delete-document'
  if (platform === 'kafka') return 'tombstone'
  return undefined
}

/** Hops from the estate's origins: 0 for an asset nothing writes into. */
function depthOf(assetUrn: string, context: LookupContext, seen = new Set<string>()): number {
  if (seen.has(assetUrn) || seen.size > MAX_DEPTH) return 0
  seen.add(assetUrn)
  const writers = context.writersOf(assetUrn)
  if (writers.length === 0) return 0
  return 1 + Math.max(...writers.map((w) => depthOf(w.from, context, new Set(seen))))
}

function topicConfig(asset: CatalogAsset | undefined, key: string): string | undefined {
  const configs = asset?.properties?.configs
  if (!configs || typeof configs !== 'object' || Array.isArray(configs)) return undefined
  const value = (configs as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : undefined
}

function kafkaNote(raw: RawRecord, asset: CatalogAsset | undefined): string {
  // The connector flattens the key to `key` (plain) or `key.<field>` (a Connect struct).
  const keyless = !Object.entries(raw.values).some(
    ([path, value]) => (path === 'key' || path.startsWith('key.')) && value !== null,
  )
  if (keyless)
    return 'This record has no key: a tombstone cannot address it. It ages out with the topic’s retention.'
  const policy = topicConfig(asset, 'cleanup.policy') ?? 'delete'
  const retention = topicConfig(asset, 'retention.ms')
  return policy.includes('compact')
    ? 'Produce a tombstone (this key, null value): compaction then removes earlier records of the key.'
    : `The topic is not compacted (cleanup.policy=${policy}): a tombstone hides the key from consumers of the latest value, but the record itself is only removed by retention${retention ? ` (retention.ms=${retention})` : ''}.`
}

export interface ErasurePlanInput {
  result: LookupResult
  raw: ReadonlyMap<string, RawRecord>
  context: LookupContext
}

export function buildErasurePlan(input: ErasurePlanInput): ErasurePlan {
  const { result, context } = input
  const records = personRecords(result, input.raw)
  const depths = new Map<string, number>()
  const depth = (urn: string) => {
    if (!depths.has(urn)) depths.set(urn, depthOf(urn, context))
    return depths.get(urn)!
  }
  const warnings: string[] = [
    'A plan only: Sightline never writes to a source. Carry it out with the owners of each store.',
  ]
  const actions: Array<Action & { depth: number }> = []
  for (const { record, raw } of records) {
    const action = actionFor(record.platform)
    if (!action) continue
    const writers = context.writersOf(record.assetUrn)
    const recreatedBy = [...new Set(writers.map((w) => w.via.name))].sort()
    const asset = context.snapshot.assets.get(record.assetUrn)
    const readers = context.readersOf(record.assetUrn)
    const onward =
      readers.length > 0
        ? ` Its delete flows on through ${[...new Set(readers.map((r) => `${r.via.name} to ${context.labelOf(r.to)}`))].join(', ')}.`
        : ''
    const note =
      action === 'tombstone'
        ? kafkaNote(raw, asset)
        : recreatedBy.length > 0
          ? `Re-created by ${recreatedBy.join(', ')} from ${[...new Set(writers.map((w) => context.labelOf(w.from)))].join(', ')} unless those are erased first.${onward}`
          : `An origin: nothing in the catalogue writes it.${onward}`
    actions.push({
      source: record.source,
      platform: record.platform,
      assetUrn: record.assetUrn,
      recordKey: record.recordKey,
      action,
      recreatedBy,
      ...(note ? { note } : {}),
      depth: depth(record.assetUrn),
    })
  }
  actions.sort(
    (a, b) =>
      a.depth - b.depth ||
      a.assetUrn.localeCompare(b.assetUrn) ||
      JSON.stringify(a.recordKey).localeCompare(JSON.stringify(b.recordKey)),
  )
  for (const s of result.sources)
    if (s.state !== 'answered' && s.state !== 'skipped')
      warnings.push(
        `${s.source} did not answer (${s.state}): records it holds are not in this plan.`,
      )
  for (const step of result.plan.steps)
    if (step.access === 'unreachable')
      warnings.push(
        `${context.labelOf(step.assetUrn)} could not be searched: it may hold the person too.`,
      )
  for (const u of result.plan.unreachable)
    warnings.push(`${context.labelOf(u.assetUrn)} could not be searched (${u.reason}).`)
  if (result.linked.length > 0)
    warnings.push(
      `${result.linked.length} linked people share a weak identifier with this person: their records are not in this plan.`,
    )
  return {
    lookupId: result.lookupId,
    actions: actions.map(({ depth: _depth, ...a }) => a),
    warnings: [...new Set(warnings)],
  }
}

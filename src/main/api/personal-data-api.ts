import { z } from 'zod'
import { ApiError } from '../../shared/api/errors'
import type { CatalogAsset, CatalogField } from '../../shared/model/catalog'
import type {
  FieldClassification,
  PersonalDataEntry,
  PersonalDataMap,
  ProcessingRule,
  ReviewDecision,
} from '../../shared/model/personal-data'
import type { AuditLog } from '../audit/audit-log'
import { buildPersonalDataMap, entryFor, type MapFilter } from '../classify/personal-data-map'
import { renderPersonalData } from '../classify/report'
import { assetUrnOf } from '../crawl/sample-cache'
import type { CatalogRepository } from '../store/catalog-repository'
import type { ClassificationsFile } from '../workspace/classifications-file'
import {
  processingAttributesSchema,
  processingMatchSchema,
  type ProcessingFile,
} from '../workspace/processing-file'
import {
  emptyArg,
  exportPersonalDataArg,
  fieldUrnArg,
  getPersonalDataMapArg,
  reviewFieldArg,
} from './schemas'
import { parseArg } from './validate'

export interface PersonalDataApiDeps {
  repository: CatalogRepository
  classifications: ClassificationsFile
  processing: ProcessingFile
  audit: AuditLog
  /** Who review decisions are recorded as (the audit log's actor). */
  actor: string
  /** The workspace folder, named in the reports. */
  workspace: string
  now?: () => Date
}

const setProcessingArg = z
  .object({ match: processingMatchSchema, attributes: processingAttributesSchema.nullable() })
  .strict()

/** The report's default reason: it holds masked examples only, but it still leaves the app. */
const DEFAULT_EXPORT_REASON = 'personal-data report (no raw values)'

/** Issue 5's map, review decisions, processing rules and reports behind the API. */
export function createPersonalDataApi(deps: PersonalDataApiDeps) {
  const { repository: repo, classifications, processing, audit } = deps
  const now = deps.now ?? (() => new Date())
  // The YAML files are rewritten whole: one change at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  const currentAssets = async (): Promise<CatalogAsset[]> => {
    const assets: CatalogAsset[] = []
    for await (const asset of repo.currentAssets({})) assets.push(asset)
    return assets
  }

  /** Source -> when its current crawl started: only later evidence can contradict a decision. */
  const crawlTimes = async (sources: Iterable<string>): Promise<Map<string, string>> => {
    const times = new Map<string, string>()
    for (const source of new Set(sources)) {
      const crawl = await repo.currentCrawl(source)
      if (crawl) times.set(source, crawl.startedAt)
    }
    return times
  }

  const mapOf = async (filter?: MapFilter): Promise<PersonalDataMap> => {
    const assets = await currentAssets()
    return buildPersonalDataMap({
      assets,
      decisions: classifications.readMap(),
      processing: processing.read(),
      workspace: deps.workspace,
      generatedAt: now().toISOString(),
      crawledAt: await crawlTimes(assets.map((a) => a.source)),
      ...(filter ? { filter } : {}),
    })
  }

  interface Found {
    asset: CatalogAsset
    field: CatalogField
    crawledAt: string
  }

  const fieldOf = async (urn: string): Promise<Found> => {
    const found = await repo.getAsset(assetUrnOf(urn))
    const field = found?.asset.fields.find((f) => f.urn === urn)
    if (!found || !field)
      throw new ApiError('not-found', `No field ${urn} in the current catalogue.`, { urn })
    return { asset: found.asset, field, crawledAt: found.crawl.startedAt }
  }

  const entryOf = (
    { asset, field, crawledAt }: Found,
    decision: ReviewDecision | undefined,
    rules: ProcessingRule[] = processing.read(),
  ): PersonalDataEntry | undefined => entryFor(asset, field, decision, rules, true, crawledAt)

  return {
    async getPersonalDataMap(arg: unknown): Promise<PersonalDataMap> {
      const filter = parseArg(getPersonalDataMapArg, arg)
      return mapOf(filter)
    },

    async getFieldClassification(arg: unknown): Promise<{
      urn: string
      classification?: FieldClassification
      decision?: ReviewDecision
      entry?: PersonalDataEntry
    }> {
      const { urn } = parseArg(fieldUrnArg, arg)
      const found = await fieldOf(urn)
      const { field } = found
      const decision = classifications.readMap().get(urn)
      const entry = entryOf(found, decision)
      return {
        urn,
        ...(field.classification ? { classification: field.classification } : {}),
        ...(decision ? { decision } : {}),
        ...(entry ? { entry } : {}),
      }
    },

    async reviewField(arg: unknown): Promise<PersonalDataEntry> {
      const q = parseArg(reviewFieldArg, arg)
      return serialised(async () => {
        const found = await fieldOf(q.urn)
        const category = q.category ?? found.field.classification?.labels[0]?.category
        if (!category)
          throw new ApiError(
            'bad-input',
            `category: ${q.urn} has no suggestion to ${q.decision === 'confirmed' ? 'confirm' : 'reject'}: give the category.`,
            { field: 'category' },
          )
        const decision: ReviewDecision = {
          urn: q.urn,
          decision: q.decision,
          category: category as ReviewDecision['category'],
          by: deps.actor,
          at: now().toISOString(),
          ...(q.reason ? { reason: q.reason } : {}),
        }
        classifications.setDecision(decision)
        // The audit entry names the field and the decision, never a value.
        await audit.record({
          action: 'review',
          target: q.urn,
          details: { decision: q.decision, category },
          ...(q.reason ? { reason: q.reason } : {}),
        })
        return entryOf(found, decision)!
      })
    },

    async clearReview(arg: unknown): Promise<PersonalDataEntry | { urn: string; cleared: true }> {
      const { urn } = parseArg(fieldUrnArg, arg)
      return serialised(async () => {
        const removed = classifications.removeDecision(urn)
        if (!removed) throw new ApiError('not-found', `No review decision for ${urn}.`, { urn })
        await audit.record({ action: 'review', target: urn, details: { decision: 'cleared' } })
        const found = await fieldOf(urn).catch(() => undefined)
        const entry = found ? entryOf(found, undefined) : undefined
        return entry ?? { urn, cleared: true as const }
      })
    },

    async getProcessing(arg: unknown): Promise<ProcessingRule[]> {
      parseArg(emptyArg, arg)
      return processing.read()
    },

    async setProcessing(arg: unknown): Promise<ProcessingRule[]> {
      const { match, attributes } = parseArg(setProcessingArg, arg)
      return serialised(async () => processing.setRule(match, attributes))
    },

    async exportPersonalData(arg: unknown) {
      const { format, reason } = parseArg(exportPersonalDataArg, arg)
      const map = await mapOf()
      // Audited before anything leaves: no record, no export.
      await audit.record({
        action: 'export',
        target: 'personal-data',
        reason: reason || DEFAULT_EXPORT_REASON,
        details: { format, report: 'personal-data', entries: map.entries.length },
      })
      return { format, content: renderPersonalData(map, format), entries: map.entries.length }
    },
  }
}

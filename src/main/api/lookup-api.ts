import type { SightlineApi } from '../../shared/api/contract'
import { ApiError } from '../../shared/api/errors'
import type { JobRunner } from '../jobs/job-runner'
import type { LookupIndexManager } from '../lookup/kafka-index/lookup-index-manager'
import type { LookupService } from '../lookup/lookup-service'
import { maskForDisplay } from '../lookup/lookup-values'
import {
  controlLookupIndexArg,
  exportSubjectAccessArg,
  getErasurePlanArg,
  listLookupHistoryArg,
  lookupIdArg,
  lookupIndexStatusArg,
  planLookupArg,
  recogniseIdentifierArg,
  revealLookupValueArg,
  startLookupArg,
} from './schemas'
import { parseArg } from './validate'

type LookupMethods = Pick<
  SightlineApi,
  | 'recogniseIdentifier'
  | 'planLookup'
  | 'startLookup'
  | 'getLookup'
  | 'revealLookupValue'
  | 'listLookupHistory'
  | 'exportSubjectAccess'
  | 'getErasurePlan'
  | 'getLookupIndexStatus'
  | 'controlLookupIndex'
>

const options = (q: {
  depth?: number | undefined
  scans?: 'skip' | 'warn' | 'allow' | undefined
  sources?: string[] | undefined
  timeoutMs?: number | undefined
}) => ({
  ...(q.depth === undefined ? {} : { depth: q.depth }),
  ...(q.scans === undefined ? {} : { scans: q.scans }),
  ...(q.sources === undefined ? {} : { sources: q.sources }),
  ...(q.timeoutMs === undefined ? {} : { timeoutMs: q.timeoutMs }),
})

const input = (i: {
  value: string
  kind?: string | undefined
  parts?: Record<string, string> | undefined
}) =>
  ({
    value: i.value,
    ...(i.kind === undefined ? {} : { kind: i.kind }),
    ...(i.parts === undefined ? {} : { parts: i.parts }),
  }) as Parameters<LookupService['recognise']>[0]

/** The lookup index behind the API: its manager, and the runner its builds are jobs of. */
export interface LookupIndexApiDeps {
  manager: LookupIndexManager
  jobs: JobRunner
}

/** A build or rebuild as a job, its progress the indexed share ("building 42%") every second. */
function indexJob(
  deps: LookupIndexApiDeps,
  action: 'build' | 'rebuild',
  source: string | undefined,
): string {
  const job = deps.jobs.start(
    'lookup-index',
    async (ctx) => {
      const tick = setInterval(() => {
        void deps.manager
          .status(source)
          .then((all) => {
            const building = all.filter((s) => s.fields > 0)
            if (building.length === 0) return
            const share = building.reduce((n, s) => n + s.progress, 0) / building.length
            const pct = Math.floor(share * 100)
            ctx.progress({ done: pct, total: 100, message: `building ${pct}%` })
          })
          .catch(() => undefined)
      }, 1_000)
      tick.unref?.()
      try {
        const reports =
          action === 'rebuild'
            ? await deps.manager.rebuild(source, ctx.signal)
            : await deps.manager.build(source, ctx.signal)
        ctx.progress({ done: 100, total: 100, message: 'built' })
        return { reports }
      } finally {
        clearInterval(tick)
      }
    },
    100,
  )
  return job.id
}

/** The customer lookup (issue 7) behind the API: thin, delegates to the LookupService. */
export function createLookupApi(lookup: LookupService, index?: LookupIndexApiDeps): LookupMethods {
  const service = () => lookup
  return {
    async getLookupIndexStatus(arg) {
      const { source } = parseArg(lookupIndexStatusArg, arg ?? {})
      return index ? index.manager.status(source) : []
    },

    async controlLookupIndex(arg) {
      const { action, source } = parseArg(controlLookupIndexArg, arg)
      if (!index)
        throw new ApiError('unsupported', 'This workspace has no lookup index.', {
          reason: 'no-lookup-index',
        })
      let jobId: string | undefined
      if (action === 'start') await index.manager.start(source)
      else if (action === 'stop') await index.manager.stop(source)
      else jobId = indexJob(index, action, source)
      return { ...(jobId ? { jobId } : {}), status: await index.manager.status(source) }
    },

    async recogniseIdentifier(arg) {
      const { value } = parseArg(recogniseIdentifierArg, arg)
      const { best, alternatives, ambiguous } = service().recognise({ value })
      return {
        kind: best.kind,
        strength: best.strength,
        masked: maskForDisplay(best.canonical) ?? '',
        reason: best.reason,
        confidence: best.confidence,
        alternatives: alternatives.map((a) => ({ kind: a.kind, confidence: a.confidence })),
        ambiguous,
      }
    },

    async planLookup(arg) {
      const q = parseArg(planLookupArg, arg)
      return (await service().plan(input(q.input), options(q))).plan
    },

    async startLookup(arg) {
      const q = parseArg(startLookupArg, arg)
      return service().start(input(q.input), q.reason, options(q))
    },

    async getLookup(arg) {
      const { lookupId } = parseArg(lookupIdArg, arg)
      return service().get(lookupId)
    },

    async revealLookupValue(arg) {
      const q = parseArg(revealLookupValueArg, arg)
      return service().reveal(q.lookupId, q.recordId, q.path, q.reason)
    },

    async listLookupHistory(arg) {
      const { limit } = parseArg(listLookupHistoryArg, arg)
      return service().history(limit ?? 50)
    },

    async exportSubjectAccess(arg) {
      const q = parseArg(exportSubjectAccessArg, arg)
      return service().subjectAccess(q.lookupId, q.format, q.reason)
    },

    async getErasurePlan(arg) {
      const q = parseArg(getErasurePlanArg, arg)
      return service().erasurePlan(q.lookupId, q.reason)
    },
  }
}

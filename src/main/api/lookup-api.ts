import type { SightlineApi } from '../../shared/api/contract'
import type { LookupService } from '../lookup/lookup-service'
import { maskForDisplay } from '../lookup/lookup-values'
import {
  exportSubjectAccessArg,
  getErasurePlanArg,
  listLookupHistoryArg,
  lookupIdArg,
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

/** The customer lookup (issue 7) behind the API: thin, delegates to the LookupService. */
export function createLookupApi(lookup: LookupService): LookupMethods {
  const service = () => lookup
  return {
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

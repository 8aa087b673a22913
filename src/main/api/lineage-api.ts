import { ApiError } from '../../shared/api/errors'
import type {
  LineageGraph,
  LineageImpact,
  LineageInsight,
  LineagePath,
  LineageSuggestion,
  SingleViewModel,
} from '../../shared/model/lineage'
import type { AuditLog } from '../audit/audit-log'
import { lineageToJson, wholeGraph } from '../lineage/export/lineage-json'
import { lineageToOpenLineage } from '../lineage/export/openlineage'
import { lineageImpact } from '../lineage/graph/lineage-impact'
import type { LineageIndex } from '../lineage/graph/lineage-index'
import { lineagePaths } from '../lineage/graph/lineage-paths'
import { neighbourhood, overview } from '../lineage/graph/lineage-queries'
import type { LineageService } from '../lineage/lineage-service'
import {
  findLineageSuggestionsArg,
  startLineageProfile,
  type StartCrawl,
} from '../lineage/infer/lineage-profile'
import { APP_VERSION } from './app-info-api'
import {
  decideLineageSuggestionArg,
  emptyArg,
  exportLineageArg,
  getLineageArg,
  getLineageOverviewArg,
  getLineagePathArg,
  lineageUrnArg,
  listLineageSuggestionsArg,
} from './schemas'
import { parseArg } from './validate'

export interface LineageApiDeps {
  service: LineageService
  audit: AuditLog
  /** Who decisions are recorded as. */
  actor: string
  /** The workspace's catalog/ folder (decisions are written to catalog/lineage/). */
  catalogDir: string
  now?: () => Date
  /** The catalogue's crawl job, which "Find suggestions" runs with a larger sample. */
  startCrawl?: StartCrawl
}

/** Defaults of getLineage (the contract's JSDoc): one hop each way, fan-outs over 25 collapsed. */
export const DEFAULT_DEPTH = 1
export const DEFAULT_MAX_FAN_OUT = 25

function mustHave(index: LineageIndex, urn: string, what = 'URN'): void {
  if (!index.nodes.has(urn))
    throw new ApiError(
      'not-found',
      `No lineage for ${what} ${urn}: it is not in the current catalogue, and no connector, declaration or model names it.`,
      { urn },
    )
}

/** Issue 6's lineage behind the API: thin; the graph, service and files do the work. */
export function createLineageApi(deps: LineageApiDeps) {
  const { service, audit } = deps
  const now = deps.now ?? (() => new Date())
  // catalog/lineage/ files are rewritten whole: one decision at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    async getLineage(arg: unknown): Promise<LineageGraph> {
      const q = parseArg(getLineageArg, arg)
      const { index } = await service.state()
      mustHave(index, q.urn)
      return neighbourhood(index, {
        urn: q.urn,
        direction: q.direction ?? 'both',
        depth: q.depth ?? DEFAULT_DEPTH,
        maxFanOut: q.maxFanOut ?? DEFAULT_MAX_FAN_OUT,
        ...(q.level ? { level: q.level } : {}),
      })
    },

    async getLineageOverview(arg: unknown): Promise<LineageGraph> {
      const q = parseArg(getLineageOverviewArg, arg)
      const { index } = await service.state()
      return overview(index, q.sources)
    },

    async getLineagePath(arg: unknown): Promise<LineagePath> {
      const q = parseArg(getLineagePathArg, arg)
      const { index } = await service.state()
      mustHave(index, q.from, 'from')
      mustHave(index, q.to, 'to')
      return lineagePaths(index, q.from, q.to, q.maxPaths ?? 5)
    },

    async getLineageImpact(arg: unknown): Promise<LineageImpact> {
      const { urn } = parseArg(lineageUrnArg, arg)
      const { index } = await service.state()
      mustHave(index, urn)
      return lineageImpact(index, urn)
    },

    async listLineageSuggestions(arg: unknown): Promise<LineageSuggestion[]> {
      const q = parseArg(listLineageSuggestionsArg, arg)
      const all = await service.suggestions()
      return all.filter(
        (s) =>
          (!q.status?.length || q.status.includes(s.status)) &&
          (q.minScore === undefined || s.score >= q.minScore),
      )
    },

    async findLineageSuggestions(arg: unknown): Promise<{ jobId: string; sampleSize: number }> {
      const q = parseArg(findLineageSuggestionsArg, arg)
      if (!deps.startCrawl) throw new ApiError('unsupported', 'Crawls are not available here.')
      // The crawl job audits itself; its sketches bump the suggestions' cache when they land.
      return startLineageProfile(deps.startCrawl, q)
    },

    async decideLineageSuggestion(arg: unknown): Promise<LineageSuggestion> {
      const q = parseArg(decideLineageSuggestionArg, arg)
      return serialised(async () => {
        const suggestion = (await service.suggestions()).find((s) => s.id === q.id)
        if (!suggestion)
          throw new ApiError(
            'not-found',
            `No lineage suggestion ${q.id}: list them with listLineageSuggestions (they change after a crawl).`,
            { id: q.id },
          )
        const { LineageFiles } = await service.load()
        const files = new LineageFiles(deps.catalogDir)
        let written: { file: string; line: number } | undefined
        if (q.decision === 'accepted') written = files.accept(suggestion, deps.actor, q.reason)
        else if (q.decision === 'rejected') files.reject(suggestion, deps.actor, q.reason)
        else files.reopen(suggestion.id)
        service.invalidate()
        // The audit entry names the suggestion's fields and the decision, never a value.
        await audit.record({
          action: 'lineage.decide',
          target: suggestion.id,
          details: {
            decision: q.decision,
            from: suggestion.from,
            to: suggestion.to,
            score: suggestion.score,
            ...(written ? { file: written.file, line: written.line } : {}),
          },
          ...(q.reason ? { reason: q.reason } : {}),
        })
        const { decidedBy: _by, decidedAt: _at, reason: _reason, ...rest } = suggestion
        if (q.decision === 'open') return { ...rest, status: 'open' }
        return {
          ...rest,
          status: q.decision,
          decidedBy: deps.actor,
          decidedAt: now().toISOString(),
          ...(q.reason ? { reason: q.reason } : {}),
        }
      })
    },

    async getLineageInsights(arg: unknown): Promise<LineageInsight[]> {
      parseArg(emptyArg, arg)
      return service.insights()
    },

    async getSingleViewModel(arg: unknown): Promise<SingleViewModel[]> {
      parseArg(emptyArg, arg)
      return (await service.state()).models
    },

    async exportLineage(arg: unknown) {
      const q = parseArg(exportLineageArg, arg)
      const { index } = await service.state()
      let graph: Pick<LineageGraph, 'nodes' | 'edges'>
      let scope: { urn: string; direction: string; depth: number } | undefined
      if (q.urn !== undefined) {
        mustHave(index, q.urn)
        scope = { urn: q.urn, direction: q.direction ?? 'both', depth: q.depth ?? DEFAULT_DEPTH }
        graph = neighbourhood(index, {
          urn: q.urn,
          direction: q.direction ?? 'both',
          depth: q.depth ?? DEFAULT_DEPTH,
          // An export is for reading elsewhere: nothing collapsed.
          maxFanOut: Number.MAX_SAFE_INTEGER,
        })
      } else graph = wholeGraph(index.nodes.values(), index.fieldEdges, index.assetEdges)
      const exportedAt = now().toISOString()
      const content =
        q.format === 'json'
          ? lineageToJson({
              generator: `sightline ${APP_VERSION}`,
              exportedAt,
              ...(scope ? { scope } : {}),
              nodes: graph.nodes,
              edges: graph.edges,
            })
          : lineageToOpenLineage({ exportedAt, nodes: graph.nodes, edges: graph.edges })
      return { format: q.format, content, edges: graph.edges.length }
    },
  }
}

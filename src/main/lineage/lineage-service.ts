import type { CatalogAsset } from '../../shared/model/catalog'
import type {
  LineageEdge,
  LineageInsight,
  LineageSuggestion,
  NodePersonalData,
  SingleViewModel,
} from '../../shared/model/lineage'
import { buildPersonalDataMap } from '../classify/personal-data-map'
import type { CatalogRepository } from '../store/catalog-repository'
import type { FieldSketch } from '../store/sketch-repository'
import type { ClassificationsFile } from '../workspace/classifications-file'
import { resolveEnvRefsLenient } from '../workspace/env-refs'
import { resolveOwnership } from '../workspace/owners-match'
import type { OwnersFile } from '../workspace/owners-file'
import type { SourcesFile } from '../workspace/sources-file'
import { CatalogStamps } from './catalog-stamps'
import { LineageIndex } from './graph/lineage-index'
import { estateInsights } from './insights'
import type { LineageSnapshot, LineageSourceRef } from './lineage-inputs'

/**
 * Lineage of the workspace (issue 6): assembles the snapshot (current catalogue + sources with
 * their aliases), the edges of every producer (Kafka Connect extraction, catalog/lineage/
 * declarations and accepted suggestions, catalog/model/), personal data, and builds the graph once.
 * The result is cached until a crawl commits (a source's current crawl changes) or a file under
 * catalog/ changes (mtime or size), so queries never rebuild.
 */

export interface LineageServiceDeps {
  repository: CatalogRepository
  sourcesFile: SourcesFile
  owners: OwnersFile
  classifications: ClassificationsFile
  /** The workspace's catalog/ folder. */
  catalogDir: string
  workspace: string
  env: NodeJS.ProcessEnv
  /** Value sketches for inference (the store's `sketches.all()`). */
  sketches: () => Promise<FieldSketch[]>
  /**
   * Bumped whenever sketches are replaced. They land just after a source's crawl commits, so a
   * suggestion list cached in between must not outlive them.
   */
  sketchGeneration?: () => number
}

/** A problem with a catalog/ lineage or model file, shown where lineage is (never fatal). */
export interface LineageFileError {
  file: string
  line?: number
  message: string
}

export interface LineageState {
  key: string
  builtAt: string
  snapshot: LineageSnapshot
  assets: CatalogAsset[]
  /** Every producer's edges, before roll-up (the graph holds the rolled-up ones too). */
  edges: LineageEdge[]
  models: SingleViewModel[]
  index: LineageIndex
  producerInsights: LineageInsight[]
  errors: LineageFileError[]
}

type Producers = typeof import('./lineage-producers')

function hostPortOf(url: string): string | undefined {
  try {
    const u = new URL(url)
    return u.port ? `${u.hostname}:${u.port}` : undefined
  } catch {
    return undefined
  }
}

export class LineageService {
  private cached: { key: string; state: Promise<LineageState> } | undefined
  private suggestionsCache: { key: string; list: Promise<LineageSuggestion[]> } | undefined
  private producers: Promise<Producers> | undefined
  private readonly stamps: CatalogStamps

  constructor(private readonly deps: LineageServiceDeps) {
    this.stamps = new CatalogStamps(deps.catalogDir)
  }

  /** The producers, loaded on first use: `sightline audit` never needs them. */
  load(): Promise<Producers> {
    return (this.producers ??= import('./lineage-producers'))
  }

  private async key(catalogMaxAgeMs = 0): Promise<string> {
    // One read of every source's current crawl: this key is asked a dozen times per lookup.
    const crawls = await this.deps.repository.currentCrawlIds()
    const parts = crawls.map((c) => `${c.source}=${c.crawlId}`)
    return [...parts, ...this.stamps.current(catalogMaxAgeMs)].join('\n')
  }

  /**
   * The current lineage, rebuilt only when the catalogue or catalog/ changed. `catalogMaxAgeMs`:
   * a listing of catalog/ that old will do, unless this process wrote there or the folder's
   * watcher saw a change (catalog-stamps.ts): for lookups, which ask many times each. A new
   * crawl is always seen at once.
   */
  async state(opts: { catalogMaxAgeMs?: number } = {}): Promise<LineageState> {
    const key = await this.key(opts.catalogMaxAgeMs)
    if (this.cached?.key !== key) {
      const state = this.build(key)
      this.cached = { key, state }
      // A failed build is not cached: the next call tries again.
      state.catch(() => {
        if (this.cached?.state === state) this.cached = undefined
      })
    }
    return this.cached.state
  }

  /** Forget the cache (after this process writes to catalog/ within one mtime tick). */
  invalidate(): void {
    this.stamps.forget()
    this.cached = undefined
    this.suggestionsCache = undefined
  }

  private sourceRefs(assets: readonly CatalogAsset[]): LineageSourceRef[] {
    const env = this.deps.env
    const resolve = (text: string) => resolveEnvRefsLenient(text, env, () => '')
    return this.deps.sourcesFile.read().map((entry) => {
      const url = resolve(entry.url)
      const aliases = new Set((entry.aliases ?? []).map(resolve).filter((a) => a !== ''))
      const own = hostPortOf(url)
      if (own) aliases.add(own)
      // A Kafka cluster's id is how a Connect worker's config names it.
      for (const a of assets)
        if (a.source === entry.name && a.kind === 'cluster') {
          const id = a.properties?.clusterId
          if (typeof id === 'string') aliases.add(id)
        }
      return { name: entry.name, kind: entry.kind, url, aliases: [...aliases] }
    })
  }

  private async build(key: string): Promise<LineageState> {
    const p = await this.load()
    const assets: CatalogAsset[] = []
    for await (const asset of this.deps.repository.currentAssets({})) assets.push(asset)
    const snapshot: LineageSnapshot = {
      assets: new Map(assets.map((a) => [a.urn, a])),
      sources: this.sourceRefs(assets),
    }
    const errors: LineageFileError[] = []
    const extracted = p.extractConnectLineage(snapshot)
    const declared = new p.LineageFiles(this.deps.catalogDir).load()
    errors.push(...declared.errors)
    const model = new p.ModelFiles(this.deps.catalogDir).load()
    errors.push(...model.errors)
    const edges = [...extracted.edges, ...declared.edges, ...model.edges]

    const personal = this.personalData(assets, model.models)
    const ownersView = this.deps.owners.read()
    const index = new LineageIndex({
      assets,
      models: model.models,
      edges,
      ownerOf: (urn) => resolveOwnership(ownersView, urn).owner?.id,
      personal,
    })
    return {
      key,
      builtAt: new Date().toISOString(),
      snapshot,
      assets,
      edges,
      models: model.models,
      index,
      producerInsights: extracted.insights,
      errors,
    }
  }

  /** Fields' own personal data: the personal-data map (a review wins) and the model's categories. */
  private personalData(assets: CatalogAsset[], models: readonly SingleViewModel[]) {
    const own = new Map<string, NodePersonalData>()
    const rejected = new Set<string>()
    let decisions
    try {
      decisions = this.deps.classifications.readMap()
    } catch {
      // A broken classifications.yaml is reported on the personal-data page; suggestions only here.
      decisions = new Map()
    }
    const map = buildPersonalDataMap({
      assets,
      decisions,
      processing: [],
      workspace: this.deps.workspace,
      generatedAt: new Date().toISOString(),
    })
    for (const e of map.entries) {
      if (e.reviewState === 'rejected') rejected.add(e.urn)
      else if (e.decision)
        own.set(e.urn, {
          category: e.category,
          by: 'review',
          reason: `${e.reviewState} by ${e.decision.by}${e.decision.reason ? `: ${e.decision.reason}` : ''}`,
        })
      else own.set(e.urn, { category: e.category, by: 'classification', reason: e.evidenceSummary })
    }
    for (const m of models)
      for (const f of m.fields)
        if (f.category && !own.has(f.urn))
          own.set(f.urn, { category: f.category, by: 'review', reason: `declared in ${m.file}` })
    return { own, rejected }
  }

  async insights(): Promise<LineageInsight[]> {
    const state = await this.state()
    return estateInsights({
      assets: state.assets,
      index: state.index,
      producerInsights: state.producerInsights,
    })
  }

  /** Inferred suggestions with their decisions, best first; cached like the graph. */
  async suggestions(): Promise<LineageSuggestion[]> {
    const state = await this.state()
    const key = `${state.key}\nsketches=${this.deps.sketchGeneration?.() ?? 0}`
    if (this.suggestionsCache?.key !== key) {
      const list = (async () => {
        const p = await this.load()
        const files = new p.LineageFiles(this.deps.catalogDir)
        const found = p.inferLineageSuggestions({
          snapshot: state.snapshot,
          sketches: await this.deps.sketches(),
          knownEdges: state.edges,
          decisions: files.decisions(),
        })
        return [...found].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      })()
      this.suggestionsCache = { key, list }
      list.catch(() => {
        if (this.suggestionsCache?.list === list) this.suggestionsCache = undefined
      })
    }
    return this.suggestionsCache.list
  }
}

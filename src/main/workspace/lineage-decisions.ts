import path from 'node:path'
import {
  isCollection,
  isMap,
  isSeq,
  parseDocument,
  YAMLSeq,
  type Document,
  type YAMLMap,
} from 'yaml'
import { z } from 'zod'
import { loadCatalogYaml, lineOfKeys, saveCatalogYaml } from './catalog-yaml'
import { lineageEdgeId } from '../../shared/lineage/edge-id'
import { toTransformShorthand } from '../../shared/lineage/transforms'
import type { EdgeProcess, LineageSuggestion } from '../../shared/model/lineage'
import type { SuggestionDecision } from '../lineage/lineage-inputs'
import {
  openYaml,
  rollUp,
  tryParseUrn,
  workspaceRelative,
  type CatalogFileProblem,
  type EdgeSink,
  type YamlFileReader,
} from './lineage-yaml'

/**
 * Decisions on inferred lineage suggestions, kept in catalog/lineage/ so a team shares them in
 * git: accepted.yaml (each entry becomes an edge) and rejected.yaml (remembered so the
 * suggestion stays hidden). Written through the yaml Document API: comments survive.
 */

export const DECISION_FILES = ['accepted.yaml', 'rejected.yaml'] as const
type Status = 'accepted' | 'rejected'

/** The process name accepted suggestions carry (edge ids hash it). */
export const ACCEPTED_PROCESS = 'accepted-suggestion'

const HEADERS: Record<Status, string> = {
  accepted: `
 Lineage suggestions the team accepted (docs/lineage-as-code.md): each entry is an edge.
 Written by Sightline when a suggestion is accepted; entries may be edited or removed by hand.

 accepted: [{ id, from, to, transform, score, by, at, reason? }]`.slice(1),
  rejected: `
 Lineage suggestions the team rejected (docs/lineage-as-code.md): not edges, remembered so
 that Sightline does not suggest them again. Remove an entry to reopen it.

 rejected: [{ id, from, to, transform, score, by, at, reason? }]`.slice(1),
}

const fieldUrn = z
  .string()
  .refine((u) => tryParseUrn(u)?.field !== undefined, 'a field URN (asset#field)')
const EntrySchema = z.strictObject({
  id: z.string().min(1),
  from: fieldUrn,
  to: fieldUrn,
  transform: z.unknown().optional(),
  score: z.number().min(0).max(1),
  by: z.string().min(1),
  at: z.string().min(1),
  reason: z.string().optional(),
})
type Entry = z.infer<typeof EntrySchema>

export class LineageDecisions {
  constructor(readonly catalogDir: string) {}

  private file(status: Status): string {
    return path.join(this.catalogDir, 'lineage', `${status}.yaml`)
  }

  /** Valid entries of one file, with their lines; problems go to `errors` when given. */
  private entries(status: Status, errors: CatalogFileProblem[] = []) {
    const file = this.file(status)
    const reader = openYaml(file, workspaceRelative(this.catalogDir, file), errors)
    const out: Array<{ entry: Entry; line: number; reader: YamlFileReader; index: number }> = []
    if (!reader) return out
    const data: unknown = reader.doc.toJS()
    if (data === null || data === undefined) return out
    const top = reader.parse(z.looseObject({ [status]: z.array(z.unknown()).nullish() }), data, [])
    top?.[status]?.forEach((raw, index) => {
      const entry = reader.parse(EntrySchema, raw, [status, index])
      if (entry) out.push({ entry, line: reader.lineOf([status, index]) ?? 1, reader, index })
    })
    return out
  }

  /** accepted.yaml as edges (origin `accepted-suggestion`), added to `into`. */
  acceptedEdges(errors: CatalogFileProblem[], into: EdgeSink): void {
    const via: EdgeProcess = { kind: 'process', name: ACCEPTED_PROCESS }
    for (const { entry, line, reader, index } of this.entries('accepted', errors)) {
      const transform = reader.transform(entry.transform, ['accepted', index, 'transform'])
      if (!transform) continue
      const id = lineageEdgeId('field', entry.from, entry.to, ACCEPTED_PROCESS)
      if (into.seen.has(id)) continue
      into.seen.set(id, `${reader.file}:${line}`)
      const origin = {
        kind: 'accepted-suggestion' as const,
        file: reader.file,
        line,
        score: entry.score,
        acceptedBy: entry.by,
        acceptedAt: entry.at,
      }
      const assetEdge = rollUp(into.assetEdges, into.edges, entry.from, entry.to, via, origin)
      into.edges.push({
        id,
        level: 'field',
        from: entry.from,
        to: entry.to,
        transform,
        via,
        origin,
        assetEdge,
      })
    }
  }

  decisions(): Map<string, SuggestionDecision> {
    const out = new Map<string, SuggestionDecision>()
    for (const status of ['rejected', 'accepted'] as const) {
      for (const { entry } of this.entries(status)) {
        out.set(entry.id, {
          id: entry.id,
          status,
          from: entry.from,
          to: entry.to,
          by: entry.by,
          at: entry.at,
          ...(entry.reason === undefined ? {} : { reason: entry.reason }),
        })
      }
    }
    return out
  }

  /** Records a decision (idempotent), removing the opposite one; returns the entry's place. */
  record(
    status: Status,
    s: LineageSuggestion,
    actor: string,
    reason?: string,
  ): { file: string; line: number } {
    this.removeFrom(status === 'accepted' ? 'rejected' : 'accepted', s.id)
    const file = this.file(status)
    const relative = workspaceRelative(this.catalogDir, file)
    const doc = loadCatalogYaml(file)?.doc ?? newDocument(status)
    const seq = listOf(doc, status)
    let index = seq.items.findIndex((item) => isMap(item) && item.get('id') === s.id)
    if (index < 0) {
      const entry: Record<string, unknown> = {
        id: s.id,
        from: s.from,
        to: s.to,
        transform: toTransformShorthand(s.transform),
        // Exact, so the loaded edge's score equals the suggestion's.
        score: s.score,
        by: actor,
        at: new Date().toISOString(),
        ...(reason ? { reason } : {}),
      }
      const map = doc.createNode(entry) as YAMLMap
      const transform = map.get('transform', true)
      // `transform: [trim, lower-case]` reads better on one line, as people write it.
      if (isCollection(transform)) transform.flow = true
      seq.items.push(map)
      index = seq.items.length - 1
      saveCatalogYaml(file, doc)
    }
    const reloaded = loadCatalogYaml(file)!
    return { file: relative, line: lineOfKeys(reloaded.doc, reloaded.lines, [status, index]) ?? 1 }
  }

  remove(id: string): boolean {
    const a = this.removeFrom('accepted', id)
    const r = this.removeFrom('rejected', id)
    return a || r
  }

  private removeFrom(status: Status, id: string): boolean {
    const file = this.file(status)
    const loaded = loadCatalogYaml(file)
    const seq = loaded?.doc.get(status, true)
    if (!loaded || !isSeq(seq)) return false
    const before = seq.items.length
    seq.items = seq.items.filter((item) => !(isMap(item) && item.get('id') === id))
    if (seq.items.length === before) return false
    saveCatalogYaml(file, loaded.doc)
    return true
  }
}

function newDocument(status: Status): Document {
  const doc = parseDocument(`${status}: []\n`)
  doc.commentBefore = HEADERS[status]
  return doc
}

function listOf(doc: Document, status: Status): YAMLSeq {
  let seq = doc.get(status, true)
  if (!isSeq(seq)) {
    seq = new YAMLSeq()
    doc.set(status, seq)
  }
  const list = seq as YAMLSeq
  list.flow = false
  return list
}

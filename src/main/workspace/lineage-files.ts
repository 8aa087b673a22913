import path from 'node:path'
import { z } from 'zod'
import { lineageEdgeId } from '../../shared/lineage/edge-id'
import type {
  EdgeOrigin,
  EdgeProcess,
  LineageEdge,
  LineageSuggestion,
} from '../../shared/model/lineage'
import type { SuggestionDecision } from '../lineage/lineage-inputs'
import { LineageDecisions, DECISION_FILES } from './lineage-decisions'
import {
  isAssetUrn,
  rollUp,
  openYaml,
  teamIds,
  workspaceRelative,
  yamlFilesIn,
  type CatalogFileProblem,
  type EdgeSink,
  type YamlFileReader,
} from './lineage-yaml'

/**
 * catalog/lineage/*.yaml: declared lineage for processes Sightline cannot introspect (a stream
 * processor's code), field to field, plus the team's decisions on inferred suggestions
 * (accepted.yaml, rejected.yaml). Format: docs/lineage-as-code.md.
 */

const NAME = /^[a-z0-9][a-z0-9._-]*$/
const assetUrn = z
  .string()
  .refine(isAssetUrn, 'an asset URN such as kafka://events/crm.dbo.Customer (no #field)')

const ProcessSchema = z.strictObject({
  name: z.string().regex(NAME, 'a process name has lower-case letters, digits, ".", "_" or "-"'),
  description: z.string().optional(),
  owner: z.string().optional(),
  code: z.string().optional(),
})
const FieldSchema = z.strictObject({
  from: z.string().min(1, 'from is empty'),
  to: z.string().min(1, 'to is empty'),
  transform: z.unknown().optional(),
  note: z.string().optional(),
})
const FlowSchema = z.strictObject({
  from: assetUrn.optional(),
  to: assetUrn.optional(),
  description: z.string().optional(),
  fields: z.array(z.unknown()).min(1, 'a flow lists at least one field'),
})
const TopSchema = z
  .strictObject({
    process: ProcessSchema,
    from: assetUrn.optional(),
    to: assetUrn.optional(),
    fields: z.array(z.unknown()).optional(),
    flows: z.array(z.unknown()).optional(),
  })
  .refine((t) => t.fields !== undefined || t.flows !== undefined, {
    message: 'a declaration lists `fields:` or `flows:`',
  })

export interface LineageFilesResult {
  edges: LineageEdge[]
  errors: CatalogFileProblem[]
}

/** Reads catalog/lineage/ and records suggestion decisions in it. */
export class LineageFiles {
  private readonly decisionFiles: LineageDecisions

  constructor(readonly catalogDir: string) {
    this.decisionFiles = new LineageDecisions(catalogDir)
  }

  get dir(): string {
    return path.join(this.catalogDir, 'lineage')
  }

  /**
   * Every declared and accepted edge, field level with their asset-level roll-ups. A broken file
   * or entry is a problem with its line; the rest still loads.
   */
  load(): LineageFilesResult {
    const errors: CatalogFileProblem[] = []
    const edges: LineageEdge[] = []
    const teams = teamIds(this.catalogDir)
    const seen = new Map<string, string>()
    const assetEdges = new Map<string, LineageEdge>()
    for (const file of yamlFilesIn(this.dir)) {
      const relative = workspaceRelative(this.catalogDir, file)
      const name = path.basename(file)
      if ((DECISION_FILES as readonly string[]).includes(name)) continue
      const reader = openYaml(file, relative, errors)
      if (reader) this.declarations(reader, teams, { edges, seen, assetEdges })
    }
    this.decisionFiles.acceptedEdges(errors, { edges, seen, assetEdges })
    errors.sort((a, b) =>
      a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1,
    )
    return { edges, errors }
  }

  /** Decisions on suggestions by suggestion id (accepted.yaml and rejected.yaml). */
  decisions(): Map<string, SuggestionDecision> {
    return this.decisionFiles.decisions()
  }

  /** Appends the suggestion to accepted.yaml (its edge loads from then on); moves a rejection. */
  accept(s: LineageSuggestion, actor: string, reason?: string): { file: string; line: number } {
    return this.decisionFiles.record('accepted', s, actor, reason)
  }

  /** Appends the suggestion to rejected.yaml (remembered, not an edge); moves an acceptance. */
  reject(s: LineageSuggestion, actor: string, reason?: string): { file: string; line: number } {
    return this.decisionFiles.record('rejected', s, actor, reason)
  }

  /** Undoes a decision: removes the suggestion from either file. False when there was none. */
  reopen(id: string): boolean {
    return this.decisionFiles.remove(id)
  }

  private declarations(
    reader: YamlFileReader,
    teams: Set<string> | undefined,
    into: EdgeSink,
  ): void {
    const { edges, seen, assetEdges } = into
    const data: unknown = reader.doc.toJS()
    if (data === null || data === undefined) return
    const top = reader.parse(TopSchema, data, [])
    if (!top) return
    const process = top.process.name
    if (top.process.owner !== undefined && teams && !teams.has(top.process.owner))
      reader.problem(
        ['process', 'owner'],
        `process.owner: no team "${top.process.owner}" in owners.yaml`,
      )
    const via: EdgeProcess = { kind: 'process', name: process }
    const origin = (line: number): EdgeOrigin => ({
      kind: 'declared',
      file: reader.file,
      line,
      process,
    })
    const groups: Array<{
      from?: string
      to?: string
      fields: unknown[]
      keys: Array<string | number>
    }> = []
    if (top.fields) groups.push({ from: top.from, to: top.to, fields: top.fields, keys: [] })
    top.flows?.forEach((raw, index) => {
      const flow = reader.parse(FlowSchema, raw, ['flows', index])
      if (flow)
        groups.push({
          from: flow.from ?? top.from,
          to: flow.to ?? top.to,
          fields: flow.fields,
          keys: ['flows', index],
        })
    })
    for (const group of groups) {
      group.fields.forEach((raw, index) => {
        const keys = [...group.keys, 'fields', index]
        const entry = reader.parse(FieldSchema, raw, keys)
        if (!entry) return
        const from = reader.fieldUrn(entry.from, group.from, [...keys, 'from'], 'from')
        const to = reader.fieldUrn(entry.to, group.to, [...keys, 'to'], 'to')
        const transform = reader.transform(entry.transform, [...keys, 'transform'])
        if (!from || !to || !transform) return
        const line = reader.lineOf(keys) ?? 1
        const id = lineageEdgeId('field', from, to, process)
        const where = `${reader.file}:${line}`
        const first = seen.get(id)
        if (first) {
          reader.problem(
            keys,
            `${keys.join('.')}: the edge ${from} -> ${to} is already declared at ${first}`,
          )
          return
        }
        seen.set(id, where)
        const assetEdge = rollUp(assetEdges, edges, from, to, via, origin(line))
        edges.push({
          id,
          level: 'field',
          from,
          to,
          transform,
          via,
          origin: origin(line),
          assetEdge,
        })
      })
    }
  }
}

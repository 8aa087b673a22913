import path from 'node:path'
import { z } from 'zod'
import { lineageEdgeId } from '../../shared/lineage/edge-id'
import type {
  EdgeProcess,
  LineageEdge,
  ModelField,
  SingleViewModel,
} from '../../shared/model/lineage'
import { isCategoryId, type CategoryId } from '../../shared/model/personal-data'
import { buildUrn, encodeFieldPath } from '../../shared/urn'
import {
  isAssetUrn,
  openYaml,
  rollUp,
  teamIds,
  tryParseUrn,
  workspaceRelative,
  yamlFilesIn,
  type CatalogFileProblem,
  type YamlFileReader,
} from './lineage-yaml'

/**
 * catalog/model/*.yaml: the single-view model as code (the target customer document: its fields,
 * meanings, owners and personal-data categories), so that lineage is drawn into the model and not
 * only into a collection. Each model field is `model://<model>#<path>`, fed by the collection
 * field(s) that implement it. Format: docs/lineage-as-code.md.
 */

const NAME = /^[a-z0-9][a-z0-9._-]*$/
const assetUrn = z
  .string()
  .refine(isAssetUrn, 'an asset URN such as mongodb://singleview/singleview/customers')
const fieldUrn = z
  .string()
  .refine((u) => tryParseUrn(u)?.field !== undefined, 'a field URN (asset#field)')

const TopSchema = z.strictObject({
  name: z
    .string()
    .regex(NAME, 'a model name has lower-case letters, digits, ".", "_" or "-"')
    .optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  collections: z.array(assetUrn).min(1, 'a model lists the collection(s) that hold it'),
  fields: z.array(z.unknown()),
})
const FieldSchema = z.strictObject({
  path: z.string().min(1, 'path is empty'),
  meaning: z.string().min(1, 'meaning is empty'),
  owner: z.string().optional(),
  category: z
    .string()
    .refine(isCategoryId, 'category is not a personal-data category id (docs/personal-data.md)')
    .optional(),
  implementedBy: z.union([fieldUrn, z.array(fieldUrn).min(1)]).optional(),
})

export interface ModelFilesResult {
  models: SingleViewModel[]
  /** Collection field -> model field, one per implementing field, plus their asset roll-ups. */
  edges: LineageEdge[]
  errors: CatalogFileProblem[]
}

/** `model://customer`, `model://customer#contact.email`. */
export function modelUrn(model: string, fieldPath?: string): string {
  return buildUrn('model', model, [], fieldPath)
}

export class ModelFiles {
  constructor(readonly catalogDir: string) {}

  get dir(): string {
    return path.join(this.catalogDir, 'model')
  }

  /** Every model; a broken file or field is a problem with its line, the rest still loads. */
  load(): ModelFilesResult {
    const result: ModelFilesResult = { models: [], edges: [], errors: [] }
    const teams = teamIds(this.catalogDir)
    const names = new Map<string, string>()
    for (const file of yamlFilesIn(this.dir)) {
      const reader = openYaml(file, workspaceRelative(this.catalogDir, file), result.errors)
      if (!reader) continue
      const name = path.basename(file).replace(/\.ya?ml$/, '')
      const edges: LineageEdge[] = []
      const model = this.model(reader, name, teams, edges)
      if (!model) continue
      const other = names.get(model.name)
      if (other) {
        reader.problem(['name'], `model "${model.name}" is already defined in ${other}`)
        continue
      }
      names.set(model.name, reader.file)
      result.models.push(model)
      result.edges.push(...edges)
    }
    result.errors.sort((a, b) =>
      a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1,
    )
    return result
  }

  private model(
    reader: YamlFileReader,
    fileName: string,
    teams: Set<string> | undefined,
    edges: LineageEdge[],
  ): SingleViewModel | undefined {
    const data: unknown = reader.doc.toJS()
    if (data === null || data === undefined) return undefined
    const top = reader.parse(TopSchema, data, [])
    if (!top) return undefined
    const name = top.name ?? fileName
    const checkOwner = (owner: string | undefined, keys: Array<string | number>) => {
      if (owner !== undefined && teams && !teams.has(owner))
        reader.problem(keys, `${keys.join('.')}: no team "${owner}" in owners.yaml`)
    }
    checkOwner(top.owner, ['owner'])
    const via: EdgeProcess = { kind: 'model', name }
    const model: SingleViewModel = {
      name,
      urn: modelUrn(name),
      ...(top.description === undefined ? {} : { description: top.description }),
      ...(top.owner === undefined ? {} : { owner: top.owner }),
      collections: top.collections,
      fields: [],
      file: reader.file,
    }
    const paths = new Set<string>()
    const assetEdges = new Map<string, LineageEdge>()
    const modelEdges: LineageEdge[] = []
    top.fields.forEach((raw, index) => {
      const keys = ['fields', index]
      const entry = reader.parse(FieldSchema, raw, keys)
      if (!entry) return
      if (paths.has(entry.path)) {
        reader.problem([...keys, 'path'], `fields.${index}.path: "${entry.path}" appears twice`)
        return
      }
      paths.add(entry.path)
      checkOwner(entry.owner, [...keys, 'owner'])
      const implementedBy =
        entry.implementedBy === undefined
          ? top.collections.map((c) => `${c}#${encodeFieldPath(entry.path)}`)
          : typeof entry.implementedBy === 'string'
            ? [entry.implementedBy]
            : entry.implementedBy
      const field: ModelField = {
        urn: modelUrn(name, entry.path),
        path: entry.path,
        meaning: entry.meaning.trim(),
        ...((entry.owner ?? top.owner) ? { owner: entry.owner ?? top.owner } : {}),
        ...(entry.category === undefined ? {} : { category: entry.category as CategoryId }),
        implementedBy,
      }
      model.fields.push(field)
      const origin = { kind: 'model' as const, file: reader.file, line: reader.lineOf(keys) ?? 1 }
      for (const from of implementedBy) {
        const assetEdge = rollUp(assetEdges, modelEdges, from, field.urn, via, origin)
        modelEdges.push({
          id: lineageEdgeId('field', from, field.urn, name),
          level: 'field',
          from,
          to: field.urn,
          via,
          origin,
          assetEdge,
        })
      }
    })
    edges.push(...modelEdges)
    return model
  }
}

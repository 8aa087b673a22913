import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import type { Document, LineCounter } from 'yaml'
import type { z } from 'zod'
import { lineOfKeys, loadCatalogYaml, type KeyPath, type LoadedYaml } from './catalog-yaml'
import { ApiError } from '../../shared/api/errors'
import { parseTransformShorthand } from '../../shared/lineage/transforms'
import { lineageEdgeId } from '../../shared/lineage/edge-id'
import type {
  EdgeOrigin,
  EdgeProcess,
  LineageEdge,
  TransformSpec,
} from '../../shared/model/lineage'
import { encodeFieldPath, parseUrn } from '../../shared/urn'
import { OwnersFile } from './owners-file'

/**
 * What catalog/lineage/ and catalog/model/ share: problems reported per file and line instead of
 * thrown (a broken file must not hide the others), field endpoints written as paths inside a
 * default asset, transforms in the shorthand, and owner ids checked against owners.yaml.
 */

/** A problem in a catalogue-as-code file; `file` is workspace-relative (`catalog/lineage/x.yaml`). */
export interface CatalogFileProblem {
  file: string
  line?: number
  message: string
}

/** One file being read: its workspace-relative name, its document, and where problems go. */
export class YamlFileReader {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    readonly lines: LineCounter,
    private readonly problems: CatalogFileProblem[],
  ) {}

  lineOf(keys: KeyPath): number | undefined {
    return lineOfKeys(this.doc, this.lines, keys)
  }

  problem(keys: KeyPath, message: string): void {
    const line = this.lineOf(keys)
    this.problems.push({ file: this.file, ...(line === undefined ? {} : { line }), message })
  }

  /** Validates `raw` (found at `keys`); on failure records the first issue and returns undefined. */
  parse<T>(schema: z.ZodType<T>, raw: unknown, keys: KeyPath): T | undefined {
    const parsed = schema.safeParse(raw)
    if (parsed.success) return parsed.data
    const issue = parsed.error.issues[0]!
    const at = [...keys, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))]
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
    this.problem(at, `${at.join('.') || 'file'}: ${missing ? 'missing' : issue.message}`)
    return undefined
  }

  /** A transform shorthand at `keys`; absent or null means identity. */
  transform(raw: unknown, keys: KeyPath): TransformSpec | undefined {
    if (raw === undefined || raw === null) return { type: 'identity' }
    const result = parseTransformShorthand(raw)
    if (result.ok) return result.spec
    const at = [...keys, ...result.path]
    this.problem(at, `${at.join('.')}: ${result.message}`)
    return undefined
  }

  /**
   * A field URN from a path inside `asset` (`after.Email`) or a whole field URN; undefined (and a
   * problem) when neither works.
   */
  fieldUrn(
    endpoint: string,
    asset: string | undefined,
    keys: KeyPath,
    side: string,
  ): string | undefined {
    if (endpoint.includes('://')) {
      const parsed = tryParseUrn(endpoint)
      if (parsed?.field !== undefined && parsed.field !== '') return endpoint
      this.problem(keys, `${keys.join('.')}: "${endpoint}" is not a field URN (asset#field)`)
      return undefined
    }
    if (asset === undefined) {
      this.problem(
        keys,
        `${keys.join('.')}: "${endpoint}" is a path, but no default \`${side}:\` asset is set`,
      )
      return undefined
    }
    return `${asset}#${encodeFieldPath(endpoint)}`
  }
}

export function tryParseUrn(urn: string): ReturnType<typeof parseUrn> | undefined {
  try {
    return parseUrn(urn)
  } catch {
    return undefined
  }
}

/** An asset URN (no `#field`) as zod refinement input. */
export function isAssetUrn(urn: string): boolean {
  const parsed = tryParseUrn(urn)
  return parsed !== undefined && parsed.field === undefined
}

/** The asset of a field URN. */
export function assetOfField(urn: string): string {
  const hash = urn.indexOf('#')
  return hash < 0 ? urn : urn.slice(0, hash)
}

/** `catalog/lineage/x.yaml` for a file under the workspace that holds `catalogDir`. */
export function workspaceRelative(catalogDir: string, file: string): string {
  return path.relative(path.dirname(catalogDir), file).split(path.sep).join('/')
}

/** The .yaml/.yml files of a folder, by name; none when the folder does not exist. */
export function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => path.join(dir, name))
}

/** Loads a file for reading; a syntax error becomes a problem and undefined. */
export function openYaml(
  absolute: string,
  relative: string,
  problems: CatalogFileProblem[],
): YamlFileReader | undefined {
  let loaded: LoadedYaml | undefined
  try {
    loaded = loadCatalogYaml(absolute)
  } catch (err) {
    const line = err instanceof ApiError ? err.details?.line : undefined
    const message = err instanceof Error ? err.message.replace(/^[^:]*: /, '') : String(err)
    problems.push({ file: relative, ...(typeof line === 'number' ? { line } : {}), message })
    return undefined
  }
  if (!loaded) return undefined
  return new YamlFileReader(relative, loaded.doc, loaded.lines, problems)
}

/** Team ids of owners.yaml; undefined when it is absent or broken (then owners go unchecked). */
export function teamIds(catalogDir: string): Set<string> | undefined {
  try {
    const file = path.join(catalogDir, 'owners.yaml')
    if (!existsSync(file)) return undefined
    return new Set(new OwnersFile(file).read().teams.map((t) => t.id))
  } catch {
    return undefined
  }
}

/** Where loaded edges go: the list, field edge ids with where they were declared, asset edges. */
export interface EdgeSink {
  edges: LineageEdge[]
  seen: Map<string, string>
  assetEdges: Map<string, LineageEdge>
}

/**
 * The asset-level edge a field edge rolls up into, created at its first field (one per from
 * asset, to asset and process).
 */
export function rollUp(
  assetEdges: Map<string, LineageEdge>,
  edges: LineageEdge[],
  fromField: string,
  toField: string,
  via: EdgeProcess,
  origin: EdgeOrigin,
): string {
  const from = assetOfField(fromField)
  const to = assetOfField(toField)
  const id = lineageEdgeId('asset', from, to, via.name)
  if (!assetEdges.has(id)) {
    const edge: LineageEdge = { id, level: 'asset', from, to, via, origin }
    assetEdges.set(id, edge)
    edges.push(edge)
  }
  return id
}

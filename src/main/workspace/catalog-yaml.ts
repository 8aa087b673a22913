import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { ApiError } from '../../shared/api/errors'

/**
 * What the catalogue-as-code files (owners.yaml, classifications.yaml, processing.yaml) share:
 * errors that name the file and line, parsing with line numbers, and atomic write-back through
 * the yaml Document API so that people's comments survive the app's edits.
 */

export type KeyPath = Array<string | number>

export interface LoadedYaml {
  doc: Document.Parsed
  lines: LineCounter
}

/** `owners.yaml (line 6): <message>` as a bad-input error. */
export function catalogFileError(
  file: string,
  message: string,
  line?: number,
  key?: string,
): ApiError {
  const where = line === undefined ? '' : ` (line ${line})`
  return new ApiError('bad-input', `${path.basename(file)}${where}: ${message}`, {
    file,
    ...(line === undefined ? {} : { line }),
    ...(key === undefined ? {} : { field: key }),
  })
}

/** The parsed document with its line counter; undefined when the file does not exist. */
export function loadCatalogYaml(file: string): LoadedYaml | undefined {
  if (!existsSync(file)) return undefined
  const lines = new LineCounter()
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines })
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!
    const summary = first.message.split('\n')[0]!.replace(/:$/, '')
    throw catalogFileError(file, `YAML syntax error: ${summary}.`, first.linePos?.[0]?.line)
  }
  return { doc, lines }
}

/** The line of the node at `keys`, or of its nearest existing parent. */
export function lineOfKeys(doc: Document, lines: LineCounter, keys: KeyPath): number | undefined {
  for (let n = keys.length; n >= 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as Node | undefined
    const offset = node?.range?.[0]
    if (offset !== undefined) return lines.linePos(offset).line
  }
  return undefined
}

let writes = 0

/** catalog/ files this process has written: caches of what catalog/ holds compare it. */
export function catalogWrites(): number {
  return writes
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function saveCatalogYaml(file: string, doc: Document): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, doc.toString({ lineWidth: 0 }))
  renameSync(tmp, file)
  writes++
}

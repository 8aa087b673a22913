/**
 * What the benchmarks share to write bench/results/*.md: a results file of named sections, each
 * run replacing its own between markers and keeping the others; the machine line; arguments.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface ResultsFile<S extends string> {
  file: string
  /** The file's first lines, written when it does not exist yet. */
  header: string
  /** The sections, in the file's order. */
  sections: readonly S[]
  /** Also keep each section alone under bench/results/tmp/ (not committed), as `<copyPrefix>-<section>.md`. */
  copyPrefix?: string
}

/** Replaces one section (between its markers), or inserts it in its place in the order. */
export function writeResultsSection<S extends string>(
  results: ResultsFile<S>,
  name: S,
  markdown: string,
  file = results.file,
): void {
  const marker = (n: string, end: boolean) => `<!-- ${n}:${end ? 'end' : 'begin'} -->`
  const begin = marker(name, false)
  const end = marker(name, true)
  const block = `${begin}\n${markdown.trim()}\n${end}`
  let text = existsSync(file) ? readFileSync(file, 'utf8') : results.header
  const at = text.indexOf(begin)
  const until = text.indexOf(end)
  if (at >= 0 && until > at) text = text.slice(0, at) + block + text.slice(until + end.length)
  else {
    const later = results.sections
      .slice(results.sections.indexOf(name) + 1)
      .map((n) => text.indexOf(marker(n, false)))
      .filter((i) => i >= 0)
    const where = later.length > 0 ? Math.min(...later) : -1
    text =
      where >= 0
        ? `${text.slice(0, where)}${block}\n\n${text.slice(where)}`
        : `${text.trimEnd()}\n\n${block}\n`
  }
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, text)
  if (results.copyPrefix) {
    // A copy of the section alone, should the shared file be overwritten.
    const copy = path.join(path.dirname(file), 'tmp', `${results.copyPrefix}-${name}.md`)
    mkdirSync(path.dirname(copy), { recursive: true })
    writeFileSync(copy, `${block}\n`)
  }
}

/** The machine and its load, for the reader to judge a number by. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${load} (1/5/15 min)`
}

/** The value after `--name`, unless it is another flag. */
export function arg(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  const value = at > 0 ? process.argv[at + 1] : undefined
  return value !== undefined && value !== '' && !value.startsWith('--') ? value : fallback
}
export const flag = (name: string): boolean => process.argv.includes(`--${name}`)

/** The command line as run, for the report. */
export const commandLine = (script: string): string =>
  ['npx tsx', script, ...process.argv.slice(2)].join(' ')

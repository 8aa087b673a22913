/**
 * bench/results/lookup.md holds two sections, `quality` (bench/lookup/quality.ts) and `speed`
 * (bench/lookup/speed.ts): each run replaces its own section, between markers, and keeps the other.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results', 'lookup.md')

const HEADER = `# Customer lookup: quality and speed (issue 7)

Written by \`npm run bench:lookup\` (bench/lookup/quality.ts, small estate) and
\`npm run bench:lookup-speed\` (bench/lookup/speed.ts, bench estate); see bench/README.md. Each run
rewrites its own section.
`

const SECTIONS = ['quality', 'speed'] as const
export type SectionName = (typeof SECTIONS)[number]

/** Replaces one section (between its markers), or inserts it in its place in the order. */
export function writeSection(name: SectionName, markdown: string, file = RESULTS_FILE): void {
  const marker = (n: string, end: boolean) => `<!-- ${n}:${end ? 'end' : 'begin'} -->`
  const begin = marker(name, false)
  const end = marker(name, true)
  const block = `${begin}\n${markdown.trim()}\n${end}`
  let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER
  const at = text.indexOf(begin)
  const until = text.indexOf(end)
  if (at >= 0 && until > at) text = text.slice(0, at) + block + text.slice(until + end.length)
  else {
    const later = SECTIONS.slice(SECTIONS.indexOf(name) + 1)
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
}

/** The machine and its load, for the reader to judge a number by. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${load} (1/5/15 min)`
}

export function arg(name: string, fallback?: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 && process.argv[at + 1] !== undefined && !process.argv[at + 1]!.startsWith('--')
    ? process.argv[at + 1]
    : fallback
}
export const flag = (name: string): boolean => process.argv.includes(`--${name}`)

/** The command line as run, for the report. */
export const commandLine = (script: string): string =>
  ['npx tsx', script, ...process.argv.slice(2)].join(' ')

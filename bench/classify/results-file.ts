/**
 * bench/results/classify.md holds two sections, written by two scripts (quality.ts, speed.ts):
 * each replaces its own section between markers and keeps the other's.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results', 'classify.md')

const HEADER = `# Personal-data classification: quality and speed (issue 5)

Written by \`npm run bench:classify\` (bench/classify/quality.ts and bench/classify/speed.ts; see
bench/README.md). Each script rewrites its own section.
`

export function writeSection(
  name: 'quality' | 'speed',
  markdown: string,
  file = RESULTS_FILE,
): void {
  const begin = `<!-- ${name}:begin -->`
  const end = `<!-- ${name}:end -->`
  const block = `${begin}\n${markdown.trim()}\n${end}`
  let text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER
  const at = text.indexOf(begin)
  const until = text.indexOf(end)
  if (at >= 0 && until > at) text = text.slice(0, at) + block + text.slice(until + end.length)
  else if (name === 'quality' && text.includes('<!-- speed:begin -->'))
    text = text.replace('<!-- speed:begin -->', `${block}\n\n<!-- speed:begin -->`)
  else text = `${text.trimEnd()}\n\n${block}\n`
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
  return at > 0 && process.argv[at + 1] && !process.argv[at + 1]!.startsWith('--')
    ? process.argv[at + 1]
    : fallback
}
export const flag = (name: string): boolean => process.argv.includes(`--${name}`)

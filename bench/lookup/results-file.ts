/**
 * bench/results/lookup.md holds two sections, `quality` (bench/lookup/quality.ts) and `speed`
 * (bench/lookup/speed.ts): each run replaces its own section, between markers, and keeps the other.
 */
import path from 'node:path'
import { REPO_ROOT, writeResultsSection, type ResultsFile } from '../shared/results-file'

export { arg, commandLine, flag, machineLine, REPO_ROOT } from '../shared/results-file'

const LOOKUP_RESULTS: ResultsFile<'quality' | 'speed' | 'index' | 'index-check'> = {
  file: path.join(REPO_ROOT, 'bench', 'results', 'lookup.md'),
  header: `# Customer lookup: quality and speed (issue 7)

Written by \`npm run bench:lookup\` (bench/lookup/quality.ts, small estate) and
\`npm run bench:lookup-speed\` (bench/lookup/speed.ts, bench estate); see bench/README.md. Each run
rewrites its own section.
`,
  sections: ['quality', 'speed', 'index', 'index-check'],
}
export const RESULTS_FILE = LOOKUP_RESULTS.file
export type SectionName = (typeof LOOKUP_RESULTS.sections)[number]

export function writeSection(name: SectionName, markdown: string, file = RESULTS_FILE): void {
  writeResultsSection(LOOKUP_RESULTS, name, markdown, file)
}

/** The p-th percentile (nearest rank) of `xs`; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

/** Milliseconds as the results files write them: two decimals under 10 ms. */
export const ms = (x: number): string =>
  Number.isNaN(x) ? '–' : x < 10 ? `${x.toFixed(2)} ms` : `${Math.round(x)} ms`

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

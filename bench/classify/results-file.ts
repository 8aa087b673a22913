/**
 * bench/results/classify.md holds three sections, written by quality.ts and speed.ts: each run
 * replaces the sections it measured, between markers, and keeps the others.
 */
import path from 'node:path'
import { REPO_ROOT, writeResultsSection, type ResultsFile } from '../shared/results-file'

export { arg, flag, machineLine, REPO_ROOT } from '../shared/results-file'

const CLASSIFY_RESULTS: ResultsFile<'quality' | 'speed-synthetic' | 'speed-crawl'> = {
  file: path.join(REPO_ROOT, 'bench', 'results', 'classify.md'),
  header: `# Personal-data classification: quality and speed (issue 5)

Written by \`npm run bench:classify\` (bench/classify/quality.ts and bench/classify/speed.ts; see
bench/README.md). Each run rewrites the sections it measured.
`,
  sections: ['quality', 'speed-synthetic', 'speed-crawl'],
  copyPrefix: 'classify',
}
export const RESULTS_FILE = CLASSIFY_RESULTS.file
export type SectionName = (typeof CLASSIFY_RESULTS.sections)[number]

export function writeSection(name: SectionName, markdown: string, file = RESULTS_FILE): void {
  writeResultsSection(CLASSIFY_RESULTS, name, markdown, file)
}

/**
 * An estate's env file read the way test/support/estate.ts reads it, for a file named on the
 * command line (the bench estate's, or the small one's), overlaid by SIGHTLINE_* variables of
 * the process only when no file is named otherwise.
 */
import { existsSync, readFileSync } from 'node:fs'

export function estateEnvFrom(file: string): Record<string, string> {
  if (!existsSync(file)) throw new Error(`${file} is missing: is the estate up?`)
  const vars: Record<string, string> = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line)
    if (m) vars[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2')
  }
  return vars
}

/**
 * Which code a benchmark measured: the commit checked out and whatever differs from it. A result
 * without it cannot be tied to a change (benches run from worktrees of older commits for A/B
 * pairs, and from working trees with edits in progress).
 */
import { execFileSync } from 'node:child_process'
import { REPO_ROOT } from './results-file'

export interface CodeVersion {
  /** The checked-out commit, abbreviated as git abbreviates it. */
  commit: string
  /** Its subject line. */
  subject: string
  /** Paths with changes not in the commit (staged, unstaged or untracked), bench output excepted. */
  uncommitted: string[]
}

/** What a bench writes while it runs: never a difference in the code measured. */
const BENCH_OUTPUT = ['bench/results/', 'test-results/']

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

/** The code in `dir` (default: this repository), or undefined when it is not a git checkout. */
export function codeVersion(dir = REPO_ROOT): CodeVersion | undefined {
  let head: string
  try {
    head = git(dir, ['log', '-1', '--format=%h%x00%s']).trim()
  } catch {
    return undefined
  }
  const [commit = '', subject = ''] = head.split('\0')
  // -z: paths exactly as they are (no quoting); a rename's entry is followed by its old path.
  const entries = git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=all']).split('\0')
  const uncommitted: string[] = []
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!
    if (entry.length < 4) continue
    const file = entry.slice(3)
    if (entry[0] === 'R' || entry[0] === 'C') i++
    if (!BENCH_OUTPUT.some((prefix) => file.startsWith(prefix))) uncommitted.push(file)
  }
  return { commit, subject, uncommitted }
}

/** The version as a report says it: commit and subject, and any uncommitted change named. */
export function codeLine(version: CodeVersion | undefined): string {
  if (!version) return 'code: not a git checkout (version unknown)'
  const subject = version.subject.length > 72 ? `${version.subject.slice(0, 71)}…` : version.subject
  const base = `code: ${version.commit} (“${subject}”)`
  const n = version.uncommitted.length
  if (n === 0) return base
  const shown = version.uncommitted.slice(0, 5).join(', ')
  const more = n > 5 ? ` and ${n - 5} more` : ''
  return `${base} **with uncommitted changes** to ${n} file${n === 1 ? '' : 's'}: ${shown}${more}`
}

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { codeLine, codeVersion } from '../../../bench/shared/code-version'

/** A throwaway repository with one commit. */
let repo: string
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] })
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true })
  writeFileSync(path.join(repo, file), text)
}

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'sightline-code-version-'))
  git('init', '-q')
  git('config', 'user.email', 'bench@example.invalid')
  git('config', 'user.name', 'bench')
  write('src/a.ts', 'a\n')
  write('src/b c.ts', 'b\n')
  write('bench/results/x.md', 'old\n')
  git('add', '-A')
  git('commit', '-q', '-m', 'First: the code measured')
})
afterEach(() => rmSync(repo, { recursive: true, force: true }))

describe('codeVersion', () => {
  it('names the commit and its subject, with nothing uncommitted in a clean checkout', () => {
    const v = codeVersion(repo)!
    const head = git('rev-parse', '--short', 'HEAD').toString().trim()
    expect(v).toEqual({ commit: head, subject: 'First: the code measured', uncommitted: [] })
    expect(codeLine(v)).toBe(`code: ${head} (“First: the code measured”)`)
  })

  it('lists changed, staged, renamed and untracked files, paths with spaces whole', () => {
    write('src/a.ts', 'changed\n')
    write('src/new.ts', 'new\n')
    renameSync(path.join(repo, 'src/b c.ts'), path.join(repo, 'src/d e.ts'))
    git('add', '-A', 'src/b c.ts', 'src/d e.ts')
    const v = codeVersion(repo)!
    expect(v.uncommitted.sort()).toEqual(['src/a.ts', 'src/d e.ts', 'src/new.ts'])
    expect(codeLine(v)).toMatch(/\*\*with uncommitted changes\*\* to 3 files: /)
  })

  it('does not count what benches write (bench/results/, test-results/)', () => {
    write('bench/results/x.md', 'new run\n')
    write('bench/results/tmp/y.md', 'copy\n')
    write('test-results/shot.txt', 'x\n')
    expect(codeVersion(repo)!.uncommitted).toEqual([])
  })

  it('says so outside a git checkout', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'sightline-no-git-'))
    try {
      expect(codeVersion(plain)).toBeUndefined()
      expect(codeLine(undefined)).toBe('code: not a git checkout (version unknown)')
    } finally {
      rmSync(plain, { recursive: true, force: true })
    }
  })
})

describe('codeLine', () => {
  it('shortens a long subject and names at most five changed files', () => {
    const line = codeLine({
      commit: 'abc1234',
      subject: 'x'.repeat(100),
      uncommitted: ['1', '2', '3', '4', '5', '6', '7'],
    })
    expect(line).toBe(
      `code: abc1234 (“${'x'.repeat(71)}…”) **with uncommitted changes** to 7 files: 1, 2, 3, 4, 5 and 2 more`,
    )
  })
})

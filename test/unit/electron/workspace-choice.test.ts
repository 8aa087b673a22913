import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  chooseWorkspace,
  readLastWorkspace,
  workspaceArgument,
  writeLastWorkspace,
} from '../../../src/main/electron/workspace-choice'

const base = { argv: ['electron', '.'], env: {}, cwd: '/home/ana', lastUsed: undefined }
const defaultDir = '/home/ana/Documents/Sightline'

describe('chooseWorkspace', () => {
  it('prefers --workspace, then SIGHTLINE_WORKSPACE, then the last one, then the default', () => {
    const all = {
      argv: ['electron', '.', '--workspace', 'estate'],
      env: { SIGHTLINE_WORKSPACE: '/srv/env-ws' },
      cwd: '/home/ana',
      lastUsed: '/srv/last',
      defaultDir,
    }
    expect(chooseWorkspace(all)).toEqual({ dir: '/home/ana/estate', reason: 'argument' })
    expect(chooseWorkspace({ ...all, argv: base.argv })).toEqual({
      dir: '/srv/env-ws',
      reason: 'environment',
    })
    expect(chooseWorkspace({ ...all, argv: base.argv, env: {} })).toEqual({
      dir: '/srv/last',
      reason: 'last-used',
    })
    expect(chooseWorkspace({ ...base, defaultDir })).toEqual({ dir: defaultDir, reason: 'default' })
  })

  it('ignores an empty variable and a relative last-used path', () => {
    const choice = chooseWorkspace({
      ...base,
      env: { SIGHTLINE_WORKSPACE: '' },
      lastUsed: 'relative/dir',
      defaultDir,
    })
    expect(choice.reason).toBe('default')
  })
})

describe('workspaceArgument', () => {
  it.each([
    [['--workspace', '/a'], '/a'],
    [['--workspace=/b'], '/b'],
    [['--workspace', '/a', '--workspace=/c'], '/c'],
    [['--workspace'], undefined],
    [['--workspace', '--inspect'], undefined],
    [['--workspace='], undefined],
  ])('%j -> %s', (argv, expected) => expect(workspaceArgument(argv)).toBe(expected))
})

describe('last-workspace.json', () => {
  it('remembers the folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sightline-lastws-'))
    try {
      const file = path.join(dir, 'last-workspace.json')
      expect(await readLastWorkspace(file)).toBeUndefined()
      await writeLastWorkspace(file, '/srv/workspace')
      expect(await readLastWorkspace(file)).toBe('/srv/workspace')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

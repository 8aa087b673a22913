import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveWorkspaceDir, workspacePaths } from '../../../src/main/workspace/workspace'

describe('workspace resolution', () => {
  it('prefers --workspace, then SIGHTLINE_WORKSPACE, then the current directory', () => {
    const env = { SIGHTLINE_WORKSPACE: '/from/env' }
    expect(resolveWorkspaceDir('rel/ws', env, '/cwd')).toBe(path.resolve('/cwd/rel/ws'))
    expect(resolveWorkspaceDir(undefined, env, '/cwd')).toBe('/from/env')
    expect(resolveWorkspaceDir(undefined, { SIGHTLINE_WORKSPACE: '' }, '/cwd')).toBe('/cwd')
    expect(resolveWorkspaceDir(undefined, {}, '/cwd')).toBe('/cwd')
  })

  it('keeps what people write in catalog/ and what the app keeps in .sightline/', () => {
    expect(workspacePaths('/ws')).toEqual({
      root: '/ws',
      catalogDir: '/ws/catalog',
      sourcesFile: '/ws/catalog/sources.yaml',
      stateDir: '/ws/.sightline',
      storeFile: '/ws/.sightline/sightline.db',
    })
  })
})

import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ALLOW_BASIC_TEXT_ENV,
  createSafeStorageSecretStore,
  secretPolicy,
  secretsFilePath,
  type SafeStorageLike,
} from '../../../src/main/electron/safe-storage-secrets'
import { ApiError } from '../../../src/shared/api/errors'

const SECRET = 'Pa55w0rd-for-crm!'

/** A reversible stand-in for the OS keychain: enough to prove nothing is written in clear. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`, 'utf8'),
    decryptString: (buf) => {
      const text = buf.toString('utf8')
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext')
      return [...text.slice(4)].reverse().join('')
    },
    getSelectedStorageBackend: () => backend,
  }
}

let workspaceDir: string
beforeEach(async () => {
  workspaceDir = await mkdtemp(path.join(os.tmpdir(), 'sightline-secrets-'))
})
afterEach(async () => {
  await rm(workspaceDir, { recursive: true, force: true })
})

function store(safeStorage = fakeSafeStorage(), env: Record<string, string> = {}) {
  return createSafeStorageSecretStore({ workspaceDir, safeStorage, platform: 'linux', env })
}

describe('safeStorage secret store', () => {
  it('round-trips a secret, encrypted, in a 0600 file', async () => {
    const secrets = store()
    expect(secrets.storage).toBe('keychain')
    expect(secrets.warning).toBeUndefined()
    await secrets.set('crm-prod', SECRET)
    expect(await secrets.get('crm-prod')).toBe(SECRET)
    const file = secretsFilePath(workspaceDir)
    expect(file).toBe(path.join(workspaceDir, '.sightline', 'secrets.json'))
    expect(await readFile(file, 'utf8')).not.toContain(SECRET)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('renames and deletes', async () => {
    const secrets = store()
    await secrets.set('a', 'one')
    await secrets.rename('a', 'b')
    expect(await secrets.get('a')).toBeUndefined()
    expect(await secrets.get('b')).toBe('one')
    await secrets.delete('b')
    expect(await secrets.get('b')).toBeUndefined()
    await secrets.delete('never-there')
  })

  it('loses no secret when several are saved at once', async () => {
    const secrets = store()
    await Promise.all(['a', 'b', 'c', 'd'].map((name) => secrets.set(name, `pw-${name}`)))
    for (const name of ['a', 'b', 'c', 'd']) expect(await secrets.get(name)).toBe(`pw-${name}`)
  })

  it('refuses to save on Linux basic_text unless explicitly allowed, and says why', async () => {
    const refused = store(fakeSafeStorage('basic_text'))
    expect(refused.warning).toMatch(/keyring/i)
    const error = await refused.set('crm', SECRET).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('unsupported')
    expect((error as ApiError).message).toContain('${env:VAR}')
    expect((error as ApiError).message).not.toContain(SECRET)
    await expect(stat(secretsFilePath(workspaceDir))).rejects.toThrow()

    const allowed = store(fakeSafeStorage('basic_text'), { [ALLOW_BASIC_TEXT_ENV]: '1' })
    expect(allowed.warning).toMatch(/obfuscated/)
    await allowed.set('crm', SECRET)
    expect(await allowed.get('crm')).toBe(SECRET)
  })

  it('refuses to save when the system has no encryption at all', async () => {
    const secrets = store(fakeSafeStorage('unknown', false))
    await expect(secrets.set('crm', SECRET)).rejects.toMatchObject({ code: 'unsupported' })
  })

  it('reports an undecryptable secret without quoting it', async () => {
    await mkdir(path.dirname(secretsFilePath(workspaceDir)), { recursive: true })
    const garbage = Buffer.from('not-our-ciphertext').toString('base64')
    await writeFile(
      secretsFilePath(workspaceDir),
      JSON.stringify({ version: 1, secrets: { crm: garbage } }),
    )
    const error = await store()
      .get('crm')
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'unsupported' })
    expect((error as Error).message).not.toContain(garbage)
  })
})

describe('secretPolicy', () => {
  it('only distrusts basic_text on Linux', () => {
    const input = { encryptionAvailable: true, backend: 'basic_text', allowBasicText: false }
    expect(secretPolicy({ ...input, platform: 'linux' }).canStore).toBe(false)
    expect(secretPolicy({ ...input, platform: 'darwin' })).toEqual({ canStore: true })
    expect(secretPolicy({ ...input, platform: 'linux', backend: 'kwallet6' })).toEqual({
      canStore: true,
    })
  })
})

import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ApiError } from '../../shared/api/errors'
import type { SecretStore } from '../secrets/secret-store'

/** The part of Electron's safeStorage used here (structural, so tests pass a fake cipher). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: 'basic_text' means "no keyring found", the key is a constant in Chromium. */
  getSelectedStorageBackend?(): string
}

export interface SecretPolicy {
  canStore: boolean
  /** Shown by the UI (AppInfo.secretStorageWarning) whenever storage is weaker or refused. */
  warning?: string
}

export const ALLOW_BASIC_TEXT_ENV = 'SIGHTLINE_ALLOW_BASIC_TEXT'

/**
 * Whether passwords may be saved. On Linux without a keyring (GNOME Keyring, KWallet) Chromium
 * falls back to `basic_text`: "encrypted" with a key hard-coded in Chromium, i.e. readable by
 * anyone who can read the file. Saving a database password that way would be writing it in
 * clear with extra steps, so we refuse by default and point to `${env:VAR}` references, which
 * keep the secret out of the workspace entirely. SIGHTLINE_ALLOW_BASIC_TEXT=1 is the explicit,
 * informed opt-in (e.g. a throwaway VM); the warning stays visible even then.
 */
export function secretPolicy(input: {
  platform: NodeJS.Platform
  encryptionAvailable: boolean
  backend: string | undefined
  allowBasicText: boolean
}): SecretPolicy {
  if (!input.encryptionAvailable) {
    return {
      canStore: false,
      warning:
        'This system offers no encryption for saved passwords: use ${env:VAR} references in ' +
        'sources.yaml instead.',
    }
  }
  if (input.platform === 'linux' && input.backend === 'basic_text') {
    return input.allowBasicText
      ? {
          canStore: true,
          warning:
            `No keyring found: saved passwords are only obfuscated (${ALLOW_BASIC_TEXT_ENV}=1 ` +
            'is set). Anyone who can read the workspace can read them.',
        }
      : {
          canStore: false,
          warning:
            'No keyring found (GNOME Keyring or KWallet), so passwords cannot be saved securely: ' +
            `use \${env:VAR} references, or set ${ALLOW_BASIC_TEXT_ENV}=1 to save them obfuscated.`,
        }
  }
  return { canStore: true }
}

export interface SafeStorageSecretStoreOptions {
  workspaceDir: string
  safeStorage: SafeStorageLike
  platform?: NodeJS.Platform
  env?: Record<string, string | undefined>
}

interface SecretsFile {
  version: 1
  /** source name -> base64 of safeStorage ciphertext */
  secrets: Record<string, string>
}

/** Where the ciphertext lives: private to the user, beside the store (DESIGN.md §5). */
export function secretsFilePath(workspaceDir: string): string {
  return path.join(workspaceDir, '.sightline', 'secrets.json')
}

/**
 * Desktop SecretStore (DESIGN.md §2, §10.5): passwords encrypted by the OS keychain through
 * Electron's safeStorage, ciphertext in <workspace>/.sightline/secrets.json (mode 0600).
 * Create it after `app.whenReady()`: safeStorage answers only then.
 */
export function createSafeStorageSecretStore(opts: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage } = opts
  const file = secretsFilePath(opts.workspaceDir)
  const platform = opts.platform ?? process.platform
  const policy = secretPolicy({
    platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend: platform === 'linux' ? selectedBackend(safeStorage) : undefined,
    allowBasicText: (opts.env ?? process.env)[ALLOW_BASIC_TEXT_ENV] === '1',
  })
  // One write at a time, so two quick edits never lose each other's secret.
  let queue: Promise<unknown> = Promise.resolve()
  const update = (change: (secrets: Map<string, string>) => boolean): Promise<void> => {
    const next = queue.then(async () => {
      const secrets = await readSecrets(file)
      if (change(secrets)) await writeSecrets(file, secrets)
    })
    queue = next.catch(() => undefined)
    return next
  }

  return {
    storage: 'keychain',
    ...(policy.warning === undefined ? {} : { warning: policy.warning }),

    async get(sourceName) {
      await queue
      const cipherText = (await readSecrets(file)).get(sourceName)
      if (cipherText === undefined) return undefined
      try {
        return safeStorage.decryptString(Buffer.from(cipherText, 'base64'))
      } catch {
        throw new ApiError(
          'unsupported',
          `The saved password of "${sourceName}" can no longer be decrypted (the OS keychain ` +
            'changed): enter it again.',
        )
      }
    },

    async set(sourceName, secret) {
      if (!policy.canStore) throw new ApiError('unsupported', policy.warning ?? 'Cannot save.')
      const cipherText = safeStorage.encryptString(secret).toString('base64')
      await update((secrets) => {
        secrets.set(sourceName, cipherText)
        return true
      })
    },

    async delete(sourceName) {
      await update((secrets) => secrets.delete(sourceName))
    },

    async rename(fromName, toName) {
      if (fromName === toName) return
      await update((secrets) => {
        const cipherText = secrets.get(fromName)
        if (cipherText === undefined) return false
        secrets.delete(fromName)
        secrets.set(toName, cipherText)
        return true
      })
    },
  }
}

/** The Linux backend, or undefined when this Electron cannot tell (the API is Linux-only). */
function selectedBackend(safeStorage: SafeStorageLike): string | undefined {
  try {
    return safeStorage.getSelectedStorageBackend?.()
  } catch {
    return undefined
  }
}

async function readSecrets(file: string): Promise<Map<string, string>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw err
  }
  const parsed = JSON.parse(text) as Partial<SecretsFile> | null
  const entries = Object.entries(parsed?.secrets ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  return new Map(entries)
}

async function writeSecrets(file: string, secrets: Map<string, string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  const body: SecretsFile = { version: 1, secrets: Object.fromEntries(secrets) }
  const tmp = `${file}.${process.pid}.tmp`
  // Created 0600 from the first byte: never briefly world-readable.
  await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 })
  await chmod(tmp, 0o600)
  await rename(tmp, file)
}

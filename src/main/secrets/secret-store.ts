/**
 * Where typed-in secrets (source passwords) are kept, chosen once at the composition root:
 * - desktop: Electron safeStorage, ciphertext on disk (src/main/electron/safe-storage-secrets.ts);
 * - serve: this process's memory only (memory-secret-store.ts), unless the user saves an
 *   `${env:VAR}` reference instead.
 * Implementations never log a secret and never return one to the renderer.
 */
export interface SecretStore {
  readonly storage: 'keychain' | 'memory'
  /** Set when the store is weaker than it should be (Linux basic_text): the UI warns loudly. */
  readonly warning?: string
  get(sourceName: string): Promise<string | undefined>
  set(sourceName: string, secret: string): Promise<void>
  delete(sourceName: string): Promise<void>
  rename(fromName: string, toName: string): Promise<void>
}

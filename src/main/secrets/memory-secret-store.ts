import type { SecretStore } from './secret-store'

/**
 * The `serve` mode secret store: typed-in passwords live in this process's memory only and are
 * lost when it exits (the UI and the CLI say so). Nothing is ever written to disk.
 */
export class MemorySecretStore implements SecretStore {
  readonly storage = 'memory' as const
  readonly warning =
    'Passwords typed in are kept in this server’s memory only and are lost when it stops; save an ${env:VAR} reference to keep one.'
  private readonly secrets = new Map<string, string>()

  async get(sourceName: string): Promise<string | undefined> {
    return this.secrets.get(sourceName)
  }

  async set(sourceName: string, secret: string): Promise<void> {
    this.secrets.set(sourceName, secret)
  }

  async delete(sourceName: string): Promise<void> {
    this.secrets.delete(sourceName)
  }

  async rename(fromName: string, toName: string): Promise<void> {
    const secret = this.secrets.get(fromName)
    this.secrets.delete(fromName)
    if (secret !== undefined) this.secrets.set(toName, secret)
  }
}

export function createMemorySecretStore(): MemorySecretStore {
  return new MemorySecretStore()
}

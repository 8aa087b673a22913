import { ApiError } from '../../shared/api/errors'
import type { SourceView } from '../../shared/model/sources'
import type { ResolvedSource } from '../connectors'
import type { SecretStore } from '../secrets/secret-store'
import { resolveEnvRefs } from '../workspace/env-refs'
import type { SourceEntry } from '../workspace/sources-file'
import { splitAndValidateSourceUrl } from '../workspace/source-url'
import type { ValidSourceInput } from './schemas'

/** What to do with the secret store when an entry is written. */
export type SecretAction = { type: 'set'; secret: string } | { type: 'delete' } | { type: 'keep' }

export interface PreparedEntry {
  entry: SourceEntry
  secretAction: SecretAction
  /** The typed-in password, if any: for a draft test, and for redaction. */
  typedPassword?: string
}

/**
 * Turns validated input into the entry sources.yaml will hold: the URL without credentials, the
 * password as an env reference or only a marker of where the typed secret went.
 */
export function prepareEntry(
  input: ValidSourceInput,
  secretStore: SecretStore,
  env: NodeJS.ProcessEnv,
  existing?: SourceEntry,
): PreparedEntry {
  let split
  try {
    split = splitAndValidateSourceUrl(input.kind, input.url, env)
  } catch (err) {
    if (err instanceof ApiError) {
      throw new ApiError('bad-input', `source.url: ${err.message}`, {
        ...err.details,
        field: 'source.url',
      })
    }
    throw err
  }
  const entry: SourceEntry = { name: input.name, kind: input.kind, url: split.url }
  const username = input.username ?? split.username
  if (username) entry.username = username
  if (input.aliases?.length) entry.aliases = [...new Set(input.aliases)]
  if (input.description?.trim()) entry.description = input.description.trim()
  if (input.options && Object.keys(input.options).length > 0) entry.options = { ...input.options }

  const typedPassword = input.password ?? (input.passwordRef ? undefined : split.password)
  const passwordRef = input.passwordRef ?? (input.password ? undefined : split.passwordRef)
  if (passwordRef) {
    entry.password = passwordRef
    return { entry, secretAction: { type: 'delete' } }
  }
  if (typedPassword !== undefined) {
    entry.secret = secretStore.storage
    return { entry, secretAction: { type: 'set', secret: typedPassword }, typedPassword }
  }
  if (existing && input.keepSecret !== false) {
    if (existing.password) entry.password = existing.password
    if (existing.secret) entry.secret = existing.secret
    return { entry, secretAction: { type: 'keep' } }
  }
  return { entry, secretAction: { type: 'delete' } }
}

/** The API's view of an entry: whether a secret is set and where, never the secret. */
export async function entryToView(
  entry: SourceEntry,
  secretStore: SecretStore,
): Promise<SourceView> {
  const view: SourceView = {
    name: entry.name,
    kind: entry.kind,
    url: entry.url,
    hasSecret: false,
    secretStorage: 'none',
    aliases: entry.aliases ?? [],
    options: entry.options ?? {},
  }
  if (entry.username !== undefined) view.username = entry.username
  if (entry.description !== undefined) view.description = entry.description
  if (entry.password) {
    view.hasSecret = true
    view.secretStorage = 'env-ref'
    view.secretRef = entry.password
  } else if (entry.secret) {
    view.secretStorage = entry.secret
    view.hasSecret = (await secretStore.get(entry.name)) !== undefined
  }
  return view
}

/**
 * Resolves env references and attaches the secret: the form a connector takes. Lives in main
 * only. A missing variable or a typed secret that is no longer held fails with a clear message.
 */
export async function resolveEntry(
  entry: SourceEntry,
  secretStore: SecretStore,
  env: NodeJS.ProcessEnv,
  typedPassword?: string,
): Promise<ResolvedSource> {
  const where = (field: string) => `source "${entry.name}" ${field}`
  const resolved: ResolvedSource = {
    name: entry.name,
    kind: entry.kind,
    url: resolveEnvRefs(entry.url, env, where('url')),
    options: entry.options ?? {},
  }
  if (entry.username) resolved.username = resolveEnvRefs(entry.username, env, where('username'))
  if (typedPassword !== undefined) {
    resolved.password = typedPassword
  } else if (entry.password) {
    resolved.password = resolveEnvRefs(entry.password, env, where('password'))
  } else if (entry.secret) {
    const secret = await secretStore.get(entry.name)
    if (secret === undefined) {
      throw new ApiError(
        'auth',
        entry.secret === 'memory'
          ? `The password of "${entry.name}" was typed into an earlier session and kept in memory only: type it again, or save an \${env:VAR} reference.`
          : `The password of "${entry.name}" is not in this app's ${entry.secret === 'keychain' ? 'keychain' : 'secret store'}: type it again, or save an \${env:VAR} reference.`,
        { reason: 'secret-missing', secretStorage: entry.secret },
      )
    }
    resolved.password = secret
  }
  return resolved
}

export async function applySecretAction(
  secretStore: SecretStore,
  name: string,
  action: SecretAction,
): Promise<void> {
  if (action.type === 'set') await secretStore.set(name, action.secret)
  else if (action.type === 'delete') await secretStore.delete(name)
}

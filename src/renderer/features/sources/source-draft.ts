import type { SourceInput, SourceKind, SourceView } from '../../../shared/api'
import { KIND_OPTIONS } from './source-kinds'

/** How the form is asked to handle the password. */
export type SecretMode = 'password' | 'env'

/** The add/edit form's values: flat and string-y, as inputs hold them. */
export interface SourceFormValues {
  name: string
  kind: SourceKind
  url: string
  username: string
  secretMode: SecretMode
  password: string
  passwordRef: string
  aliases: string[]
  description: string
  databases: string[]
  tls: boolean
  saslMechanism: string
  /** Options the form has no field for, carried through an edit untouched. */
  otherOptions: Record<string, string | number | boolean>
}

const FORM_OPTION_KEYS = ['databases', 'tls', 'sasl.mechanism']

export function emptySourceForm(kind: SourceKind = 'postgres'): SourceFormValues {
  return {
    name: '',
    kind,
    url: '',
    username: '',
    secretMode: 'password',
    password: '',
    passwordRef: '',
    aliases: [],
    description: '',
    databases: [],
    tls: false,
    saslMechanism: 'none',
    otherOptions: {},
  }
}

export function formFromSource(view: SourceView): SourceFormValues {
  const otherOptions = Object.fromEntries(
    Object.entries(view.options).filter(([key]) => !FORM_OPTION_KEYS.includes(key)),
  )
  const databases = view.options.databases
  return {
    ...emptySourceForm(view.kind),
    name: view.name,
    url: view.url,
    username: view.username ?? '',
    secretMode: view.secretStorage === 'env-ref' ? 'env' : 'password',
    passwordRef: view.secretRef ?? '',
    aliases: [...view.aliases],
    description: view.description ?? '',
    databases:
      typeof databases === 'string' && databases ? databases.split(',').map((d) => d.trim()) : [],
    tls: view.options.tls === true || view.options.tls === 'true',
    saslMechanism:
      typeof view.options['sasl.mechanism'] === 'string' ? view.options['sasl.mechanism'] : 'none',
    otherOptions,
  }
}

/**
 * Form values -> what the API takes. `existing` is the saved source when editing: an empty
 * password field then keeps its stored secret rather than erasing it.
 */
export function sourceInputFromForm(values: SourceFormValues, existing?: SourceView): SourceInput {
  const offered = KIND_OPTIONS[values.kind]
  const options: Record<string, string | number | boolean> = { ...values.otherOptions }
  if (offered.databases && values.databases.length > 0)
    options.databases = values.databases.join(',')
  if (offered.tls && values.tls) options.tls = true
  if (offered.sasl && values.saslMechanism !== 'none')
    options['sasl.mechanism'] = values.saslMechanism

  const input: SourceInput = {
    name: values.name.trim(),
    kind: values.kind,
    url: values.url.trim(),
    aliases: values.aliases.map((a) => a.trim()).filter(Boolean),
    options,
  }
  if (values.username.trim()) input.username = values.username.trim()
  if (values.description.trim()) input.description = values.description.trim()

  if (values.secretMode === 'env') {
    input.passwordRef = values.passwordRef.trim()
    input.keepSecret = false
  } else if (values.password) {
    input.password = values.password
    input.keepSecret = false
  } else {
    input.keepSecret =
      existing !== undefined && existing.hasSecret && existing.secretStorage !== 'env-ref'
  }
  return input
}

/**
 * The definition to re-add when a removal is undone. A typed-in secret (memory or keychain) is
 * gone with the source; an env reference is only text and comes back.
 */
export function sourceInputForUndo(view: SourceView): { input: SourceInput; secretLost: boolean } {
  const input: SourceInput = {
    name: view.name,
    kind: view.kind,
    url: view.url,
    aliases: [...view.aliases],
    options: { ...view.options },
  }
  if (view.username) input.username = view.username
  if (view.description) input.description = view.description
  if (view.secretStorage === 'env-ref' && view.secretRef) input.passwordRef = view.secretRef
  const secretLost = view.hasSecret && view.secretStorage !== 'env-ref'
  return { input, secretLost }
}

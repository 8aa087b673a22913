import { ApiError } from '../../shared/api/errors'

/**
 * `${env:VAR}` and `${env:VAR:-default}` references, the only way sources.yaml may point at a
 * secret (DESIGN.md §2). They may appear anywhere in a url, username or password.
 */
const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g
const WHOLE_ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/

export interface EnvRef {
  variable: string
  defaultValue?: string
}

export function hasEnvRefs(text: string): boolean {
  ENV_REF.lastIndex = 0
  return ENV_REF.test(text)
}

/** True when the whole text is one reference, e.g. a password field. */
export function isEnvRef(text: string): boolean {
  return WHOLE_ENV_REF.test(text)
}

export function listEnvRefs(text: string): EnvRef[] {
  return [...text.matchAll(ENV_REF)].map((m) =>
    m[2] === undefined ? { variable: m[1]! } : { variable: m[1]!, defaultValue: m[2] },
  )
}

/** A `${...}` that looks like a reference but is not well formed: a typo the user should fix. */
export function findMalformedRef(text: string): string | undefined {
  const withoutGood = text.replace(ENV_REF, '')
  const bad = /\$\{[^}]*\}?/.exec(withoutGood)
  return bad?.[0]
}

/**
 * Substitutes every reference from `env`. A variable that is unset and has no default is an
 * error naming the variable (never its value) and `where` it was used.
 */
export function resolveEnvRefs(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(ENV_REF, (_match, variable: string, defaultValue: string | undefined) => {
    const value = env[variable]
    if (value !== undefined && value !== '') return value
    if (defaultValue !== undefined) return defaultValue
    throw new ApiError(
      'bad-input',
      `Environment variable ${variable} is not set (referenced by ${where}); set it or give a default with \${env:${variable}:-default}.`,
      { variable, where },
    )
  })
}

/**
 * Like resolveEnvRefs but never fails: unset variables without a default become `placeholder`.
 * Used to validate the shape of a URL whose variables are only set where it runs.
 */
export function resolveEnvRefsLenient(
  text: string,
  env: NodeJS.ProcessEnv,
  placeholder: (variable: string) => string,
): string {
  return text.replace(ENV_REF, (_match, variable: string, defaultValue: string | undefined) => {
    const value = env[variable]
    if (value !== undefined && value !== '') return value
    return defaultValue ?? placeholder(variable)
  })
}

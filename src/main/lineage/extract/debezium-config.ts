import type { CatalogAsset } from '../../../shared/model/catalog'
import { javaRegex, regexList, type RegexList } from './java-regex'

/**
 * Reading Debezium connector configs: current and legacy (1.x) key names, and the include /
 * exclude lists as Debezium applies them (comma-separated Java regexes, full and
 * case-insensitive matches; when an include list is set its exclude list is not used).
 */

/** The first of `keys` with a non-empty value: new names first, legacy names after. */
export function pick(
  config: Readonly<Record<string, string>>,
  ...keys: string[]
): { key: string; value: string } | undefined {
  for (const key of keys) {
    const value = config[key]?.trim()
    if (value) return { key, value }
  }
  return undefined
}

/** `<what>.include.list` / `.exclude.list`, with the 1.x `whitelist` / `blacklist` names. */
export class ConfigFilter {
  readonly key?: string
  private readonly list?: RegexList
  private readonly include: boolean

  constructor(config: Readonly<Record<string, string>>, what: string) {
    const inc = pick(config, `${what}.include.list`, `${what}.whitelist`)
    const exc = inc ? undefined : pick(config, `${what}.exclude.list`, `${what}.blacklist`)
    this.include = inc !== undefined
    const chosen = inc ?? exc
    if (chosen) {
      this.key = chosen.key
      this.list = regexList(chosen.value, { caseInsensitive: true })
    }
  }

  /** Whether an object passes, given its identifiers (any spelling that Debezium would use). */
  passes(ids: readonly string[]): boolean {
    if (!this.list) return true
    const hit = ids.some((id) => this.list!.matches(id))
    return this.include ? hit : !hit
  }
}

/** A table's `cdc` property (SQL Server `tracked`, PostgreSQL `publications`), when known. */
export function cdcOf(
  asset: CatalogAsset,
): { tracked?: boolean; publications?: string[] } | undefined {
  const cdc = asset.properties?.cdc
  if (!cdc || typeof cdc !== 'object' || Array.isArray(cdc)) return undefined
  const out: { tracked?: boolean; publications?: string[] } = {}
  if (typeof cdc.tracked === 'boolean') out.tracked = cdc.tracked
  if (Array.isArray(cdc.publications))
    out.publications = cdc.publications.filter((p): p is string => typeof p === 'string')
  return out
}

/**
 * `message.key.columns`: `<table regex>:<col>,<col>;<table regex>:<col>`; the key columns of
 * the first entry whose regex matches one of the table's identifiers.
 */
export function messageKeyColumns(
  value: string | undefined,
  ids: readonly string[],
): string[] | undefined {
  if (!value) return undefined
  for (const entry of value.split(';')) {
    const at = entry.lastIndexOf(':')
    if (at < 0) continue
    const re = javaRegex(entry.slice(0, at).trim(), { caseInsensitive: true })
    if (ids.some((id) => re.test(id)))
      return entry
        .slice(at + 1)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
  }
  return undefined
}

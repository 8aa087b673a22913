/**
 * URNs as DESIGN.md §4 defines them: `<scheme>://<source>/<path segments>#<field path>`, each
 * segment percent-encoded. Field paths keep their dots (and `[]` for array elements) between
 * encoded segments.
 */
const enc = (segment: string) => encodeURIComponent(segment)

export function fieldPath(path: string): string {
  return path
    .split('.')
    .map((segment) => (segment.endsWith('[]') ? `${enc(segment.slice(0, -2))}[]` : enc(segment)))
    .join('.')
}

export function assetUrn(
  scheme: 'postgres' | 'kafka' | 'mongodb',
  source: string,
  segments: readonly string[],
): string {
  return `${scheme}://${enc(source)}/${segments.map(enc).join('/')}`
}

export function fieldUrn(asset: string, path: string): string {
  return `${asset}#${fieldPath(path)}`
}

export const SOURCES = {
  postgres: 'amper-pg',
  kafka: 'events',
  connect: 'connect',
  registry: 'registry',
  mongodb: 'singleview',
} as const

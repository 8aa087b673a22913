/**
 * Stable URNs of assets and fields (DESIGN.md §4): the source's logical name, then the path,
 * each segment percent-encoded so that a "/" or "#" inside a name can never shift the path.
 * Host and port are deliberately absent: they differ between machines, the logical name does not.
 */

/** encodeURIComponent leaves !'()* alone; they are encoded too so a URN has one spelling. */
export function encodeUrnSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

/** `<scheme>://<source>/<path...>` with an optional `#<field>`. */
export function buildUrn(
  scheme: string,
  source: string,
  path: readonly string[],
  field?: string,
): string {
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw new Error(`Not a URN scheme: "${scheme}"`)
  if (source === '') throw new Error('A URN needs a source name')
  const segments = [source, ...path].map(encodeUrnSegment).join('/')
  return `${scheme}://${segments}${field === undefined ? '' : `#${encodeFieldPath(field)}`}`
}

/**
 * A field path's segments are encoded one by one, keeping the dots between them and the `[]` that
 * marks array elements readable: `addresses[].postcode`, `after.Email`, `caf%C3%A9.name`.
 */
export function encodeFieldPath(path: string): string {
  return path
    .split('.')
    .map((segment) => {
      const m = /^(.*?)((?:\[\])*)$/.exec(segment)!
      return encodeUrnSegment(m[1]!) + m[2]!
    })
    .join('.')
}

export interface ParsedUrn {
  scheme: string
  source: string
  path: string[]
  field?: string
}

/** The inverse of buildUrn. */
export function parseUrn(urn: string): ParsedUrn {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^#]+?)(?:#(.*))?$/.exec(urn)
  if (!m) throw new Error(`Not a URN: "${urn}"`)
  const [source = '', ...path] = m[2]!.split('/').map(decodeURIComponent)
  const parsed: ParsedUrn = { scheme: m[1]!, source, path }
  if (m[3] !== undefined) parsed.field = decodeURIComponent(m[3])
  return parsed
}

import type { ResolvedSource } from '../connector'
import { malformedUrl, type Endpoint } from '../errors'
import { assertSchemeFits, optionFlag, parseHostPort } from '../shared/url'

export const MONGODB_URL_EXAMPLE =
  'mongodb://mongo1.example.com:27017,mongo2.example.com:27017/?replicaSet=rs0'

export interface MongoTarget {
  url: string
  srv: boolean
  /** Seed hosts (empty for mongodb+srv, whose hosts come from DNS). */
  endpoints: Endpoint[]
  tls: boolean
}

/** mongodb:// seed lists and mongodb+srv:// names; the driver parses the options itself. */
export function parseMongoSource(source: Pick<ResolvedSource, 'url' | 'options'>): MongoTarget {
  const kind = 'mongodb'
  const scheme = assertSchemeFits(kind, source.url, MONGODB_URL_EXAMPLE)
  if (scheme === undefined)
    throw malformedUrl(kind, 'it has no mongodb:// scheme', MONGODB_URL_EXAMPLE)
  const url = source.url.trim()
  const afterScheme = url.slice(url.indexOf('://') + 3)
  const authority = afterScheme.split(/[/?]/, 1)[0] ?? ''
  const hostList = authority.includes('@')
    ? authority.slice(authority.lastIndexOf('@') + 1)
    : authority
  if (!hostList) throw malformedUrl(kind, 'the host is missing', MONGODB_URL_EXAMPLE)
  const srv = scheme === 'mongodb+srv'
  const parts = hostList.split(',')
  if (parts.some((p) => p.trim() === ''))
    throw malformedUrl(kind, 'the host list has an empty entry', MONGODB_URL_EXAMPLE)
  if (srv && parts.length > 1)
    throw malformedUrl(kind, 'mongodb+srv:// takes one host name', MONGODB_URL_EXAMPLE)
  const endpoints = srv
    ? []
    : parts.map((p) => parseHostPort(decodeURIComponent(p), 27017, kind, MONGODB_URL_EXAMPLE))
  const query = new URLSearchParams(
    afterScheme.includes('?') ? afterScheme.slice(afterScheme.indexOf('?') + 1) : '',
  )
  const tlsFromUrl = optionFlag(query.get('tls') ?? query.get('ssl') ?? undefined)
  const tls = optionFlag(source.options.tls) ?? tlsFromUrl ?? srv
  return { url, srv, endpoints, tls }
}

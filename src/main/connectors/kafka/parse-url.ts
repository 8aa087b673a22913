import type { ResolvedSource } from '../connector'
import { badInput, malformedUrl, type Endpoint } from '../errors'
import { assertSchemeFits, optionFlag, parseHostPort } from '../shared/url'

export const KAFKA_URL_EXAMPLE = 'kafka://broker1:9092,broker2:9092 (or broker1:9092,broker2:9092)'

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512'
const SASL_MECHANISMS: readonly SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512']
const SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const

export interface KafkaTarget {
  brokers: Endpoint[]
  tls: boolean
  sasl?: { mechanism: SaslMechanism; username: string; password: string }
}

/**
 * Bootstrap servers as `kafka://h1:p1,h2:p2`, `kafka+ssl://...` or a bare `h1:p1,h2:p2` list.
 * Security comes from options as a Kafka client would write them: `security.protocol`,
 * `sasl.mechanism`, or simply `tls: true`; a username with a password implies SASL PLAIN.
 */
export function parseKafkaSource(
  source: Pick<ResolvedSource, 'url' | 'username' | 'password' | 'options'>,
): KafkaTarget {
  const kind = 'kafka'
  const scheme = assertSchemeFits(kind, source.url, KAFKA_URL_EXAMPLE)
  let rest = source.url.trim()
  if (scheme) rest = rest.slice(rest.indexOf('://') + 3)
  rest = rest.replace(/\/+$/, '')
  if (rest.includes('/') || rest.includes('@') || rest.includes('?')) {
    throw malformedUrl(
      kind,
      'a Kafka bootstrap list is host:port pairs only (no path, user or query)',
      KAFKA_URL_EXAMPLE,
    )
  }
  const parts = rest.split(',').map((p) => p.trim())
  if (parts.length === 0 || parts.some((p) => p === ''))
    throw malformedUrl(kind, 'the broker list has an empty entry', KAFKA_URL_EXAMPLE)
  const brokers = parts.map((p) => parseHostPort(p, 9092, kind, KAFKA_URL_EXAMPLE))

  const protocolOption = source.options['security.protocol']
  let protocol: (typeof SECURITY_PROTOCOLS)[number] | undefined
  if (protocolOption !== undefined) {
    const p = String(protocolOption).toUpperCase()
    if (!(SECURITY_PROTOCOLS as readonly string[]).includes(p)) {
      throw badInput(
        `Unknown security.protocol "${String(protocolOption)}": use one of ${SECURITY_PROTOCOLS.join(', ')}.`,
        'bad-option',
        {
          option: 'security.protocol',
        },
      )
    }
    protocol = p as (typeof SECURITY_PROTOCOLS)[number]
  }
  const tls =
    protocol === 'SSL' ||
    protocol === 'SASL_SSL' ||
    scheme === 'kafka+ssl' ||
    scheme === 'kafka+tls' ||
    optionFlag(source.options.tls) === true ||
    optionFlag(source.options.ssl) === true

  const mechanismOption = source.options['sasl.mechanism']
  const wantsSasl =
    protocol?.startsWith('SASL') ||
    mechanismOption !== undefined ||
    (source.username !== undefined && source.username !== '')
  if (!wantsSasl) return { brokers, tls }
  const mechanism = String(mechanismOption ?? 'plain').toLowerCase() as SaslMechanism
  if (!SASL_MECHANISMS.includes(mechanism)) {
    throw badInput(
      `Unsupported sasl.mechanism "${String(mechanismOption)}": use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.`,
      'bad-option',
      {
        option: 'sasl.mechanism',
      },
    )
  }
  if (!source.username)
    throw badInput("SASL needs a username: set the source's username.", 'missing-username')
  if (source.password === undefined)
    throw badInput("SASL needs a password: set the source's password.", 'missing-password')
  return { brokers, tls, sasl: { mechanism, username: source.username, password: source.password } }
}

import {
  Kafka,
  KafkaJSConnectionError,
  KafkaJSSASLAuthenticationError,
  logLevel,
  type Admin,
  type KafkaConfig,
} from 'kafkajs'
import { afterEach, describe, expect, it } from 'vitest'
import { estateEnv, serviceAvailable } from '../../support/estate.js'

/**
 * Authentication of the estate's Kafka, for real: the SASL_PLAINTEXT listener (mechanism PLAIN)
 * accepts the configured user and password and rejects anything else with kafkajs's SASL
 * authentication error, which Sightline's Kafka connector translates into the `auth` error code;
 * the PLAINTEXT listener needs no credentials at all.
 */
const env = estateEnv()
const host = '127.0.0.1'
const plainPort = Number(env.SIGHTLINE_KAFKA_PORT ?? 59092)
const saslPort = Number(env.SIGHTLINE_KAFKA_SASL_PORT ?? 59093)
const user = env.SIGHTLINE_KAFKA_USER ?? 'sightline'
const password = env.SIGHTLINE_KAFKA_PASSWORD ?? 'kafka-pass'

const up =
  (await serviceAvailable('Kafka', host, plainPort)) &&
  (await serviceAvailable('Kafka SASL', host, saslPort))

const admins: Admin[] = []
function admin(config: Partial<KafkaConfig>): Admin {
  const kafka = new Kafka({
    clientId: 'sightline-auth-test',
    brokers: [`${host}:${saslPort}`],
    logLevel: logLevel.NOTHING,
    // An authentication failure is final: no retries, so the test sees the broker's answer.
    retry: { retries: 0 },
    connectionTimeout: 5000,
    ...config,
  })
  const a = kafka.admin()
  admins.push(a)
  return a
}

/** The error `promise` rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected a rejection')
}

afterEach(async () => {
  for (const a of admins.splice(0)) await a.disconnect().catch(() => undefined)
})

describe.skipIf(!up)('Kafka authentication', () => {
  it('SASL/PLAIN with the configured user and password: connects and reads metadata', async () => {
    const a = admin({ sasl: { mechanism: 'plain', username: user, password } })
    await a.connect()
    const cluster = await a.describeCluster()
    expect(cluster.brokers.map((b) => b.port)).toEqual([saslPort])
  })

  it('SASL/PLAIN with a wrong password fails with an authentication error', async () => {
    const a = admin({ sasl: { mechanism: 'plain', username: user, password: `${password}-wrong` } })
    const err = await rejection(a.connect())
    expect(err).toBeInstanceOf(KafkaJSSASLAuthenticationError)
    expect(err.name).toBe('KafkaJSSASLAuthenticationError')
    expect(err.message).toMatch(/authentication failed|invalid username or password/i)
    // The error must not echo the secret back (it would end up in logs).
    expect(err.message).not.toContain(`${password}-wrong`)
  })

  it('SASL/PLAIN with an unknown user fails with an authentication error', async () => {
    const a = admin({ sasl: { mechanism: 'plain', username: `${user}-nobody`, password } })
    expect(await rejection(a.connect())).toBeInstanceOf(KafkaJSSASLAuthenticationError)
  })

  it('a client without credentials cannot use the SASL listener', async () => {
    const a = admin({})
    // The broker answers a non-SASL request on a SASL listener by closing the connection.
    const err = await rejection(a.connect().then(() => a.describeCluster()))
    expect(err).toBeInstanceOf(KafkaJSConnectionError)
    expect(err.name).toBe('KafkaJSConnectionClosedError') // a subclass kafkajs's types omit
  })

  it('the PLAINTEXT listener works without any authentication', async () => {
    const a = admin({ brokers: [`${host}:${plainPort}`] })
    await a.connect()
    const cluster = await a.describeCluster()
    expect(cluster.brokers.map((b) => b.port)).toEqual([plainPort])
    expect(await a.listTopics()).toEqual(expect.any(Array))
  })
})

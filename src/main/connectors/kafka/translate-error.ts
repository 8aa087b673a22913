import { ApiError, type ApiErrorShape } from '../../../shared/api'
import {
  describeEndpoint,
  driverMessage,
  errorChain,
  translateNetworkError,
  unexpectedError,
  type ErrorContext,
} from '../errors'

/** kafkajs protocol error types a check can meet. */
const PROTOCOL_ERRORS: Record<
  string,
  { code: ApiErrorShape['code']; reason: string; message: string }
> = {
  SASL_AUTHENTICATION_FAILED: {
    code: 'auth',
    reason: 'bad-credentials',
    message: 'Kafka rejected the SASL user name or password.',
  },
  UNSUPPORTED_SASL_MECHANISM: {
    code: 'auth',
    reason: 'sasl-mechanism',
    message:
      'This Kafka listener does not accept that SASL mechanism: check sasl.mechanism (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512).',
  },
  ILLEGAL_SASL_STATE: {
    code: 'auth',
    reason: 'sasl-not-expected',
    message:
      'This Kafka listener does not expect SASL: remove the username/sasl settings or use the SASL listener.',
  },
  CLUSTER_AUTHORIZATION_FAILED: {
    code: 'permission',
    reason: 'cluster-authorization',
    message: 'Kafka authenticated the user but refused it access to cluster metadata.',
  },
  TOPIC_AUTHORIZATION_FAILED: {
    code: 'permission',
    reason: 'topic-authorization',
    message: 'Kafka authenticated the user but refused it access to topics.',
  },
  UNSUPPORTED_VERSION: {
    code: 'unsupported',
    reason: 'protocol-version',
    message: 'The Kafka broker does not support a protocol version this client needs.',
  },
}

/** The one translation wrapper of the kafka connector: kafkajs errors -> shared codes. */
export function translateKafkaError(err: unknown, ctx: ErrorContext): ApiErrorShape {
  const chain = errorChain(err)
  const names = chain.map((e) => String(e.name ?? ''))
  for (const e of chain) {
    const type = typeof e.type === 'string' ? e.type : undefined
    const known = type ? PROTOCOL_ERRORS[type] : undefined
    if (known)
      return new ApiError(known.code, known.message, {
        reason: known.reason,
        kafkaError: type,
      }).toJSON()
  }
  if (names.includes('KafkaJSSASLAuthenticationError')) {
    return new ApiError('auth', 'Kafka rejected the SASL user name or password.', {
      reason: 'bad-credentials',
    }).toJSON()
  }
  const network = translateNetworkError(err, ctx)
  if (network) return network
  if (names.includes('KafkaJSConnectionClosedError') || names.includes('KafkaJSConnectionError')) {
    return new ApiError(
      'unreachable',
      `${describeEndpoint(ctx.endpoint)} closed the connection without a Kafka answer (if this listener requires SASL or TLS, set them on the source).`,
      { reason: 'closed', driverMessage: driverMessage(err, ctx.secrets) },
    ).toJSON()
  }
  if (names.includes('KafkaJSRequestTimeoutError')) {
    return new ApiError(
      'timeout',
      `The Kafka broker at ${describeEndpoint(ctx.endpoint)} did not answer in time.`,
      { reason: 'no-answer' },
    ).toJSON()
  }
  if (names.includes('KafkaJSBrokerNotFound') || names.includes('KafkaJSMetadataNotLoaded')) {
    return new ApiError(
      'unreachable',
      'No Kafka broker could be reached from the bootstrap list.',
      { reason: 'no-broker' },
    ).toJSON()
  }
  return unexpectedError(err, ctx)
}

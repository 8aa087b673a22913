import avro from 'avsc'

/**
 * fraud.scores in Avro through the registry's Confluent-compatible API, in the Confluent wire
 * format: magic byte 0, the schema id as a 4-byte big-endian integer, then Avro binary.
 */
export const FRAUD_SUBJECT = 'fraud.scores-value'

export const FRAUD_SCORE_SCHEMA = {
  type: 'record',
  name: 'FraudScore',
  namespace: 'com.amperelectricals.fraud',
  doc: 'A fraud model score for one customer, latest wins.',
  fields: [
    { name: 'customerId', type: 'long', doc: 'crm CustomerId' },
    { name: 'score', type: 'double' },
    { name: 'reasons', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'deviceId', type: ['null', 'string'], default: null },
    { name: 'ipAddress', type: ['null', 'string'], default: null },
    { name: 'scoredAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
} as const

/** A fraud.scores record as the generator writes it (scoredAt an ISO string). */
export interface FraudScoreValue {
  customerId: number
  score: number
  reasons: string[]
  deviceId: string | null
  ipAddress: string | null
  scoredAt: string
}

// Without a registered logical type class avsc reads timestamp-millis as its underlying long.
const fraudType = avro.Type.forSchema(FRAUD_SCORE_SCHEMA as unknown as avro.Schema)

/** Registers the schema under the subject (idempotent: the registry returns the same id). */
export async function registerFraudSchema(registryUrl: string): Promise<number> {
  const res = await fetch(`${registryUrl}/subjects/${encodeURIComponent(FRAUD_SUBJECT)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(FRAUD_SCORE_SCHEMA), schemaType: 'AVRO' }),
  })
  if (!res.ok)
    throw new Error(`registering ${FRAUD_SUBJECT}: HTTP ${res.status} ${await res.text()}`)
  const { id } = (await res.json()) as { id: number }
  return id
}

/** The writer schema the registry holds under an id. */
export async function fetchSchemaById(registryUrl: string, id: number): Promise<avro.Type> {
  const res = await fetch(`${registryUrl}/schemas/ids/${id}`)
  if (!res.ok) throw new Error(`schema ${id}: HTTP ${res.status} ${await res.text()}`)
  const { schema } = (await res.json()) as { schema: string }
  return avro.Type.forSchema(JSON.parse(schema) as avro.Schema)
}

export function encodeFraudScore(schemaId: number, value: FraudScoreValue): Buffer {
  const header = Buffer.alloc(5)
  header.writeUInt8(0, 0)
  header.writeInt32BE(schemaId, 1)
  const scoredAt = Date.parse(value.scoredAt)
  if (Number.isNaN(scoredAt))
    throw new Error(`fraud score with an unparseable scoredAt: ${value.scoredAt}`)
  const body = fraudType.toBuffer({
    customerId: value.customerId,
    score: value.score,
    reasons: value.reasons ?? [],
    deviceId: value.deviceId ?? null,
    ipAddress: value.ipAddress ?? null,
    scoredAt,
  })
  return Buffer.concat([header, body])
}

/** Splits a Confluent wire-format message into its schema id and Avro body. */
export function splitWireFormat(message: Buffer): { schemaId: number; body: Buffer } {
  if (message.length < 5 || message.readUInt8(0) !== 0) throw new Error('not Confluent wire format')
  return { schemaId: message.readInt32BE(1), body: message.subarray(5) }
}

/** Decodes wire-format messages, fetching (and caching) writer schemas by id. */
export class WireDecoder {
  private readonly types = new Map<number, Promise<avro.Type>>()
  constructor(private readonly registryUrl: string) {}

  async decode(message: Buffer): Promise<Record<string, unknown>> {
    const { schemaId, body } = splitWireFormat(message)
    let type = this.types.get(schemaId)
    if (!type) {
      type = fetchSchemaById(this.registryUrl, schemaId)
      this.types.set(schemaId, type)
      type.catch(() => this.types.delete(schemaId))
    }
    return (await type).fromBuffer(body) as Record<string, unknown>
  }
}

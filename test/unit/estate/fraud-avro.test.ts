import avro from 'avsc'
import { describe, expect, it } from 'vitest'
import {
  FRAUD_SCORE_SCHEMA,
  encodeFraudScore,
  splitWireFormat,
} from '../../estate/streams/fraud-avro'

describe('fraud.scores Confluent wire format', () => {
  it('writes magic byte 0, the schema id big-endian, then Avro binary that decodes back', () => {
    const message = encodeFraudScore(258, {
      customerId: 42,
      score: 0.87,
      reasons: ['VulnerableCustomer', 'NewDevice'],
      deviceId: 'dev-1',
      ipAddress: null,
      scoredAt: '2024-05-01T10:00:00.000Z',
    })
    expect([...message.subarray(0, 5)]).toEqual([0, 0, 0, 1, 2])
    const { schemaId, body } = splitWireFormat(message)
    expect(schemaId).toBe(258)
    const type = avro.Type.forSchema(FRAUD_SCORE_SCHEMA as unknown as avro.Schema)
    expect(type.fromBuffer(body)).toEqual({
      customerId: 42,
      score: 0.87,
      reasons: ['VulnerableCustomer', 'NewDevice'],
      deviceId: 'dev-1',
      ipAddress: null,
      scoredAt: Date.parse('2024-05-01T10:00:00Z'),
    })
  })

  it('rejects messages that are not in the wire format', () => {
    expect(() => splitWireFormat(Buffer.from('{"a":1}'))).toThrow(/wire format/)
  })
})

import http from 'node:http'
import net from 'node:net'
import { BSON } from 'mongodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  identifyOtherService,
  isMongoReply,
  kafkaApiVersionsRequest,
  mongoHelloRequest,
  parseKafkaApiVersions,
} from './protocol-probe'

describe('hand-encoded probes', () => {
  it('the Mongo hello is a valid OP_MSG with { hello: 1, $db: "admin" }', () => {
    const msg = mongoHelloRequest()
    expect(msg.readInt32LE(0)).toBe(msg.length)
    expect(msg.readInt32LE(12)).toBe(2013)
    expect(BSON.deserialize(msg.subarray(21))).toEqual({ hello: 1, $db: 'admin' })
  })
  it('a Mongo reply is recognised by responseTo and opcode', () => {
    const reply = Buffer.alloc(16)
    reply.writeInt32LE(16, 0)
    reply.writeInt32LE(mongoHelloRequest().readInt32LE(4), 8)
    reply.writeInt32LE(2013, 12)
    expect(isMongoReply(reply)).toBe(true)
    expect(isMongoReply(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBe(false)
  })
  it('ApiVersions v0: request header, and a response parsed back', () => {
    const req = kafkaApiVersionsRequest()
    expect(req.readInt32BE(0)).toBe(req.length - 4)
    expect(req.readInt16BE(4)).toBe(18)
    const correlation = req.readInt32BE(8)
    const body = Buffer.alloc(4 + 2 + 4 + 6)
    body.writeInt32BE(correlation, 0)
    body.writeInt16BE(0, 4)
    body.writeInt32BE(1, 6)
    body.writeInt16BE(1, 10)
    body.writeInt16BE(4, 12)
    body.writeInt16BE(18, 14)
    const size = Buffer.alloc(4)
    size.writeInt32BE(body.length)
    expect(parseKafkaApiVersions(Buffer.concat([size, body]))).toEqual([
      { apiKey: 1, minVersion: 4, maxVersion: 18 },
    ])
    expect(parseKafkaApiVersions(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBeUndefined()
  })
})

describe('identifyOtherService on loopback servers of our own', () => {
  let web: http.Server
  let closer: net.Server
  const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port
  beforeAll(async () => {
    web = http.createServer((_, res) => res.end('hello'))
    closer = net.createServer((socket) => socket.destroy())
    await Promise.all(
      [web, closer].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))),
    )
  })
  afterAll(async () => {
    await Promise.all([web, closer].map((s) => new Promise((r) => s.close(r))))
  })

  it('names an HTTP server', async () => {
    expect(
      await identifyOtherService('mongodb', { host: '127.0.0.1', port: portOf(web) }, 2_000),
    ).toBe('an HTTP server')
  })
  it('says nothing about a server that only hangs up', async () => {
    expect(
      await identifyOtherService('mongodb', { host: '127.0.0.1', port: portOf(closer) }, 2_000),
    ).toBeUndefined()
  })
})

/* eslint-disable @typescript-eslint/no-require-imports -- plain Node probe run without a bundler */
// Readiness probe of the estate's Kafka: one real Metadata request (v4, no topics) over a raw
// socket, answered only once the broker serves requests. Plain Node with no dependencies, so it
// runs before `npm ci` and starts in milliseconds (a JVM admin tool takes 3-10 s on a busy machine).
// Usage: node kafka-metadata-probe.cjs HOST PORT -> prints the cluster id, exit 0 when ready.
'use strict'
const net = require('node:net')

const [host, port] = [process.argv[2] ?? '127.0.0.1', Number(process.argv[3] ?? 59092)]
const API_METADATA = 3
const VERSION = 4 // within Kafka 4's supported range (KIP-896 dropped v0-v3), not yet flexible
const CORRELATION_ID = 0x5157
const clientId = Buffer.from('sightline-estate-probe')

const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1)
let o = 0
o = body.writeInt16BE(API_METADATA, o)
o = body.writeInt16BE(VERSION, o)
o = body.writeInt32BE(CORRELATION_ID, o)
o = body.writeInt16BE(clientId.length, o)
o += clientId.copy(body, o)
o = body.writeInt32BE(0, o) // topics: an empty array (brokers and cluster id only)
body.writeInt8(0, o) // allow_auto_topic_creation: false
const size = Buffer.alloc(4)
size.writeInt32BE(body.length)

function fail(why) {
  process.stderr.write(`kafka not ready: ${why}\n`)
  process.exit(1)
}

const socket = net.connect({ host, port }, () => socket.write(Buffer.concat([size, body])))
socket.setTimeout(5000, () => fail('timeout'))
socket.on('error', (err) => fail(err.message))
// A SASL listener, or a broker still starting, closes the connection without an answer.
socket.on('close', () => fail('connection closed without an answer'))
let received = Buffer.alloc(0)
socket.on('data', (chunk) => {
  received = Buffer.concat([received, chunk])
  if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return
  socket.destroy()
  const r = received.subarray(4)
  let p = 0
  const int16 = () => ((p += 2), r.readInt16BE(p - 2))
  const int32 = () => ((p += 4), r.readInt32BE(p - 4))
  const string = () => {
    const n = int16()
    if (n < 0) return null
    p += n
    return r.toString('utf8', p - n, p)
  }
  if (int32() !== CORRELATION_ID) fail('unexpected correlation id')
  int32() // throttle_time_ms
  const brokers = int32()
  for (let i = 0; i < brokers; i++) {
    int32() // node_id
    string() // host
    int32() // port
    string() // rack
  }
  const clusterId = string()
  const controller = int32()
  if (brokers < 1 || controller < 0 || !clusterId)
    fail(`brokers=${brokers} controller=${controller}`)
  process.stdout.write(`${clusterId}\n`)
  process.exit(0)
})

/**
 * kafkajs modules Sightline reaches past the public API (kafkajs is pinned exactly; see
 * kafka-client.ts and lazy-fetch.ts, which types the arguments as RawBroker.fetch's).
 */
declare module 'kafkajs/src/protocol/requests/fetch/v11/request.js' {
  const fetchV11: (args: object) => {
    apiKey: number
    apiVersion: number
    apiName: string
    encode(): Promise<unknown>
  }
  export default fetchV11
}

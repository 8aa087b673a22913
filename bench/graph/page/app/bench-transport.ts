import type { ApiTransport } from '../../../../src/shared/api'
import type { LineageGraph } from '../../../../src/shared/model/lineage'

/** Every call the app made, in order, with when it was made (performance.now()). */
export interface TransportCall {
  method: string
  at: number
}

/**
 * The API as the bench's app sees it: the synthetic overview, and one topic's field-level
 * neighbourhood when the app asks for it (opening the topic to its fields), answered from memory
 * in the next task, as Electron's IPC (a message event) and `sightline serve` (a fetch) answer:
 * what is timed is the renderer's own work, with the answer arriving as it does in the app, not
 * inside the task that asked (which would let the renderer treat question and answer as one). Everything else the Lineage page asks is
 * answered empty; a method the page should not need is refused, and listed in the report.
 */
export function benchTransport(
  overview: LineageGraph,
  fieldsOf: (urn: string) => LineageGraph | undefined,
): ApiTransport & { calls: TransportCall[] } {
  const calls: TransportCall[] = []
  const answer = (method: string, arg: Record<string, unknown>): unknown => {
    switch (method) {
      case 'getLineageOverview':
        return overview
      case 'getLineage': {
        const graph = arg.level === 'field' ? fieldsOf(String(arg.urn)) : undefined
        if (!graph) throw new Error(`getLineage(${JSON.stringify(arg)}): not in the bench`)
        return graph
      }
      case 'listLineageSuggestions':
      case 'getLineageInsights':
      case 'listSources':
        return []
      default:
        throw new Error(`${method}: not in the bench`)
    }
  }
  return {
    calls,
    invoke(method, arg) {
      calls.push({ method, at: performance.now() })
      return new Promise((resolve, reject) => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () => {
          channel.port1.close()
          try {
            resolve(answer(method, arg as Record<string, unknown>) as never)
          } catch (error) {
            reject(error)
          }
        }
        channel.port2.postMessage(null)
      })
    },
    subscribe: () => () => undefined,
  }
}

import {
  isApiErrorShape,
  type ApiArg,
  type ApiEvent,
  type ApiMethod,
  type ApiResult,
  type ApiTransport,
} from '../../shared/api'
import { RemoteApiError } from './remote-error'

export interface HttpTransportOptions {
  /** Origin and path prefix of the API; same origin by default (the session cookie is there). */
  baseUrl?: string
  fetch?: typeof fetch
  /** Factory so tests can supply their own; defaults to the browser's EventSource. */
  createEventSource?: (url: string) => EventSource
}

/**
 * `sightline serve`'s protocol: POST /api/<method> with the argument as JSON body, answered by
 * `{result}` or `{error}`; pushed events as server-sent events on GET /api/events. The session
 * cookie authenticates both, so nothing here handles a token.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): ApiTransport {
  const base = options.baseUrl ?? ''
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const listeners = new Set<(event: ApiEvent) => void>()
  let source: EventSource | undefined

  function openEvents(): void {
    const create = options.createEventSource ?? ((url: string) => new EventSource(url))
    source = create(`${base}/api/events`)
    source.onmessage = (message: MessageEvent<string>) => {
      let event: ApiEvent
      try {
        event = JSON.parse(message.data) as ApiEvent
      } catch {
        return // a malformed frame is not worth breaking the UI over
      }
      for (const listener of listeners) listener(event)
    }
  }

  return {
    async invoke<M extends ApiMethod>(method: M, arg: ApiArg<M>): Promise<ApiResult<M>> {
      let response: Response
      try {
        response = await doFetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(arg ?? {}),
        })
      } catch {
        throw new RemoteApiError(
          'unreachable',
          'The Sightline server is not answering. Is `sightline serve` still running?',
        )
      }
      const body = await readJson(response)
      if (response.ok && body !== null && typeof body === 'object' && 'result' in body) {
        return (body as { result: ApiResult<M> }).result
      }
      const error =
        body !== null && typeof body === 'object' ? (body as { error?: unknown }).error : undefined
      if (isApiErrorShape(error)) throw new RemoteApiError(error.code, error.message, error.details)
      throw new RemoteApiError(
        response.status === 401 ? 'unauthenticated' : 'internal',
        response.status === 401
          ? 'Your session has expired: open the link that `sightline serve` printed again.'
          : `The Sightline server answered ${response.status} without an explanation.`,
      )
    },

    subscribe(listener) {
      listeners.add(listener)
      if (!source) openEvents()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && source) {
          source.close()
          source = undefined
        }
      }
    },
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json()
  } catch {
    return null
  }
}

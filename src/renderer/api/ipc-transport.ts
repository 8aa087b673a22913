import type { ApiArg, ApiMethod, ApiResult, ApiTransport } from '../../shared/api'
import type { SightlineBridge } from './bridge'
import { toDisplayError, toRemoteApiError } from './remote-error'

/** The Electron preload's bridge as an ApiTransport; errors normalised like HTTP's. */
export function createIpcTransport(bridge: SightlineBridge): ApiTransport {
  return {
    async invoke<M extends ApiMethod>(method: M, arg: ApiArg<M>): Promise<ApiResult<M>> {
      try {
        return await bridge.invoke(method, arg)
      } catch (err) {
        throw toRemoteApiError(toDisplayError(err))
      }
    },
    subscribe: (listener) => bridge.subscribe(listener),
  }
}

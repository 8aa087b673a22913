import { API_METHODS, isApiMethod, type ApiTransport, type SightlineApi } from '../../shared/api'

/**
 * The typed API for the UI, derived from the contract rather than written per method
 * (DESIGN.md §10.3): every property of API_METHODS becomes `(arg) => transport.invoke(...)`.
 */
export function createApiClient(transport: ApiTransport): SightlineApi {
  const target = Object.create(null) as Record<string, unknown>
  return new Proxy(target as unknown as SightlineApi, {
    get(_target, property) {
      if (!isApiMethod(property)) return undefined
      return (arg: unknown) =>
        transport.invoke(property, (arg ?? {}) as Parameters<ApiTransport['invoke']>[1])
    },
    has(_target, property) {
      return isApiMethod(property)
    },
    ownKeys() {
      return [...API_METHODS]
    },
    getOwnPropertyDescriptor(_target, property) {
      return isApiMethod(property) ? { enumerable: true, configurable: true } : undefined
    },
  })
}

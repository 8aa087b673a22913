import {
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useMemo,
  type ReactNode,
} from 'react'
import type { ApiEvent, ApiTransport, SightlineApi } from '../../shared/api'
import { createApiClient } from './client'

interface ApiContextValue {
  api: SightlineApi
  transport: ApiTransport
}

const ApiContext = createContext<ApiContextValue | null>(null)

/** Supplies the one API client (and its event stream) to every query hook below it. */
export function ApiProvider({
  transport,
  children,
}: {
  transport: ApiTransport
  children: ReactNode
}) {
  const value = useMemo(() => ({ api: createApiClient(transport), transport }), [transport])
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext)
  if (!value) throw new Error('useApi must be used inside <ApiProvider>')
  return value
}

export function useApi(): SightlineApi {
  return useApiContext().api
}

/** Calls `listener` for every pushed event while the component is mounted. */
export function useApiEvents(listener: (event: ApiEvent) => void): void {
  const { transport } = useApiContext()
  // An effect event sees the latest listener without resubscribing on every render.
  const onEvent = useEffectEvent(listener)
  useEffect(() => transport.subscribe((event) => onEvent(event)), [transport])
}

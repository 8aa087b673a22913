import { ApiError, toApiError } from '../../shared/api/errors'
import type { ConnectionCheck } from '../../shared/model/sources'
import type { Connector, ResolvedSource } from '../connectors'
import { redactDeep } from '../secrets/redact'

export const DEFAULT_TEST_TIMEOUT_MS = 10_000
// The connector owns its timeout; this backstop only keeps a misbehaving one from hanging the API.
const BACKSTOP_GRACE_MS = 2_000

export type ConnectorFactory = (source: ResolvedSource) => Connector

function failedCheck(error: ApiError | ReturnType<typeof toApiError>): ConnectionCheck {
  const shape = error instanceof ApiError ? error.toJSON() : error
  return {
    ok: false,
    reachable: !['unreachable', 'timeout', 'tls'].includes(shape.code),
    authenticated: false,
    error: shape,
    checkedAt: new Date().toISOString(),
  }
}

/** A check that could not start (unset variable, lost secret...), as a ConnectionCheck. */
export function checkFromError(err: unknown): ConnectionCheck {
  const shape = toApiError(err)
  return { ...failedCheck(shape), reachable: shape.code === 'auth' }
}

/**
 * Runs a connector's check and never rejects: connection problems come back as `ok: false`
 * with a specific error; anything a driver echoes is stripped of the password and URL credentials.
 */
export async function checkResolvedSource(
  source: ResolvedSource,
  createConnector: ConnectorFactory,
  opts: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ConnectionCheck> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS
  const secrets = [source.password]
  let connector: Connector
  try {
    connector = createConnector(source)
  } catch {
    return failedCheck(
      new ApiError(
        'unsupported',
        `Testing ${source.kind} sources is not available in this build yet.`,
        {
          kind: source.kind,
        },
      ),
    )
  }
  let backstop: NodeJS.Timeout | undefined
  try {
    const check = connector.check(opts.signal ? { signal: opts.signal, timeoutMs } : { timeoutMs })
    const timedOut = new Promise<ConnectionCheck>((resolve) => {
      backstop = setTimeout(
        () =>
          resolve(
            failedCheck(
              new ApiError(
                'timeout',
                `No answer from the ${source.kind} source within ${timeoutMs / 1000} s.`,
              ),
            ),
          ),
        timeoutMs + BACKSTOP_GRACE_MS,
      )
    })
    const cancelled = new Promise<ConnectionCheck>((resolve) => {
      if (!opts.signal) return
      const onAbort = () =>
        resolve(failedCheck(new ApiError('cancelled', 'The test was cancelled.')))
      if (opts.signal.aborted) onAbort()
      else opts.signal.addEventListener('abort', onAbort, { once: true })
    })
    const result = await Promise.race([check, timedOut, cancelled])
    return redactDeep(result, secrets)
  } catch (err) {
    // A connector should not reject; if one does, its message may still carry a secret.
    const shape = toApiError(err)
    return redactDeep(failedCheck(shape), secrets)
  } finally {
    if (backstop) clearTimeout(backstop)
    connector.close().catch(() => undefined)
  }
}

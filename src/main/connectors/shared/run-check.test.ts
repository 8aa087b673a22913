import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../shared/api'
import { unexpectedError, type Translator } from '../errors'
import { runCheck, type CheckContext, type CheckOutcome } from './run-check'

const translate: Translator = (err, ctx) => unexpectedError(err, ctx)

function spec(run: (ctx: CheckContext) => Promise<CheckOutcome>, secrets: string[] = []) {
  return { kind: 'postgres' as const, secrets, translate, run }
}

describe('runCheck', () => {
  it('reports success with the timed request as latency, and runs closers', async () => {
    const close = vi.fn()
    const result = await runCheck(
      spec(async (ctx) => {
        ctx.defer(close)
        await ctx.timed(() => new Promise((r) => setImmediate(r)))
        ctx.markAuthenticated()
        return { serverVersion: 'PostgreSQL 15.18', details: { database: 'crm' } }
      }),
    )
    expect(result).toMatchObject({
      ok: true,
      reachable: true,
      authenticated: true,
      serverVersion: 'PostgreSQL 15.18',
    })
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    expect(close).toHaveBeenCalledOnce()
  })

  it('a body that never settles ends as timeout, and its closers still run', async () => {
    const close = vi.fn()
    const result = await runCheck(
      spec(async (ctx) => {
        ctx.defer(close)
        return new Promise<never>(() => {})
      }),
      { timeoutMs: 50 },
    )
    expect(result.error).toMatchObject({ code: 'timeout', details: { timeoutMs: 50 } })
    expect(close).toHaveBeenCalledOnce()
  })

  it("the caller's abort ends as cancelled", async () => {
    const controller = new AbortController()
    const result = runCheck(
      spec(async () => {
        controller.abort()
        return new Promise<never>(() => {})
      }),
      { signal: controller.signal },
    )
    expect((await result).error?.code).toBe('cancelled')
  })

  it('ApiErrors pass through; other errors go through the translator, scrubbed', async () => {
    const thrown = await runCheck(
      spec(async () => {
        throw new ApiError('auth', 'Wrong password.', { reason: 'bad-credentials' })
      }),
    )
    expect(thrown).toMatchObject({
      ok: false,
      reachable: true,
      authenticated: false,
      error: { code: 'auth' },
    })
    const raw = await runCheck(
      spec(async () => {
        throw new Error('driver said: password=hunter2 for postgres://u:hunter2@h')
      }, ['hunter2']),
    )
    expect(raw.error?.code).toBe('internal')
    expect(JSON.stringify(raw)).not.toContain('hunter2')
  })

  it('a closer that never finishes cannot hold the result beyond its grace', async () => {
    const result = await runCheck(
      spec(async (ctx) => {
        ctx.defer(() => new Promise(() => {}))
        ctx.defer(() => {
          throw new Error('already closed')
        })
        return { serverVersion: 'x' }
      }),
    )
    expect(result.ok).toBe(true)
  })

  it('bad input is not "reachable"', async () => {
    const result = await runCheck(
      spec(async () => {
        throw new ApiError('bad-input', 'Malformed.', { reason: 'malformed-url' })
      }),
    )
    expect(result).toMatchObject({ ok: false, reachable: false })
  })
})

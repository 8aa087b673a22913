import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Connector } from '../../connectors/connector'
import { ConnectorPool } from './connector-pool'

/** Connectors kept across lookups: reused while right for the source, closed otherwise. */

function fakes() {
  const opened: string[] = []
  const closed: string[] = []
  let n = 0
  const open = async (source: string): Promise<Connector> => {
    const id = `${source}#${++n}`
    opened.push(id)
    return {
      kind: 'postgres',
      check: async () => ({ ok: true, reachable: true, authenticated: true, checkedAt: '' }),
      close: async () => void closed.push(id),
      // The id rides along so a test can tell which connector it got.
      ...({ id } as object),
    } as Connector
  }
  return { opened, closed, open }
}
const idOf = (c: Connector) => (c as unknown as { id: string }).id

describe('ConnectorPool', () => {
  afterEach(() => vi.useRealTimers())

  it('reuses a released connector for the next lookup of the same source', async () => {
    const f = fakes()
    const pool = new ConnectorPool({ open: f.open })
    const first = await pool.acquire('crm', 'g1')
    await first.release(true)
    const second = await pool.acquire('crm', 'g1')
    expect(idOf(second.connector)).toBe(idOf(first.connector))
    expect(f.opened).toEqual(['crm#1'])
    await second.release(true)
    await pool.close()
    expect(f.closed).toEqual(['crm#1'])
  })

  it('gives two lookups at once their own connectors, and keeps both', async () => {
    const f = fakes()
    const pool = new ConnectorPool({ open: f.open })
    const a = await pool.acquire('crm', 'g1')
    const b = await pool.acquire('crm', 'g1')
    expect(idOf(a.connector)).not.toBe(idOf(b.connector))
    await a.release(true)
    await b.release(true)
    expect(pool.idleCount('crm')).toBe(2)
    await pool.close()
    expect(f.closed.sort()).toEqual(['crm#1', 'crm#2'])
  })

  it('closes instead of keeping a connector whose lookup failed or whose source failed', async () => {
    const f = fakes()
    const pool = new ConnectorPool({ open: f.open })
    const a = await pool.acquire('crm', 'g1')
    await a.release(false)
    expect(f.closed).toEqual(['crm#1'])
    expect(pool.idleCount('crm')).toBe(0)
    const b = await pool.acquire('crm', 'g1')
    expect(idOf(b.connector)).toBe('crm#2')
    await b.release(true)
    await b.release(false) // a second release is ignored
    expect(pool.idleCount('crm')).toBe(1)
    await pool.close()
  })

  it('does not reuse a connector after the source changed, and closes the old one', async () => {
    const f = fakes()
    let version = 'v1'
    const pool = new ConnectorPool({ open: f.open, version: async () => version })
    await (await pool.acquire('crm', 'g1')).release(true)
    version = 'v2'
    const next = await pool.acquire('crm', 'g1')
    expect(idOf(next.connector)).toBe('crm#2')
    expect(f.closed).toEqual(['crm#1'])
    await next.release(true)
    await pool.closeSource('crm')
    expect(f.closed).toEqual(['crm#1', 'crm#2'])
  })

  it('does not reuse a connector after the catalogue changed (it caches table details)', async () => {
    const f = fakes()
    const pool = new ConnectorPool({ open: f.open })
    await (await pool.acquire('crm', 'snapshot-1')).release(true)
    const next = await pool.acquire('crm', 'snapshot-2')
    expect(idOf(next.connector)).toBe('crm#2')
    expect(f.closed).toEqual(['crm#1'])
    await next.release(false)
  })

  it('closes idle connectors after the idle time, keeps at most maxIdle, and none after close', async () => {
    vi.useFakeTimers()
    const f = fakes()
    const pool = new ConnectorPool({ open: f.open, idleMs: 1_000, maxIdle: 1 })
    const a = await pool.acquire('crm')
    const b = await pool.acquire('crm')
    await a.release(true)
    await b.release(true)
    expect(f.closed).toEqual(['crm#1'])
    await vi.advanceTimersByTimeAsync(1_001)
    expect(f.closed).toEqual(['crm#1', 'crm#2'])
    expect(pool.idleCount('crm')).toBe(0)
    const c = await pool.acquire('crm')
    await pool.close()
    await c.release(true)
    expect(f.closed).toEqual(['crm#1', 'crm#2', 'crm#3'])
  })
})

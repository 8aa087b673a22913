import { describe, expect, it } from 'vitest'
import {
  cpuSnapshot,
  cpuUse,
  parseProcPidStat,
  parseProcStat,
  stealShare,
  type CpuSnapshot,
} from '../../../bench/shared/machine-cpu'

describe('machine CPU from /proc', () => {
  it('reads the machine line of /proc/stat, guests not counted twice', () => {
    const text = 'cpu  100 5 50 1000 20 3 2 1 40 0\ncpu0 50 2 25 500 10 1 1 0 20 0\nintr 12345\n'
    // user nice system idle iowait irq softirq steal (guest 40 is inside user already).
    expect(parseProcStat(text)).toEqual({ total: 1181, idle: 1020, steal: 1 })
    expect(() => parseProcStat('garbage')).toThrow(/unexpected/)
  })

  it('says what share of the CPU time in between the host stole', () => {
    const at = (user: number, steal: number) =>
      parseProcStat(`cpu  ${user} 0 0 100 0 0 0 ${steal} 0 0\n`)
    expect(stealShare(at(100, 10), at(250, 60))).toBeCloseTo(50 / 200)
    expect(stealShare(at(100, 10), at(100, 10))).toBeUndefined()
    expect(stealShare(undefined, at(100, 10))).toBeUndefined()
  })

  it('reads a process name with spaces and parentheses, and its user + system time', () => {
    const fields = ['S', '1', '1', '1', '0', '-1', '4194560', '10', '0', '0', '0', '700', '42']
    const text = `1234 (npm exec (tsx) be) ${fields.join(' ')} 0 0 20 0 1 0 99 0 0\n`
    expect(parseProcPidStat(text)).toEqual({ name: 'npm exec (tsx) be', jiffies: 742 })
  })

  it('gives CPU per unit of work, per process name, and what the cores offered', () => {
    const snap = (total: number, idle: number, pids: Array<[number, string, number]>) =>
      ({
        total,
        idle,
        byPid: new Map(pids.map(([pid, name, jiffies]) => [pid, { name, jiffies }])),
      }) satisfies CpuSnapshot
    const before = snap(10_000, 8_000, [
      [1, 'node', 500],
      [2, 'java', 300],
      [3, 'postgres', 10],
      [4, 'gone', 50],
      [5, 'postgres', 5],
    ])
    const after = snap(10_400, 8_100, [
      [1, 'node', 700],
      [2, 'java', 380],
      [3, 'postgres', 14],
      [5, 'postgres', 9],
      [6, 'new-worker', 6],
      [7, 'idle', 0],
    ])
    // 10 lookups over 2 s on 2 cores, 100 ticks a second (10 ms each).
    const use = cpuUse(before, after, { units: 10, wallMs: 2_000, ticksPerSecond: 100, cores: 2 })
    expect(use.busyMs).toBe(300)
    expect(use.offeredMs).toBe(400)
    expect(use.byName).toEqual([
      { name: 'node', ms: 200 },
      { name: 'java', ms: 80 },
      { name: 'postgres', ms: 8 },
      { name: 'new-worker', ms: 6 },
    ])
  })

  it('snapshots this machine (Linux): this process is among them', () => {
    const s = cpuSnapshot()
    if (process.platform !== 'linux') return expect(s).toBeUndefined()
    expect(s!.total).toBeGreaterThan(s!.idle)
    expect(s!.byPid.get(process.pid)?.jiffies).toBeGreaterThanOrEqual(0)
  })
})

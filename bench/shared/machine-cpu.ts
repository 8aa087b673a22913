import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'

/**
 * Where a machine's CPU went over a stretch of a benchmark, from /proc (Linux): the machine's
 * busy time and each process name's share. What the lookup speed bench uses to say whether the
 * measured process or the machine was the limit (the servers share the bench's 2 cores).
 * Anywhere else than Linux, a snapshot is undefined and the report says so.
 */

export interface CpuSnapshot {
  /** Jiffies since boot, all CPUs: everything, and idle + iowait. */
  total: number
  idle: number
  /**
   * User + system jiffies and name (`comm`) per pid: compared pid by pid, so that a process that
   * ended between two snapshots is not counted negative (its time in the stretch is lost).
   */
  byPid: Map<number, { name: string; jiffies: number }>
}

/** /proc/stat's machine line, in jiffies since boot, all CPUs. */
export interface ProcStat {
  total: number
  /** idle + iowait */
  idle: number
  /** Time the hypervisor ran other guests while this one wanted a CPU (0 on bare metal). */
  steal: number
}

/** The first line of /proc/stat ("cpu  user nice system idle iowait irq softirq steal ..."). */
export function parseProcStat(text: string): ProcStat {
  const fields = (text.split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
  if (fields.length < 5 || fields.some((f) => Number.isNaN(f)))
    throw new Error('unexpected /proc/stat first line')
  // guest and guest_nice (fields 9, 10) are already counted in user and nice.
  const counted = fields.slice(0, 8)
  return {
    total: counted.reduce((a, b) => a + b, 0),
    idle: fields[3]! + fields[4]!,
    steal: fields[7] ?? 0,
  }
}

/**
 * The share of the machine's CPU time stolen by the host between two readings of /proc/stat's
 * first line (undefined off Linux): how much every wall-clock figure taken in between is
 * inflated by other guests of the same host.
 */
export function stealShare(
  before: ProcStat | undefined,
  after: ProcStat | undefined,
): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined
  return (after.steal - before.steal) / (after.total - before.total)
}

/** /proc/stat's first line now (undefined off Linux). */
export function procStat(): ProcStat | undefined {
  if (process.platform !== 'linux') return undefined
  return parseProcStat(readFileSync('/proc/stat', 'utf8'))
}

/** Name and user + system jiffies of one /proc/<pid>/stat (the name may hold spaces and ')'). */
export function parseProcPidStat(text: string): { name: string; jiffies: number } {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) throw new Error('unexpected /proc/<pid>/stat')
  const rest = text
    .slice(close + 2)
    .trim()
    .split(' ')
  // After the name: state (3), ppid (4) ... utime (14), stime (15), counted from 1.
  return { name: text.slice(open + 1, close), jiffies: Number(rest[11]) + Number(rest[12]) }
}

export function cpuSnapshot(): CpuSnapshot | undefined {
  const machine = procStat()
  if (!machine) return undefined
  const { total, idle } = machine
  const byPid = new Map<number, { name: string; jiffies: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      byPid.set(Number(entry), parseProcPidStat(readFileSync(`/proc/${entry}/stat`, 'utf8')))
    } catch {
      // Ended while listed: not counted.
    }
  }
  return { total, idle, byPid }
}

export interface CpuUse {
  /** Milliseconds of CPU the whole machine was busy, per unit of work. */
  busyMs: number
  /** Milliseconds the machine's cores offered per unit of work (cores × wall). */
  offeredMs: number
  cores: number
  /** Per process name, milliseconds per unit of work, largest first (≥ `minMs`). */
  byName: Array<{ name: string; ms: number }>
}

/** CPU per unit of work (`units`, e.g. lookups) between two snapshots `wallMs` apart. */
export function cpuUse(
  before: CpuSnapshot,
  after: CpuSnapshot,
  opts: { units: number; wallMs: number; ticksPerSecond?: number; cores?: number; minMs?: number },
): CpuUse {
  const msPerTick = 1000 / (opts.ticksPerSecond ?? clockTicks())
  const per = (jiffies: number) => (jiffies * msPerTick) / opts.units
  const busy = after.total - before.total - (after.idle - before.idle)
  const byName = new Map<string, number>()
  for (const [pid, now] of after.byPid) {
    const then = before.byPid.get(pid)
    // A pid reused by another process, or new since: all of its time is in the stretch.
    const grew = then && then.name === now.name ? now.jiffies - then.jiffies : now.jiffies
    if (grew > 0) byName.set(now.name, (byName.get(now.name) ?? 0) + grew)
  }
  const cores = opts.cores ?? os.cpus().length
  return {
    busyMs: per(busy),
    offeredMs: (cores * opts.wallMs) / opts.units,
    cores,
    byName: [...byName]
      .map(([name, jiffies]) => ({ name, ms: per(jiffies) }))
      .filter((x) => x.ms >= (opts.minMs ?? 0.5))
      .sort((a, b) => b.ms - a.ms),
  }
}

let ticks: number | undefined
/** USER_HZ (`getconf CLK_TCK`), 100 on every Linux we run on. */
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticks = 100
    }
  }
  return ticks
}

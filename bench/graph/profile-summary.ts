/** A CDP CPU profile (Profiler.stop) printed for reading by hand: bench/graph's probes. */

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
/** The functions with the most self time, then with the most inclusive time. */
export function summariseProfile(profile: CpuProfile, title: string) {
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]!))
  const byFn = new Map<string, number>()
  let total = 0
  for (const node of profile.nodes) {
    const t = (self.get(node.id) ?? 0) / 1000
    const f = node.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    byFn.set(key, (byFn.get(key) ?? 0) + t)
    if (!key.startsWith('(idle)') && !key.startsWith('(program)')) total += t
  }
  console.log(`${title}: ${total.toFixed(1)} ms non-idle`)
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 45)) {
    console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`)
  }
  // Inclusive (self + callees) time per function, each counted once per stack (recursion).
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const nameOf = (node: ProfileNode) =>
    `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`
  const inclusive = new Map<string, number>()
  for (const [id, t] of self) {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = nameOf(byId.get(at)!)
      if (seen.has(key)) continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + t / 1000)
    }
  }
  console.log(`${title}: inclusive`)
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 70)) {
    console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`)
  }
}

export function vitestCounts(report: unknown): { passed: number; failed: number; skipped: number }

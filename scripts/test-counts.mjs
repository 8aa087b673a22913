// Counts of one vitest JSON report, for the closing line CI reads (summarise-tests.mjs).

/**
 * Passed, failed and skipped tests of a vitest JSON report. A test file that failed without a
 * failed test (it did not load: a syntax or import error) counts as one failure. vitest's own
 * numFailedTestSuites also counts every describe block around a failed test, so adding it
 * counted one failed test as three.
 */
export function vitestCounts(report) {
  const files = report.testResults ?? []
  const unloaded = files.filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + unloaded,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }
}

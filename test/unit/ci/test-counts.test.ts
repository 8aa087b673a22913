import { describe, expect, it } from 'vitest'
import { vitestCounts } from '../../../scripts/test-counts.mjs'

describe("CI's closing line: counts of a vitest report", () => {
  it('counts one failed test once, however many describe blocks hold it', () => {
    const report = {
      numPassedTests: 10,
      numFailedTests: 1,
      numFailedTestSuites: 2,
      numPendingTests: 1,
      numTodoTests: 1,
      testResults: [
        { status: 'failed', assertionResults: [{ status: 'passed' }, { status: 'failed' }] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    }
    expect(vitestCounts(report)).toEqual({ passed: 10, failed: 1, skipped: 2 })
  })

  it('counts a test file that did not load as a failure', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 0,
      numFailedTestSuites: 1,
      testResults: [
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    }
    expect(vitestCounts(report)).toEqual({ passed: 3, failed: 1, skipped: 0 })
  })
})

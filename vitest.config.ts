import { defineConfig } from 'vitest/config'

// Two projects: unit tests run anywhere in seconds; integration tests need the reference estate
// (npm run estate:up) and, under CI=true, fail rather than skip when a server is missing.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // The estate's servers are shared: run integration files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
})

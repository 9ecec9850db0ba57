import { defineConfig } from 'vitest/config';

// Three projects, all run by `npm test`: fast unit tests, integration tests over real files, SQLite and the
// CLI, and browser end-to-end tests driving the built renderer in Debian's Chromium through the bridge.
export default defineConfig({
  test: {
    projects: [
      // Unit tests share two cores with the rest of the suite in CI: a timeout catches a hang, never measures speed.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

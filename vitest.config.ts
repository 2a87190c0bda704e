import { defineConfig } from 'vitest/config';
import { LIMITS } from './packages/contract/src/limits.js';

// Workspace packages resolve to their TypeScript source under test, so no build is needed first.
const conditions = ['sightline-source', 'node', 'development|production'];

// The tracker reads the contract's limits as build-time constants, under test as in its build.
const trackerLimits = Object.fromEntries(
  Object.entries(LIMITS).map(([key, value]) => [`SL_LIMITS.${key}`, JSON.stringify(value)]),
);

export default defineConfig({
  define: trackerLimits,
  // The admin app's own alias (apps/web/tsconfig.json): `@/app/ui/api` and the like.
  resolve: {
    conditions,
    alias: [{ find: /^@\/(.*)$/, replacement: `${import.meta.dirname}/apps/web/$1` }],
  },
  ssr: { resolve: { conditions, externalConditions: ['sightline-source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{packages,apps}/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/e2e/**'],
          // Some suites run real processes on the embedded bus and wait with their own deadlines;
          // on two busy cores (CI runs suites side by side) those can outlast 5 s.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{packages,apps}/*/test/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/e2e/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          globalSetup: ['./test/integration/services.global-setup.ts'],
        },
      },
    ],
  },
});

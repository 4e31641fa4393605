import { defineConfig } from 'vitest/config';

// `execdrill/...` imports (the docs' examples write them) resolve to the TypeScript source, as for the type
// checker and the bin run from source, never to a dist/ that may be stale or not built.
const conditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check-seed.ts', 'test/setup/from-source.ts'],
    // Monte Carlo validation tests are sized for a fixed seed; they are slow by design, not timed.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

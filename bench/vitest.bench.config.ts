import { defineConfig } from 'vitest/config';

// Benchmarks print their figures (medians, ratios against a baseline measured in the same run).
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 20 * 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

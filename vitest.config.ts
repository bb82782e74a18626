import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The end-to-end suites start the built CLI as processes; two cores are all CI has.
    maxWorkers: 2,
  },
});

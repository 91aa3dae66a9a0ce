import { defineConfig } from 'vitest/config';

// The end-to-end suite drives one real app at a time: no parallel files, generous timeouts
// (a cold WebKit start under Xvfb takes a few seconds on two cores).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    reporters: ['verbose'],
  },
});

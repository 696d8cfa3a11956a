import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The bot and CLI run as processes from dist/: built once here when missing or stale.
    globalSetup: ['test/setup/build-once.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Under CI a skipped test is a failure; tests needing Redis or Chromium skip only outside CI.
    allowOnly: false,
    pool: 'forks',
  },
});

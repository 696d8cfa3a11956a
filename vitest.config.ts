import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Under CI a skipped test is a failure; tests needing Redis or Chromium skip only outside CI.
    allowOnly: false,
    pool: 'forks',
    // Most files wait (on emulators, child processes, timers) far more than they compute: three files at
    // once keep two cores busy. Vitest's default in run mode is cores - 1, a single worker on 2 cores.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Pure logic with no process-wide state left behind: one module graph per worker instead of one
          // per file (the isolated run spent most of its time importing).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'test/integration/**/*.test.ts',
            'test/contract/**/*.test.ts',
            'test/security/**/*.test.ts',
          ],
          // The bot and CLI run as processes from dist/: built once here when missing or stale.
          globalSetup: ['test/setup/build-once.ts'],
          // Each file builds its own servers, databases and clients from factories: one module graph per
          // worker instead of one per file (the isolated run spent most of its time importing).
          isolate: false,
        },
      },
      ...(['discord', 'slack'] as const).map((platform) => ({
        extends: true as const,
        test: {
          name: `e2e-${platform}`,
          include: [`test/e2e/${platform}/**/*.test.ts`, `test/e2e/${platform}-emulator.test.ts`],
          globalSetup: ['test/setup/build-once.ts'],
          // One module graph per worker within a platform (each file starts its own bot and emulators).
          // Not across platforms: discord.js and Bolt files sharing a graph interfered (re-rolls,
          // uploads and threads timed out on the Discord side).
          isolate: false,
        },
      })),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/build-once.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/setup/build-once.ts'],
          // Afterwards, two at a time: each runs a bot process through bursts of 50 jobs against Slack's
          // 3 s acknowledgement deadline, which a starved CPU misses (seen with three files at once).
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
    ],
  },
});

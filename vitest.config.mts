import { defineConfig } from 'vitest/config';

/**
 * One Vitest run for the whole repository; each project runs in the runtime its code runs in.
 * Browser end-to-end tests are Playwright's (e2e/), never picked up here.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'protocol',
          root: './protocol',
          include: ['test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          root: './signaling-server',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'desktop-main',
          root: './desktop',
          include: ['test/main/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'renderer',
          root: './desktop',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
    ],
  },
});

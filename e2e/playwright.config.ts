import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in real Chromium (fake camera, microphone and screen) against a real server process.
 * Run through scripts/e2e.sh, which puts the whole run in a loopback-only network namespace.
 */
export default defineConfig({
  testDir: '.',
  outputDir: '../.tmp/e2e-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '../.tmp/e2e-report.json' }]],
  projects: [
    { name: 'browser', testMatch: 'browser/**/*.spec.ts' },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
    // On demand only (npm run screenshots / npm run bench), never in the test run.
    { name: 'docs', testMatch: 'docs/**/*.spec.ts' },
    { name: 'bench', testMatch: 'bench/**/*.spec.ts' },
  ],
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const desktopModules = fileURLToPath(new URL('./desktop/node_modules', import.meta.url));
const rootModules = fileURLToPath(new URL('./node_modules', import.meta.url));

/**
 * One Vitest run for the whole repository; each project runs in the runtime its code runs in.
 * Browser end-to-end tests are Playwright's (e2e/), never picked up here.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one on the two-core CI machines, where most server
    // files wait on sockets, timers, Janus or Redis rather than compute. Three at once took the run from 12.7 to
    // 6.1 minutes there.
    maxWorkers: 3,
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
          exclude: ['test/storage/**', 'test/cluster/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The storage suite runs against SQLite and a real PostgreSQL: one throwaway cluster for the run, started
        // by the global setup only when a file of this project runs (each file makes its own databases).
        test: {
          name: 'server-storage',
          root: './signaling-server',
          include: ['test/storage/**/*.test.ts'],
          globalSetup: ['./test/storage/postgresGlobalSetup.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Several servers sharing PostgreSQL and Redis: a throwaway PostgreSQL cluster and a redis-server of the
        // run's own, on free loopback ports, started by the global setup only when a file of this project runs.
        test: {
          name: 'server-cluster',
          root: './signaling-server',
          include: ['test/cluster/**/*.test.ts'],
          globalSetup: ['./test/cluster/clusterGlobalSetup.ts'],
          setupFiles: ['./test/cluster/fileRedis.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
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
        // npm hoisted a second React for root packages (testing-library, styled-components). The renderer must
        // see exactly one, the desktop workspace's, as its Vite build does (resolve.dedupe there). So React
        // resolves to desktop/, and the two libraries run from their ESM builds through this resolver
        // (their CommonJS builds would `require` the other React).
        resolve: {
          alias: [
            { find: /^react(-dom)?(\/.*)?$/, replacement: `${desktopModules}/react$1$2` },
            {
              find: /^styled-components$/,
              replacement: `${rootModules}/styled-components/dist/styled-components.browser.esm.js`,
            },
            {
              find: /^@testing-library\/react$/,
              replacement: `${rootModules}/@testing-library/react/dist/@testing-library/react.esm.js`,
            },
          ],
        },
        test: {
          name: 'renderer',
          root: './desktop',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Whole meeting screens render in jsdom: 5 s (the default) is too short when the machine is busy.
          testTimeout: 20_000,
          server: { deps: { inline: ['@testing-library/react', 'styled-components', 'react-i18next'] } },
        },
      },
    ],
  },
});

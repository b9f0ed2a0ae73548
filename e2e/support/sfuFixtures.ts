import { startJanus, type JanusProcess } from '../../signaling-server/src/sfu/startJanus.js';
import { test as base } from './fixtures.js';
import { addVethPair, VETH, vethRefusal } from './vethPair.js';

export { expect } from './fixtures.js';

export interface SfuFixtures {
  /** A real Janus whose media goes over a veth pair in this run's namespace (Janus will not use loopback). */
  janus: JanusProcess;
  /** `WAVA_SFU_THRESHOLD` of the test's server: meetings of more people than this are on the SFU (2 by default). */
  sfuThreshold: string;
}

/**
 * The browser fixtures with an SFU: a fresh Janus per test and a server that uses it
 * (`test.use({ sfuThreshold: '4' })` to change when meetings move). Skips where no private namespace exists
 * (not run through scripts/e2e.sh as root).
 */
export const test = base.extend<SfuFixtures>({
  sfuThreshold: ['2', { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's own needs from this pattern.
  janus: async ({}, use) => {
    const veth = await addVethPair();
    try {
      const janus = await startJanus({ interfaces: [VETH.janusSide] });
      await use(janus);
      await janus.stop();
    } finally {
      await veth.remove();
    }
  },
  serverEnv: async ({ janus, sfuThreshold }, use) => {
    await use({
      WAVA_SFU_URLS: janus.url,
      WAVA_SFU_ADMIN_URLS: janus.adminUrl,
      WAVA_SFU_SECRET: janus.secret,
      WAVA_SFU_THRESHOLD: sfuThreshold,
    });
  },
});

/** Why SFU browser tests cannot run here, or null. */
export const sfuRefusal = vethRefusal;

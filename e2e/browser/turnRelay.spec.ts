import { startCoturn, type Coturn } from '../support/coturn.js';
import { expect, test as base } from '../support/fixtures.js';
import { connectionStats, iceCandidateErrors } from '../support/rtcProbe.js';
import { waitFor } from '../support/waitFor.js';

const TURN_SECRET = `e2e-turn-secret-${Math.random().toString(36).slice(2)}`;

/** A real coturn on loopback, and a server that forces every call through it with `serverTurnSecret`. */
const test = base.extend<{ coturn: Coturn; serverTurnSecret: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's own needs from this pattern.
  coturn: async ({}, use) => {
    const coturn = await startCoturn(TURN_SECRET);
    await use(coturn);
    await coturn.stop();
  },
  serverTurnSecret: [TURN_SECRET, { option: true }],
  serverEnv: async ({ coturn, serverTurnSecret }, use) => {
    await use({ WAVA_TURN_URLS: coturn.url, WAVA_TURN_SECRET: serverTurnSecret, WAVA_ICE_TRANSPORT_POLICY: 'relay' });
  },
});

test('relay-only participants connect through coturn with short-lived credentials', async ({ meet }) => {
  const { alice, bob } = await meet();
  for (const person of [alice, bob]) {
    const stats = await waitFor(`${person.name} to decode relayed video`, async () => {
      const all = await connectionStats(person.page);
      return all.find((s) => s.videoFramesDecoded > 0 && s.audioPacketsReceived > 0);
    });
    expect(stats.localCandidateType).toBe('relay');
    expect(stats.remoteCandidateType).toBe('relay');
  }
});

test.describe('with a wrong TURN secret', () => {
  test.use({ serverTurnSecret: 'not-the-secret-coturn-was-given' });

  test('the call does not connect and people are told why', async ({ meet }) => {
    const { bob } = await meet({ connected: false });
    await expect(bob.byTestId('media-error')).toContainText(/could not connect/i, { timeout: 40_000 });
    await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'failed');
    expect(await iceCandidateErrors(bob.page)).toContain(401);
    const stats = await connectionStats(bob.page);
    expect(stats.every((s) => s.videoFramesDecoded === 0)).toBe(true);
  });
});

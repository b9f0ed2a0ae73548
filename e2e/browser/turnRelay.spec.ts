import { expect, test, type Browser } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { startCoturn, type Coturn } from '../support/coturn.js';
import { Participant } from '../support/participant.js';
import { connectionStats, iceCandidateErrors } from '../support/rtcProbe.js';
import { startServer, type ServerProcess } from '../support/serverProcess.js';
import { waitFor } from '../support/waitFor.js';

const TURN_SECRET = `e2e-turn-secret-${Math.random().toString(36).slice(2)}`;
let coturn: Coturn;
let browser: Browser;

test.beforeAll(async () => {
  coturn = await startCoturn(TURN_SECRET);
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
  await coturn?.stop();
});

async function meet(server: ServerProcess): Promise<[Participant, Participant]> {
  const alice = await Participant.open(browser, server.url, 'Alice');
  const bob = await Participant.open(browser, server.url, 'Bob');
  await alice.register();
  await bob.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();
  return [alice, bob];
}

function relayOnlyServer(secret: string): Promise<ServerProcess> {
  return startServer({
    WAVA_TURN_URLS: coturn.url,
    WAVA_TURN_SECRET: secret,
    WAVA_ICE_TRANSPORT_POLICY: 'relay',
  });
}

test('relay-only participants connect through coturn with short-lived credentials', async () => {
  const server = await relayOnlyServer(TURN_SECRET);
  try {
    const [alice, bob] = await meet(server);
    for (const person of [alice, bob]) {
      const stats = await waitFor(`${person.name} to decode relayed video`, async () => {
        const all = await connectionStats(person.page);
        return all.find((s) => s.videoFramesDecoded > 0 && s.audioPacketsReceived > 0);
      });
      expect(stats.localCandidateType).toBe('relay');
      expect(stats.remoteCandidateType).toBe('relay');
    }
    await alice.close();
    await bob.close();
  } finally {
    await server.stop();
  }
});

test('with a wrong TURN secret the call does not connect and people are told why', async () => {
  const server = await relayOnlyServer('not-the-secret-coturn-was-given');
  try {
    const [alice, bob] = await meet(server);
    await expect(bob.byTestId('media-error')).toContainText(/could not connect/i, { timeout: 40_000 });
    await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'failed');
    expect(await iceCandidateErrors(bob.page)).toContain(401);
    const stats = await connectionStats(bob.page);
    expect(stats.every((s) => s.videoFramesDecoded === 0)).toBe(true);
    await alice.close();
    await bob.close();
  } finally {
    await server.stop();
  }
});

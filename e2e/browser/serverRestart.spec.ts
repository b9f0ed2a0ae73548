import { expect, test, type Browser } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { Participant } from '../support/participant.js';
import { connectionStats } from '../support/rtcProbe.js';
import { startServer, type ServerProcess } from '../support/serverProcess.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

let server: ServerProcess;
let browser: Browser;

test.beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function framesDecoded(person: Participant): Promise<number> {
  const stats = await connectionStats(person.page);
  return stats.reduce((sum, s) => sum + s.videoFramesDecoded, 0);
}

test('a call survives the server being killed, and everyone rejoins by themselves when it is back', async () => {
  const alice = await Participant.open(browser, server.url, 'Alice');
  const bob = await Participant.open(browser, server.url, 'Bob');
  await alice.register();
  await bob.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();
  await waitFor('media to flow both ways', async () =>
    (await framesDecoded(alice)) > 0 && (await framesDecoded(bob)) > 0 ? true : undefined,
  );

  await server.kill();

  // Both show that they are reconnecting, while media keeps flowing peer to peer.
  for (const person of [alice, bob]) {
    await expect(person.byTestId('connection-banner')).toHaveAttribute('data-state', 'reconnecting');
  }
  const before = await framesDecoded(bob);
  await waitFor('frames to keep arriving with the server down', async () =>
    (await framesDecoded(bob)) > before + 10 ? true : undefined,
  );
  await expect.poll(() => isPlaying(bob.tile('Alice').getByTestId('tile-video'))).toBe(true);

  await server.restart();

  // They rejoin without anyone touching anything.
  for (const person of [alice, bob]) {
    await expect(person.page.locator('[data-testid="connection-banner"][data-state="reconnecting"]')).toHaveCount(0, {
      timeout: 30_000,
    });
    await expect(person.byTestId('meeting-view')).toBeVisible();
  }

  // Someone joining afterwards sees both, and both see them.
  const carol = await Participant.open(browser, server.url, 'Carol');
  await carol.register();
  await carol.enterCode(code);
  await carol.joinFromPreJoin();
  await expect(carol.remoteTiles()).toHaveCount(2);
  await waitFor('Carol to decode both', async () => {
    const flowing = (await connectionStats(carol.page)).filter((s) => s.videoFramesDecoded > 0);
    return flowing.length >= 2 ? true : undefined;
  });
  await expect(alice.tile('Carol')).toBeVisible();
  await expect(bob.tile('Carol')).toBeVisible();
  for (const person of [alice, bob, carol]) await person.close();
});

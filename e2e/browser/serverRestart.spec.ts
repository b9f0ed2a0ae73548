import { expect, test } from '../support/fixtures.js';
import { connectionStats, framesDecoded } from '../support/rtcProbe.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

test('a call survives the server being killed, and everyone rejoins by themselves when it is back', async ({
  server,
  people,
  meet,
}) => {
  const { alice, bob, code } = await meet();
  await waitFor('media to flow both ways', async () =>
    (await framesDecoded(alice.page)) > 0 && (await framesDecoded(bob.page)) > 0 ? true : undefined,
  );

  await server.kill();

  // Both show that they are reconnecting, while media keeps flowing peer to peer.
  for (const person of [alice, bob]) {
    await expect(person.byTestId('connection-banner')).toHaveAttribute('data-state', 'reconnecting');
  }
  const before = await framesDecoded(bob.page);
  await waitFor('frames to keep arriving with the server down', async () =>
    (await framesDecoded(bob.page)) > before + 10 ? true : undefined,
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
  const carol = await people.open('Carol');
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
});

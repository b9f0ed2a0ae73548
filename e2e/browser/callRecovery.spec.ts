import { expect, test } from '../support/fixtures.js';
import { dropLoopbackUdp, packetFilterRefusal, type PacketFilterRule } from '../support/packetFilter.js';
import { connectionStats, framesDecoded, peerConnectionsCreated } from '../support/rtcProbe.js';
import { recordTileConnections, tileConnectionsSeen } from '../support/tileConnections.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

let rule: PacketFilterRule | null = null;

const refusal = packetFilterRefusal();
if (refusal)
  console.log(`[skip] callRecovery: media is broken with a packet filter, which is not safe here: ${refusal}`);
test.skip(refusal !== null, `needs the loopback-only namespace of scripts/e2e.sh as root: ${refusal}`);

test.afterEach(async () => {
  await rule?.remove();
});

test('when media between two people breaks, their tiles say reconnecting (never failed) while the call is placed again by itself', async ({
  meet,
}) => {
  const { alice, bob } = await meet();
  for (const person of [alice, bob]) {
    await waitFor(`${person.name} to decode video`, async () =>
      (await framesDecoded(person.page)) > 0 ? true : undefined,
    );
  }
  const callsBefore = (await peerConnectionsCreated(alice.page)) + (await peerConnectionsCreated(bob.page));
  for (const person of [alice, bob]) await recordTileConnections(person.page);

  // The network between them drops every media packet (the server stays reachable over TCP).
  rule = await dropLoopbackUdp();
  await expect(alice.tile('Bob')).toHaveAttribute('data-connection', 'reconnecting');
  await expect(bob.tile('Alice')).toHaveAttribute('data-connection', 'reconnecting');

  // Wava gives up on the broken call and places a new one; the network heals only after that, so what
  // recovers is the new call, not the browser resuming the old one.
  await waitFor(
    'a new call to be placed',
    async () =>
      (await peerConnectionsCreated(alice.page)) + (await peerConnectionsCreated(bob.page)) > callsBefore
        ? true
        : undefined,
    { timeoutMs: 45_000 },
  );
  await expect(alice.tile('Bob')).not.toHaveAttribute('data-connection', 'connected');
  await rule.remove();
  const healedAt = Date.now();

  for (const [person, other] of [
    [alice, 'Bob'],
    [bob, 'Alice'],
  ] as const) {
    await expect(person.tile(other)).toHaveAttribute('data-connection', 'connected', { timeout: 30_000 });
    await waitFor(
      `${person.name} to decode video on the new call`,
      async () => ((await framesDecoded(person.page)) > 0 ? true : undefined),
      { timeoutMs: 30_000 },
    );
    await expect
      .poll(() => isPlaying(person.tile(other).getByTestId('tile-video')), {
        message: `${person.name} sees ${other} moving again`,
      })
      .toBe(true);
    await expect(person.byTestId('media-error')).toHaveCount(0);
    expect((await connectionStats(person.page)).length, `${person.name} has one live call`).toBe(1);
    // While Wava was trying by itself (longer than one call's 15 s connect deadline) the tile never said it failed.
    expect(await tileConnectionsSeen(person.page), `what ${person.name}'s tile of ${other} showed`).toEqual([
      'connected',
      'reconnecting',
      'connected',
    ]);
  }
  console.log(`[figure] network healed to both pictures moving again: ${Date.now() - healedAt} ms`);
});

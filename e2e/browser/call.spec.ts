import { expectNotOverlapping } from '../support/controls.js';
import { expect, test } from '../support/fixtures.js';
import type { Participant } from '../support/participant.js';
import { connectionStats, joinToFirstFrameMs, peerConnectionsCreated, videoRtp } from '../support/rtcProbe.js';
import { isPlaying } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

/** Every live connection of this page decodes video and receives audio, and there are `count` of them. */
async function expectMediaFromEveryone(person: Participant, count: number): Promise<void> {
  await waitFor(`${person.name} to decode video and receive audio from ${count} people`, async () => {
    const stats = await connectionStats(person.page);
    const flowing = stats.filter((s) => s.videoFramesDecoded > 0 && s.audioPacketsReceived > 0);
    return flowing.length >= count ? true : undefined;
  });
  await expect(person.remoteTiles()).toHaveCount(count);
  for (const video of await person.remoteTiles().getByTestId('tile-video').all()) {
    await expect.poll(() => isPlaying(video), { message: `${person.name} sees a moving picture` }).toBe(true);
  }
}

test('two people meet, see and hear each other, share a screen, and a third joins and leaves', async ({
  meet,
  people,
}) => {
  let invite = '';
  const { alice, bob, code } = await meet({
    alicePreJoin: async (alice) => {
      invite = await alice.inviteLink();
      // Before joining, Alice sees herself in the preview, and the meter moves with her microphone
      // (Chromium's fake microphone beeps now and then; the meter falls back between beeps).
      await expect
        .poll(() => isPlaying(alice.byTestId('prejoin-preview')), { message: 'Alice sees her camera preview moving' })
        .toBe(true);
      await expect
        .poll(async () => Number(await alice.byTestId('mic-level').getAttribute('data-level')), {
          message: "Alice's microphone level meter moves",
          intervals: [100],
        })
        .toBeGreaterThan(0);
    },
  });
  await expect(alice.tile('Alice')).toHaveAttribute('data-self', 'true');

  await expectMediaFromEveryone(alice, 1);
  await expectMediaFromEveryone(bob, 1);

  const firstFrameMs = await joinToFirstFrameMs(bob.page);
  console.log(
    `[figure] join to first remote frame: ${firstFrameMs === null ? 'not measured' : `${Math.round(firstFrameMs)} ms`}`,
  );

  // Alice shares her screen: Bob sees it large, with her name; stopping returns to the grid. The share travels on
  // the screen slot of their camera call (one more video stream on the same connection), not on a new call.
  const connections = [await peerConnectionsCreated(alice.page), await peerConnectionsCreated(bob.page)];
  // Her own view shows the share once its first frame has left; her share button says so from the start: pressed
  // and busy before her screen shows (the first time it is pressed, what her page shows beside it).
  await alice.page.evaluate(() => {
    const button = document.querySelector('[data-testid="toggle-share"]');
    (window as unknown as { firstPressed: Promise<unknown> }).firstPressed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (button?.getAttribute('aria-pressed') !== 'true') return;
        observer.disconnect();
        resolve({
          busy: button.getAttribute('aria-busy'),
          screenShown: document.querySelector('[data-testid="screen-stage"]') !== null,
        });
      });
      if (button) observer.observe(button, { attributes: true, attributeFilter: ['aria-pressed'] });
    });
  });
  await alice.byTestId('toggle-share').click();
  expect(
    await alice.page.evaluate(() => (window as unknown as { firstPressed: Promise<unknown> }).firstPressed),
  ).toEqual({ busy: 'true', screenShown: false });
  await expect(bob.byTestId('screen-stage')).toHaveAttribute('data-presenter', 'Alice');
  await expect
    .poll(() => isPlaying(bob.byTestId('screen-video')), { message: 'Bob sees the shared screen moving' })
    .toBe(true);
  const received = await waitFor('Bob to decode two video streams on the camera call', async () => {
    const { inbound } = await videoRtp(bob.page);
    const decoding = inbound.filter((stream) => stream.pc === 0 && stream.framesDecoded > 0);
    return decoding.length === 2 ? decoding : undefined;
  });
  expect(new Set(received.map((stream) => stream.mid)).size).toBe(2);
  expect([await peerConnectionsCreated(alice.page), await peerConnectionsCreated(bob.page)]).toEqual(connections);
  // Alice's camera tile still plays her camera alone: the slot's tracks are kept out of her camera stream.
  const cameraTracks = await bob
    .tile('Alice')
    .getByTestId('tile-video')
    .evaluate((video) => ((video as HTMLVideoElement).srcObject as MediaStream).getVideoTracks().length);
  expect(cameraTracks).toBe(1);
  await expect(alice.byTestId('toggle-share')).not.toHaveAttribute('aria-busy');
  // On her phone, news of the meeting (Bob's hand) stacks below her "You are presenting" caption and its Stop button,
  // never over them (a click there stops her share, not a banner that lets it through).
  const aliceSize = alice.page.viewportSize();
  const handBanner = alice.byTestId('notice-banner').filter({ hasText: 'Bob raised their hand' });
  for (const size of [{ width: 390, height: 844 }, aliceSize]) {
    if (size) await alice.page.setViewportSize(size);
    await bob.byTestId('toggle-hand').click();
    await expect(handBanner.last()).toBeVisible();
    await expectNotOverlapping(handBanner, alice.byTestId('screen-caption'));
    await alice.page.screenshot({ path: test.info().outputPath(`banner-below-presenting-${size?.width}.png`) });
    await bob.byTestId('toggle-hand').click();
  }
  await alice.byTestId('toggle-share').click();
  await expect(bob.byTestId('screen-stage')).toHaveCount(0);
  // Stopped, the slot sends nothing: Alice encodes one video stream again.
  await waitFor('Alice to stop encoding her screen', async () => {
    const before = (await videoRtp(alice.page)).outbound;
    await alice.page.waitForTimeout(500);
    const after = (await videoRtp(alice.page)).outbound;
    const encoding = after.filter((s) => s.framesEncoded > (before.find((b) => b.mid === s.mid)?.framesEncoded ?? 0));
    return encoding.length === 1 ? true : undefined;
  });

  // Bob mutes: Alice sees it on his tile.
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on');
  await bob.byTestId('toggle-mic').click();
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off', { timeout: 2_000 });
  await bob.byTestId('toggle-camera').click();
  await expect(alice.tile('Bob')).toHaveAttribute('data-video', 'off', { timeout: 2_000 });
  await bob.byTestId('toggle-mic').click();
  await bob.byTestId('toggle-camera').click();
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on', { timeout: 2_000 });

  // Carol joins through the invite link: she opens it, signs up, and lands on that meeting's pre-join
  // without typing the code. Then all three decode each other.
  expect(new URL(invite).pathname).toBe(`/j/${code}`);
  const carol = await people.open('Carol', invite);
  await expect(carol.page.getByText(`You are invited to meeting ${code}.`)).toBeVisible();
  await carol.register('prejoin');
  await expect(carol.byTestId('meeting-code')).toHaveText(code);
  await carol.joinFromPreJoin();
  for (const person of [alice, bob, carol]) await expectMediaFromEveryone(person, 2);

  // Carol leaves: her tile goes for the others.
  await carol.byTestId('leave').click();
  await expect(alice.tile('Carol')).toHaveCount(0, { timeout: 5_000 });
  await expect(bob.tile('Carol')).toHaveCount(0, { timeout: 5_000 });

  // Bob's app dies (no goodbye): his tile goes for Alice within a few seconds.
  await bob.close();
  await expect(alice.tile('Bob')).toHaveCount(0, { timeout: 10_000 });
});

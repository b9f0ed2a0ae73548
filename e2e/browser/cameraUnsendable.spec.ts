import type { Locator } from '@playwright/test';
import { launchChromium } from '../support/chromium.js';
import { expect, test } from '../support/fixtures.js';
import { Participant } from '../support/participant.js';
import { receivedVideo } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

/**
 * Alice's fake cameras: Chromium's second one (fake_device_1) delivers Y16 frames, a depth camera's format: the
 * self-view plays it, but WebRTC encodes not one frame of it, so the others see the last picture frozen (as with an
 * Intel RealSense or a Windows Hello infrared camera). 10 frames a second keeps two cores calm.
 */
const ALICE_CAMERAS = '--use-fake-device-for-media-stream=device-count=3,fps=10';
/** A received frame rate above the camera-off placeholder's (one frame a second): the camera's own frames. */
const CAMERA_FPS = 3;

/** Bob's view of Alice's camera: waits until frames come at the camera's rate (moving) or none come (frozen). */
function aliceSeenByBob(tile: Locator, state: 'moving' | 'frozen') {
  return waitFor(
    `Bob to see Alice's picture ${state}`,
    async () => {
      const { fps } = await receivedVideo(tile);
      return (state === 'moving' ? fps > CAMERA_FPS : fps === 0) ? true : undefined;
    },
    { timeoutMs: 30_000 },
  );
}

test('a camera whose picture cannot be sent (a depth camera) is named on pre-join and in the meeting, with the camera before offered; going back, the others see the picture move again', async ({
  server,
  people,
}) => {
  test.setTimeout(120_000);
  const own = await launchChromium([ALICE_CAMERAS]);
  try {
    const alice = await Participant.open(own, server.url, 'Alice');
    const bob = await people.open('Bob');
    await alice.register();
    await bob.register();
    const code = await alice.createMeeting();

    // Pre-join, before anyone else is there: choosing the depth camera says so at once and offers the one before.
    const camera = alice.byTestId('select-camera');
    await expect(camera.locator('option:checked')).toHaveText('fake_device_0');
    await camera.selectOption({ label: 'fake_device_1' });
    const notice = alice.byTestId('camera-unsendable');
    await expect(notice).toContainText('“fake_device_1” plays here but its picture cannot be sent to the others');
    await expect(alice.byTestId('camera-unsendable-use')).toHaveText('Use fake_device_0');
    await alice.byTestId('camera-unsendable-use').click();
    await expect(notice).toHaveCount(0);
    await expect(camera.locator('option:checked')).toHaveText('fake_device_0');

    await alice.joinFromPreJoin();
    await bob.enterCode(code);
    await bob.joinFromPreJoin();
    const aliceTile = bob.tile('Alice');
    await aliceSeenByBob(aliceTile, 'moving');

    // In the meeting: the same camera freezes Alice's picture for Bob, and Alice is told why.
    await alice.byTestId('device-settings').click();
    await alice.byTestId('select-camera').selectOption({ label: 'fake_device_1' });
    await alice.page.keyboard.press('Escape');
    await expect(notice).toContainText('cannot be sent to the others');
    await aliceSeenByBob(aliceTile, 'frozen');
    await alice.byTestId('camera-unsendable-use').click();
    await expect(notice).toHaveCount(0);
    await aliceSeenByBob(aliceTile, 'moving');
  } finally {
    await own.close();
  }
});

import type { Locator } from '@playwright/test';
import { expectContrastPasses, expectNoSeriousViolations } from '../support/axe.js';
import { launchChromium } from '../support/chromium.js';
import { framesWithoutFormat } from '../support/framesWithoutFormat.js';
import { expect, test } from '../support/fixtures.js';
import { Participant } from '../support/participant.js';
import { cameraTracks, peerConnectionsCreated } from '../support/rtcProbe.js';
import { receivedVideo } from '../support/tileVideo.js';
import { waitFor } from '../support/waitFor.js';

/**
 * Alice's fake cameras: Chromium's second one (fake_device_1) delivers Y16 frames, a depth camera's format: the
 * self-view plays it, but WebRTC encodes not one frame of it (as with an Intel RealSense or a Windows Hello infrared
 * camera). Its frames have no format, and the loopback check (loopbackEncoding.ts) confirms none is encoded.
 * 10 frames a second keeps two cores calm.
 */
const ALICE_CAMERAS = '--use-fake-device-for-media-stream=device-count=3,fps=10';
/** A received frame rate above the camera-off placeholder's (one frame a second): the camera's own frames. */
const CAMERA_FPS = 3;

/**
 * Waits until the loopback check has run for `cameras` cameras on the pre-join screen: it opens two connections per
 * camera and closes them when it has its answer (no call is open yet to close any other).
 */
function loopbackChecks(participant: Participant, cameras: number) {
  return waitFor(
    `${cameras} camera checks`,
    async () => {
      const closed = await participant.page.evaluate(
        () =>
          ((window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? []).filter(
            (pc) => pc.connectionState === 'closed',
          ).length,
      );
      return closed >= 2 * cameras ? true : undefined;
    },
    { timeoutMs: 15_000 },
  );
}

/**
 * What reaches Bob for Alice's tile: frames at the camera's rate (moving), or frames at the placeholder's slow rate
 * (the camera-off placeholder, rather than a frozen last picture: no frames at all).
 */
function aliceSeenByBob(tile: Locator, state: 'moving' | 'placeholder') {
  return waitFor(
    `Bob to receive Alice's ${state === 'moving' ? 'camera' : 'camera-off placeholder'}`,
    async () => {
      const { fps } = await receivedVideo(tile);
      return (state === 'moving' ? fps > CAMERA_FPS : fps > 0 && fps <= CAMERA_FPS) ? true : undefined;
    },
    { timeoutMs: 30_000 },
  );
}

/**
 * Bob's received frame rate for Alice's tile, read again and again from now until `notice` shows on Alice's side:
 * what Bob got while her new camera was being checked.
 */
async function ratesUntil(tile: Locator, notice: Locator): Promise<number[]> {
  const rates: number[] = [];
  await waitFor(
    'Alice to be told her camera cannot be sent',
    async () => {
      if ((await notice.count()) > 0) return true;
      rates.push((await receivedVideo(tile)).fps);
      return undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  return rates;
}

/** How many of the RTCPeerConnections the page created after the first `from` are still open. */
function openSince(participant: Participant, from: number): Promise<number> {
  return participant.page.evaluate(
    (first) =>
      ((window as unknown as { __wavaPcs: RTCPeerConnection[] }).__wavaPcs ?? [])
        .slice(first)
        .filter((pc) => pc.connectionState !== 'closed').length,
    from,
  );
}

/** Whether every RTCPeerConnection Alice's page created after the first `from` is closed: a camera check is over. */
function checksOver(participant: Participant, from: number) {
  return waitFor(
    'the camera check to be over',
    async () => ((await openSince(participant, from)) === 0 ? true : undefined),
    { timeoutMs: 15_000 },
  );
}

test('a camera whose picture cannot be sent (a depth camera) is named on pre-join and in the meeting, with the camera before offered; while it is checked the others go on seeing the camera before, then Alice as camera-off (the camera button only points her to the offer), and going back they see her picture move again; a camera turned on shows as starting while checked, on pre-join and in the meeting, and pressing again cancels it', async ({
  server,
  people,
}) => {
  test.setTimeout(120_000);
  const own = await launchChromium([ALICE_CAMERAS]);
  try {
    const alice = await Participant.open(own, server.url, 'Alice', '/', {
      // Her first camera encodes well all the same, so only the loopback check can tell the two cameras apart; a
      // false alarm on it is what this guards against.
      prepare: async (page) => {
        await page.addInitScript(framesWithoutFormat);
      },
    });
    const bob = await people.open('Bob');
    await alice.register();
    await bob.register();
    const code = await alice.createMeeting();

    // Pre-join, before anyone else is there. The first camera's frames have no format, but the loopback check sees
    // it encoded: once the check has closed its connections, nothing is said about it.
    const camera = alice.byTestId('select-camera');
    const notice = alice.byTestId('camera-unsendable');
    await expect(camera.locator('option:checked')).toHaveText('fake_device_0');
    await loopbackChecks(alice, 1);
    await expect(notice).toHaveCount(0);
    // The depth camera: the loopback check confirms not one frame is encoded; it is named, the one before offered.
    await camera.selectOption({ label: 'fake_device_1' });
    await expect(notice).toContainText(
      '“fake_device_1” works on this computer but its picture cannot be sent to the others',
    );
    await expect(alice.byTestId('camera-unsendable-use')).toHaveText('Use fake_device_0');
    await alice.byTestId('camera-unsendable-use').click();
    await expect(camera.locator('option:checked')).toHaveText('fake_device_0');
    await loopbackChecks(alice, 3);
    await expect(notice).toHaveCount(0);
    // Off, then on again with the depth camera, whose check takes seconds: meanwhile the pre-join button is pressed
    // and busy, says the camera is starting, and Enter again cancels: the check lets go of its connections at once.
    const previewToggle = alice.byTestId('prejoin-toggle-camera');
    await previewToggle.focus();
    await alice.page.keyboard.press('Enter');
    await expect(previewToggle).toHaveAttribute('aria-pressed', 'false');
    await camera.selectOption({ label: 'fake_device_1' });
    const beforeOn = await peerConnectionsCreated(alice.page);
    // On a phone, in both themes, the button's caption says it in sight too, readable (WCAG AA) on the preview. (The
    // pre-join passes axe there first, which leaves axe in the page for the quick checks while the camera starts.)
    const aliceSize = alice.page.viewportSize();
    await alice.page.setViewportSize({ width: 390, height: 844 });
    await expectNoSeriousViolations(alice.page, 'pre-join on a phone, camera off');
    await previewToggle.focus();
    await alice.page.keyboard.press('Enter');
    await expect(previewToggle).toHaveAttribute('aria-busy', 'true');
    await expect(previewToggle).toHaveAttribute('aria-pressed', 'true');
    await expect(previewToggle).toHaveAttribute('title', 'Camera starting… Press to turn it off');
    const caption = alice.byTestId('prejoin-camera-starting');
    await expect(caption).toHaveText('Camera starting…');
    await expect(caption).toBeInViewport({ ratio: 1 });
    for (const colorScheme of ['dark', 'light'] as const) {
      await alice.page.emulateMedia({ colorScheme });
      await expectContrastPasses(alice.page, '[data-testid="prejoin-camera-starting"]', `caption (${colorScheme})`);
    }
    if (aliceSize) await alice.page.setViewportSize(aliceSize);
    await previewToggle.focus();
    await alice.page.keyboard.press('Enter');
    await expect(previewToggle).toHaveAttribute('aria-pressed', 'false');
    await expect(previewToggle).not.toHaveAttribute('aria-busy');
    expect(await openSince(alice, beforeOn)).toBe(0);
    expect((await cameraTracks(alice.page)).filter((track) => track.live)).toEqual([]);
    // Back on with the first camera, cleared, for the meeting.
    await camera.selectOption({ label: 'fake_device_0' });
    await previewToggle.click();
    await expect(previewToggle).toHaveAttribute('aria-pressed', 'true');
    await expect(previewToggle).not.toHaveAttribute('aria-busy');

    await alice.joinFromPreJoin();
    await bob.enterCode(code);
    await bob.joinFromPreJoin();
    const aliceTile = bob.tile('Alice');
    await expect(aliceTile).toHaveAttribute('data-video', 'on');
    await aliceSeenByBob(aliceTile, 'moving');

    // In the meeting: while the same camera is checked (seconds), Bob goes on seeing the camera before move, never
    // a frozen picture. Then Alice is told it cannot be sent, and Bob sees her as with the camera off (her initials,
    // fed by the placeholder).
    await alice.byTestId('device-settings').click();
    await alice.byTestId('select-camera').selectOption({ label: 'fake_device_1' });
    const whileChecked = await ratesUntil(aliceTile, notice);
    expect(whileChecked.length).toBeGreaterThan(0);
    // Frozen (without the handover: [1, 0, 0, 0, 0, 0, 0, 0, 0]) is a second without a frame; a busy machine may
    // slow the picture for a moment, so it is the median that must be a moving camera's.
    expect(whileChecked.filter((fps) => fps === 0)).toEqual([]);
    const sorted = [...whileChecked].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(CAMERA_FPS);
    await alice.page.keyboard.press('Escape');
    await expect(notice).toContainText('they see your initials');
    await expect(aliceTile).toHaveAttribute('data-video', 'off');
    await aliceSeenByBob(aliceTile, 'placeholder');
    // The notice sits on the meeting's own area, dark in both themes: in the light theme too its red text and its
    // buttons stay readable (the light theme's red was 3.3:1 there).
    await alice.page.emulateMedia({ colorScheme: 'light' });
    await expectNoSeriousViolations(alice.page, 'meeting with the camera notice, light theme');
    // Her camera button does not send that camera again: the offer takes the focus (read out with the reason), and
    // Bob still sees the placeholder. Enter takes the offer.
    await alice.byTestId('toggle-camera').focus();
    await alice.page.keyboard.press('Enter');
    await expect(alice.byTestId('camera-unsendable-use')).toBeFocused();
    await expect(notice).toContainText('they see your initials');
    await expect(aliceTile).toHaveAttribute('data-video', 'off');
    await aliceSeenByBob(aliceTile, 'placeholder');
    await alice.page.keyboard.press('Enter');
    await expect(notice).toHaveCount(0);
    await expect(aliceTile).toHaveAttribute('data-video', 'on');
    await aliceSeenByBob(aliceTile, 'moving');

    // Off, then on again with the depth camera, whose check takes seconds: meanwhile the button is pressed and busy,
    // says the camera is starting, and Enter again cancels: the camera is let go, Bob never gets it, nothing is said.
    const toggle = alice.byTestId('toggle-camera');
    await toggle.focus();
    await alice.page.keyboard.press('Enter');
    await expect(aliceTile).toHaveAttribute('data-video', 'off');
    await alice.byTestId('device-settings').click();
    await alice.byTestId('select-camera').selectOption({ label: 'fake_device_1' });
    await alice.page.keyboard.press('Escape');
    const created = await peerConnectionsCreated(alice.page);
    await toggle.focus();
    await alice.page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-busy', 'true');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(alice.byTestId('camera-starting')).toHaveText('Camera starting…');
    await alice.page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(toggle).not.toHaveAttribute('aria-busy');
    await checksOver(alice, created);
    expect((await cameraTracks(alice.page)).filter((track) => track.live)).toEqual([]);
    await expect(notice).toHaveCount(0);
    await expect(aliceTile).toHaveAttribute('data-video', 'off');
    await aliceSeenByBob(aliceTile, 'placeholder');
  } finally {
    await own.close();
  }
});

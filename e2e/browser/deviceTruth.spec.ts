import { expect, test } from '../support/fixtures.js';

/**
 * The state everyone sees is the real one: a microphone the browser refuses is off for Bob and for
 * the others, Bob is told how to allow it, and Retry works without leaving once it is allowed.
 */
test('a refused microphone is off for everyone, with how to allow it and a Retry', async ({ people }) => {
  const alice = await people.open('Alice');
  const bob = await people.open('Bob');
  // Bob's browser refuses the microphone (as after "Block" in the permission prompt) until the test allows it.
  await bob.page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) =>
      constraints?.audio && !(window as unknown as { allowMic?: boolean }).allowMic
        ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError'))
        : real(constraints);
  });
  await bob.page.reload();
  await alice.register();
  await bob.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);

  // Pre-join: the button is off, and the notice says why, how to allow it, and offers Retry.
  await expect(bob.byTestId('prejoin-toggle-mic')).toHaveAttribute('aria-pressed', 'false');
  await expect(bob.byTestId('device-problem-microphone')).toContainText('not allowed to use your microphone');
  await expect(bob.byTestId('device-problem-microphone')).toContainText('Site settings');
  await expect(bob.byTestId('device-problem-camera')).toHaveCount(0);
  await bob.joinFromPreJoin();

  // The others see the microphone off; Bob's own button says off too, with the notice still there.
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');
  await expect(alice.tile('Bob')).toHaveAttribute('data-video', 'on');
  await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'false');
  await expect(bob.byTestId('device-problem-microphone')).toBeVisible();

  // Retry while still refused: still off for everyone.
  await bob.byTestId('device-retry-microphone').click();
  await expect(bob.byTestId('device-problem-microphone')).toBeVisible();
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');

  // Allowed now: Retry turns it on, for everyone, and the notice goes.
  await bob.page.evaluate(() => ((window as unknown as { allowMic?: boolean }).allowMic = true));
  await bob.byTestId('device-retry-microphone').click();
  await expect(bob.byTestId('device-problem-microphone')).toHaveCount(0);
  await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'true');
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on');
});

test('a microphone that stops mid-meeting (unplugged) turns off for everyone, with a Retry', async ({ people }) => {
  const alice = await people.open('Alice');
  const bob = await people.open('Bob');
  // Keep the microphone tracks Bob's page is given, to unplug one.
  await bob.page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    const kept: MediaStreamTrack[] = [];
    (window as unknown as { micTracks: MediaStreamTrack[] }).micTracks = kept;
    devices.getUserMedia = async (constraints) => {
      const stream = await real(constraints);
      kept.push(...stream.getAudioTracks());
      return stream;
    };
  });
  await bob.page.reload();
  await alice.register();
  await bob.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);
  await bob.joinFromPreJoin();
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on');

  // Chromium's fake microphone cannot be unplugged: end the real track and fire what the browser fires then.
  await bob.page.evaluate(() => {
    const track = (window as unknown as { micTracks: MediaStreamTrack[] }).micTracks.at(-1);
    track?.stop();
    track?.dispatchEvent(new Event('ended'));
  });
  await expect(bob.byTestId('device-problem-microphone')).toContainText('stopped working');
  await expect(bob.byTestId('toggle-mic')).toHaveAttribute('aria-pressed', 'false');
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'off');

  // Plugged back in: Retry turns it on again for everyone.
  await bob.byTestId('device-retry-microphone').click();
  await expect(bob.byTestId('device-problem-microphone')).toHaveCount(0);
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on');
});

test('a refused camera is off for everyone, and its button offers to try again', async ({ people }) => {
  const alice = await people.open('Alice');
  const bob = await people.open('Bob');
  await bob.page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const real = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) =>
      constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : real(constraints);
  });
  await bob.page.reload();
  await alice.register();
  await bob.register();
  const code = await alice.createMeeting();
  await alice.joinFromPreJoin();
  await bob.enterCode(code);
  await expect(bob.byTestId('prejoin-toggle-camera')).toHaveAttribute('aria-pressed', 'false');
  await expect(bob.byTestId('device-problem-camera')).toContainText('not allowed to use your camera');
  await bob.joinFromPreJoin();
  await expect(alice.tile('Bob')).toHaveAttribute('data-video', 'off');
  await expect(alice.tile('Bob')).toHaveAttribute('data-audio', 'on');
  await expect(bob.byTestId('toggle-camera')).toHaveAttribute('title', /not available\. Click to try again/);
  await bob.byTestId('toggle-camera').click();
  await expect(bob.byTestId('toggle-camera')).toHaveAttribute('aria-pressed', 'false');
  await expect(alice.tile('Bob')).toHaveAttribute('data-video', 'off');
});

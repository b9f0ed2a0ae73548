import { describe, expect, it, vi } from 'vitest';
import type { CameraSendability } from '../../src/renderer/call/cameraSendability.js';
import type { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * In a meeting, a camera whose picture cannot be sent (cameraSendability.ts) goes out as the camera-off placeholder:
 * the server is told the camera is off, so the others see Ada's initials rather than a frozen picture, and her own
 * tile shows the same. A camera that can be sent is announced and sent again.
 */
describe('a camera that cannot be sent, in a meeting', () => {
  useFakeCallEnvironment();

  it('is announced as off while selected, and on again once a camera that can be sent is chosen', async () => {
    const ada: { media?: LocalMedia } = {};
    const probeSendability = (): Promise<CameraSendability> =>
      Promise.resolve(ada.media?.state.cameraId === 'depth' ? 'unsendable' : 'sendable');
    const t = await createTestMeetingClient({ probeSendability, logger: { warn: () => undefined } });
    ada.media = t.media;
    const request = vi.spyOn(t.server, 'request');
    const announced = () =>
      request.mock.calls.filter(([event]) => event === 'media:update').map(([, payload]) => payload);
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    t.peers[0]?.openNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.client.getSnapshot().local.video).toBe(true);

    await t.media.selectCamera('depth');
    await vi.advanceTimersByTimeAsync(0);
    expect(announced()).toContainEqual({ audio: true, video: false });
    expect(t.client.getSnapshot().local.video).toBe(false);
    expect(t.media.sendStream.getVideoTracks()).not.toContain(t.media.cameraTrack);

    await t.media.selectCamera('front');
    await vi.advanceTimersByTimeAsync(0);
    expect(announced().at(-1)).toEqual({ audio: true, video: true });
    expect(t.client.getSnapshot().local.video).toBe(true);
    expect(t.media.sendStream.getVideoTracks()).toContain(t.media.cameraTrack);
  });

  it('the camera button while it is selected does not turn it on again: nothing new is sent or announced, the notice is asked for', async () => {
    const ada: { media?: LocalMedia } = {};
    const probeSendability = (): Promise<CameraSendability> =>
      Promise.resolve(ada.media?.state.cameraId === 'depth' ? 'unsendable' : 'sendable');
    const t = await createTestMeetingClient({ probeSendability, logger: { warn: () => undefined } });
    ada.media = t.media;
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    t.peers[0]?.openNow();
    await t.media.selectCamera('depth');
    await vi.advanceTimersByTimeAsync(0);
    const request = vi.spyOn(t.server, 'request');
    const asked = vi.fn();
    t.media.on('unsendableCameraAsked', asked);
    const camera = t.media.cameraTrack;
    const sent = t.media.sendStream.getVideoTracks()[0];

    t.client.toggleCamera();
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toHaveBeenCalledOnce();
    expect(t.media.cameraTrack).toBe(camera);
    expect(t.media.sendStream.getVideoTracks()[0]).toBe(sent);
    expect(request.mock.calls.filter(([event]) => event === 'media:update')).toEqual([]);
    expect(t.client.getSnapshot().local.video).toBe(false);
  });
});

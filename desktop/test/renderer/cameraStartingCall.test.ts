import { describe, expect, it, vi } from 'vitest';
import { cameraButtonOf } from '../../src/renderer/call/cameraButton.js';
import type { CameraSendability } from '../../src/renderer/call/cameraSendability.js';
import { createTestMeetingClient } from './support/createTestMeetingClient.js';
import { useFakeCallEnvironment } from './support/useFakeCallEnvironment.js';

/**
 * A camera turned on in a meeting is checked before the others get it (cameraSendability.ts). Meanwhile the camera
 * button says it is starting, and pressing it again cancels: the camera is let go and nothing of it is sent or
 * announced, even once the check ends.
 */
describe('the camera button while the camera starts, in a meeting', () => {
  useFakeCallEnvironment();

  it('says starting, and pressing it again turns the camera off: nothing sent, nothing announced', async () => {
    const checks: ((verdict: CameraSendability) => void)[] = [];
    const probeSendability = (): Promise<CameraSendability> =>
      checks.length === 0 ? Promise.resolve('sendable') : new Promise((resolve) => checks.push(resolve));
    const t = await createTestMeetingClient({ probeSendability, logger: { warn: () => undefined } });
    checks.push(() => undefined); // the first camera (pre-join) was cleared at once; the next ones are held
    t.client.join();
    await vi.advanceTimersByTimeAsync(0);
    t.peers[0]?.openNow();
    t.client.toggleCamera();
    await vi.advanceTimersByTimeAsync(0);
    expect(cameraButtonOf(t.media.state)).toBe('off');
    const request = vi.spyOn(t.server, 'request');
    const announced = () =>
      request.mock.calls.filter(([event]) => event === 'media:update').map(([, payload]) => payload);
    // What the calls are handed to send (the camera-off placeholder is no track at all here: no canvas).
    const handed: (MediaStreamTrack | null)[] = [];
    t.media.on('track', ({ kind, track }) => kind === 'video' && handed.push(track));
    const sentNow = () => [...handed, ...t.media.sendStream.getVideoTracks()];

    t.client.toggleCamera();
    await vi.advanceTimersByTimeAsync(0);
    const camera = t.media.cameraTrack;
    expect(camera).not.toBeNull();
    expect(cameraButtonOf(t.media.state)).toBe('starting');
    expect(t.client.getSnapshot().local.video).toBe(false);
    expect(sentNow()).not.toContain(camera);

    t.client.toggleCamera();
    await vi.advanceTimersByTimeAsync(0);
    expect(cameraButtonOf(t.media.state)).toBe('off');
    expect(t.media.cameraTrack).toBeNull();
    expect(camera?.readyState).toBe('ended');

    for (const end of checks.splice(1)) end('sendable');
    await vi.advanceTimersByTimeAsync(0);
    expect(sentNow()).not.toContain(camera);
    expect(announced().some((update) => (update as { video?: boolean }).video === true)).toBe(false);
    expect(t.client.getSnapshot().local.video).toBe(false);
    expect(cameraButtonOf(t.media.state)).toBe('off');
  });
});

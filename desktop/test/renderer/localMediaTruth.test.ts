import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deviceProblemOf } from '../../src/renderer/call/deviceProblem.js';
import { LocalMedia } from '../../src/renderer/call/localMedia.js';
import { FakeMediaStream, fakeDevices, type FakeTrack } from './support/meetingDoubles.js';

/** The rule: the microphone and camera state everyone sees is the real one, with the reason when it is off. */
describe('LocalMedia tells the truth about the microphone and camera', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['NotAllowedError', 'denied'],
    ['NotFoundError', 'missing'],
    ['NotReadableError', 'busy'],
    ['AbortError', 'failed'],
  ])('a microphone refused with %s starts off, with the reason %s, and the camera unaffected', async (name, reason) => {
    const devices = fakeDevices();
    devices.failing.audio = name;
    const media = new LocalMedia(devices);
    await media.start();
    expect(media.state).toMatchObject({ audio: false, video: true, hasMicrophone: false });
    expect(media.state.problems).toEqual({ microphone: { reason }, camera: null });
  });

  it('a refused camera starts off with its reason', async () => {
    const devices = fakeDevices();
    devices.failing.video = 'NotAllowedError';
    const media = new LocalMedia(devices);
    await media.start();
    expect(media.state).toMatchObject({ audio: true, video: false, previewId: null });
    expect(media.state.problems).toEqual({ microphone: null, camera: { reason: 'denied' } });
  });

  it('Retry (turning it on) stays off while still refused, and turns on and clears the reason once allowed', async () => {
    const devices = fakeDevices();
    devices.failing.audio = 'NotAllowedError';
    const media = new LocalMedia(devices);
    await media.start();
    await media.setAudioEnabled(true);
    expect(media.state.audio).toBe(false);
    expect(media.state.problems.microphone).toEqual({ reason: 'denied' });

    devices.failing.audio = null;
    await media.setAudioEnabled(true);
    expect(media.state).toMatchObject({ audio: true, hasMicrophone: true });
    expect(media.state.problems.microphone).toBeNull();
    expect(media.sendStream.getAudioTracks()[0]).toBe(media.microphoneTrack);
  });

  it('a microphone that goes away mid-call turns off, says so, and announces a new (placeholder) track', async () => {
    const devices = fakeDevices();
    const media = new LocalMedia(devices);
    await media.start();
    const microphone = media.microphoneTrack as unknown as FakeTrack;
    const changes: boolean[] = [];
    media.on('change', (state) => changes.push(state.audio));
    const sent: (MediaStreamTrack | null)[] = [];
    media.on('track', ({ kind, track }) => kind === 'audio' && sent.push(track));

    microphone.end();
    await media.setVideoEnabled(true); // queued after the loss: the loss has been handled by now
    expect(media.state).toMatchObject({ audio: false, hasMicrophone: false });
    expect(media.state.problems.microphone).toEqual({ reason: 'lost' });
    expect(changes).toContain(false);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toBe(microphone);
  });

  it('a camera that goes away mid-call turns off with the reason "lost"', async () => {
    const media = new LocalMedia(fakeDevices());
    await media.start();
    const camera = media.sendStream.getVideoTracks()[0] as unknown as FakeTrack;
    camera.end();
    await media.setAudioEnabled(true);
    expect(media.state).toMatchObject({ video: false, previewId: null });
    expect(media.state.problems.camera).toEqual({ reason: 'lost' });
  });

  it('a track we replaced ourselves ending is not a loss', async () => {
    const media = new LocalMedia(fakeDevices());
    await media.start();
    const first = media.microphoneTrack as unknown as FakeTrack;
    await media.selectMicrophone('other-mic');
    first.end();
    await media.setAudioEnabled(true);
    expect(media.state).toMatchObject({ audio: true, problems: { microphone: null, camera: null } });
  });

  it('a device switch that fails keeps the reason as a code (its sentence is written at render), cleared once one works', async () => {
    const devices = fakeDevices();
    const media = new LocalMedia(devices);
    await media.start();
    devices.failing.video = 'NotReadableError';
    await media.selectCamera('other-camera');
    expect(media.state.error).toEqual({ device: 'camera', reason: 'busy' });
    devices.failing.video = null;
    await media.selectCamera('other-camera');
    expect(media.state.error).toBeNull();
  });

  it.each([
    [{ name: 'NotAllowedError' }, 'denied'],
    [{ name: 'SecurityError' }, 'denied'],
    [{ name: 'OverconstrainedError' }, 'missing'],
    [{ name: 'TrackStartError' }, 'busy'],
    [new Error('boom'), 'failed'],
    [null, 'failed'],
  ])('deviceProblemOf(%o) is %s', (error, reason) => {
    expect(deviceProblemOf(error)).toEqual({ reason });
  });
});

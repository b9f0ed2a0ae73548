import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallScreenSlot } from '../../src/renderer/call/callScreenSlot.js';
import { planScreenSlot } from '../../src/renderer/call/screenSlotPlan.js';
import type { Logger } from '../../src/renderer/util/logger.js';
import { FakeMediaStream, FakeTrack } from './support/meetingDoubles.js';

/**
 * jsdom has no WebRTC: a hand-written stand-in for the transceivers and descriptions CallScreenSlot reads. Real
 * calls switching the slot are in Chromium (e2e/browser/call.spec.ts, screenShareFallback.spec.ts).
 */
class FakeTransceiver {
  mid: string | null = null;
  currentDirection: RTCRtpTransceiverDirection | null = null;
  readonly replaced: (FakeTrack | null)[] = [];
  readonly receiver: { track: FakeTrack };
  readonly sender: { track: FakeTrack | null; replaceTrack(track: FakeTrack | null): Promise<void> };
  constructor(track: FakeTrack) {
    this.receiver = { track: new FakeTrack(track.kind) };
    const replaced = this.replaced;
    this.sender = {
      track,
      replaceTrack(next) {
        replaced.push(next);
        this.track = next;
        return Promise.resolve();
      },
    };
  }
}

class FakePeerConnection {
  signalingState: RTCSignalingState = 'stable';
  remoteDescription: { sdp: string } | null = null;
  readonly transceivers: FakeTransceiver[];
  constructor(tracks: FakeTrack[]) {
    // PeerJS adds each track with addTrack: one transceiver per track, in order.
    this.transceivers = tracks.map((track) => new FakeTransceiver(track));
  }
  getTransceivers() {
    return this.transceivers;
  }
  /** The answer is in: each transceiver got the mid of its section and the direction both sides agreed. */
  negotiated(directions: RTCRtpTransceiverDirection[]) {
    this.transceivers.forEach((transceiver, index) => {
      transceiver.mid = String(index);
      transceiver.currentDirection = directions[index] ?? 'sendrecv';
    });
    this.remoteDescription = {
      sdp: this.transceivers
        .map((t, i) => `m=${t.receiver.track.kind} 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:${i}\r\n`)
        .join(''),
    };
  }
}

const logger: Logger = { warn: vi.fn() };

function placed() {
  const local = new FakeMediaStream([new FakeTrack('audio'), new FakeTrack('video')]);
  const plan = planScreenSlot(local, { audio: true })!;
  const pc = new FakePeerConnection(plan.tracks);
  const slot = CallScreenSlot.bind(pc as unknown as RTCPeerConnection, plan as never, plan.slot, logger)!;
  const [, audio, , video] = pc.transceivers as [FakeTransceiver, FakeTransceiver, FakeTransceiver, FakeTransceiver];
  return { plan, pc, slot, audio, video, camera: pc.transceivers[2]!, microphone: pc.transceivers[0]! };
}

const screen = () => new FakeMediaStream([new FakeTrack('video'), new FakeTrack('audio')]);

describe('CallScreenSlot', () => {
  beforeEach(() => vi.stubGlobal('MediaStream', FakeMediaStream));
  afterEach(() => vi.unstubAllGlobals());

  it('reserves the spares’ senders, sends nothing on them, and stops the spares', () => {
    const { plan, slot, audio, video, camera, microphone } = placed();
    expect(video.replaced).toEqual([null]);
    expect(audio.replaced).toEqual([null]);
    expect(plan.spare.video.readyState).toBe('ended');
    expect(plan.spare.audio!.readyState).toBe('ended');
    expect(slot.owns(video as never)).toBe(true);
    expect(slot.owns(audio as never)).toBe(true);
    expect(slot.owns(camera as never)).toBe(false);
    expect(slot.owns(microphone as never)).toBe(false);
    expect(camera.replaced).toEqual([]);
  });

  it('is taken only once the answer holds it sendrecv at the announced sections', () => {
    const { pc, slot } = placed();
    expect(slot.accepted).toBe(false);
    pc.negotiated(['sendrecv', 'sendrecv', 'sendrecv', 'sendrecv']);
    expect(slot.accepted).toBe(true);
  });

  it('an answerer without the slot (recvonly on its sections) declines it', () => {
    const { pc, slot } = placed();
    pc.negotiated(['sendrecv', 'sendonly', 'sendrecv', 'sendonly']);
    expect(slot.accepted).toBe(false);
    expect(slot.receiving).toBe(false);
  });

  it('receives once the offer is applied, before the answer completes the negotiation', () => {
    const { pc, slot, video } = placed();
    expect(slot.receiving).toBe(false);
    pc.negotiated(['sendrecv', 'sendrecv', 'sendrecv', 'sendrecv']);
    video.currentDirection = null;
    expect(slot.receiving).toBe(true);
    expect(slot.accepted).toBe(false);
  });

  it('a share is a replaceTrack of the screen’s video and sound; stopping it sends nothing again', () => {
    const { pc, slot, audio, video } = placed();
    pc.negotiated(['sendrecv', 'sendrecv', 'sendrecv', 'sendrecv']);
    const shared = screen();
    slot.send(shared as unknown as MediaStream);
    slot.send(shared as unknown as MediaStream);
    expect(video.replaced).toEqual([null, shared.getVideoTracks()[0]]);
    expect(audio.replaced).toEqual([null, shared.getAudioTracks()[0]]);
    slot.send(null);
    expect(video.replaced.at(-1)).toBeNull();
    expect(audio.replaced.at(-1)).toBeNull();
  });

  it('the screen’s sound stays off a sound section the answerer did not take', () => {
    const { pc, slot, audio, video } = placed();
    pc.negotiated(['sendrecv', 'sendonly', 'sendrecv', 'sendrecv']);
    slot.send(screen() as unknown as MediaStream);
    expect(video.replaced).toHaveLength(2);
    expect(audio.replaced).toEqual([null]);
  });

  it('splits what the other side sends: its camera stream without the slot, and its screen from the slot', () => {
    const { pc, slot, audio, video, camera, microphone } = placed();
    pc.negotiated(['sendrecv', 'sendrecv', 'sendrecv', 'sendrecv']);
    // Their spares share their camera stream's msid, so the remote stream holds all four tracks.
    const remote = new FakeMediaStream(pc.transceivers.map((t) => t.receiver.track));
    const cameraStream = slot.cameraStream(remote as unknown as MediaStream);
    expect(cameraStream.getTracks()).toEqual([microphone.receiver.track, camera.receiver.track]);
    expect(slot.cameraStream(remote as unknown as MediaStream)).toBe(cameraStream);
    expect(slot.screenStream().getTracks()).toEqual([video.receiver.track, audio.receiver.track]);
    expect(slot.screenStream()).toBe(slot.screenStream());
  });

  it('a remote stream without slot tracks (a client that declined it) is used as it is', () => {
    const { pc, slot, camera, microphone } = placed();
    pc.negotiated(['sendrecv', 'sendonly', 'sendrecv', 'sendonly']);
    const remote = new FakeMediaStream([microphone.receiver.track, camera.receiver.track]);
    expect(slot.cameraStream(remote as unknown as MediaStream)).toBe(remote);
  });

  it('no spare video sender on the call: no slot, and the spares are stopped anyway', () => {
    const plan = planScreenSlot(new FakeMediaStream([new FakeTrack('video')]), { audio: true })!;
    const pc = new FakePeerConnection([]);
    expect(CallScreenSlot.bind(pc as never, plan as never, plan.slot, logger)).toBeNull();
    expect(CallScreenSlot.bind(null, plan as never, plan.slot, logger)).toBeNull();
    expect(plan.spare.video.readyState).toBe('ended');
  });
});

import { describe, expect, it } from 'vitest';
import { mediaSectionMids, planScreenSlot } from '../../src/renderer/call/screenSlotPlan.js';
import { callKindOf, screenSlotOf } from '../../src/renderer/call/streamKind.js';
import { FakeMediaStream, FakeTrack } from './support/meetingDoubles.js';

const local = (...kinds: ('audio' | 'video')[]) => new FakeMediaStream(kinds.map((kind) => new FakeTrack(kind)));

describe('planScreenSlot', () => {
  it('offers microphone, screen sound, camera, screen: the spares sit where getTracks() puts them', () => {
    const stream = local('video', 'audio');
    const plan = planScreenSlot(stream, { audio: true })!;
    const [microphone] = stream.getAudioTracks();
    const [camera] = stream.getVideoTracks();
    expect(plan.tracks).toEqual([microphone, plan.spare.audio, camera, plan.spare.video]);
    expect(plan.slot).toEqual({ audio: 1, video: 3 });
    // The same order a MediaStream of those tracks gives PeerJS (audio first), so index n is media section n.
    expect(new FakeMediaStream(plan.tracks).getTracks()).toEqual(plan.tracks);
    // The spares are new tracks: the camera and microphone themselves are never taken off their senders.
    expect(plan.spare.video).not.toBe(camera);
    expect(plan.spare.audio).not.toBe(microphone);
    expect(plan.spare.video.kind).toBe('video');
  });

  it('without sound (the caller offered none) or without a microphone, the slot is video only', () => {
    expect(planScreenSlot(local('audio', 'video'), { audio: false })!.slot).toEqual({ video: 2 });
    const noMicrophone = planScreenSlot(local('video'), { audio: true })!;
    expect(noMicrophone.slot).toEqual({ video: 1 });
    expect(noMicrophone.spare.audio).toBeNull();
  });

  it('no camera track: no slot (the call goes out as before)', () => {
    expect(planScreenSlot(local('audio'), { audio: true })).toBeNull();
  });
});

describe('mediaSectionMids', () => {
  it('reads the mid of each m= section in order', () => {
    const sdp = [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      'a=group:BUNDLE 0 1 2 3',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:0',
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=mid:1',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'a=mid:video-a',
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
      '',
    ].join('\r\n');
    expect(mediaSectionMids(sdp)).toEqual(['0', '1', 'video-a', null]);
    expect(mediaSectionMids('v=0\na=mid:x\n')).toEqual([]);
  });
});

describe('call metadata from another client', () => {
  it.each([
    [{ kind: 'camera', screenSlot: { video: 3, audio: 1 } }, 'camera', { video: 3, audio: 1 }],
    [{ kind: 'camera', screenSlot: { video: 1 } }, 'camera', { video: 1 }],
    [{ kind: 'camera' }, 'camera', null],
    // Older clients and the documented minimum: a camera call without a slot.
    [undefined, 'camera', null],
    ['camera', 'camera', null],
    // A screen call never carries a slot.
    [{ kind: 'screen', screenSlot: { video: 1 } }, 'screen', null],
    // Unreadable slots are no slot: the call is still a camera call.
    [{ kind: 'camera', screenSlot: { video: -1 } }, 'camera', null],
    [{ kind: 'camera', screenSlot: { video: 1.5 } }, 'camera', null],
    [{ kind: 'camera', screenSlot: { video: 16 } }, 'camera', null],
    [{ kind: 'camera', screenSlot: { video: 2, audio: 2 } }, 'camera', null],
    [{ kind: 'camera', screenSlot: { video: '3' } }, 'camera', null],
    [{ kind: 'camera', screenSlot: [3] }, 'camera', null],
    [{ kind: 'nonsense', screenSlot: { video: 3 } }, 'camera', { video: 3 }],
  ])('%j is a %s call with slot %j', (metadata, kind, slot) => {
    expect(callKindOf(metadata)).toBe(kind);
    expect(screenSlotOf(metadata)).toEqual(slot);
  });
});
